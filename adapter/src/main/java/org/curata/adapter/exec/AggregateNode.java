package org.curata.adapter.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * A hash aggregate: groups by any number of columns of any storage type (see {@link GroupTable}
 * for how keys compare) and computes COUNT(*), COUNT, SUM, $SUM0, AVG, MIN and MAX (optionally
 * DISTINCT, optionally with a boolean FILTER column) on primitive accumulators ({@link
 * AggregateState}). A DISTINCT call keeps a second table of the (group, value) pairs it has seen;
 * pairs that do not fit the budget are spilled and made distinct by an aggregate of their own
 * before the groups are emitted. Per batch one
 * pass finds each selected row's group, then one tight loop per call updates its accumulators.
 *
 * <p>The hash table's growth is reserved against the query's memory budget. When a reservation is
 * refused the table is frozen: rows of groups already in it are still aggregated, rows of new
 * groups are written to one of 16 spill partitions by hash bits; once the input ends the groups
 * in memory are complete and emitted, and each partition is then aggregated the same way (with
 * the next hash bits, spilling again if need be). Every group is therefore aggregated in one
 * place, in input order, so every aggregate (and float sums) comes out as without spilling.
 *
 * <p>In streaming mode (the input is sorted on the group keys, so each group's rows are
 * contiguous) groups are emitted as soon as a later group starts, keeping one open group: O(1)
 * memory. Without group keys the result is one row even for empty input.
 */
public final class AggregateNode implements ExecNode {
  /** The aggregate functions computed natively. */
  public enum Kind { COUNT_STAR, COUNT, SUM, SUM0, AVG, MIN, MAX }

  private static final int PARTITION_BITS = 4;
  private static final int PARTITIONS = 1 << PARTITION_BITS;

  /**
   * One aggregate call.
   *
   * @param kind the function
   * @param column the input column, or -1 for COUNT(*)
   * @param filter the BOOL input column of the call's FILTER (WHERE …) clause, or -1
   * @param distinct true for the DISTINCT form (each value once per group)
   * @param resultType the storage type whose physical representation holds the result
   */
  public record Call(Kind kind, int column, int filter, boolean distinct, FieldType resultType) {
    public Call {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(resultType, "resultType");
      if (distinct && column < 0) {
        throw new IllegalArgumentException("DISTINCT " + kind + " needs an argument");
      }
    }

    /** A call without DISTINCT. */
    public Call(Kind kind, int column, int filter, FieldType resultType) {
      this(kind, column, filter, false, resultType);
    }

    /** A call without DISTINCT or FILTER. */
    public Call(Kind kind, int column, FieldType resultType) {
      this(kind, column, -1, false, resultType);
    }
  }

  private final ExecNode input;
  private final int[] groups;
  private final List<Call> calls;
  private final boolean streaming;
  private final List<FieldType> types;
  /** The input columns a spill partition keeps, ascending. */
  private final int[] spillColumns;

  /**
   * Creates a hash aggregate.
   *
   * @param input the input
   * @param groups the input columns to group by
   * @param calls the aggregate calls
   */
  public AggregateNode(ExecNode input, int[] groups, List<Call> calls) {
    this(input, groups, calls, false);
  }

  /**
   * Creates an aggregate.
   *
   * @param input the input
   * @param groups the input columns to group by
   * @param calls the aggregate calls
   * @param streaming true when the input is sorted on the group columns (so groups are emitted as
   *     they complete)
   */
  public AggregateNode(ExecNode input, int[] groups, List<Call> calls, boolean streaming) {
    this.input = Objects.requireNonNull(input, "input");
    this.groups = groups.clone();
    this.calls = List.copyOf(calls);
    boolean anyDistinct = false;
    for (Call c : calls) {
      anyDistinct |= c.distinct();
    }
    // a DISTINCT call's values of emitted groups cannot be forgotten cheaply: hash instead
    this.streaming = streaming && groups.length > 0 && !anyDistinct;
    List<FieldType> in = input.columnTypes();
    List<FieldType> t = new ArrayList<>();
    boolean[] used = new boolean[in.size()];
    for (int g : groups) {
      t.add(in.get(g));
      used[g] = true;
    }
    for (Call c : this.calls) {
      t.add(c.resultType());
      if (c.column() >= 0) {
        used[c.column()] = true;
      }
      if (c.filter() >= 0) {
        if (in.get(c.filter()).kind() != FieldKind.BOOL) {
          throw new IllegalArgumentException("FILTER column " + c.filter() + " is "
              + in.get(c.filter()) + ", not bool");
        }
        used[c.filter()] = true;
      }
    }
    this.types = List.copyOf(t);
    int n = 0;
    for (boolean u : used) {
      n += u ? 1 : 0;
    }
    spillColumns = new int[n];
    n = 0;
    for (int c = 0; c < used.length; c++) {
      if (used[c]) {
        spillColumns[n++] = c;
      }
    }
  }

