package org.curata.adapter.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.curata.storage.FieldType;

/**
 * An equi-join by hashing: builds a hash table of one side's rows (reserved against the query's
 * memory budget) and probes it with the other side's batches, keys encoded and hashed a vector at
 * a time (see {@link JoinKeys}). The output is the left columns then, unless SEMI or ANTI, the
 * right columns. Either side may be the build side for every join type: a matched flag per build
 * row gives the unmatched build rows of outer joins (and SEMI/ANTI when the left side is built).
 *
 * <p>When the budget refuses the build, both sides are partitioned by 4 bits of the key hash into
 * spill files and joined partition by partition (grace hash join); a partition that still does not
 * fit is partitioned again on the next 4 bits, and one that does not shrink (a few keys hold most
 * of its rows) is joined in chunks of build rows that fit, each chunk against the whole probe
 * partition, with a bitmap of probe rows matched in earlier chunks.
 *
 * <p>A single string key whose batches carry dictionary codes (a scan of dictionary-encoded
 * blocks) is encoded through them: each distinct code is hashed once ({@link CodeHashes}), and the
 * probe looks each code's first matching build row up once per pass, so that a repeated probe key
 * costs array lookups. The cache holds build-row numbers of the pass's table only; spilled
 * partitions are read back without codes and hashed as usual, to the same hashes.
 */
public final class HashJoinNode implements ExecNode {
  private static final int FANOUT_BITS = 4;
  private static final int FANOUT = 1 << FANOUT_BITS;
  private static final int MAX_LEVEL = 8;
  private static final int START = -2;
  private static final int END = -1;

  private final ExecNode left;
  private final ExecNode right;
  private final int[] leftKeys;
  private final int[] rightKeys;
  private final JoinType joinType;
  private final boolean buildLeft;
  private final List<FieldType> types;
  private final JoinKeys.Encoder leftEncoder;
  private final JoinKeys.Encoder rightEncoder;

  /**
   * Creates a hash join.
   *
   * @param left the left input
   * @param right the right input
   * @param leftKeys the left key columns
   * @param rightKeys the right key columns, paired with {@code leftKeys} by position; each pair
   *     must be {@link JoinKeys#comparable}
   * @param joinType the kind of join
   * @param buildLeft whether the hash table holds the left side (else the right side)
   */
  public HashJoinNode(ExecNode left, ExecNode right, int[] leftKeys, int[] rightKeys,
      JoinType joinType, boolean buildLeft) {
    this.left = Objects.requireNonNull(left, "left");
    this.right = Objects.requireNonNull(right, "right");
    this.joinType = Objects.requireNonNull(joinType, "joinType");
    if (leftKeys.length != rightKeys.length || leftKeys.length == 0) {
      throw new IllegalArgumentException("join needs as many left as right keys, at least one: "
          + Arrays.toString(leftKeys) + " and " + Arrays.toString(rightKeys));
    }
    this.leftKeys = leftKeys.clone();
    this.rightKeys = rightKeys.clone();
    this.buildLeft = buildLeft;
    List<FieldType> t = new ArrayList<>(left.columnTypes());
    if (joinType.projectsRight()) {
      t.addAll(right.columnTypes());
    }
    this.types = List.copyOf(t);
    this.leftEncoder = JoinKeys.encoder(left.columnTypes(), leftKeys, right.columnTypes(),
        rightKeys, true);
    this.rightEncoder = JoinKeys.encoder(right.columnTypes(), rightKeys, left.columnTypes(),
        leftKeys, false);
  }

  @Override
  public List<FieldType> columnTypes() {
    return types;
  }

  @Override
  public Operator open(ExecContext ctx, boolean[] needed) {
    int nl = left.columnTypes().size();
    int nr = right.columnTypes().size();
    boolean[] ln = new boolean[nl];
    boolean[] rn = new boolean[nr];
    for (int i = 0; i < nl; i++) {
      ln[i] = needed[i];
    }
    if (joinType.projectsRight()) {
      for (int i = 0; i < nr; i++) {
        rn[i] = needed[nl + i];
      }
    }
    for (int k : leftKeys) {
      ln[k] = true;
    }
    for (int k : rightKeys) {
      rn[k] = true;
    }
    Side ls = new Side(left.columnTypes(), ln, leftKeys, leftEncoder);
    Side rs = new Side(right.columnTypes(), rn, rightKeys, rightEncoder);
    Operator lop = left.open(ctx, ln);
    Operator rop;
    try {
      rop = right.open(ctx, rn);
    } catch (RuntimeException | Error e) {
      lop.close();
      throw e;
    }
    return buildLeft ? new Run(ctx, needed, ls, rs, lop, rop, nl)
        : new Run(ctx, needed, rs, ls, rop, lop, nl);
  }

