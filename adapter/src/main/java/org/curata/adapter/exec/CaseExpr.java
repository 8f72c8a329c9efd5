package org.curata.adapter.exec;

import java.util.List;
import org.curata.storage.FieldType;

/**
 * Searched CASE (also COALESCE and NULLIF, which Calcite expands into it): each condition is
 * evaluated on the rows no earlier condition took, and each value only on the rows that chose it,
 * so an untaken branch raises no error (as in Calcite's generated code).
 */
final class CaseExpr extends Expr {
  private final Expr[] conditions;
  private final Expr[] values;
  private final Expr otherwise;

  CaseExpr(List<Expr> conditions, List<Expr> values, Expr otherwise, FieldType type) {
    super(type, sql(conditions, values, otherwise));
    if (conditions.size() != values.size()) {
      throw new IllegalArgumentException("CASE with " + conditions.size() + " conditions and "
          + values.size() + " values");
    }
    ColumnVector.Kind kind = ColumnVector.kindOf(type);
    for (Expr v : values) {
      if (ColumnVector.kindOf(v.type()) != kind) {
        throw new IllegalArgumentException("CASE value " + v + " is not of type " + type);
      }
    }
    if (ColumnVector.kindOf(otherwise.type()) != kind) {
      throw new IllegalArgumentException("CASE value " + otherwise + " is not of type " + type);
    }
    this.conditions = conditions.toArray(new Expr[0]);
    this.values = values.toArray(new Expr[0]);
    this.otherwise = otherwise;
  }

  private static String sql(List<Expr> conditions, List<Expr> values, Expr otherwise) {
    StringBuilder b = new StringBuilder("CASE(");
    for (int i = 0; i < conditions.size(); i++) {
      b.append(conditions.get(i)).append(", ").append(values.get(i)).append(", ");
    }
    return b.append(otherwise).append(')').toString();
  }

  @Override
  void columns(boolean[] used) {
    for (int i = 0; i < conditions.length; i++) {
      conditions[i].columns(used);
      values[i].columns(used);
    }
    otherwise.columns(used);
  }

  @Override
  Eval bind() {
    Eval[] conds = new Eval[conditions.length];
    Eval[] vals = new Eval[values.length];
    for (int i = 0; i < conds.length; i++) {
      conds[i] = conditions[i].bind();
      vals[i] = values[i].bind();
    }
    Eval other = otherwise.bind();
    return new Eval() {
      private int[] remaining = new int[0];
      private int[] taken = new int[0];

      @Override
      ColumnVector eval(ColumnVector[] in, int[] sel, int n, int capacity) {
        ColumnVector v = out(type(), capacity);
        if (remaining.length < n) {
          remaining = new int[Math.max(n, capacity)];
          taken = new int[remaining.length];
        }
        int[] rest = remaining;
        int[] take = taken;
        System.arraycopy(sel, 0, rest, 0, n);
        int m = n;
        for (int k = 0; k < conds.length && m > 0; k++) {
          ColumnVector c = conds[k].eval(in, rest, m, capacity);
          long[] cv = c.longs;
          boolean[] cn = c.nulls;
          int t = 0;
          int keep = 0;
          for (int i = 0; i < m; i++) {
            int p = rest[i];
            if (!cn[p] && cv[p] != 0) {
              take[t++] = p;
            } else {
              rest[keep++] = p;
            }
          }
          m = keep;
          if (t > 0) {
            copyAt(v, vals[k].eval(in, take, t, capacity), take, t);
          }
        }
        if (m > 0) {
          copyAt(v, other.eval(in, rest, m, capacity), rest, m);
        }
        return v;
      }
    };
  }
}
