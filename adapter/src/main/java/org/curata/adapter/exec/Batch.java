package org.curata.adapter.exec;

/**
 * A batch of rows (DuckDB's DataChunk): column vectors of equal capacity and a selection vector
 * naming, in ascending order, the positions that are rows of the result. Operators narrow the
 * selection instead of copying values.
 */
public final class Batch {
  final ColumnVector[] columns;
  final int[] selection;
  int selected;

  Batch(ColumnVector[] columns, int[] selection, int selected) {
    this.columns = columns;
    this.selection = selection;
    this.selected = selected;
  }

  /** Rows selected in this batch. */
  public int selectedCount() {
    return selected;
  }

  /** Columns of the batch. */
  public int columnCount() {
    return columns.length;
  }
}
