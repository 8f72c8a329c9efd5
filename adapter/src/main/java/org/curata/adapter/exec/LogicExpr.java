package org.curata.adapter.exec;

import java.util.List;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/** The boolean connectives and tests of SQL's three-valued logic. */
final class LogicExpr {
  private LogicExpr() {
  }

  private static final FieldType BOOL = FieldType.of(FieldKind.BOOL);

  private static String join(String name, List<Expr> operands) {
    StringBuilder b = new StringBuilder(name).append('(');
    for (int i = 0; i < operands.size(); i++) {
      b.append(i > 0 ? ", " : "").append(operands.get(i));
    }
    return b.append(')').toString();
  }

  /**
   * AND (or OR): FALSE (TRUE) as soon as one operand is, else NULL if one is NULL. Each operand is
   * evaluated only on the rows not yet decided, as Calcite's generated code short-circuits, so a
   * guard such as {@code d <> 0 AND n / d > 1} never divides by zero.
   */
  static final class AndOr extends Expr {
    private final boolean and;
    private final Expr[] operands;

    AndOr(boolean and, List<Expr> operands) {
      super(BOOL, join(and ? "AND" : "OR", operands));
      this.and = and;
      this.operands = operands.toArray(new Expr[0]);
    }

    @Override
    void columns(boolean[] used) {
      for (Expr e : operands) {
        e.columns(used);
      }
    }

    @Override
    Eval bind() {
      Eval[] evals = new Eval[operands.length];
      for (int i = 0; i < evals.length; i++) {
        evals[i] = operands[i].bind();
      }
      long undecided = and ? 1 : 0;
      long decider = and ? 0 : 1;
      return new Eval() {
        private int[] active = new int[0];

        @Override
        ColumnVector eval(ColumnVector[] in, int[] sel, int n, int capacity) {
          ColumnVector v = out(type(), capacity);
          long[] o = v.longs;
          boolean[] on = v.nulls;
          if (active.length < n) {
            active = new int[Math.max(n, capacity)];
          }
          int[] act = active;
          for (int i = 0; i < n; i++) {
            int p = sel[i];
            act[i] = p;
            o[p] = undecided;
            on[p] = false;
          }
          int m = n;
          for (int k = 0; k < evals.length && m > 0; k++) {
            ColumnVector x = evals[k].eval(in, act, m, capacity);
            long[] xv = x.longs;
            boolean[] xn = x.nulls;
            int keep = 0;
            for (int i = 0; i < m; i++) {
              int p = act[i];
              if (xn[p]) {
                on[p] = true;
                act[keep++] = p;
              } else if (xv[p] == decider) {
                o[p] = decider;
                on[p] = false;
              } else {
                act[keep++] = p;
              }
            }
            m = keep;
          }
          return v;
        }
      };
    }
  }

  /** NOT: TRUE and FALSE swap, NULL stays NULL. */
  static final class Not extends Expr.Unary {

    Not(Expr operand) {
      super(BOOL, "NOT(" + operand + ")", operand);
    }

    @Override
    Eval bind() {
      Eval child = operand.bind();
      return new Eval() {
        @Override
        ColumnVector eval(ColumnVector[] in, int[] sel, int n, int capacity) {
          ColumnVector a = child.eval(in, sel, n, capacity);
          ColumnVector v = out(type(), capacity);
          long[] x = a.longs;
          boolean[] an = a.nulls;
          long[] o = v.longs;
          boolean[] on = v.nulls;
          for (int i = 0; i < n; i++) {
            int p = sel[i];
            o[p] = x[p] ^ 1;
            on[p] = an[p];
          }
          return v;
        }
      };
    }
  }

  /** A never-NULL test: a fixed answer for each of TRUE, FALSE and NULL. */
  static final class Truth extends Expr.Unary {
    private final long onTrue;
    private final long onFalse;
    private final long onNull;

    Truth(Expr operand, boolean onTrue, boolean onFalse, boolean onNull, String sql) {
      super(BOOL, sql, operand);
      this.onTrue = onTrue ? 1 : 0;
      this.onFalse = onFalse ? 1 : 0;
      this.onNull = onNull ? 1 : 0;
    }

    @Override
    Eval bind() {
      Eval child = operand.bind();
      boolean isBool = operand.type().kind() == FieldKind.BOOL;
      return new Eval() {
        @Override
        ColumnVector eval(ColumnVector[] in, int[] sel, int n, int capacity) {
          ColumnVector a = child.eval(in, sel, n, capacity);
          ColumnVector v = out(type(), capacity);
          boolean[] an = a.nulls;
          long[] o = v.longs;
          boolean[] on = v.nulls;
          if (isBool) {
            long[] x = a.longs;
            for (int i = 0; i < n; i++) {
              int p = sel[i];
              o[p] = an[p] ? onNull : x[p] != 0 ? onTrue : onFalse;
              on[p] = false;
            }
          } else {
            for (int i = 0; i < n; i++) {
              int p = sel[i];
              o[p] = an[p] ? onNull : onTrue;
              on[p] = false;
            }
          }
          return v;
        }
      };
    }
  }
}