  /** One input as the join stores it: only the columns it needs ("compact" order). */
  private static final class Side {
    final int[] inputColumns;
    final int[] compactOf;
    final List<FieldType> types;
    final JoinKeys.Encoder encoder;
    final boolean[] bytesColumn;

    Side(List<FieldType> all, boolean[] needed, int[] keys, JoinKeys.Encoder encoder) {
      compactOf = new int[all.size()];
      List<Integer> cols = new ArrayList<>();
      List<FieldType> t = new ArrayList<>();
      for (int c = 0; c < all.size(); c++) {
        compactOf[c] = needed[c] ? cols.size() : -1;
        if (needed[c]) {
          cols.add(c);
          t.add(all.get(c));
        }
      }
      inputColumns = cols.stream().mapToInt(Integer::intValue).toArray();
      types = List.copyOf(t);
      int[] ck = new int[keys.length];
      for (int j = 0; j < keys.length; j++) {
        ck[j] = compactOf[keys[j]];
      }
      this.encoder = encoder.withColumns(ck);
      bytesColumn = new boolean[types.size()];
      for (int c = 0; c < bytesColumn.length; c++) {
        bytesColumn[c] = ColumnVector.kindOf(types.get(c)) == ColumnVector.Kind.BYTES;
      }
    }
  }

  /** A task of the grace join: the spill files of one partition of both sides. */
  private record Task(SpillFile build, SpillFile probe, int level, long parentRows) {
  }

  /** The running join. */
  private final class Run implements Operator {
    private final ExecContext ctx;
    private final int cap;
    private final Side buildSide;
    private final Side probeSide;
    private final Operator buildIn;
    private final Operator probeIn;
    private final ColumnVector[] out;
    private final Batch outBatch;
    private final int[] outSide;
    private final int[] outCompact;
    private final int[] probePos;
    private final int[] buildRow;
    private final boolean pairs;
    private final boolean probeOuter;
    private final boolean buildOuter;
    private final boolean semiProbe;
    private final boolean flagBuild;
    private final boolean anti;
    private final boolean keepNullBuild;
    private final boolean keepNullProbe;
    private final boolean probeNeedsBits;
    private final boolean buildEmits;
    private final Scratch buildScratch;
    private final Scratch probeScratch;
    private final ArrayDeque<Task> tasks = new ArrayDeque<>();
    private final List<SpillFile> liveFiles = new ArrayList<>();
    private final List<AutoCloseable> openFiles = new ArrayList<>();
    private boolean started;
    private Pass pass;
    private Task currentTask;
    private Source chunkSource;
    private long[] seen;
    private long seenReserved;
    private boolean closed;

    Run(ExecContext ctx, boolean[] needed, Side buildSide, Side probeSide, Operator buildIn,
        Operator probeIn, int leftCount) {
      this.ctx = ctx;
      this.cap = ctx.batchSize();
      this.buildSide = buildSide;
      this.probeSide = probeSide;
      this.buildIn = buildIn;
      this.probeIn = probeIn;
      this.out = Batch.vectors(types, cap);
      this.outBatch = Batch.dense(out, 0);
      this.outSide = new int[types.size()];
      this.outCompact = new int[types.size()];
      for (int o = 0; o < types.size(); o++) {
        boolean isLeft = o < leftCount;
        Side s = isLeft == buildLeft ? buildSide : probeSide;
        int c = s.compactOf[isLeft ? o : o - leftCount];
        outCompact[o] = c;
        outSide[o] = !needed[o] || c < 0 ? -1 : isLeft == buildLeft ? 1 : 0;
      }
      this.probePos = new int[cap];
      this.buildRow = new int[cap];
      pairs = joinType.projectsRight();
      probeOuter = buildLeft ? joinType.rightOuter() : joinType.leftOuter();
      buildOuter = buildLeft ? joinType.leftOuter() : joinType.rightOuter();
      semiProbe = !pairs && !buildLeft;
      flagBuild = !pairs && buildLeft;
      anti = joinType == JoinType.ANTI;
      keepNullBuild = (pairs && buildOuter) || (flagBuild && anti);
      keepNullProbe = (pairs && probeOuter) || (semiProbe && anti);
      probeNeedsBits = (pairs && probeOuter) || semiProbe;
      buildEmits = (pairs && buildOuter) || flagBuild;
      buildScratch = new Scratch(buildSide.encoder);
      probeScratch = new Scratch(probeSide.encoder);
    }

