package org.curata.adapter.exec;

import java.util.Arrays;
import java.util.Map;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * A CAST of a categorical column's labels to a number, resolved per code at plan time: each code
 * maps to its label's value; a code whose label is not a number of the target type raises an
 * error naming the field and labels when a row has it (SQL's CAST fails on such a row); a code
 * outside the key reads NULL, as its label does.
 */
final class LabelValues extends Expr.Unary {
  private final long[] codes;
  private final long[] longs;
  private final double[] doubles;
  private final long[] failing;
  private final String failure;

  LabelValues(Expr operand, FieldType target, Map<Long, ? extends Number> values, long[] failing,
      String failure, String sql) {
    super(target, sql, operand);
    if (operand.type().kind() != FieldKind.CATEGORICAL) {
      throw new IllegalArgumentException("not a categorical expression: " + operand);
    }
    this.codes = values.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    boolean floating = target.kind().isFloating();
    this.longs = floating ? null : new long[codes.length];
    this.doubles = floating ? new double[codes.length] : null;
    for (int i = 0; i < codes.length; i++) {
      Number v = values.get(codes[i]);
      if (floating) {
        doubles[i] = v.doubleValue();
      } else {
        longs[i] = v.longValue();
      }
    }
    this.failing = failing.clone();
    Arrays.sort(this.failing);
    this.failure = failure;
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
        boolean[] on = v.nulls;
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          if (an[p]) {
            on[p] = true;
            continue;
          }
          int k = Arrays.binarySearch(codes, x[p]);
          if (k < 0) {
            if (Arrays.binarySearch(failing, x[p]) >= 0) {
              throw new CurataException(ErrorCode.INVALID_INPUT, failure);
            }
            on[p] = true;
            continue;
          }
          on[p] = false;
          if (longs != null) {
            v.longs[p] = longs[k];
          } else {
            v.doubles[p] = doubles[k];
          }
        }
        return v;
      }
    };
  }
}
