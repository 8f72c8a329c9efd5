package org.curata.adapter.exec;

import java.util.List;
import java.util.Objects;
import org.curata.storage.FieldType;

/**
 * OFFSET and FETCH without ORDER BY: skips the first rows of its input and passes on at most
 * {@code fetch} rows after them by narrowing each batch's selection (into its own selection
 * array, so the input's batch is untouched); once the fetch is reached it closes its input
 * without pulling further.
 */
public final class LimitNode implements ExecNode {
  private final ExecNode input;
  private final long offset;
  private final long fetch;

  /**
   * Creates a limit.
   *
   * @param input the input
   * @param offset rows to skip (0 for none)
   * @param fetch rows to return after the offset, or -1 for all
   */
  public LimitNode(ExecNode input, long offset, long fetch) {
    this.input = Objects.requireNonNull(input, "input");
    if (offset < 0 || fetch < -1) {
      throw new IllegalArgumentException("offset " + offset + ", fetch " + fetch);
    }
    this.offset = offset;
    this.fetch = fetch;
  }

  @Override
  public List<FieldType> columnTypes() {
    return input.columnTypes();
  }

  @Override
  public Operator open(ExecContext ctx, boolean[] needed) {
    Objects.requireNonNull(ctx, "ctx");
    return new Operator() {
      private Operator in = fetch == 0 ? null : input.open(ctx, needed);
      private long skip = offset;
      private long remaining = fetch < 0 ? Long.MAX_VALUE : fetch;
      private int[] selection = new int[0];
      private Batch out;
      private Batch source;

      @Override
      public Batch next() {
        while (in != null) {
          if (remaining == 0) {
            close();
            return null;
          }
          Batch b = in.next();
          if (b == null) {
            close();
            return null;
          }
          int n = b.selected;
          int from = (int) Math.min(skip, n);
          skip -= from;
          int count = (int) Math.min(n - from, remaining);
          if (count == 0) {
            continue;
          }
          remaining -= count;
          if (from == 0 && count == n) {
            return b;
          }
          if (selection.length < count) {
            selection = new int[Math.max(count, b.selection.length)];
          }
          System.arraycopy(b.selection, from, selection, 0, count);
          if (b != source) {
            source = b;
            out = new Batch(b.columns, selection, count);
          } else if (out.selection != selection) {
            out = new Batch(b.columns, selection, count);
          }
          out.selected = count;
          return out;
        }
        return null;
      }

      @Override
      public void close() {
        if (in != null) {
          Operator o = in;
          in = null;
          o.close();
        }
      }
    };
  }

  @Override
  public String toString() {
    return "LimitNode offset " + offset + (fetch >= 0 ? " fetch " + fetch : "");
  }
}
