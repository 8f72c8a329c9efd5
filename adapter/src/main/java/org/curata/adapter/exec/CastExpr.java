package org.curata.adapter.exec;

import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * A CAST between numeric types with the semantics of Calcite 1.42's runtime: integers widen
 * exactly and narrow with a range check (an out-of-range value is an error, not a wrapped one);
 * floats convert to integers by truncation toward zero with a range check on the truncated value
 * (NaN gives 0 for TINYINT, SMALLINT and INTEGER and an error for BIGINT, whose limits are both
 * exclusive, as Calcite converts through BigDecimal there); to REAL a value rounds to float.
 */
final class CastExpr extends Expr.Unary {
  private static final double TWO_63 = 9.223372036854775808E18;

  CastExpr(Expr operand, FieldType target, String sql) {
    super(target, sql, operand);
    FieldKind t = target.kind();
    boolean numericTarget = t == FieldKind.INT8 || t == FieldKind.INT16 || t == FieldKind.INT32
        || t == FieldKind.INT64 || t.isFloating();
    if (!numericTarget) {
      throw new IllegalArgumentException("CAST to " + target + " in " + sql);
    }
    if (ColumnVector.kindOf(operand.type()) == ColumnVector.Kind.BYTES) {
      throw new IllegalArgumentException("CAST of a string in " + sql);
    }
  }

  private static long min(FieldKind k) {
    switch (k) {
      case INT8: return Byte.MIN_VALUE;
      case INT16: return Short.MIN_VALUE;
      case INT32: return Integer.MIN_VALUE;
      default: return Long.MIN_VALUE;
    }
  }

  private static long max(FieldKind k) {
    switch (k) {
      case INT8: return Byte.MAX_VALUE;
      case INT16: return Short.MAX_VALUE;
      case INT32: return Integer.MAX_VALUE;
      default: return Long.MAX_VALUE;
    }
  }

  @Override
  Eval bind() {
    Eval child = operand.bind();
    FieldKind target = type().kind();
    boolean fromDouble = ColumnVector.kindOf(operand.type()) == ColumnVector.Kind.DOUBLE;
    long lo = min(target);
    long hi = max(target);
    return new Eval() {
      @Override
      ColumnVector eval(ColumnVector[] in, int[] sel, int n, int capacity) {
        ColumnVector a = child.eval(in, sel, n, capacity);
        ColumnVector v = out(type(), capacity);
        boolean[] an = a.nulls;
        boolean[] on = v.nulls;
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          on[p] = an[p];
        }
        if (fromDouble) {
          double[] x = a.doubles;
          if (target == FieldKind.FLOAT64) {
            double[] o = v.doubles;
            for (int i = 0; i < n; i++) {
              int p = sel[i];
              o[p] = x[p];
            }
          } else if (target == FieldKind.FLOAT32) {
            double[] o = v.doubles;
            for (int i = 0; i < n; i++) {
              int p = sel[i];
              o[p] = (float) x[p];
            }
          } else if (target == FieldKind.INT64) {
            long[] o = v.longs;
            for (int i = 0; i < n; i++) {
              int p = sel[i];
              double d = x[p];
              if (!(d > -TWO_63 && d < TWO_63)) {
                if (an[p]) {
                  continue;
                }
                throw outOfRange(Double.toString(d));
              }
              o[p] = (long) d;
            }
          } else {
            long[] o = v.longs;
            double dlo = lo - 1.0;
            double dhi = hi + 1.0;
            for (int i = 0; i < n; i++) {
              int p = sel[i];
              double d = x[p];
              if (d <= dlo || d >= dhi) {
                if (an[p]) {
                  continue;
                }
                throw outOfRange(Double.toString(d));
              }
              o[p] = d != d ? 0 : (long) d;
            }
          }
        } else {
          long[] x = a.longs;
          if (target.isFloating()) {
            double[] o = v.doubles;
            boolean single = target == FieldKind.FLOAT32;
            for (int i = 0; i < n; i++) {
              int p = sel[i];
              o[p] = single ? (double) (float) x[p] : (double) x[p];
            }
          } else {
            long[] o = v.longs;
            for (int i = 0; i < n; i++) {
              int p = sel[i];
              long y = x[p];
              if ((y < lo || y > hi) && !an[p]) {
                throw outOfRange(Long.toString(y));
              }
              o[p] = y;
            }
          }
        }
        return v;
      }
    };
  }

  /** The error of an out-of-range value: Java's exception and message, as Calcite's runtime. */
  private ArithmeticException outOfRange(String value) {
    return new ArithmeticException("Value " + value + " out of range in " + this);
  }
}
