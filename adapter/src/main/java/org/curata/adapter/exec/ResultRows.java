package org.curata.adapter.exec;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * The rows of one run of a {@link CurataQuery} as a JDBC result set iterates them: either as
 * boxed rows ({@link #next}, exactly what Calcite's cursor over the query's Enumerable would see)
 * or, for a driver that reads values without boxing, row by row ({@link #advance}) through the
 * primitive slots of the current row ({@link #isNull}, {@link #longValue}, {@link #doubleValue},
 * {@link #string}). A reader uses one way or the other, not both.
 *
 * <p>Like Calcite's iterator over an Enumerable it looks one row ahead: creating it runs the plan
 * up to its first batch, and taking a row fetches the next batch when the row was the last of its
 * batch, so errors surface at the same calls either way. The last row of each batch is copied
 * before the next batch is fetched, because a batch is only valid until then.
 */
public final class ResultRows implements Iterator<Object>, AutoCloseable {
  private final CurataQuery.RowEnumerator rows;
  private final List<FieldType> types;
  private final ColumnVector[] lastRow;
  private boolean hasNext;
  private boolean started;
  private ColumnVector[] current;
  private int position;
  /** One position and its boxed value, for {@link #value}. */
  private final int[] onePosition = new int[1];
  private final Object[] oneValue = new Object[1];

  ResultRows(CurataQuery.RowEnumerator rows, List<FieldType> types) {
    this.rows = Objects.requireNonNull(rows, "rows");
    this.types = List.copyOf(types);
    this.lastRow = new ColumnVector[this.types.size()];
    boolean first;
    try {
      first = rows.moveNext();
    } catch (RuntimeException | Error e) {
      // nobody holds these rows yet to close them: release the operators and spill files here
      rows.close();
      throw e;
    }
    this.hasNext = first;
  }

  @Override
  public boolean hasNext() {
    return hasNext;
  }

  /** The next row, boxed as Calcite's Enumerable gives it (Object[], or the value if scalar). */
  @Override
  public Object next() {
    started = true;
    Object row = rows.current();
    hasNext = rows.moveNext();
    return row;
  }

  /**
   * Moves to the next row without boxing it; call only when {@link #hasNext} is true. Its slots
   * are then readable until the next call.
   */
  public void advance() {
    started = true;
    Batch b = rows.batch();
    int index = rows.index();
    int p = b.selection[index];
    if (index + 1 < b.selected) {
      current = b.columns;
      position = p;
    } else {
      for (int c = 0; c < lastRow.length; c++) {
        ColumnVector src = b.columns[c];
        if (lastRow[c] == null || !lastRow[c].type.equals(src.type)) {
          lastRow[c] = new ColumnVector(src.type, 1);
        }
        lastRow[c].copyFrom(0, src, p);
        if (lastRow[c].kind == ColumnVector.Kind.BYTES && lastRow[c].bytes[0] != null) {
          lastRow[c].bytes[0] = lastRow[c].bytes[0].clone();
        }
      }
      current = lastRow;
      position = 0;
    }
    hasNext = rows.moveNext();
  }

  /** Whether a row has been taken, by {@link #next} or {@link #advance}. */
  public boolean started() {
    return started;
  }

  /** The number of columns. */
  public int columnCount() {
    return types.size();
  }

  /** The storage type of column {@code c} (a categorical's values are labels here). */
  public FieldType type(int c) {
    return types.get(c);
  }

  /** Whether column {@code c} of the current row is NULL (a categorical code with no label is
   * not NULL here, but its {@link #string} is null). */
  public boolean isNull(int c) {
    return current[c].nulls[position];
  }

  /**
   * The integral value of column {@code c} of the current row as stored: BOOL as 0 or 1, DATE as
   * days, TIMESTAMP as microseconds ({@link #timestampMillis} gives what SQL sees), a categorical
   * as its code. Meaningless if {@link #isNull}.
   */
  public long longValue(int c) {
    return current[c].longs[position];
  }

  /** A TIMESTAMP column's value as SQL sees it: milliseconds, floored. */
  public long timestampMillis(int c) {
    return Math.floorDiv(current[c].longs[position], 1000L);
  }

  /** The floating-point value of column {@code c} of the current row. */
  public double doubleValue(int c) {
    return current[c].doubles[position];
  }

  /**
   * The value of string or categorical column {@code c} of the current row: the decoded UTF-8,
   * or the code's label; null if NULL or if the code has no label.
   */
  public String string(int c) {
    ColumnVector v = current[c];
    if (v.nulls[position]) {
      return null;
    }
    if (v.type.kind() == FieldKind.CATEGORICAL) {
      return rows.labels(c).label(v.longs[position]);
    }
    return new String(v.bytes[position], StandardCharsets.UTF_8);
  }

  /** The value of column {@code c} of the current row boxed exactly as {@link #next} boxes it. */
  public Object value(int c) {
    onePosition[0] = position;
    CurataQuery.box(current[c], rows.labels(c), onePosition, 1, oneValue);
    return oneValue[0];
  }

  /** Ends the run: closes the operators and deletes the spill files. */
  @Override
  public void close() {
    rows.close();
  }
}