    @Override
    public Batch next() {
      int k = 0;
      while (k < cap) {
        if (pass == null) {
          if (!startPass()) {
            break;
          }
          continue;
        }
        k = pass.fill(k);
        if (pass.finished) {
          endPass();
        }
      }
      if (k == 0) {
        return null;
      }
      int[] sel = outBatch.selection;
      for (int i = 0; i < k; i++) {
        sel[i] = i;
      }
      outBatch.selected = k;
      return outBatch;
    }

    /** Starts the next pass; false when there is no more work. */
    private boolean startPass() {
      if (!started) {
        started = true;
        startTop();
        return true;
      }
      if (chunkSource != null) {
        Table t = new Table(buildSide);
        boolean last = load(t, chunkSource, true);
        t.index();
        pass = new Pass(t, taskProbe(currentTask), seen, last);
        return true;
      }
      Task task = tasks.pollLast();
      if (task == null) {
        return false;
      }
      startTask(task);
      return true;
    }

    private void startTop() {
      Table t = new Table(buildSide);
      Source bsrc = new Source(buildIn, buildSide.inputColumns);
      if (load(t, bsrc, false)) {
        t.index();
        pass = new Pass(t, new Source(probeIn, probeSide.inputColumns), null, true);
        return;
      }
      SpillFile[] b = partition(t, bsrc, buildSide, buildScratch, 0, keepNullBuild);
      t.release();
      SpillFile[] p = partition(null, new Source(probeIn, probeSide.inputColumns), probeSide,
          probeScratch, 0, keepNullProbe);
      pushTasks(b, p, 1, Long.MAX_VALUE);
    }

    private void startTask(Task task) {
      currentTask = task;
      Table t = new Table(buildSide);
      Source bsrc = task.build() == null ? new Source(null, null)
          : new Source(reader(task.build()), null);
      if (load(t, bsrc, true)) {
        closeSource(bsrc);
        t.index();
        pass = new Pass(t, taskProbe(task), null, true);
        return;
      }
      if (task.level() < MAX_LEVEL && task.build().rows() * 2 <= task.parentRows()) {
        SpillFile[] b = partition(t, bsrc, buildSide, buildScratch, task.level(), keepNullBuild);
        closeSource(bsrc);
        t.release();
        SpillFile[] p = task.probe() == null ? new SpillFile[FANOUT]
            : partition(null, taskProbe(task), probeSide, probeScratch, task.level(), true);
        deleteTaskFiles(task);
        currentTask = null;
        pushTasks(b, p, task.level() + 1, task.build().rows());
        return;
      }
      // a partition that does not shrink: chunks of build rows against the whole probe partition
      chunkSource = bsrc;
      if (probeNeedsBits && task.probe() != null) {
        seen = new long[(int) ((task.probe().rows() + 63) >>> 6)];
        seenReserved = 8L * seen.length + 16;
        ctx.memory().forceReserve(seenReserved);
      }
      t.index();
      pass = new Pass(t, taskProbe(task), seen, false);
    }

    private void pushTasks(SpillFile[] b, SpillFile[] p, int level, long parentRows) {
      for (int i = FANOUT - 1; i >= 0; i--) {
        if (b[i] == null && p[i] == null) {
          continue;
        }
        if ((b[i] == null && !keepNullProbe && !(pairs && probeOuter))
            || (p[i] == null && !buildEmits)) {
          delete(b[i]);
          delete(p[i]);
          continue; // nothing of this partition can reach the output
        }
        tasks.addLast(new Task(b[i], p[i], level, parentRows));
      }
    }

    private Source taskProbe(Task task) {
      return task.probe() == null ? new Source(null, null)
          : new Source(reader(task.probe()), null);
    }

    private Operator reader(SpillFile f) {
      Operator r = f.open(ctx, cap);
      openFiles.add(r);
      return r;
    }

