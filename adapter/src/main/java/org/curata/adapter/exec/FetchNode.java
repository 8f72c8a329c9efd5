package org.curata.adapter.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.curata.storage.Block;
import org.curata.storage.BlockInfo;
import org.curata.storage.DataFrame;
import org.curata.storage.Field;
import org.curata.storage.FieldType;

/**
 * Late materialisation: takes rows that carry a {@link ScanNode#ROW_ID row id} (e.g. the few
 * survivors of a sort with LIMIT, which sorted only its keys and the id) and reads the other
 * fields of just those rows from the dataframe, at the version the scan read. Each output column
 * is either an input column passed through or a field fetched by row id. Output batches are dense.
 */
public final class FetchNode implements ExecNode {
  private final ExecNode input;
  private final TableSource source;
  private final int rowIdColumn;
  private final int[] inputColumns;
  private final int[] fetchFields;
  private final List<FieldType> types;

  /**
   * Creates a fetch.
   *
   * @param input rows with a row id column
   * @param source the dataframe the row ids number, at the version the input's scan read
   * @param rowIdColumn the input column holding the row id
   * @param inputColumns per output column, the input column passed through, or -1 to fetch
   * @param fetchFields per output column, the dataframe field index fetched (where inputColumns
   *     is -1; ignored elsewhere)
   */
  public FetchNode(ExecNode input, TableSource source, int rowIdColumn, int[] inputColumns,
      int[] fetchFields) {
    this.input = Objects.requireNonNull(input, "input");
    this.source = Objects.requireNonNull(source, "source");
    this.rowIdColumn = rowIdColumn;
    this.inputColumns = inputColumns.clone();
    this.fetchFields = fetchFields.clone();
    if (inputColumns.length != fetchFields.length) {
      throw new IllegalArgumentException("inputColumns and fetchFields differ in length");
    }
    List<Field> all = source.plannedFrame().fields();
    List<FieldType> t = new ArrayList<>();
    for (int i = 0; i < inputColumns.length; i++) {
      t.add(inputColumns[i] >= 0 ? input.columnTypes().get(inputColumns[i])
          : all.get(fetchFields[i]).type());
    }
    this.types = List.copyOf(t);
  }

  @Override
  public List<FieldType> columnTypes() {
    return types;
  }

  @Override
  public Operator open(ExecContext ctx, boolean[] needed) {
    boolean[] inNeeded = new boolean[input.columnTypes().size()];
    inNeeded[rowIdColumn] = true;
    for (int i = 0; i < inputColumns.length; i++) {
      if (inputColumns[i] >= 0) {
        inNeeded[inputColumns[i]] |= needed[i];
      }
    }
    TableSource.Lease lease = source.lease();
    Operator in;
    try {
      in = input.open(ctx, inNeeded);
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
    return new FetchOperator(ctx, in, lease, needed);
  }

  /** A running fetch. */
  private final class FetchOperator implements Operator {
    private final ExecContext ctx;
    private final Operator in;
    private final TableSource.Lease lease;
    private final boolean[] needed;
    private final Field[] fields;
    private final long[][] firstRows;
    private final Block[][] blocks;
    private ColumnVector[] out;
    private Batch batch;

    FetchOperator(ExecContext ctx, Operator in, TableSource.Lease lease, boolean[] needed) {
      this.ctx = ctx;
      this.in = in;
      this.lease = lease;
      this.needed = needed.clone();
      DataFrame frame = lease.dataFrame();
      int n = inputColumns.length;
      this.fields = new Field[n];
      this.firstRows = new long[n][];
      this.blocks = new Block[n][];
      for (int i = 0; i < n; i++) {
        if (inputColumns[i] < 0 && needed[i]) {
          fields[i] = frame.fields().get(fetchFields[i]);
          List<BlockInfo> infos = fields[i].blocks();
          firstRows[i] = new long[infos.size()];
          for (int b = 0; b < infos.size(); b++) {
            firstRows[i][b] = infos.get(b).firstRow();
          }
          blocks[i] = new Block[infos.size()];
        }
      }
    }

    @Override
    public Batch next() {
      Batch b = in.next();
      if (b == null) {
        return null;
      }
      ctx.checkCancel();
      int n = b.selected;
      if (out == null || out[0].capacity() < n) {
        out = Batch.vectors(types, Math.max(n, ctx.batchSize()));
        batch = Batch.dense(out, 0);
      }
      int[] sel = b.selection;
      long[] ids = b.columns[rowIdColumn].longs;
      for (int c = 0; c < out.length; c++) {
        if (!needed[c]) {
          continue;
        }
        ColumnVector dst = out[c];
        if (inputColumns[c] >= 0) {
          ColumnVector src = b.columns[inputColumns[c]];
          for (int i = 0; i < n; i++) {
            dst.copyFrom(i, src, sel[i]);
          }
        } else {
          fetch(c, dst, ids, sel, n);
        }
      }
      batch.setDense(n);
      return batch;
    }

    private void fetch(int c, ColumnVector dst, long[] ids, int[] sel, int n) {
      long[] starts = firstRows[c];
      Block[] cache = blocks[c];
      int last = -1;
      Block block = null;
      for (int i = 0; i < n; i++) {
        long row = ids[sel[i]];
        int bi = last >= 0 && row >= starts[last]
            && (last + 1 == starts.length || row < starts[last + 1]) ? last : find(starts, row);
        if (bi != last) {
          block = cache[bi];
          if (block == null) {
            block = fields[c].block(bi);
            cache[bi] = block;
          }
          last = bi;
        }
        int r = (int) (row - starts[bi]);
        boolean isNull = block.isNull(r);
        dst.nulls[i] = isNull;
        switch (dst.kind) {
          case LONG:
            dst.longs[i] = isNull ? 0 : block.getLong(r);
            break;
          case DOUBLE:
            dst.doubles[i] = isNull ? 0 : block.getDouble(r);
            break;
          default:
            dst.bytes[i] = isNull ? null : block.getBytes(r);
            break;
        }
      }
    }

    @Override
    public void close() {
      try {
        in.close();
      } finally {
        lease.close();
      }
    }
  }

  /** The index of the block holding {@code row}: the last whose first row is at or before it. */
  private static int find(long[] starts, long row) {
    int lo = 0;
    int hi = starts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= row) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }
}
