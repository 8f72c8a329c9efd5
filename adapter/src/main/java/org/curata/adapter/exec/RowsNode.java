package org.curata.adapter.exec;

import java.util.List;
import java.util.Objects;
import org.curata.storage.FieldType;

/**
 * Rows held in memory, each value in its column's physical representation (Long, Double or
 * byte[]; null for NULL): the operator of a VALUES list and of test inputs.
 */
public final class RowsNode implements ExecNode {
  private final List<FieldType> types;
  private final List<Object[]> rows;

  /**
   * Creates the node.
   *
   * @param types the type of each column
   * @param rows the rows, each with one value per column in its physical representation
   */
  public RowsNode(List<FieldType> types, List<Object[]> rows) {
    this.types = List.copyOf(types);
    this.rows = List.copyOf(rows);
    for (Object[] r : this.rows) {
      if (r.length != this.types.size()) {
        throw new IllegalArgumentException("row of " + r.length + " values for "
            + this.types.size() + " columns");
      }
    }
  }

  @Override
  public List<FieldType> columnTypes() {
    return types;
  }

  @Override
  public Operator open(ExecContext ctx, boolean[] needed) {
    Objects.requireNonNull(ctx, "ctx");
    int capacity = ctx.batchSize();
    ColumnVector[] vectors = Batch.vectors(types, capacity);
    Batch batch = Batch.dense(vectors, 0);
    return new Operator() {
      private int next;

      @Override
      public Batch next() {
        if (next >= rows.size()) {
          return null;
        }
        ctx.checkCancel();
        int n = Math.min(capacity, rows.size() - next);
        for (int i = 0; i < n; i++) {
          Object[] row = rows.get(next + i);
          for (int c = 0; c < vectors.length; c++) {
            set(vectors[c], i, row[c]);
          }
        }
        next += n;
        batch.setDense(n);
        return batch;
      }

      @Override
      public void close() {
      }
    };
  }

  /** Sets slot {@code i} of a vector to a value in physical representation (null: NULL). */
  static void set(ColumnVector v, int i, Object value) {
    v.nulls[i] = value == null;
    if (value == null) {
      if (v.kind == ColumnVector.Kind.BYTES) {
        v.bytes[i] = null;
      }
      return;
    }
    switch (v.kind) {
      case LONG:
        v.longs[i] = ((Number) value).longValue();
        break;
      case DOUBLE:
        v.doubles[i] = ((Number) value).doubleValue();
        break;
      default:
        v.bytes[i] = (byte[]) value;
        break;
    }
  }
}
