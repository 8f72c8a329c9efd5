package org.curata.adapter.exec;

import org.apache.calcite.avatica.util.DateTimeUtils;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * EXTRACT and FLOOR/CEIL of dates (days) and timestamps (micros, whole milliseconds) on the
 * millisecond value SQL sees, as Calcite's runtime computes them: calendar fields through Avatica's
 * day-number routines on the floored day, time-of-day fields and sub-month rounding by floored
 * division of milliseconds (so times before 1970 count forward from midnight).
 */
final class TemporalExpr {
  private TemporalExpr() {
  }

  /** EXTRACT(unit FROM x). */
  static final class Extract extends Expr.Unary {
    private final TimeUnit unit;

    Extract(TimeUnit unit, Expr operand, FieldType type) {
      super(type, "EXTRACT(" + unit + " FROM " + operand + ")", operand);
      FieldKind k = operand.type().kind();
      if (k != FieldKind.DATE && k != FieldKind.TIMESTAMP
          || k == FieldKind.DATE && !unit.dateUnit()) {
        throw new IllegalArgumentException("cannot run " + this + " on " + operand.type());
      }
      this.unit = unit;
    }

    @Override
    Eval bind() {
      Eval child = operand.bind();
      boolean date = operand.type().kind() == FieldKind.DATE;
      boolean dateUnit = unit.dateUnit();
      TimeUnitRange range = unit.range();
      long modulus = unit == TimeUnit.HOUR ? DateTimeUtils.MILLIS_PER_DAY
          : unit == TimeUnit.MINUTE ? DateTimeUtils.MILLIS_PER_HOUR
          : DateTimeUtils.MILLIS_PER_MINUTE;
      long divisor = unit == TimeUnit.HOUR ? DateTimeUtils.MILLIS_PER_HOUR
          : unit == TimeUnit.MINUTE ? DateTimeUtils.MILLIS_PER_MINUTE
          : DateTimeUtils.MILLIS_PER_SECOND;
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
            on[p] = an[p];
            if (!an[p]) {
              if (date) {
                o[p] = DateTimeUtils.unixDateExtract(range, x[p]);
              } else if (dateUnit) {
                o[p] = DateTimeUtils.unixDateExtract(range,
                    Math.floorDiv(x[p], DateTimeUtils.MILLIS_PER_DAY * 1000L));
              } else {
                long ms = Math.floorDiv(x[p], 1000L);
                o[p] = Math.floorMod(ms, modulus) / divisor;
              }
            }
          }
          return v;
        }
      };
    }
  }

  /** FLOOR(x TO unit) or CEIL(x TO unit); the result has the operand's type. */
  static final class Round extends Expr.Unary {
    private final boolean ceil;
    private final TimeUnit unit;

    Round(boolean ceil, TimeUnit unit, Expr operand) {
      super(operand.type(), (ceil ? "CEIL(" : "FLOOR(") + operand + " TO " + unit + ")", operand);
      FieldKind k = operand.type().kind();
      if (k != FieldKind.DATE && k != FieldKind.TIMESTAMP || k == FieldKind.DATE && !unit.dateUnit()
          || unit == TimeUnit.DOW || unit == TimeUnit.DOY) {
        throw new IllegalArgumentException("cannot run " + this + " on " + operand.type());
      }
      this.ceil = ceil;
      this.unit = unit;
    }

    @Override
    Eval bind() {
      Eval child = operand.bind();
      boolean date = operand.type().kind() == FieldKind.DATE;
      TimeUnitRange range = unit.range();
      boolean calendar = unit == TimeUnit.YEAR || unit == TimeUnit.QUARTER
          || unit == TimeUnit.MONTH;
      long step = unit == TimeUnit.DAY ? DateTimeUtils.MILLIS_PER_DAY
          : unit == TimeUnit.HOUR ? DateTimeUtils.MILLIS_PER_HOUR
          : unit == TimeUnit.MINUTE ? DateTimeUtils.MILLIS_PER_MINUTE
          : DateTimeUtils.MILLIS_PER_SECOND;
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
            on[p] = an[p];
            if (an[p]) {
              continue;
            }
            if (date) {
              o[p] = calendar ? (ceil ? DateTimeUtils.unixDateCeil(range, x[p])
                  : DateTimeUtils.unixDateFloor(range, x[p])) : x[p];
            } else {
              long ms = Math.floorDiv(x[p], 1000L);
              long r;
              if (calendar) {
                // Calcite first rounds to a day in the same direction, then to the unit
                long dm = Math.floorMod(ms, DateTimeUtils.MILLIS_PER_DAY);
                long day = dm == 0 ? ms : ceil ? ms - dm + DateTimeUtils.MILLIS_PER_DAY : ms - dm;
                r = ceil ? DateTimeUtils.unixTimestampCeil(range, day)
                    : DateTimeUtils.unixTimestampFloor(range, day);
              } else {
                long m = Math.floorMod(ms, step);
                r = m == 0 ? ms : ceil ? ms - m + step : ms - m;
              }
              o[p] = r * 1000L;
            }
          }
          return v;
        }
      };
    }
  }
}
