package org.curata.adapter.exec;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.curata.storage.FieldType;

/** Narrows the selection of its input's batches by a typed predicate on input columns. */
public final class FilterNode implements ExecNode {
  private final ExecNode input;
  private final Predicate predicate;

  /**
   * Creates a filter.
   *
   * @param input the input
   * @param predicate the predicate, on input column indexes
   */
  public FilterNode(ExecNode input, Predicate predicate) {
    this.input = Objects.requireNonNull(input, "input");
    this.predicate = Objects.requireNonNull(predicate, "predicate");
  }

  @Override
  public List<FieldType> columnTypes() {
    return input.columnTypes();
  }

  @Override
  public Operator open(ExecContext ctx, boolean[] needed) {
    boolean[] inNeeded = Arrays.copyOf(needed, needed.length);
    for (int c : Predicate.columns(predicate)) {
      inNeeded[c] = true;
    }
    Operator in = input.open(ctx, inNeeded);
    return new Operator() {
      private Batch bound;
      private VectorFilter filter;

      @Override
      public Batch next() {
        while (true) {
          Batch b = in.next();
          if (b == null) {
            return null;
          }
          if (b != bound) {
            bound = b;
            filter = VectorFilter.compile(predicate, b.columns, c -> c, b.selection.length);
          }
          b.selected = filter.filter(b.selection, b.selected);
          if (b.selected > 0) {
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
