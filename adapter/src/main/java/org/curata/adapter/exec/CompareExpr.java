package org.curata.adapter.exec;

import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * A comparison of two expressions of the same physical kind, NULL when either is NULL: integral
 * values (integers, BOOL, DATE days, millisecond TIMESTAMP micros) as longs, floats with Java's
 * primitive operators, strings in Java's {@code String.compareTo} order (UTF-16 code units), which
 * is what Calcite's runtime uses.
 */
final class CompareExpr extends Expr {
  private final CompareOp op;
  private final Expr left;
  private final Expr right;

  CompareExpr(CompareOp op, Expr left, Expr right) {
    super(FieldType.of(FieldKind.BOOL), "(" + left + " " + op.sql() + " " + right + ")");
    if (ColumnVector.kindOf(left.type()) != ColumnVector.kindOf(right.type())) {
      throw new IllegalArgumentException("comparison of " + left.type() + " with "
          + right.type() + " in " + this);
    }
    this.op = op;
    this.left = left;
    this.right = right;
  }

  @Override
  void columns(boolean[] used) {
    left.columns(used);
    right.columns(used);
  }

  @Override
  Eval bind() {
    Eval l = left.bind();
    Eval r = right.bind();
    return new Eval() {
      @Override
      ColumnVector eval(ColumnVector[] in, int[] sel, int n, int capacity) {
        ColumnVector a = l.eval(in, sel, n, capacity);
        ColumnVector b = r.eval(in, sel, n, capacity);
        ColumnVector v = out(type(), capacity);
        boolean[] an = a.nulls;
        boolean[] bn = b.nulls;
        boolean[] on = v.nulls;
        long[] o = v.longs;
        switch (a.kind) {
          case LONG:
            longs(a.longs, b.longs, o, sel, n);
            break;
          case DOUBLE:
            doubles(a.doubles, b.doubles, o, sel, n);
            break;
          default: {
            byte[][] x = a.bytes;
            byte[][] y = b.bytes;
            for (int i = 0; i < n; i++) {
              int p = sel[i];
              if (!an[p] && !bn[p]) {
                o[p] = op.test(SortOrder.compareUtf8AsUtf16(x[p], y[p])) ? 1 : 0;
              }
            }
          }
        }
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          on[p] = an[p] | bn[p];
        }
        return v;
      }
    };
  }

  private void longs(long[] a, long[] b, long[] o, int[] sel, int n) {
    switch (op) {
      case EQ:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] == b[p] ? 1 : 0;
        }
        return;
      case NE:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] != b[p] ? 1 : 0;
        }
        return;
      case LT:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] < b[p] ? 1 : 0;
        }
        return;
      case LE:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] <= b[p] ? 1 : 0;
        }
        return;
      case GT:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] > b[p] ? 1 : 0;
        }
        return;
      default:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] >= b[p] ? 1 : 0;
        }
    }
  }

  private void doubles(double[] a, double[] b, long[] o, int[] sel, int n) {
    switch (op) {
      case EQ:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] == b[p] ? 1 : 0;
        }
        return;
      case NE:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] != b[p] ? 1 : 0;
        }
        return;
      case LT:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] < b[p] ? 1 : 0;
        }
        return;
      case LE:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] <= b[p] ? 1 : 0;
        }
        return;
      case GT:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] > b[p] ? 1 : 0;
        }
        return;
      default:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] >= b[p] ? 1 : 0;
        }
    }
  }
}