  /** True when groups are emitted as they complete on input sorted by the group keys. */
  public boolean streaming() {
    return streaming;
  }

  @Override
  public List<FieldType> columnTypes() {
    return types;
  }

  @Override
  public Operator open(ExecContext ctx, boolean[] needed) {
    boolean[] inNeeded = new boolean[input.columnTypes().size()];
    for (int c : spillColumns) {
      inNeeded[c] = true;
    }
    Operator in = input.open(ctx, inNeeded);
    try {
      return new Execution(ctx, in, needed);
    } catch (RuntimeException | Error e) {
      in.close();
      throw e;
    }
  }

  /** A spilled partition waiting to be aggregated. */
  private record Pending(SpillFile file, int level) {
  }

  /** The rows of a spill file as an input. */
  private record SpilledRows(SpillFile file, List<FieldType> columnTypes) implements ExecNode {
    @Override
    public Operator open(ExecContext ctx, boolean[] needed) {
      return file.open(ctx, ctx.batchSize());
    }
  }

  /** One execution: consumes its input (and then each spill partition) and emits groups. */
  private final class Execution implements Operator, AggregateState.Distinct {
    private final ExecContext ctx;
    private final boolean[] needed;
    private final int width = groups.length;
    private final List<FieldType> inTypes = input.columnTypes();
    private final List<FieldType> spillTypes;
    private final int[] identity;
    private final int[] spillMap;
    private final GroupTable table;
    private final AggregateState state;
    private final ColumnVector[] keyColumns;
    private final ColumnVector[] spillView;
    private final ColumnVector[] out;
    private final Batch outBatch;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private Operator source;
    private SpillFile sourceFile;
    private int[] colMap;
    private int level;
    private SpillFile.Writer[] writers;
    private int[] gid = new int[0];
    private int[] csel = new int[0];
    private int[] cgid = new int[0];
    private boolean inputDone;
    private int emitFrom;
    private int emitTo;
    private boolean keepLast;
    private boolean finished;
    /** Per DISTINCT call: the (group, value) pairs seen, those that did not fit, their types. */
    private final GroupTable[] distinctSeen;
    private final SpillFile.Writer[] distinctOverflow;
    private final List<List<FieldType>> distinctTypes = new ArrayList<>();
    private final CategoricalCodes[] distinctCodes;
    private ColumnVector gidVector;

    Execution(ExecContext ctx, Operator in, boolean[] needed) {
      this.ctx = ctx;
      this.needed = needed.clone();
      this.source = in;
      int n = inTypes.size();
      identity = new int[n];
      for (int i = 0; i < n; i++) {
        identity[i] = i;
      }
      spillMap = new int[n];
      Arrays.fill(spillMap, -1);
      List<FieldType> st = new ArrayList<>();
      for (int i = 0; i < spillColumns.length; i++) {
        spillMap[spillColumns[i]] = i;
        st.add(inTypes.get(spillColumns[i]));
      }
      spillTypes = st;
      colMap = identity;
      state = new AggregateState(calls, inTypes, ctx.memory());
      List<FieldType> keyTypes = new ArrayList<>();
      for (int g : groups) {
        keyTypes.add(inTypes.get(g));
      }
      table = width == 0 ? null : new GroupTable(keyTypes, ctx.memory(), state.bytesPerGroup(),
          !streaming);
      keyColumns = new ColumnVector[width];
      spillView = new ColumnVector[spillColumns.length];
      out = Batch.vectors(types, ctx.batchSize());
      int[] positions = new int[ctx.batchSize()];
      for (int i = 0; i < positions.length; i++) {
        positions[i] = i;
      }
      // not Batch.dense: an aggregate may have no output columns (SELECT 1 ... GROUP BY ())
      outBatch = new Batch(out, positions, 0);
      if (width == 0) {
        state.ensure(1);
      }
      distinctSeen = new GroupTable[calls.size()];
      distinctOverflow = new SpillFile.Writer[calls.size()];
      distinctCodes = new CategoricalCodes[calls.size()];
      for (int a = 0; a < calls.size(); a++) {
        Call c = calls.get(a);
        List<FieldType> kt = new ArrayList<>();
        if (c.distinct()) {
          FieldType argType = inTypes.get(c.column());
          if (width > 0) {
            kt.add(FieldType.of(FieldKind.INT64));
          }
          kt.add(argType);
          distinctSeen[a] = new GroupTable(kt, ctx.memory(), 0, true);
          if (argType.kind() == FieldKind.CATEGORICAL) {
            distinctCodes[a] = new CategoricalCodes(argType);
          }
        }
        distinctTypes.add(List.copyOf(kt));
      }
    }

