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

  /** A batch whose first {@code n} positions are all selected. */
  static Batch dense(ColumnVector[] columns, int n) {
    int capacity = columns.length > 0 ? columns[0].capacity() : n;
    int[] sel = new int[Math.max(capacity, n)];
    for (int i = 0; i < sel.length; i++) {
      sel[i] = i;
    }
    return new Batch(columns, sel, n);
  }

  /**
   * Selects the first {@code n} positions. A producer that reuses its batch calls this for each
   * batch it emits, because a consumer may have narrowed the selection of the previous one in
   * place (as filters do).
   */
  void setDense(int n) {
    for (int i = 0; i < n; i++) {
      selection[i] = i;
    }
    selected = n;
  }

  /** Fresh vectors of the given types and capacity. */
  static ColumnVector[] vectors(java.util.List<org.curata.storage.FieldType> types, int capacity) {
    ColumnVector[] v = new ColumnVector[types.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = new ColumnVector(types.get(i), capacity);
    }
    return v;
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