    private void endPass() {
      Pass p = pass;
      pass = null;
      p.release();
      if (p.probe.op != probeIn) {
        closeSource(p.probe);
      }
      if (p.last) {
        if (chunkSource != null) {
          closeSource(chunkSource);
          chunkSource = null;
        }
        if (seen != null) {
          ctx.memory().release(seenReserved);
          seen = null;
          seenReserved = 0;
        }
        if (currentTask != null) {
          deleteTaskFiles(currentTask);
          currentTask = null;
        }
      }
    }

    /**
     * Adds batches of {@code src} to {@code t} while the budget allows; true when the source is
     * exhausted, false when a refused batch is left pending in the source.
     *
     * @param force reserve beyond the budget while the table is empty, so that work progresses
     */
    private boolean load(Table t, Source src, boolean force) {
      while (src.fetch()) {
        ctx.checkCancel();
        if (!t.add(src, buildScratch, force && t.size == 0)) {
          src.pending = true;
          return false;
        }
      }
      return true;
    }

    /** Writes the table's rows, then the source's, to spill files by the level's hash bits. */
    private SpillFile[] partition(Table t, Source src, Side side, Scratch sc, int level,
        boolean keepNull) {
      int shift = 64 - FANOUT_BITS * (level + 1);
      SpillFile.Writer[] writers = new SpillFile.Writer[FANOUT];
      try {
        if (t != null) {
          for (int r = 0; r < t.size; r++) {
            int part = (int) (t.hash[r] >>> shift) & (FANOUT - 1);
            writer(writers, part, side).writeRow(t.cols, r);
          }
        }
        while (src.fetch()) {
          ctx.checkCancel();
          int n = src.n;
          sc.encode(src.cols, src.sel, n);
          for (int i = 0; i < n; i++) {
            if (sc.nul[i] && !keepNull) {
              continue;
            }
            int part = (int) (sc.hash[i] >>> shift) & (FANOUT - 1);
            writer(writers, part, side).writeRow(src.cols, src.sel[i]);
          }
        }
        SpillFile[] files = new SpillFile[FANOUT];
        for (int i = 0; i < FANOUT; i++) {
          if (writers[i] != null) {
            files[i] = writers[i].finish();
            openFiles.remove(writers[i]);
            liveFiles.add(files[i]);
          }
        }
        return files;
      } finally {
        for (SpillFile.Writer w : writers) {
          if (w != null) {
            w.close();
          }
        }
      }
    }

    private SpillFile.Writer writer(SpillFile.Writer[] writers, int part, Side side) {
      if (writers[part] == null) {
        writers[part] = SpillFile.create(ctx, "join", side.types);
        openFiles.add(writers[part]);
      }
      return writers[part];
    }

    private void deleteTaskFiles(Task task) {
      delete(task.build());
      delete(task.probe());
    }

    private void delete(SpillFile f) {
      if (f != null) {
        liveFiles.remove(f);
        f.delete();
      }
    }

    private void closeSource(Source s) {
      if (s.op != null && s.op != probeIn && s.op != buildIn) {
        openFiles.remove(s.op);
        s.op.close();
      }
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      RuntimeException failure = null;
      if (pass != null) {
        pass.release();
        pass = null;
      }
      buildScratch.release();
      probeScratch.release();
      if (seen != null) {
        ctx.memory().release(seenReserved);
        seen = null;
      }
      for (AutoCloseable c : openFiles) {
        try {
          c.close();
        } catch (Exception e) {
          failure = failure != null ? failure : asRuntime(e);
        }
      }
      openFiles.clear();
      for (SpillFile f : liveFiles) {
        try {
          f.delete();
        } catch (RuntimeException e) {
          failure = failure != null ? failure : e;
        }
      }
      liveFiles.clear();
      try {
        buildIn.close();
      } catch (RuntimeException e) {
        failure = failure != null ? failure : e;
      }
      try {
        probeIn.close();
      } catch (RuntimeException e) {
        failure = failure != null ? failure : e;
      }
      if (failure != null) {
        throw failure;
      }
    }

    private RuntimeException asRuntime(Exception e) {
      return e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }

    /** One probe pass: every probe row against the table, then the build rows to emit. */
    private final class Pass {
      final Table table;
      final Source probe;
      final long[] bits;
      final boolean last;
      boolean finished;
      private long ordinal;
      private boolean haveBatch;
      private int i;
      private int cursor = START;
      private boolean matchedNow;
      private boolean probeDone;
      private int emitCursor;
      /**
       * Per code of the probe's dictionary, its first matching build row + 1, -1 for no match,
       * 0 when not yet looked up; null until a coded probe batch arrives (or when refused).
       */
      private int[] codeRow;
      private boolean codeRowOff;
      private long codeRowReserved;
      /** The row of the chain being walked already known to match (from {@link #codeRow}). */
      private int knownRow = -1;
      /** {@link #codeRow} when the current probe batch is coded with its dictionary, else null. */
      private int[] batchCodeRow;

