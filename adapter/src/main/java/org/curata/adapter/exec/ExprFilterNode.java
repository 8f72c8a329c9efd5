package org.curata.adapter.exec;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * Narrows the selection of its input's batches to the rows where a boolean {@link Expr} is TRUE
 * (FALSE and NULL drop the row), for conditions that are not simple typed predicates.
 */
public final class ExprFilterNode implements ExecNode {
  private final ExecNode input;
  private final Expr condition;

  /**
   * Creates a filter.
   *
   * @param input the input
   * @param condition a BOOL expression on input columns
   */
  public ExprFilterNode(ExecNode input, Expr condition) {
    this.input = Objects.requireNonNull(input, "input");
    this.condition = Objects.requireNonNull(condition, "condition");
    if (condition.type().kind() != FieldKind.BOOL) {
      throw new IllegalArgumentException("filter condition " + condition + " is not boolean");
    }
  }

  @Override
  public List<FieldType> columnTypes() {
    return input.columnTypes();
  }

  @Override
  public Operator open(ExecContext ctx, boolean[] needed) {
    boolean[] inNeeded = Arrays.copyOf(needed, needed.length);
    condition.columns(inNeeded);
    Expr.Eval eval = condition.bind();
    Operator in = input.open(ctx, inNeeded);
    return new Operator() {
      @Override
      public Batch next() {
        while (true) {
          Batch b = in.next();
          if (b == null) {
            return null;
          }
          ctx.checkCancel();
          int[] sel = b.selection;
          ColumnVector v = eval.eval(b.columns, sel, b.selected, ComputeNode.capacity(b));
          long[] x = v.longs;
          boolean[] nl = v.nulls;
          int k = 0;
          for (int i = 0; i < b.selected; i++) {
            int p = sel[i];
            if (!nl[p] && x[p] != 0) {
              sel[k++] = p;
            }
          }
          b.selected = k;
          if (k > 0) {
            return b;
          }
        }
      }

      @Override
      public void close() {
        in.close();
      }
    };
  }
}
