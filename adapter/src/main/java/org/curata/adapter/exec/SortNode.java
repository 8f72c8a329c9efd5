package org.curata.adapter.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.curata.storage.CurataException;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * ORDER BY with optional OFFSET and FETCH over whatever columns its input has (so it can sort a
 * narrow input of keys and a row id as well as whole rows). Rows are buffered columnar against
 * the query's memory budget and sorted by {@link RowSorter}. With a FETCH, the buffer is cut back
 * to the best {@code offset + fetch} rows whenever it holds twice that many (a top-k), and from
 * then on input rows not before the last row kept are dropped as they arrive. When the
 * budget refuses more rows, the buffer is sorted and written as a run to a {@link SpillFile};
 * at the end the runs and the rows still in memory are merged (in several passes when there are
 * many runs), streaming batches out. Ties come out in any order.
 */
public final class SortNode implements ExecNode {
  /** {@code offset + fetch} up to which the plan expects a top-k rather than a full sort. */
  public static final long TOP_K_ROWS = 1 << 16;
  /** Runs merged at once; more are first merged into longer runs. */
  static final int MERGE_FAN_IN = 32;
  /** Rows a buffer may hold before it is sorted and spilled regardless of the budget. */
  private static final int MAX_BUFFERED = 1 << 30;

  /**
   * One ORDER BY key.
   *
   * @param column the input column
   * @param descending true for DESC
   * @param nullsFirst true when NULLs come first (whatever the direction)
   */
  public record Key(int column, boolean descending, boolean nullsFirst) {
    public Key {
      if (column < 0) {
        throw new IllegalArgumentException("sort key column " + column);
      }
    }
  }

  private final ExecNode input;
  private final List<Key> keys;
  private final long offset;
  private final long fetch;
  private final List<FieldType> types;
  private final SortOrder.Ranks[] ranks;

  /**
   * Creates a sort.
   *
   * @param input the input
   * @param keys the keys, most significant first (none: only OFFSET/FETCH, in input order)
   * @param offset rows to skip (0 for none)
   * @param fetch rows to return after the offset, or -1 for all
   */
  public SortNode(ExecNode input, List<Key> keys, long offset, long fetch) {
    this.input = Objects.requireNonNull(input, "input");
    this.keys = List.copyOf(keys);
    this.types = input.columnTypes();
    if (offset < 0 || fetch < -1) {
      throw new IllegalArgumentException("offset " + offset + ", fetch " + fetch);
    }
    this.offset = offset;
    this.fetch = fetch;
    this.ranks = new SortOrder.Ranks[this.keys.size()];
    for (int k = 0; k < ranks.length; k++) {
      int c = this.keys.get(k).column();
      if (c >= types.size()) {
        throw new IllegalArgumentException("sort key column " + c + " of " + types.size());
      }
      if (types.get(c).kind() == FieldKind.CATEGORICAL) {
        ranks[k] = new SortOrder.Ranks(types.get(c));
      }
    }
  }

  /** Whether a sort with this offset and fetch keeps only its best rows (a top-k). */
  public static boolean isTopK(long offset, long fetch) {
    return fetch >= 0 && offset + fetch <= TOP_K_ROWS;
  }

  /** The keys. */
  public List<Key> keys() {
    return keys;
  }

  @Override
  public List<FieldType> columnTypes() {
    return types;
  }

  @Override
  public Operator open(ExecContext ctx, boolean[] needed) {
    Objects.requireNonNull(ctx, "ctx");
    boolean[] inNeeded = needed.clone();
    for (Key k : keys) {
      inNeeded[k.column()] = true;
    }
    int[] storedIndex = new int[types.size()];
    List<Integer> stored = new ArrayList<>();
    for (int c = 0; c < types.size(); c++) {
      storedIndex[c] = inNeeded[c] ? stored.size() : -1;
      if (inNeeded[c]) {
        stored.add(c);
      }
    }
    int[] columns = new int[stored.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = stored.get(i);
    }
    SortOrder order = new SortOrder(keys, types, storedIndex, ranks);
    Operator in = input.open(ctx, inNeeded);
    return new SortOperator(ctx, in, order, columns, storedIndex);
  }

