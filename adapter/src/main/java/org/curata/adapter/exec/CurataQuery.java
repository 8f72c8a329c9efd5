package org.curata.adapter.exec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.curata.storage.FieldType;

/**
 * A compiled Curata plan as Calcite's generated code calls it: runs the operators and boxes the
 * selected rows of each batch, column by column, into the Java values Enumerable expects
 * (Boolean, Byte, Short, Integer, Long, Float, Double, String; TIMESTAMP as Long milliseconds,
 * DATE as Integer days). This is the only place values are boxed.
 */
public final class CurataQuery {
  private final ExecNode root;
  private final ExecOptions options;
  private final int batchSize;
  private final boolean scalar;

  /**
   * Creates a query.
   *
   * @param root the plan
   * @param options batch size, memory budget, threads and spill directory
   * @param scalar true when Enumerable wants each row as its single value, not an Object[]
   */
  public CurataQuery(ExecNode root, ExecOptions options, boolean scalar) {
    this.root = Objects.requireNonNull(root, "root");
    this.options = Objects.requireNonNull(options, "options");
    this.batchSize = options.batchSize();
    this.scalar = scalar;
  }

  /** Runs the plan; called from generated code. */
  public Enumerable<Object> enumerable(DataContext dataContext) {
    AtomicBoolean cancel = dataContext == null ? null
        : DataContext.Variable.CANCEL_FLAG.get(dataContext);
    Long timeout = dataContext == null ? null : DataContext.Variable.TIMEOUT.get(dataContext);
    long timeoutMillis = timeout == null ? 0 : timeout;
    return new AbstractEnumerable<Object>() {
      @Override
      public Enumerator<Object> enumerator() {
        return new RowEnumerator(cancel, timeoutMillis);
      }

      @Override
      public Iterator<Object> iterator() {
        // what a JDBC result set iterates: boxed rows, or primitive slots (ResultRows)
        return new ResultRows(new RowEnumerator(cancel, timeoutMillis), root.columnTypes());
      }
    };
  }

  /**
   * Pulls batches and hands out boxed rows. A batch is boxed when its first row is read
   * ({@link #current}), not when it is fetched, so that a reader of the primitive slots
   * ({@link ResultRows}) never pays for boxing.
   */
  final class RowEnumerator implements Enumerator<Object> {
    private final AtomicBoolean cancel;
    private final long timeoutMillis;
    private ExecContext ctx;
    private Operator op;
    private Object[] rows = new Object[0];
    private Object[][] columns;
    private Labels[] labels;
    private int count;
    private int index = -1;
    private boolean finished;
    private Batch batch;
    private boolean boxed;

    RowEnumerator(AtomicBoolean cancel, long timeoutMillis) {
      this.cancel = cancel;
      this.timeoutMillis = timeoutMillis;
    }

    @Override
    public Object current() {
      if (!boxed && batch != null) {
        boxBatch(batch);
      }
      return rows[index];
    }

    /** The batch the enumerator stands in; valid until the next {@link #moveNext}. */
    Batch batch() {
      return batch;
    }

    /** The index, in the batch's selection, of the row the enumerator stands on. */
    int index() {
      return index;
    }

    /** Code to label lookup of column {@code c}, or null if it is not categorical. */
    Labels labels(int c) {
      return labels[c];
    }

    @Override
    public boolean moveNext() {
      if (op == null && !finished) {
        boolean[] needed = new boolean[root.columnTypes().size()];
        Arrays.fill(needed, true);
        ctx = new ExecContext(options, cancel, timeoutMillis);
        try {
          op = root.open(ctx, needed);
        } catch (RuntimeException | Error e) {
          ctx.close();
          ctx = null;
          throw e;
        }
        List<FieldType> types = root.columnTypes();
        labels = new Labels[types.size()];
        for (int c = 0; c < labels.length; c++) {
          if (types.get(c).key() != null) {
            labels[c] = new Labels(types.get(c).key().labels());
          }
        }
      }
      if (++index < count) {
        return true;
      }
      while (!finished) {
        Batch b = op.next();
        if (b == null) {
          finished = true;
          close();
          return false;
        }
        batch = b;
        boxed = false;
        count = b.selected;
        if (count > 0) {
          index = 0;
          return true;
        }
      }
      return false;
    }