    @Override
    public int firstOccurrences(int a, ColumnVector v, int[] sel, int[] gid, int n) {
      boolean[] nl = v.nulls;
      CategoricalCodes cc = distinctCodes[a];
      int m = 0;
      for (int i = 0; i < n; i++) {
        int p = sel[i];
        if (nl[p] || (cc != null && !cc.contains(v.longs[p]))) {
          continue;
        }
        sel[m] = p;
        gid[m] = gid[i];
        m++;
      }
      if (m == 0) {
        return 0;
      }
      ColumnVector[] keys;
      if (width == 0) {
        keys = new ColumnVector[] {v};
      } else {
        int need = 0;
        for (int i = 0; i < m; i++) {
          need = Math.max(need, sel[i] + 1);
        }
        if (gidVector == null || gidVector.capacity() < need) {
          gidVector = new ColumnVector(FieldType.of(FieldKind.INT64),
              Math.max(need, ctx.batchSize()));
        }
        long[] gv = gidVector.longs;
        for (int i = 0; i < m; i++) {
          gv[sel[i]] = gid[i];
        }
        keys = new ColumnVector[] {gidVector, v};
      }
      GroupTable t = distinctSeen[a];
      t.prepare(keys, sel, m, t.frozen());
      int k = 0;
      for (int i = 0; i < m; i++) {
        int before = t.size();
        int d = t.find(i);
        if (d == before) {
          sel[k] = sel[i];
          gid[k] = gid[i];
          k++;
        } else if (d < 0) {
          if (distinctOverflow[a] == null) {
            distinctOverflow[a] = SpillFile.create(ctx, "distinct", distinctTypes.get(a));
          }
          distinctOverflow[a].writeRow(keys, sel[i]);
        }
      }
      return k;
    }

    /**
     * Adds the DISTINCT values that did not fit in memory: the spilled (group, value) pairs,
     * made distinct by an aggregate of their own (which spills in turn if need be).
     */
    private void addOverflowingDistinctValues() {
      for (int a = 0; a < calls.size(); a++) {
        if (distinctOverflow[a] == null) {
          continue;
        }
        SpillFile f = distinctOverflow[a].finish();
        distinctOverflow[a] = null;
        int[] keys = width == 0 ? new int[] {0} : new int[] {0, 1};
        AggregateNode pairs = new AggregateNode(new SpilledRows(f, distinctTypes.get(a)), keys,
            List.of());
        boolean[] all = new boolean[keys.length];
        Arrays.fill(all, true);
        try (Operator op = pairs.open(ctx, all)) {
          for (Batch b = op.next(); b != null; b = op.next()) {
            int n = b.selected;
            if (gid.length < n) {
              gid = new int[n];
              csel = new int[n];
              cgid = new int[n];
            }
            for (int i = 0; i < n; i++) {
              int p = b.selection[i];
              gid[i] = width == 0 ? 0 : (int) b.columns[0].longs[p];
            }
            state.updateDistinct(a, b.columns[keys.length - 1], b.selection, gid, n);
          }
        } finally {
          f.delete();
        }
      }
    }

    @Override
    public Batch next() {
      while (!finished) {
        if (emitFrom < emitTo) {
          return emit();
        }
        if (keepLast) {
          keepLast = false;
          int size = table.size();
          table.keepOnly(size - 1);
          state.keepOnly(size - 1, size);
        }
        if (!inputDone) {
          if (streaming) {
            Batch b = source.next();
            if (b == null) {
              inputDone = true;
              emitFrom = 0;
              emitTo = table.size();
            } else {
              ctx.checkCancel();
              consume(b);
              if (table.size() > 1) {
                emitFrom = 0;
                emitTo = table.size() - 1;
                keepLast = true;
              }
            }
            continue;
          }
          for (Batch b = source.next(); b != null; b = source.next()) {
            ctx.checkCancel();
            consume(b);
          }
          inputDone = true;
          addOverflowingDistinctValues();
          emitFrom = 0;
          emitTo = width == 0 ? 1 : table.size();
          continue;
        }
        nextRun();
      }
      return null;
    }