  /** One execution of the sort. */
  private final class SortOperator implements Operator {
    private final ExecContext ctx;
    private final SortOrder order;
    /** The input column of each buffered column. */
    private final int[] columns;
    private final List<FieldType> storedTypes;
    private final int[] stringColumns;
    private final long fixedRowBytes;
    /** {@code offset + fetch}: the rows that can matter, or Long.MAX_VALUE without FETCH. */
    private final long limit;
    private final long compactAt;
    private final ColumnVector[] out;
    /** The output vectors in buffered column order (null for columns not buffered). */
    private final ColumnVector[] outStored;
    private final Batch outBatch;
    private Operator in;
    private SortBuffer buffer;
    private long reserved;
    private final List<SpillFile> runs = new ArrayList<>();
    private boolean started;
    private boolean closed;
    private int[] perm;
    private int position;
    private int end;
    private Merge merge;
    private long mergeReserved;
    /**
     * With a FETCH, a row that at least {@code limit} rows kept so far are not after: input rows
     * not before it cannot be in the result and are dropped before buffering. Null until known.
     */
    private ColumnVector[] cutoffColumns;
    private int cutoffPosition;
    private ColumnVector[] view;
    private int[] kept = new int[0];

    SortOperator(ExecContext ctx, Operator in, SortOrder order, int[] columns,
        int[] storedIndex) {
      this.ctx = ctx;
      this.in = in;
      this.order = order;
      this.columns = columns;
      List<FieldType> st = new ArrayList<>();
      int[] strings = new int[columns.length];
      int stringCount = 0;
      long fixed = RowSorter.workBytesPerRow(order.keyCount);
      for (int i = 0; i < columns.length; i++) {
        FieldType t = types.get(columns[i]);
        st.add(t);
        fixed += ColumnVector.valueBytes(t, 0);
        if (ColumnVector.kindOf(t) == ColumnVector.Kind.BYTES) {
          strings[stringCount++] = columns[i];
        }
      }
      this.storedTypes = List.copyOf(st);
      this.stringColumns = Arrays.copyOf(strings, stringCount);
      this.fixedRowBytes = fixed;
      this.limit = fetch < 0 || offset > Long.MAX_VALUE - fetch ? Long.MAX_VALUE
          : offset + fetch;
      this.compactAt = limit <= MAX_BUFFERED / 2
          ? limit + Math.max(limit, SortBuffer.CHUNK) : Long.MAX_VALUE;
      this.buffer = new SortBuffer(storedTypes);
      int batchSize = ctx.batchSize();
      this.out = Batch.vectors(types, batchSize);
      this.outStored = new ColumnVector[columns.length];
      for (int c = 0; c < types.size(); c++) {
        if (storedIndex[c] >= 0) {
          outStored[storedIndex[c]] = out[c];
        } else {
          Arrays.fill(out[c].nulls, true);
        }
      }
      this.outBatch = Batch.dense(out, 0);
    }

    @Override
    public Batch next() {
      if (closed) {
        return null;
      }
      if (!started) {
        started = true;
        if (limit == 0) {
          closeInput();
          perm = new int[0];
          return null;
        }
        consume();
        finishInput();
      }
      ctx.checkCancel();
      int n = merge != null ? merge.fill(outStored, ctx.batchSize()) : fillFromMemory();
      if (n == 0) {
        releaseAll();
        return null;
      }
      outBatch.setDense(n);
      return outBatch;
    }

    private int fillFromMemory() {
      int n = Math.min(ctx.batchSize(), end - position);
      if (n <= 0) {
        return 0;
      }
      buffer.gather(perm, position, n, outStored);
      position += n;
      return n;
    }

    private void consume() {
      for (Batch next = in.next(); next != null; next = in.next()) {
        ctx.checkCancel();
        Batch b = cutoffColumns == null ? next : beforeCutoff(next);
        if (b == null) {
          continue;
        }
        long bytes = fixedRowBytes * b.selected + stringBytes(b);
        if (buffer.rows() > MAX_BUFFERED - b.selected) {
          spill();
        }
        if (!ctx.memory().tryReserve(bytes)) {
          if (buffer.rows() > 0) {
            spill();
          }
          if (!ctx.memory().tryReserve(bytes)) {
            ctx.memory().forceReserve(bytes);
          }
        }
        reserved += bytes;
        buffer.append(b, columns);
        if (buffer.rows() >= compactAt) {
          compact();
        }
      }
      closeInput();
    }

    /** The rows of a batch before the cutoff row (the batch itself when all are), or null. */
    private Batch beforeCutoff(Batch b) {
      if (view == null) {
        view = new ColumnVector[columns.length];
      }
      for (int c = 0; c < columns.length; c++) {
        view[c] = b.columns[columns[c]];
      }
      if (kept.length < b.selection.length) {
        kept = new int[b.selection.length];
      }
      int k = 0;
      int[] sel = b.selection;
      for (int i = 0; i < b.selected; i++) {
        int p = sel[i];
        if (order.compare(view, p, cutoffColumns, cutoffPosition) < 0) {
          kept[k++] = p;
        }
      }
      if (k == b.selected) {
        return b;
      }
      return k == 0 ? null : new Batch(b.columns, kept, k);
    }