      Pass(Table table, Source probe, long[] bits, boolean last) {
        this.table = table;
        this.probe = probe;
        this.bits = bits;
        this.last = last;
      }

      /** Fills output rows from {@code k}; returns the new count (the pass may finish). */
      int fill(int k) {
        while (k < cap) {
          if (!probeDone) {
            if (!haveBatch) {
              if (!probe.fetch()) {
                probeDone = true;
                continue;
              }
              ctx.checkCancel();
              probeScratch.encode(probe.cols, probe.sel, probe.n);
              batchCodeRow = probeScratch.coded != null ? codeRows(probeScratch.coded) : null;
              haveBatch = true;
              i = 0;
              cursor = START;
            }
            int start = k;
            k = probeRows(k);
            gatherSegment(start, k, probe.cols);
            if (i == probe.n) {
              ordinal += probe.n;
              haveBatch = false;
            }
          } else if (buildEmits && emitCursor < table.size) {
            int start = k;
            k = emitBuildRows(k);
            gatherSegment(start, k, null);
          } else {
            finished = true;
            return k;
          }
        }
        return k;
      }

      /** The code-to-match cache of this pass for {@code dict}, or null when refused. */
      private int[] codeRows(org.curata.storage.Dictionary dict) {
        if (codeRow == null && !codeRowOff) {
          long need = 4L * dict.size() + 16;
          if (table.size == 0 || !ctx.memory().tryReserve(need)) {
            codeRowOff = true;
            return null;
          }
          codeRowReserved = need;
          codeRow = new int[dict.size()];
        }
        return codeRow;
      }

      /** The first build row whose key equals probe row {@code i}'s (of hash {@code h}), or -1. */
      private int firstMatch(long h, int i) {
        final Table t = table;
        int r = t.heads[(int) h & t.mask];
        while (r >= 0) {
          if (t.hash[r] == h && t.keysEqual(r, probeScratch, i)) {
            return r;
          }
          r = t.next[r];
        }
        return -1;
      }

      /** Releases the pass's table and its code-to-match cache. */
      void release() {
        table.release();
        if (codeRowReserved != 0) {
          ctx.memory().release(codeRowReserved);
          codeRowReserved = 0;
        }
        codeRow = null;
        batchCodeRow = null;
      }

      private int probeRows(int k) {
        final Table t = table;
        final int n = probe.n;
        final int[] sel = probe.sel;
        final long[] ph = probeScratch.hash;
        final boolean[] pnul = probeScratch.nul;
        final int[] next = t.next;
        final long[] th = t.hash;
        final int[] heads = t.heads;
        final int mask = t.mask;
        final boolean[] matched = t.matched;
        final int[] rowOf = batchCodeRow;
        final int[] pcodes = probeScratch.codes;
        while (i < n) {
          int p = sel[i];
          long h = ph[i];
          if (cursor == START) {
            matchedNow = false;
            knownRow = -1;
            if (pnul[i] || t.size == 0) {
              cursor = END;
            } else if (rowOf != null) {
              // the code's first match is looked up once; its later matches follow it in chain
              int code = pcodes[i];
              int s = rowOf[code];
              if (s == 0) {
                s = firstMatch(h, i) + 1;
                rowOf[code] = s == 0 ? -1 : s;
              }
              cursor = s > 0 ? s - 1 : END;
              knownRow = cursor;
            } else {
              cursor = heads[(int) h & mask];
            }
          }
          while (cursor >= 0) {
            int r = cursor;
            if (r == knownRow || (th[r] == h && t.keysEqual(r, probeScratch, i))) {
              if (pairs) {
                if (k == cap) {
                  return k;
                }
                probePos[k] = p;
                buildRow[k] = r;
                k++;
                matchedNow = true;
                if (buildOuter) {
                  matched[r] = true;
                }
              } else if (semiProbe) {
                matchedNow = true;
                cursor = END;
                break;
              } else {
                matched[r] = true;
              }
            }
            cursor = next[r];
          }
          if (k == cap) {
            return k; // the row's own output, if any, needs a slot
          }
          boolean emit = false;
          if (pairs ? probeOuter : semiProbe) {
            boolean wanted = pairs || anti ? !matchedNow : matchedNow;
            if (bits == null) {
              emit = wanted;
            } else {
              long o = ordinal + i;
              boolean before = (bits[(int) (o >>> 6)] & (1L << o)) != 0;
              if (matchedNow) {
                bits[(int) (o >>> 6)] |= 1L << o;
              }
              emit = pairs || anti ? last && !before && !matchedNow : matchedNow && !before;
            }
          }
          if (emit) {
            probePos[k] = p;
            buildRow[k] = -1;
            k++;
          }
          i++;
          cursor = START;
        }
        return k;
      }