    /** Ends the current run (input and its groups) and starts on the next spill partition. */
    private void nextRun() {
      closeSource();
      if (writers != null) {
        SpillFile.Writer[] w = writers;
        writers = null;
        for (int p = PARTITIONS - 1; p >= 0; p--) {
          SpillFile f = w[p].finish();
          if (f.rows() > 0) {
            pending.push(new Pending(f, level + 1));
          } else {
            f.delete();
          }
        }
      }
      if (table != null) {
        table.reset();
      }
      for (GroupTable t : distinctSeen) {
        if (t != null) {
          t.reset();
        }
      }
      state.reset();
      Pending p = pending.poll();
      if (p == null) {
        finished = true;
        return;
      }
      sourceFile = p.file();
      source = p.file().open(ctx, ctx.batchSize());
      colMap = spillMap;
      level = p.level();
      inputDone = false;
      emitFrom = 0;
      emitTo = 0;
    }

    private Batch emit() {
      int count = Math.min(ctx.batchSize(), emitTo - emitFrom);
      for (int j = 0; j < width; j++) {
        if (needed[j]) {
          table.writeKeys(j, emitFrom, count, out[j]);
        }
      }
      for (int a = 0; a < calls.size(); a++) {
        if (needed[width + a]) {
          state.write(a, emitFrom, count, out[width + a]);
        }
      }
      emitFrom += count;
      // a consumer may have narrowed the selection of the previous batch in place
      int[] positions = outBatch.selection;
      for (int i = 0; i < count; i++) {
        positions[i] = i;
      }
      outBatch.selected = count;
      return outBatch;
    }

    private void consume(Batch b) {
      int n = b.selected;
      if (n == 0) {
        return;
      }
      int[] sel = b.selection;
      if (gid.length < n) {
        gid = new int[Math.max(n, ctx.batchSize())];
        csel = new int[gid.length];
        cgid = new int[gid.length];
      }
      if (width == 0) {
        Arrays.fill(gid, 0, n, 0);
        state.update(b.columns, colMap, sel, gid, n, true, this);
        return;
      }
      for (int j = 0; j < width; j++) {
        keyColumns[j] = b.columns[colMap[groups[j]]];
      }
      table.prepare(keyColumns, sel, n, table.frozen());
      int spilled = 0;
      int[] g = gid;
      for (int i = 0; i < n; i++) {
        int x = table.find(i);
        g[i] = x;
        spilled += x >>> 31;
      }
      state.ensure(table.size());
      if (spilled == 0) {
        state.update(b.columns, colMap, sel, g, n, false, this);
        return;
      }
      spill(b, sel, n);
      int m = 0;
      for (int i = 0; i < n; i++) {
        if (g[i] >= 0) {
          csel[m] = sel[i];
          cgid[m] = g[i];
          m++;
        }
      }
      if (m > 0) {
        state.update(b.columns, colMap, csel, cgid, m, false, this);
      }
    }

    /** Writes the rows of groups not in the frozen table to their partitions. */
    private void spill(Batch b, int[] sel, int n) {
      if (writers == null) {
        writers = new SpillFile.Writer[PARTITIONS];
        for (int p = 0; p < PARTITIONS; p++) {
          writers[p] = SpillFile.create(ctx, "aggregate", spillTypes);
        }
      }
      for (int c = 0; c < spillColumns.length; c++) {
        spillView[c] = b.columns[colMap[spillColumns[c]]];
      }
      int shift = Math.max(0, 64 - PARTITION_BITS * (level + 1));
      for (int i = 0; i < n; i++) {
        if (gid[i] < 0) {
          int p = (int) (table.hash(i) >>> shift) & (PARTITIONS - 1);
          writers[p].writeRow(spillView, sel[i]);
        }
      }
    }

    private void closeSource() {
      if (source != null) {
        Operator s = source;
        source = null;
        s.close();
      }
      if (sourceFile != null) {
        SpillFile f = sourceFile;
        sourceFile = null;
        f.delete();
      }
    }

    @Override
    public void close() {
      finished = true;
      RuntimeException failure = null;
      try {
        closeSource();
      } catch (RuntimeException e) {
        failure = e;
      }
      if (writers != null) {
        for (SpillFile.Writer w : writers) {
          try {
            w.close();
          } catch (RuntimeException e) {
            failure = failure == null ? e : failure;
          }
        }
        writers = null;
      }
      for (Pending p : pending) {
        try {
          p.file().delete();
        } catch (RuntimeException e) {
          failure = failure == null ? e : failure;
        }
      }
      pending.clear();
      for (int a = 0; a < calls.size(); a++) {
        if (distinctOverflow[a] != null) {
          try {
            distinctOverflow[a].close();
          } catch (RuntimeException e) {
            failure = failure == null ? e : failure;
          }
          distinctOverflow[a] = null;
        }
        if (distinctSeen[a] != null) {
          distinctSeen[a].release();
        }
      }
      if (table != null) {
        table.release();
      }
      state.reset();
      if (failure != null) {
        throw failure;
      }
    }
  }
}
