package org.curata.adapter.exec;

import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * Binary arithmetic with the semantics of Calcite's generated Java code: INTEGER wraps at 32 bits
 * and BIGINT at 64 (Java {@code int} and {@code long} arithmetic), integer division truncates and
 * an integer division or MOD by zero is an error; REAL computes in {@code float}, DOUBLE in
 * {@code double} (division by zero gives an infinity or NaN). Both operands have the result's
 * physical kind (the compiler casts them).
 */
final class ArithExpr extends Expr {
  private final ArithOp op;
  private final Expr left;
  private final Expr right;

  ArithExpr(ArithOp op, FieldType type, Expr left, Expr right) {
    super(type, op == ArithOp.MOD ? "MOD(" + left + ", " + right + ")"
        : "(" + left + " " + op.sql() + " " + right + ")");
    FieldKind k = type.kind();
    if (k != FieldKind.INT32 && k != FieldKind.INT64 && k != FieldKind.FLOAT32
        && k != FieldKind.FLOAT64) {
      throw new IllegalArgumentException("arithmetic result type " + type + " in " + this);
    }
    if (k.isFloating() && op == ArithOp.MOD) {
      throw new IllegalArgumentException("MOD on floating values in " + this);
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
    FieldKind kind = type().kind();
    return new Eval() {
      @Override
      ColumnVector eval(ColumnVector[] in, int[] sel, int n, int capacity) {
        ColumnVector a = l.eval(in, sel, n, capacity);
        ColumnVector b = r.eval(in, sel, n, capacity);
        ColumnVector v = out(type(), capacity);
        boolean[] an = a.nulls;
        boolean[] bn = b.nulls;
        boolean[] on = v.nulls;
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          on[p] = an[p] | bn[p];
        }
        switch (kind) {
          case INT32:
            ints(a.longs, b.longs, v.longs, on, sel, n);
            break;
          case INT64:
            longs(a.longs, b.longs, v.longs, on, sel, n);
            break;
          case FLOAT32:
            floats(a.doubles, b.doubles, v.doubles, sel, n);
            break;
          default:
            doubles(a.doubles, b.doubles, v.doubles, sel, n);
            break;
        }
        return v;
      }
    };
  }

  private void ints(long[] a, long[] b, long[] o, boolean[] nulls, int[] sel, int n) {
    switch (op) {
      case PLUS:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = (int) a[p] + (int) b[p];
        }
        return;
      case MINUS:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = (int) a[p] - (int) b[p];
        }
        return;
      case TIMES:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = (int) a[p] * (int) b[p];
        }
        return;
      case DIVIDE:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          int d = (int) b[p];
          if (d == 0) {
            if (nulls[p]) {
              continue;
            }
            throw divisionByZero();
          }
          o[p] = (int) a[p] / d;
        }
        return;
      default:
        // MOD's type is its divisor's: a BIGINT dividend is reduced in long, then narrowed
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          long d = b[p];
          if (d == 0) {
            if (nulls[p]) {
              continue;
            }
            throw divisionByZero();
          }
          o[p] = (int) (a[p] % d);
        }
    }
  }

  private void longs(long[] a, long[] b, long[] o, boolean[] nulls, int[] sel, int n) {
    switch (op) {
      case PLUS:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] + b[p];
        }
        return;
      case MINUS:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] - b[p];
        }
        return;
      case TIMES:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] * b[p];
        }
        return;
      case DIVIDE:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          long d = b[p];
          if (d == 0) {
            if (nulls[p]) {
              continue;
            }
            throw divisionByZero();
          }
          o[p] = a[p] / d;
        }
        return;
      default:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          long d = b[p];
          if (d == 0) {
            if (nulls[p]) {
              continue;
            }
            throw divisionByZero();
          }
          o[p] = a[p] % d;
        }
    }
  }

  private void floats(double[] a, double[] b, double[] o, int[] sel, int n) {
    switch (op) {
      case PLUS:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = (float) a[p] + (float) b[p];
        }
        return;
      case MINUS:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = (float) a[p] - (float) b[p];
        }
        return;
      case TIMES:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = (float) a[p] * (float) b[p];
        }
        return;
      default:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = (float) a[p] / (float) b[p];
        }
    }
  }

  private void doubles(double[] a, double[] b, double[] o, int[] sel, int n) {
    switch (op) {
      case PLUS:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] + b[p];
        }
        return;
      case MINUS:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] - b[p];
        }
        return;
      case TIMES:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] * b[p];
        }
        return;
      default:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          o[p] = a[p] / b[p];
        }
    }
  }

  /**
   * The error of an integer division by zero: Java's own exception, as Calcite's generated code
   * throws, so that the driver reports it the same way (SQLState 22012) whichever engine ran it.
   */
  private ArithmeticException divisionByZero() {
    return new ArithmeticException("/ by zero in " + this);
  }

  /** Unary minus (INTEGER and BIGINT wrap, as Java's {@code -x}). */
  static final class Negate extends Expr.Unary {

    Negate(Expr operand) {
      super(operand.type(), "-" + operand, operand);
      FieldKind k = operand.type().kind();
      if (k != FieldKind.INT32 && k != FieldKind.INT64 && k != FieldKind.FLOAT32
          && k != FieldKind.FLOAT64) {
        throw new IllegalArgumentException("unary minus on type " + operand.type() + " in " + this);
      }
    }

    @Override
    Eval bind() {
      Eval child = operand.bind();
      FieldKind kind = type().kind();
      return new Eval() {
        @Override
        ColumnVector eval(ColumnVector[] in, int[] sel, int n, int capacity) {
          ColumnVector a = child.eval(in, sel, n, capacity);
          ColumnVector v = out(type(), capacity);
          boolean[] an = a.nulls;
          boolean[] on = v.nulls;
          if (kind == FieldKind.INT32) {
            long[] x = a.longs;
            long[] o = v.longs;
            for (int i = 0; i < n; i++) {
              int p = sel[i];
              o[p] = -(int) x[p];
              on[p] = an[p];
            }
          } else if (kind == FieldKind.INT64) {
            long[] x = a.longs;
            long[] o = v.longs;
            for (int i = 0; i < n; i++) {
              int p = sel[i];
              o[p] = -x[p];
              on[p] = an[p];
            }
          } else {
            double[] x = a.doubles;
            double[] o = v.doubles;
            for (int i = 0; i < n; i++) {
              int p = sel[i];
              o[p] = -x[p];
              on[p] = an[p];
            }
          }
          return v;
        }
      };
    }
  }
}