      private int emitBuildRows(int k) {
        final Table t = table;
        final boolean[] matched = t.matched;
        final boolean wantMatched = flagBuild && !anti;
        while (emitCursor < t.size && k < cap) {
          int r = emitCursor++;
          if (matched[r] == wantMatched) {
            probePos[k] = -1;
            buildRow[k] = r;
            k++;
          }
        }
        return k;
      }

      private void gatherSegment(int from, int to, ColumnVector[] probeCols) {
        if (from == to) {
          return;
        }
        for (int o = 0; o < out.length; o++) {
          switch (outSide[o]) {
            case 0:
              gather(out[o], probeCols == null ? null : probeCols[outCompact[o]], probePos, from,
                  to);
              break;
            case 1:
              gather(out[o], table.cols[outCompact[o]], buildRow, from, to);
              break;
            default:
              break;
          }
        }
      }
    }

    /** The build rows of one pass with their encoded keys, hash chains and matched flags. */
    private final class Table {
      final Side side;
      final ColumnVector[] cols;
      final long[][] klong;
      final byte[][][] kbytes;
      final long fixedRowBytes;
      long[] hash = new long[0];
      boolean[] nullKey = new boolean[0];
      boolean[] matched = new boolean[0];
      int[] next;
      int[] heads;
      int mask;
      int size;
      int capacity;
      long reserved;
      private int[] positions = new int[0];

      Table(Side side) {
        this.side = side;
        cols = new ColumnVector[side.types.size()];
        for (int c = 0; c < cols.length; c++) {
          cols[c] = new ColumnVector(side.types.get(c), 0);
        }
        int w = side.encoder.width();
        klong = new long[w][];
        kbytes = new byte[w][][];
        for (int j = 0; j < w; j++) {
          if (side.encoder.isBytes(j)) {
            kbytes[j] = new byte[0][];
          } else {
            klong[j] = new long[0];
          }
        }
        long fixed = 8L * w + 8 + 4 + 2 + 8;
        for (FieldType t : side.types) {
          fixed += ColumnVector.valueBytes(t, 0);
        }
        fixedRowBytes = fixed;
      }

      /** Adds a batch if the budget allows (or {@code force}); false when refused. */
      boolean add(Source src, Scratch sc, boolean force) {
        int n = src.n;
        int[] sel = src.sel;
        sc.encode(src.cols, sel, n);
        if (positions.length < n) {
          positions = new int[Math.max(n, cap)];
        }
        int m = 0;
        for (int i = 0; i < n; i++) {
          if (!sc.nul[i] || keepNullBuild) {
            positions[m++] = i;
          }
        }
        long need = fixedRowBytes * m;
        for (int c = 0; c < cols.length; c++) {
          if (side.bytesColumn[c]) {
            ColumnVector v = src.cols[c];
            for (int t = 0; t < m; t++) {
              int p = sel[positions[t]];
              if (!v.nulls[p]) {
                need += v.bytes[p].length;
              }
            }
          }
        }
        if (!ctx.memory().tryReserve(need)) {
          if (!force) {
            return false;
          }
          ctx.memory().forceReserve(need);
        }
        reserved += need;
        ensure(size + m);
        for (int c = 0; c < cols.length; c++) {
          copyRows(cols[c], size, src.cols[c], sel, positions, m);
        }
        for (int j = 0; j < klong.length; j++) {
          if (kbytes[j] != null) {
            byte[][] s = sc.strings[j];
            byte[][] d = kbytes[j];
            for (int t = 0; t < m; t++) {
              d[size + t] = s[positions[t]];
            }
          } else {
            long[] s = sc.longs[j];
            long[] d = klong[j];
            for (int t = 0; t < m; t++) {
              d[size + t] = s[positions[t]];
            }
          }
        }
        for (int t = 0; t < m; t++) {
          int i = positions[t];
          hash[size + t] = sc.hash[i];
          nullKey[size + t] = sc.nul[i];
        }
        size += m;
        return true;
      }

