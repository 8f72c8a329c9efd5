package org.curata.adapter.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.curata.storage.Block;
import org.curata.storage.DataFrame;
import org.curata.storage.Encoding;
import org.curata.storage.Field;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * Reads fields of a dataframe at a pinned version block by block, skipping blocks whose
 * statistics prove the pushed predicate FALSE, and evaluates the predicate on primitive vectors
 * into a selection. Predicate columns are dataframe field indexes. An output column may be the
 * {@link #ROW_ID row id} instead of a field, for operators that fetch the other columns of
 * surviving rows later (late materialisation, see {@link FetchNode}).
 */
public final class ScanNode implements ExecNode {
  /** The field index that stands for the row id: the row's number in the dataframe (INT64). */
  public static final int ROW_ID = -1;

  private final TableSource source;
  private final int[] fields;
  private final Predicate predicate;
  private final List<FieldType> types;

  /**
   * Creates a scan.
   *
   * @param source the dataframe at its pinned version
   * @param fields the dataframe field index of each output column
   * @param predicate the pushed predicate, on dataframe field indexes
   */
  public ScanNode(TableSource source, int[] fields, Predicate predicate) {
    this.source = Objects.requireNonNull(source, "source");
    this.fields = fields.clone();
    this.predicate = Objects.requireNonNull(predicate, "predicate");
    List<Field> all = source.plannedFrame().fields();
    List<FieldType> t = new ArrayList<>();
    for (int f : fields) {
      t.add(f == ROW_ID ? FieldType.of(FieldKind.INT64) : all.get(f).type());
    }
    this.types = List.copyOf(t);
  }

  @Override
  public List<FieldType> columnTypes() {
    return types;
  }

  /**
   * Counts, from the manifest only, the row runs (blocks) the scan reads and how many of them the
   * predicate's statistics let it skip; {@code [kept, total]}.
   */
  public long[] blockCounts() {
    DataFrame frame = source.plannedFrame();
    int[] read = readFields(allTrue(fields.length));
    Segments seg = Segments.of(frame, read);
    long kept = 0;
    for (int i = 0; i < seg.count(); i++) {
      if (mayMatch(frame, read, seg, i)) {
        kept++;
      }
    }
    return new long[] {kept, seg.count()};
  }

  private static boolean[] allTrue(int n) {
    boolean[] b = new boolean[n];
    Arrays.fill(b, true);
    return b;
  }

  private int[] readFields(boolean[] needed) {
    java.util.LinkedHashSet<Integer> read = new java.util.LinkedHashSet<>();
    for (int c : Predicate.columns(predicate)) {
      read.add(c);
    }
    for (int i = 0; i < fields.length; i++) {
      if (needed[i] && fields[i] != ROW_ID) {
        read.add(fields[i]);
      }
    }
    return read.stream().mapToInt(Integer::intValue).toArray();
  }

  private boolean mayMatch(DataFrame frame, int[] read, Segments seg, int segment) {
    if (predicate instanceof Predicate.Const c) {
      return c.value();
    }
    List<Field> all = frame.fields();
    return BlockPruner.mayMatch(predicate, f -> all.get(f).type(), f -> {
      int slot = indexOf(read, f);
      return all.get(f).blocks().get(seg.blockOf[slot][segment]).stats();
    });
  }

  private static int indexOf(int[] a, int v) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == v) {
        return i;
      }
    }
    throw new IllegalStateException("field " + v + " is not read");
  }

  @Override
  public Operator open(ExecContext ctx, boolean[] needed) {
    TableSource.Lease lease = source.lease();
    try {
      return new ScanOperator(ctx, lease, needed);
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  /** A running scan. */
  private final class ScanOperator implements Operator {
    private final ExecContext ctx;
    private final TableSource.Lease lease;
    private final DataFrame frame;
    private final int[] read;
    private final Field[] readFields;
    private final ColumnVector[] vectors;
    private final boolean[] inPredicate;
    private final boolean[] nullsClean;
    private final int[] nonNullSlots;
    private final Block[] blocks;
    private final int[] blockIndex;
    private final Segments seg;
    private final VectorFilter filter;
    private final Batch batch;
    private final int capacity;
    private final ColumnVector rowIds;
    private final org.curata.storage.Dictionary[] dictionaries;
    private final java.util.concurrent.atomic.AtomicInteger morsels;
    private int segment = -1;
    private long next;
    private long end;

    ScanOperator(ExecContext ctx, TableSource.Lease lease, boolean[] needed) {
      this.ctx = ctx;
      this.lease = lease;
      this.frame = lease.dataFrame();
      this.capacity = ctx.batchSize();
      this.read = readFields(needed);
      List<Field> all = frame.fields();
      this.readFields = new Field[read.length];
      this.vectors = new ColumnVector[read.length];
      this.inPredicate = new boolean[read.length];
      this.nullsClean = new boolean[read.length];
      int[] predicateColumns = Predicate.columns(predicate);
      for (int s = 0; s < read.length; s++) {
        readFields[s] = all.get(read[s]);
        vectors[s] = new ColumnVector(readFields[s].type(), capacity);
        for (int c : predicateColumns) {
          inPredicate[s] |= c == read[s];
        }
      }
      int[] nn = Predicate.nonNullColumns(predicate);
      this.nonNullSlots = new int[nn.length];
      for (int i = 0; i < nn.length; i++) {
        nonNullSlots[i] = indexOf(read, nn[i]);
      }
      this.blocks = new Block[read.length];
      this.blockIndex = new int[read.length];
      Arrays.fill(blockIndex, -1);
      this.seg = Segments.of(frame, read);
      this.filter = VectorFilter.compile(predicate, vectors, f -> indexOf(read, f), capacity);
      ColumnVector[] out = new ColumnVector[fields.length];
      ColumnVector ids = null;
      for (int i = 0; i < fields.length; i++) {
        if (fields[i] == ROW_ID && needed[i]) {
          ids = ids != null ? ids : new ColumnVector(types.get(i), capacity);
          out[i] = ids;
        } else {
          out[i] = needed[i] ? vectors[indexOf(read, fields[i])]
              : new ColumnVector(types.get(i), 0);
        }
      }
      this.rowIds = ids;
      this.dictionaries = new org.curata.storage.Dictionary[read.length];
      this.morsels = ctx.morsels(ScanNode.this);
      this.batch = new Batch(out, new int[capacity], 0);
    }

    private boolean advanceSegment() {
      while ((segment = morsels != null ? morsels.getAndIncrement() : segment + 1) < seg.count()) {
        if (!mayMatch(frame, read, seg, segment)) {
          continue;
        }
        next = seg.starts[segment];
        end = seg.ends[segment];
        for (int s = 0; s < read.length; s++) {
          int b = seg.blockOf[s][segment];
          if (b != blockIndex[s]) {
            blocks[s] = readFields[s].block(b);
            blockIndex[s] = b;
          }
        }
        return true;
      }
      return false;
    }

    @Override
    public Batch next() {
      while (true) {
        if (segment < 0 || next >= end) {
          if (!advanceSegment()) {
            return null;
          }
        }
        ctx.checkCancel();
        int n = (int) Math.min(capacity, end - next);
        long from = next;
        next += n;
        int selected = initialSelection(from, n);
        if (selected == 0) {
          continue;
        }
        for (int s = 0; s < read.length; s++) {
          if (inPredicate[s]) {
            load(s, from, n, batch.selection, selected);
          }
        }
        selected = filter.filter(batch.selection, selected);
        if (selected == 0) {
          continue;
        }
        for (int s = 0; s < read.length; s++) {
          if (!inPredicate[s]) {
            load(s, from, n, batch.selection, selected);
          }
        }
        if (rowIds != null) {
          int[] sel = batch.selection;
          long[] ids = rowIds.longs;
          for (int i = 0; i < selected; i++) {
            ids[sel[i]] = from + sel[i];
          }
        }
        batch.selected = selected;
        return batch;
      }
    }

    /** Identity, or the present rows of the sparsest sparse block a conjunct needs non-NULL. */
    private int initialSelection(long from, int n) {
      int[] sel = batch.selection;
      int best = -1;
      for (int s : nonNullSlots) {
        Block b = blocks[s];
        if (b.encoding() == Encoding.SPARSE
            && (best < 0 || b.nullCount() > blocks[best].nullCount())) {
          best = s;
        }
      }
      if (best < 0) {
        for (int i = 0; i < n; i++) {
          sel[i] = i;
        }
        return n;
      }
      Block b = blocks[best];
      int off = offsetIn(best, from);
      int stop = off + n;
      int k = 0;
      int r = b.nextNonNull(off);
      while (r >= 0 && r < stop) {
        sel[k++] = r - off;
        r = b.nextNonNull(r + 1);
      }
      return k;
    }

    private org.curata.storage.Dictionary dictionary(int slot) {
      if (dictionaries[slot] == null) {
        dictionaries[slot] = readFields[slot].dictionary();
      }
      return dictionaries[slot];
    }

    private int offsetIn(int slot, long row) {
      return (int) (row - readFields[slot].blocks().get(blockIndex[slot]).firstRow());
    }

    private void load(int s, long from, int n, int[] sel, int selected) {
      Block b = blocks[s];
      ColumnVector v = vectors[s];
      int off = offsetIn(s, from);
      if (b.nullCount() == 0) {
        if (!nullsClean[s]) {
          Arrays.fill(v.nulls, false);
          nullsClean[s] = true;
        }
      } else {
        Arrays.fill(v.nulls, 0, n, false);
        b.readNulls(off, n, v.nulls, 0);
        nullsClean[s] = false;
      }
      switch (v.kind) {
        case LONG:
          b.readLongs(off, n, v.longs, 0);
          break;
        case DOUBLE:
          b.readDoubles(off, n, v.doubles, 0);
          break;
        default:
          byte[][] dst = v.bytes;
          boolean[] nl = v.nulls;
          if (b.isDictionaryEncoded()) {
            // codes let grouping and distinct skip hashing the strings (see GroupTable)
            org.curata.storage.Dictionary dict = dictionary(s);
            if (v.codes == null) {
              v.codes = new int[capacity];
            }
            int[] codes = v.codes;
            b.readCodes(off, n, codes, 0);
            for (int i = 0; i < selected; i++) {
              int p = sel[i];
              dst[p] = nl[p] ? null : dict.bytes(codes[p]);
            }
            v.dictionary = dict;
          } else {
            for (int i = 0; i < selected; i++) {
              int p = sel[i];
              dst[p] = nl[p] ? null : b.getBytes(off + p);
            }
            v.dictionary = null;
          }
          break;
      }
    }

    @Override
    public void close() {
      lease.close();
    }
  }

  /** The pushed predicate. */
  public Predicate predicate() {
    return predicate;
  }
}