    /** Makes row {@code r} of a buffer, with {@code limit} rows not after it, the cutoff. */
    private void setCutoff(SortBuffer rows, int r) {
      cutoffColumns = rows.chunk(r);
      cutoffPosition = r & SortBuffer.MASK;
    }

    private long stringBytes(Batch b) {
      long total = 0;
      for (int c : stringColumns) {
        ColumnVector v = b.columns[c];
        for (int i = 0; i < b.selected; i++) {
          int p = b.selection[i];
          if (!v.nulls[p]) {
            total += v.bytes[p].length;
          }
        }
      }
      return total;
    }

    /** Keeps only the best {@code limit} rows of the buffer. */
    private void compact() {
      int n = buffer.rows();
      int[] p = new RowSorter(order).sort(buffer);
      int keep = (int) Math.min(n, limit);
      buffer = buffer.select(p, keep);
      if (keep == limit) {
        setCutoff(buffer, keep - 1);
      }
      long keepBytes = reserved / n * keep;
      ctx.memory().release(reserved - keepBytes);
      reserved = keepBytes;
    }

    /** Sorts the buffer and writes the rows that can matter as a run. */
    private void spill() {
      int[] p = new RowSorter(order).sort(buffer);
      int keep = (int) Math.min(p.length, limit);
      try (SpillFile.Writer w = SpillFile.create(ctx, "sort", storedTypes)) {
        for (int i = 0; i < keep; i++) {
          int r = p[i];
          w.writeRow(buffer.chunk(r), r & SortBuffer.MASK);
          if ((i & SortBuffer.MASK) == SortBuffer.MASK) {
            ctx.checkCancel();
          }
        }
        runs.add(w.finish());
      }
      if (keep == limit) {
        setCutoff(buffer, p[keep - 1]);
      }
      buffer.clear();
      ctx.memory().release(reserved);
      reserved = 0;
    }

    /** Sorts what is buffered and sets up the output: from memory, or a merge of the runs. */
    private void finishInput() {
      perm = new RowSorter(order).sort(buffer);
      int n = (int) Math.min(perm.length, limit);
      if (runs.isEmpty()) {
        position = (int) Math.min(offset, n);
        end = n;
        return;
      }
      while (runs.size() > MERGE_FAN_IN) {
        List<SpillFile> group = new ArrayList<>(runs.subList(0, MERGE_FAN_IN));
        runs.subList(0, MERGE_FAN_IN).clear();
        runs.add(mergeRuns(group));
      }
      List<Source> sources = new ArrayList<>();
      try {
        for (SpillFile run : runs) {
          sources.add(Source.of(openRun(run)));
        }
        if (n > 0) {
          sources.add(Source.of(buffer, perm, n));
        }
        merge = new Merge(order, sources, offset, limit - offset);
      } finally {
        if (merge == null) {
          for (Source s : sources) {
            s.close();
          }
        }
      }
    }

    private Operator openRun(SpillFile run) {
      long bytes = (1 << 20) + fixedRowBytes * ctx.batchSize();
      ctx.memory().forceReserve(bytes);
      mergeReserved += bytes;
      return run.open(ctx, ctx.batchSize());
    }

    /** Merges runs into one longer run and deletes them. */
    private SpillFile mergeRuns(List<SpillFile> group) {
      List<Source> sources = new ArrayList<>();
      Merge m = null;
      try (SpillFile.Writer w = SpillFile.create(ctx, "sort", storedTypes)) {
        for (SpillFile run : group) {
          sources.add(Source.of(openRun(run)));
        }
        m = new Merge(order, sources, 0, limit);
        m.writeAll(w, ctx);
        return w.finish();
      } finally {
        if (m != null) {
          m.close();
        } else {
          for (Source s : sources) {
            s.close();
          }
        }
        ctx.memory().release(mergeReserved);
        mergeReserved = 0;
        for (SpillFile run : group) {
          run.delete();
        }
      }
    }

    private void closeInput() {
      if (in != null) {
        Operator o = in;
        in = null;
        o.close();
      }
    }