      private void ensure(int rows) {
        if (rows <= capacity) {
          return;
        }
        int c = Math.max(16, Math.max(rows, capacity * 2));
        for (int i = 0; i < cols.length; i++) {
          cols[i] = grow(cols[i], c, size);
        }
        for (int j = 0; j < klong.length; j++) {
          if (kbytes[j] != null) {
            kbytes[j] = Arrays.copyOf(kbytes[j], c);
          } else {
            klong[j] = Arrays.copyOf(klong[j], c);
          }
        }
        hash = Arrays.copyOf(hash, c);
        nullKey = Arrays.copyOf(nullKey, c);
        capacity = c;
      }

      /** Links the rows into hash chains (in row order) after the last add. */
      void index() {
        int hc = 16;
        while (hc < size * 2 && hc < (1 << 30)) {
          hc <<= 1;
        }
        heads = new int[hc];
        Arrays.fill(heads, -1);
        mask = hc - 1;
        next = new int[size];
        matched = new boolean[size];
        for (int r = size - 1; r >= 0; r--) {
          if (nullKey[r]) {
            next[r] = -1;
            continue;
          }
          int b = (int) hash[r] & mask;
          next[r] = heads[b];
          heads[b] = r;
        }
      }

      boolean keysEqual(int r, Scratch sc, int i) {
        for (int j = 0; j < klong.length; j++) {
          if (kbytes[j] != null) {
            if (!Arrays.equals(kbytes[j][r], sc.strings[j][i])) {
              return false;
            }
          } else if (klong[j][r] != sc.longs[j][i]) {
            return false;
          }
        }
        return true;
      }

      void release() {
        ctx.memory().release(reserved);
        reserved = 0;
      }
    }

    /**
     * Encoded keys of one batch of a side. A batch whose one string key carries dictionary codes
     * is encoded through them: each distinct code is hashed once ({@link CodeHashes}) and the
     * rows' codes are kept for the probe's code-to-match cache.
     */
    private final class Scratch {
      private final JoinKeys.Encoder encoder;
      private final CodeHashes codeHashes;
      long[][] longs;
      byte[][][] strings;
      boolean[] nul = new boolean[0];
      long[] hash = new long[0];
      /** Each row's code (-1 for NULL) when {@link #coded} is not null. */
      int[] codes = new int[0];
      /** The dictionary of the last batch's {@link #codes}, or null when it was not coded. */
      org.curata.storage.Dictionary coded;

      Scratch(JoinKeys.Encoder encoder) {
        this.encoder = encoder;
        this.codeHashes = encoder.singleString() ? new CodeHashes(ctx, encoder) : null;
        longs = new long[encoder.width()][];
        strings = new byte[encoder.width()][][];
      }

      void encode(ColumnVector[] cols, int[] sel, int n) {
        if (nul.length < n) {
          int c = Math.max(n, cap);
          nul = new boolean[c];
          hash = new long[c];
          if (codeHashes != null) {
            codes = new int[c];
          }
          for (int j = 0; j < longs.length; j++) {
            if (encoder.isBytes(j)) {
              strings[j] = new byte[c][];
            } else {
              longs[j] = new long[c];
            }
          }
        }
        coded = null;
        if (codeHashes != null) {
          ColumnVector v = cols[encoder.column(0)];
          org.curata.storage.Dictionary d = v.dictionary;
          if (d != null && v.codes != null && codeHashes.use(d, n)) {
            encodeCodes(v, sel, n);
            coded = d;
            return;
          }
        }
        encoder.encode(cols, sel, n, longs, strings, nul, hash);
      }

      private void encodeCodes(ColumnVector v, int[] sel, int n) {
        final CodeHashes ch = codeHashes;
        final boolean[] nl = v.nulls;
        final int[] vc = v.codes;
        final byte[][] x = v.bytes;
        final byte[][] out = strings[0];
        final int[] oc = codes;
        final boolean[] on = nul;
        final long[] oh = hash;
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          if (nl[p]) {
            on[i] = true;
            oh[i] = 0;
            out[i] = null;
            oc[i] = -1;
          } else {
            int c = vc[p];
            byte[] b = x[p];
            on[i] = false;
            out[i] = b;
            oc[i] = c;
            oh[i] = ch.hash(c, b);
          }
        }
      }