    private void boxBatch(Batch b) {
      boxed = true;
      int n = b.selected;
      int width = b.columns.length;
      if (columns == null || columns.length != width || (width > 0 && columns[0].length < n)) {
        columns = new Object[width][Math.max(n, batchSize)];
      }
      for (int c = 0; c < width; c++) {
        box(b.columns[c], labels[c], b.selection, n, columns[c]);
      }
      if (scalar) {
        rows = columns[0];
      } else {
        if (rows.length < n) {
          rows = new Object[Math.max(n, batchSize)];
        }
        for (int i = 0; i < n; i++) {
          Object[] row = new Object[width];
          for (int c = 0; c < width; c++) {
            row[c] = columns[c][i];
          }
          rows[i] = row;
        }
      }
    }

    @Override
    public void reset() {
      close();
      op = null;
      finished = false;
      count = 0;
      index = -1;
      batch = null;
    }

    @Override
    public void close() {
      if (op != null) {
        Operator o = op;
        ExecContext c = ctx;
        op = null;
        ctx = null;
        finished = true;
        try {
          o.close();
        } finally {
          c.close();
        }
      }
    }
  }

  /** Code to label lookup of a categorical column; codes outside the key give null. */
  static final class Labels {
    private final String[] table;
    private final long base;
    private final Map<Long, String> map;

    Labels(Map<Long, String> labels) {
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (long k : labels.keySet()) {
        min = Math.min(min, k);
        max = Math.max(max, k);
      }
      if (!labels.isEmpty() && max - min < (1 << 16)) {
        base = min;
        table = new String[(int) (max - min + 1)];
        labels.forEach((k, v) -> table[(int) (k - base)] = v);
        map = null;
      } else {
        base = 0;
        table = null;
        map = labels;
      }
    }

    String label(long code) {
      if (table != null) {
        long d = code - base;
        return d >= 0 && d < table.length ? table[(int) d] : null;
      }
      return map.get(code);
    }
  }

  /** Boxes the values at positions {@code sel[0 .. n-1]} of a column into {@code out}. */
  static void box(ColumnVector v, Labels labels, int[] sel, int n, Object[] out) {
    boolean[] nl = v.nulls;
    long[] x = v.longs;
    switch (v.type.kind()) {
      case BOOL:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          out[i] = nl[p] ? null : Boolean.valueOf(x[p] != 0);
        }
        return;
      case INT8:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          out[i] = nl[p] ? null : Byte.valueOf((byte) x[p]);
        }
        return;
      case INT16:
      case UINT8:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          out[i] = nl[p] ? null : Short.valueOf((short) x[p]);
        }
        return;
      case INT32:
      case UINT16:
      case DATE:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          out[i] = nl[p] ? null : Integer.valueOf((int) x[p]);
        }
        return;
      case INT64:
      case UINT32:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          out[i] = nl[p] ? null : Long.valueOf(x[p]);
        }
        return;
      case TIMESTAMP:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          out[i] = nl[p] ? null : Long.valueOf(Math.floorDiv(x[p], 1000L));
        }
        return;
      case FLOAT32: {
        double[] d = v.doubles;
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          out[i] = nl[p] ? null : Float.valueOf((float) d[p]);
        }
        return;
      }
      case FLOAT64: {
        double[] d = v.doubles;
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          out[i] = nl[p] ? null : Double.valueOf(d[p]);
        }
        return;
      }
      case CATEGORICAL:
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          out[i] = nl[p] ? null : labels.label(x[p]);
        }
        return;
      default: {
        byte[][] s = v.bytes;
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          out[i] = nl[p] ? null : new String(s[p], StandardCharsets.UTF_8);
        }
      }
    }
  }
}
