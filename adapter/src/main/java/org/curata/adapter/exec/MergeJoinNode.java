package org.curata.adapter.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * An equi-join of two inputs sorted ascending on their key columns (integral, date and timestamp
 * keys, compared as SQL values: timestamps by millisecond), by one ordered pass over both: no hash
 * table, only the right rows of the current key buffered (spilled to a file when the budget
 * refuses them). Rows with a NULL key never match, wherever the sort put them. All join types of
 * {@link JoinType}; SEMI and ANTI buffer nothing. An input found out of order is an internal error,
 * never a wrong answer.
 */
public final class MergeJoinNode implements ExecNode {
  private final ExecNode left;
  private final ExecNode right;
  private final int[] leftKeys;
  private final int[] rightKeys;
  private final JoinType joinType;
  private final List<FieldType> types;
  private final JoinKeys.Encoder leftEncoder;
  private final JoinKeys.Encoder rightEncoder;

  /**
   * Creates a merge join.
   *
   * @param leftKeys the left key columns, in the order the left input is sorted on them
   * @param rightKeys the right key columns, paired by position, in the right input's sort order;
   *     each pair must be {@link #mergeable}
   */
  public MergeJoinNode(ExecNode left, ExecNode right, int[] leftKeys, int[] rightKeys,
      JoinType joinType) {
    this.left = Objects.requireNonNull(left, "left");
    this.right = Objects.requireNonNull(right, "right");
    this.joinType = Objects.requireNonNull(joinType, "joinType");
    if (leftKeys.length != rightKeys.length || leftKeys.length == 0) {
      throw new IllegalArgumentException("join needs as many left as right keys, at least one: "
          + Arrays.toString(leftKeys) + " and " + Arrays.toString(rightKeys));
    }
    for (int j = 0; j < leftKeys.length; j++) {
      if (!mergeable(left.columnTypes().get(leftKeys[j]), right.columnTypes().get(rightKeys[j]))) {
        throw new IllegalArgumentException("merge join key " + j + " of types "
            + left.columnTypes().get(leftKeys[j]) + " and "
            + right.columnTypes().get(rightKeys[j]) + " is not supported");
      }
    }
    this.leftKeys = leftKeys.clone();
    this.rightKeys = rightKeys.clone();
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

  /**
   * True when a key pair can be merged: both integral (not categorical, whose codes are not in
   * label order, nor boolean), both dates or both timestamps; their SQL order is the order of
   * their encoded values.
   */
  public static boolean mergeable(FieldType a, FieldType b) {
    return JoinKeys.comparable(a, b) && orderedAsLong(a) && orderedAsLong(b);
  }

  private static boolean orderedAsLong(FieldType t) {
    FieldKind k = t.kind();
    return k.isIntegral() && k != FieldKind.CATEGORICAL && k != FieldKind.BOOL;
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
    System.arraycopy(needed, 0, ln, 0, nl);
    if (joinType.projectsRight()) {
      System.arraycopy(needed, nl, rn, 0, nr);
    }
    for (int k : leftKeys) {
      ln[k] = true;
    }
    for (int k : rightKeys) {
      rn[k] = true;
    }
    Operator lop = left.open(ctx, ln);
    Operator rop;
    try {
      rop = right.open(ctx, rn);
    } catch (RuntimeException | Error e) {
      lop.close();
      throw e;
    }
    return new Run(ctx, needed, rn, lop, rop, nl);
  }

  /** What the merge does next. */
  private enum State { MERGE, MATCH_LEFT, EMIT_GROUP, DRAIN_LEFT, DRAIN_RIGHT, DONE }

  /** An input read row by row with its encoded keys, checked to ascend. */
  private final class Cursor {
    private final ExecContext ctx;
    private final Operator op;
    private final JoinKeys.Encoder encoder;
    private final String side;
    ColumnVector[] cols;
    int[] sel;
    int n;
    int i;
    long[][] keys;
    boolean[] nul = new boolean[0];
    private long[] hash = new long[0];
    private final byte[][][] noBytes;
    private final long[] prev;
    private boolean havePrev;
    private boolean done;

    Cursor(ExecContext ctx, Operator op, JoinKeys.Encoder encoder, String side) {
      this.ctx = ctx;
      this.op = op;
      this.encoder = encoder;
      this.side = side;
      this.keys = new long[encoder.width()][];
      this.prev = new long[encoder.width()];
      this.noBytes = new byte[encoder.width()][][];
    }

    /** Whether there is a current row (fetching the next batch if needed). */
    boolean ensure() {
      if (i < n) {
        return true;
      }
      if (done) {
        return false;
      }
      Batch b = op.next();
      if (b == null) {
        done = true;
        return false;
      }
      ctx.checkCancel();
      cols = b.columns;
      sel = b.selection;
      n = b.selected;
      i = 0;
      if (nul.length < n) {
        nul = new boolean[n];
        hash = new long[n];
        for (int j = 0; j < keys.length; j++) {
          keys[j] = new long[n];
        }
      }
      encoder.encode(cols, sel, n, keys, noBytes, nul, hash);
      checkOrder();
      return true;
    }

    private void checkOrder() {
      for (int r = 0; r < n; r++) {
        if (nul[r]) {
          continue;
        }
        if (havePrev && compare(prev, r) > 0) {
          long[] now = new long[prev.length];
          for (int j = 0; j < now.length; j++) {
            now[j] = keys[j][r];
          }
          throw new CurataException(ErrorCode.INTERNAL, "the " + side + " input of a merge join"
              + " is not sorted on its keys: encoded key " + Arrays.toString(now) + " follows "
              + Arrays.toString(prev) + "; the plan assumed an order its input does not have");
        }
        for (int j = 0; j < prev.length; j++) {
          prev[j] = keys[j][r];
        }
        havePrev = true;
      }
    }

    private int compare(long[] a, int r) {
      for (int j = 0; j < a.length; j++) {
        int c = Long.compare(a[j], keys[j][r]);
        if (c != 0) {
          return c;
        }
      }
      return 0;
    }

    boolean isNull() {
      return nul[i];
    }

    int pos() {
      return sel[i];
    }
  }

  /** The running merge. */
  private final class Run implements Operator {
    private final ExecContext ctx;
    private final int cap;
    private final Operator leftIn;
    private final Operator rightIn;
    private final Cursor l;
    private final Cursor r;
    private final ColumnVector[] out;
    private final Batch outBatch;
    private final int[] outSide;
    private final int[] outCol;
    private final int[] outGroupCol;
    private final int[] groupColumns;
    private final ColumnVector[] groupView;
    private final List<FieldType> groupTypes;
    private final boolean pairs;
    private final boolean anti;
    private final long[] groupKey;
    private State state = State.MERGE;
    // the buffered right rows of the current key: in memory, or in a spill file
    private ColumnVector[] group;
    private int groupSize;
    private long groupReserved;
    private SpillFile.Writer groupWriter;
    private SpillFile groupFile;
    private Operator groupReader;
    private ColumnVector[] emitCols;
    private int emitN;
    private int emitPos;
    private final long rowBytes;

    Run(ExecContext ctx, boolean[] needed, boolean[] rightNeeded, Operator leftIn,
        Operator rightIn, int leftCount) {
      this.ctx = ctx;
      this.cap = ctx.batchSize();
      this.leftIn = leftIn;
      this.rightIn = rightIn;
      this.l = new Cursor(ctx, leftIn, leftEncoder, "left");
      this.r = new Cursor(ctx, rightIn, rightEncoder, "right");
      this.out = Batch.vectors(types, cap);
      this.outBatch = Batch.dense(out, 0);
      // the group holds only the right columns read ("compact" order), so spill files never see
      // the unfilled slots of unread columns
      List<FieldType> rightTypes = right.columnTypes();
      int[] compactOf = new int[rightTypes.size()];
      List<Integer> cols = new ArrayList<>();
      List<FieldType> gt = new ArrayList<>();
      for (int c = 0; c < rightTypes.size(); c++) {
        compactOf[c] = rightNeeded[c] ? cols.size() : -1;
        if (rightNeeded[c]) {
          cols.add(c);
          gt.add(rightTypes.get(c));
        }
      }
      this.groupColumns = cols.stream().mapToInt(Integer::intValue).toArray();
      this.groupTypes = List.copyOf(gt);
      this.groupView = new ColumnVector[groupColumns.length];
      this.outSide = new int[types.size()];
      this.outCol = new int[types.size()];
      this.outGroupCol = new int[types.size()];
      for (int o = 0; o < types.size(); o++) {
        boolean isLeft = o < leftCount;
        outSide[o] = !needed[o] ? -1 : isLeft ? 0 : 1;
        outCol[o] = isLeft ? o : o - leftCount;
        outGroupCol[o] = isLeft ? -1 : compactOf[o - leftCount];
      }
      this.pairs = joinType.projectsRight();
      this.anti = joinType == JoinType.ANTI;
      this.groupKey = new long[leftKeys.length];
      long b = 16;
      for (FieldType t : groupTypes) {
        b += ColumnVector.valueBytes(t, 0);
      }
      this.rowBytes = b;
    }

    @Override
    public Batch next() {
      int k = 0;
      while (k < cap && state != State.DONE) {
        switch (state) {
          case MERGE:
            k = merge(k);
            break;
          case MATCH_LEFT:
            k = matchLeft(k);
            break;
          case EMIT_GROUP:
            k = emitGroup(k);
            break;
          case DRAIN_LEFT:
            if (!l.ensure()) {
              state = State.DONE;
              break;
            }
            k = leftUnmatched(k);
            break;
          default:
            if (!r.ensure()) {
              state = State.DONE;
              break;
            }
            if (joinType.rightOuter()) {
              emitRightOnly(k++, r.cols, r.pos());
            }
            r.i++;
            break;
        }
      }
      if (k == 0) {
        return null;
      }
      for (int i = 0; i < k; i++) {
        outBatch.selection[i] = i;
      }
      outBatch.selected = k;
      return outBatch;
    }

    private int merge(int k) {
      if (!l.ensure()) {
        state = State.DRAIN_RIGHT;
        return k;
      }
      if (l.isNull()) {
        return leftUnmatched(k);
      }
      if (!r.ensure()) {
        state = State.DRAIN_LEFT;
        return k;
      }
      if (r.isNull()) {
        if (joinType.rightOuter()) {
          emitRightOnly(k++, r.cols, r.pos());
        }
        r.i++;
        return k;
      }
      int c = compareKeys();
      if (c < 0) {
        return leftUnmatched(k);
      }
      if (c > 0) {
        if (joinType.rightOuter()) {
          emitRightOnly(k++, r.cols, r.pos());
        }
        r.i++;
        return k;
      }
      for (int j = 0; j < groupKey.length; j++) {
        groupKey[j] = r.keys[j][r.i];
      }
      // every right row of the key matches the current left row: buffer them (or skip them)
      startGroup();
      while (r.ensure() && !r.isNull() && sameAsGroup(r)) {
        if (pairs) {
          addToGroup(r.cols, r.pos());
        }
        r.i++;
      }
      finishGroup();
      state = State.MATCH_LEFT;
      return k;
    }

    /** The current left row against the buffered key. */
    private int matchLeft(int k) {
      if (!l.ensure() || l.isNull() || !sameAsGroup(l)) {
        clearGroup();
        state = State.MERGE;
        return k;
      }
      if (!pairs) {
        if (!anti) {
          emitLeftOnly(k++);
        }
        l.i++;
        return k;
      }
      openGroup();
      state = State.EMIT_GROUP;
      return k;
    }

    private int emitGroup(int k) {
      while (k < cap) {
        if (emitPos == emitN) {
          if (!nextGroupBatch()) {
            l.i++;
            state = State.MATCH_LEFT;
            return k;
          }
          continue;
        }
        emitPair(k++, emitCols, emitPos++);
      }
      return k;
    }

    private int leftUnmatched(int k) {
      if (joinType.leftOuter() || anti) {
        emitLeftOnly(k++);
      }
      l.i++;
      return k;
    }

    private int compareKeys() {
      for (int j = 0; j < groupKey.length; j++) {
        int c = Long.compare(l.keys[j][l.i], r.keys[j][r.i]);
        if (c != 0) {
          return c;
        }
      }
      return 0;
    }

    private boolean sameAsGroup(Cursor c) {
      for (int j = 0; j < groupKey.length; j++) {
        if (c.keys[j][c.i] != groupKey[j]) {
          return false;
        }
      }
      return true;
    }

    private void startGroup() {
      groupSize = 0;
      if (group == null && pairs) {
        group = Batch.vectors(groupTypes, 16);
      }
    }

    private void addToGroup(ColumnVector[] rightCols, int pos) {
      ColumnVector[] cols = groupView;
      for (int c = 0; c < cols.length; c++) {
        cols[c] = rightCols[groupColumns[c]];
      }
      if (groupWriter != null) {
        groupWriter.writeRow(cols, pos);
        return;
      }
      long need = rowBytes;
      for (int c = 0; c < cols.length; c++) {
        if (cols[c].kind == ColumnVector.Kind.BYTES && !cols[c].nulls[pos]
            && cols[c].bytes[pos] != null) {
          need += cols[c].bytes[pos].length;
        }
      }
      if (groupSize > 0 && !ctx.memory().tryReserve(need)) {
        // the key's rows do not fit: move them to a spill file
        groupWriter = SpillFile.create(ctx, "mergejoin", groupTypes);
        for (int g = 0; g < groupSize; g++) {
          groupWriter.writeRow(group, g);
        }
        groupWriter.writeRow(cols, pos);
        ctx.memory().release(groupReserved);
        groupReserved = 0;
        return;
      }
      if (groupSize == 0) {
        ctx.memory().forceReserve(need);
      }
      groupReserved += need;
      if (groupSize == group[0].capacity()) {
        for (int c = 0; c < group.length; c++) {
          group[c] = grow(group[c], groupSize * 2);
        }
      }
      for (int c = 0; c < group.length; c++) {
        group[c].copyFrom(groupSize, cols[c], pos);
      }
      groupSize++;
    }

    private void finishGroup() {
      if (groupWriter != null) {
        groupFile = groupWriter.finish();
        groupWriter = null;
      }
    }

    private void openGroup() {
      if (groupFile != null) {
        closeReader();
        groupReader = groupFile.open(ctx, cap);
        emitN = 0;
        emitPos = 0;
      } else {
        emitCols = group;
        emitN = groupSize;
        emitPos = 0;
      }
    }

    private boolean nextGroupBatch() {
      if (groupReader == null) {
        return false;
      }
      Batch b = groupReader.next();
      if (b == null) {
        closeReader();
        return false;
      }
      emitCols = b.columns;
      emitN = b.selected;
      emitPos = 0;
      return true;
    }

    private void closeReader() {
      if (groupReader != null) {
        groupReader.close();
        groupReader = null;
      }
    }

    private void clearGroup() {
      closeReader();
      if (groupFile != null) {
        groupFile.delete();
        groupFile = null;
      }
      ctx.memory().release(groupReserved);
      groupReserved = 0;
      groupSize = 0;
      if (group != null) {
        for (ColumnVector v : group) {
          if (v.bytes != null) {
            Arrays.fill(v.bytes, null);
          }
        }
      }
    }

    private void emitPair(int k, ColumnVector[] groupCols, int groupPos) {
      for (int o = 0; o < out.length; o++) {
        if (outSide[o] == 0) {
          out[o].copyFrom(k, l.cols[outCol[o]], l.pos());
        } else if (outSide[o] == 1) {
          out[o].copyFrom(k, groupCols[outGroupCol[o]], groupPos);
        }
      }
    }

    private void emitLeftOnly(int k) {
      for (int o = 0; o < out.length; o++) {
        if (outSide[o] == 0) {
          out[o].copyFrom(k, l.cols[outCol[o]], l.pos());
        } else if (outSide[o] == 1) {
          setNull(out[o], k);
        }
      }
    }

    private void emitRightOnly(int k, ColumnVector[] rightCols, int rightPos) {
      for (int o = 0; o < out.length; o++) {
        if (outSide[o] == 0) {
          setNull(out[o], k);
        } else if (outSide[o] == 1) {
          out[o].copyFrom(k, rightCols[outCol[o]], rightPos);
        }
      }
    }

    @Override
    public void close() {
      try {
        if (groupWriter != null) {
          groupWriter.close();
          groupWriter = null;
        }
        clearGroup();
      } finally {
        try {
          leftIn.close();
        } finally {
          rightIn.close();
        }
      }
    }
  }

  private static void setNull(ColumnVector v, int k) {
    v.nulls[k] = true;
    if (v.bytes != null) {
      v.bytes[k] = null;
    }
  }

  private static ColumnVector grow(ColumnVector v, int capacity) {
    ColumnVector g = new ColumnVector(v.type, capacity);
    int used = v.capacity();
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
}