    private void releaseAll() {
      if (merge != null) {
        merge.close();
        merge = null;
      }
      for (SpillFile run : runs) {
        run.delete();
      }
      runs.clear();
      buffer.clear();
      perm = null;
      position = 0;
      end = 0;
      ctx.memory().release(reserved + mergeReserved);
      reserved = 0;
      mergeReserved = 0;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        closeInput();
      } finally {
        releaseAll();
      }
    }
  }

  /** A sorted stream of rows for a merge: a run read back, or sorted rows still in memory. */
  private static final class Source {
    private final Operator reader;
    private final SortBuffer buffer;
    private final int[] perm;
    private final int count;
    private Batch batch;
    private int index = -1;
    ColumnVector[] columns;
    int position;

    private Source(Operator reader, SortBuffer buffer, int[] perm, int count) {
      this.reader = reader;
      this.buffer = buffer;
      this.perm = perm;
      this.count = count;
    }

    static Source of(Operator reader) {
      return new Source(reader, null, null, 0);
    }

    static Source of(SortBuffer buffer, int[] perm, int count) {
      return new Source(null, buffer, perm, count);
    }

    /** Moves to the next row; false at the end. */
    boolean advance() {
      index++;
      if (perm != null) {
        if (index >= count) {
          return false;
        }
        int r = perm[index];
        columns = buffer.chunk(r);
        position = r & SortBuffer.MASK;
        return true;
      }
      if (batch == null || index >= batch.selected) {
        batch = reader.next();
        if (batch == null) {
          return false;
        }
        index = 0;
        columns = batch.columns;
      }
      position = batch.selection[index];
      return true;
    }

    void close() {
      if (reader != null) {
        reader.close();
      }
    }
  }

  /** A k-way merge of sorted sources through a binary heap of source indexes. */
  private static final class Merge {
    private final SortOrder order;
    private final Source[] sources;
    private final int[] heap;
    private int size;
    private long skip;
    private long remaining;

    Merge(SortOrder order, List<Source> sources, long skip, long remaining) {
      this.order = order;
      this.sources = sources.toArray(new Source[0]);
      this.heap = new int[this.sources.length];
      this.skip = skip;
      this.remaining = remaining;
      for (int s = 0; s < this.sources.length; s++) {
        if (this.sources[s].advance()) {
          heap[size++] = s;
        }
      }
      for (int i = size / 2 - 1; i >= 0; i--) {
        siftDown(i);
      }
    }

    private boolean less(int a, int b) {
      Source x = sources[a];
      Source y = sources[b];
      return order.compare(x.columns, x.position, y.columns, y.position) < 0;
    }

    private void siftDown(int i) {
      int h = heap[i];
      while (true) {
        int child = 2 * i + 1;
        if (child >= size) {
          break;
        }
        if (child + 1 < size && less(heap[child + 1], heap[child])) {
          child++;
        }
        if (!less(heap[child], h)) {
          break;
        }
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = h;
    }

    /** Moves the smallest source past its row. */
    private void pop() {
      if (!sources[heap[0]].advance()) {
        heap[0] = heap[--size];
      }
      if (size > 0) {
        siftDown(0);
      }
    }

    /** Fills up to {@code max} rows of the output vectors (buffered column order); 0 at the end. */
    int fill(ColumnVector[] outStored, int max) {
      while (skip > 0 && size > 0) {
        pop();
        skip--;
      }
      int n = 0;
      while (n < max && size > 0 && remaining > 0) {
        Source s = sources[heap[0]];
        for (int c = 0; c < outStored.length; c++) {
          ColumnVector v = outStored[c];
          if (v != null) {
            v.copyFrom(n, s.columns[c], s.position);
          }
        }
        n++;
        remaining--;
        pop();
      }
      return n;
    }

    /** Writes every remaining row to a spill file. */
    void writeAll(SpillFile.Writer w, ExecContext ctx) {
      long written = 0;
      while (size > 0 && remaining > 0) {
        Source s = sources[heap[0]];
        w.writeRow(s.columns, s.position);
        remaining--;
        pop();
        if ((++written & SortBuffer.MASK) == 0) {
          ctx.checkCancel();
        }
      }
    }

    void close() {
      CurataException first = null;
      for (Source s : sources) {
        try {
          s.close();
        } catch (CurataException e) {
          if (first == null) {
            first = e;
          }
        }
      }
      if (first != null) {
        throw first;
      }
    }
  }

  @Override
  public String toString() {
    return "SortNode" + keys + (offset > 0 ? " offset " + offset : "")
        + (fetch >= 0 ? " fetch " + fetch : "");
  }
}