      void release() {
        if (codeHashes != null) {
          codeHashes.release();
        }
      }
    }
  }

  /**
   * Batches of an input, viewed through the columns the join stores, with one batch that can be
   * put back (the one the budget refused).
   */
  private static final class Source {
    final Operator op;
    final int[] map;
    ColumnVector[] cols;
    int[] sel;
    int n;
    boolean pending;

    Source(Operator op, int[] map) {
      this.op = op;
      this.map = map;
    }

    /** The pending batch, else the next one; false at the end. */
    boolean fetch() {
      if (pending) {
        pending = false;
        return true;
      }
      if (op == null) {
        return false;
      }
      Batch b = op.next();
      if (b == null) {
        return false;
      }
      if (map == null) {
        cols = b.columns;
      } else {
        if (cols == null) {
          cols = new ColumnVector[map.length];
        }
        for (int k = 0; k < map.length; k++) {
          cols[k] = b.columns[map[k]];
        }
      }
      sel = b.selection;
      n = b.selected;
      return true;
    }
  }

  private static ColumnVector grow(ColumnVector v, int capacity, int used) {
    ColumnVector g = new ColumnVector(v.type, capacity);
    System.arraycopy(v.nulls, 0, g.nulls, 0, used);
    switch (v.kind) {
      case LONG:
        System.arraycopy(v.longs, 0, g.longs, 0, used);
        break;
      case DOUBLE:
        System.arraycopy(v.doubles, 0, g.doubles, 0, used);
        break;
      default:
        System.arraycopy(v.bytes, 0, g.bytes, 0, used);
        break;
    }
    return g;
  }

  /** Copies rows {@code sel[positions[0..m)]} of {@code src} to {@code dst} from {@code at}. */
  private static void copyRows(ColumnVector dst, int at, ColumnVector src, int[] sel,
      int[] positions, int m) {
    boolean[] dn = dst.nulls;
    boolean[] sn = src.nulls;
    switch (dst.kind) {
      case LONG: {
        long[] d = dst.longs;
        long[] s = src.longs;
        for (int t = 0; t < m; t++) {
          int p = sel[positions[t]];
          dn[at + t] = sn[p];
          d[at + t] = s[p];
        }
        break;
      }
      case DOUBLE: {
        double[] d = dst.doubles;
        double[] s = src.doubles;
        for (int t = 0; t < m; t++) {
          int p = sel[positions[t]];
          dn[at + t] = sn[p];
          d[at + t] = s[p];
        }
        break;
      }
      default: {
        byte[][] d = dst.bytes;
        byte[][] s = src.bytes;
        for (int t = 0; t < m; t++) {
          int p = sel[positions[t]];
          dn[at + t] = sn[p];
          d[at + t] = sn[p] ? null : s[p];
        }
        break;
      }
    }
  }

  /** Sets {@code dst[from..to)} to {@code src[idx[k]]}, or NULL where the index is negative. */
  private static void gather(ColumnVector dst, ColumnVector src, int[] idx, int from, int to) {
    boolean[] dn = dst.nulls;
    if (src == null) {
      for (int k = from; k < to; k++) {
        dn[k] = true;
      }
      if (dst.bytes != null) {
        Arrays.fill(dst.bytes, from, to, null);
      }
      return;
    }
    boolean[] sn = src.nulls;
    switch (dst.kind) {
      case LONG: {
        long[] d = dst.longs;
        long[] s = src.longs;
        for (int k = from; k < to; k++) {
          int r = idx[k];
          if (r < 0) {
            dn[k] = true;
          } else {
            dn[k] = sn[r];
            d[k] = s[r];
          }
        }
        break;
      }
      case DOUBLE: {
        double[] d = dst.doubles;
        double[] s = src.doubles;
        for (int k = from; k < to; k++) {
          int r = idx[k];
          if (r < 0) {
            dn[k] = true;
          } else {
            dn[k] = sn[r];
            d[k] = s[r];
          }
        }
        break;
      }
      default: {
        byte[][] d = dst.bytes;
        byte[][] s = src.bytes;
        for (int k = from; k < to; k++) {
          int r = idx[k];
          if (r < 0 || sn[r]) {
            dn[k] = true;
            d[k] = null;
          } else {
            dn[k] = false;
            d[k] = s[r];
          }
        }
        break;
      }
    }
  }
}
