package org.curata.adapter.exec;

import java.util.Arrays;
import java.util.List;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * The accumulators of a hash aggregate's calls: per call growable primitive arrays indexed by
 * group id (a count, a long or double value, and for string MIN/MAX an offset and length into a
 * byte arena). Updates run one tight loop per call over a batch's rows and their group ids.
 */
final class AggregateState {
  /** How a call accumulates. */
  private enum Acc { COUNT, LONG_SUM, DOUBLE_SUM, LONG_MIN, LONG_MAX, DOUBLE_MIN, DOUBLE_MAX,
    CODE_MIN, CODE_MAX, BYTES_MIN, BYTES_MAX }

  private final List<AggregateNode.Call> calls;
  private final Acc[] accs;
  private final boolean[] float32Sum;
  private final CategoricalCodes[] codes;
  private final MemoryBudget memory;
  private final long[][] counts;
  private final long[][] longs;
  private final double[][] doubles;
  private final int[][] lengths;
  private final byte[][] arenas;
  private final int[] arenaUsed;
  private long arenaReserved;
  private int capacity;
  private int[] filterSel = new int[0];
  private int[] filterGid = new int[0];

  /**
   * Creates the accumulators.
   *
   * @param calls the calls (checked by {@link AggregateNode})
   * @param inTypes the storage types of the aggregate's input columns
   * @param memory the budget string values of MIN/MAX are reserved against
   */
  AggregateState(List<AggregateNode.Call> calls, List<FieldType> inTypes, MemoryBudget memory) {
    this.calls = calls;
    this.memory = memory;
    int n = calls.size();
    accs = new Acc[n];
    float32Sum = new boolean[n];
    codes = new CategoricalCodes[n];
    counts = new long[n][];
    longs = new long[n][];
    doubles = new double[n][];
    lengths = new int[n][];
    arenas = new byte[n][];
    arenaUsed = new int[n];
    for (int a = 0; a < n; a++) {
      AggregateNode.Call c = calls.get(a);
      FieldType in = c.column() >= 0 ? inTypes.get(c.column()) : null;
      if (in != null && in.kind() == FieldKind.CATEGORICAL) {
        codes[a] = new CategoricalCodes(in);
      }
      boolean floating = in != null && in.kind().isFloating();
      boolean max = c.kind() == AggregateNode.Kind.MAX;
      switch (c.kind()) {
        case COUNT_STAR:
        case COUNT:
          accs[a] = Acc.COUNT;
          break;
        case SUM:
        case SUM0:
        case AVG:
          accs[a] = floating ? Acc.DOUBLE_SUM : Acc.LONG_SUM;
          float32Sum[a] = c.resultType().kind() == FieldKind.FLOAT32;
          break;
        default:
          if (floating) {
            accs[a] = max ? Acc.DOUBLE_MAX : Acc.DOUBLE_MIN;
          } else if (in.kind().isString()) {
            accs[a] = max ? Acc.BYTES_MAX : Acc.BYTES_MIN;
          } else if (in.kind() == FieldKind.CATEGORICAL) {
            accs[a] = max ? Acc.CODE_MAX : Acc.CODE_MIN;
          } else {
            accs[a] = max ? Acc.LONG_MAX : Acc.LONG_MIN;
          }
          break;
      }
    }
    reset();
  }

  /** Drops every group and releases the string values' reservation. */
  void reset() {
    memory.release(arenaReserved);
    arenaReserved = 0;
    capacity = 0;
    for (int a = 0; a < accs.length; a++) {
      counts[a] = new long[0];
      longs[a] = usesLongs(accs[a]) ? new long[0] : null;
      doubles[a] = usesDoubles(accs[a]) ? new double[0] : null;
      lengths[a] = usesBytes(accs[a]) ? new int[0] : null;
      arenas[a] = usesBytes(accs[a]) ? new byte[0] : null;
      arenaUsed[a] = 0;
    }
  }

  private static boolean usesLongs(Acc acc) {
    return acc == Acc.LONG_SUM || acc == Acc.LONG_MIN || acc == Acc.LONG_MAX
        || acc == Acc.CODE_MIN || acc == Acc.CODE_MAX || usesBytes(acc);
  }

  private static boolean usesDoubles(Acc acc) {
    return acc == Acc.DOUBLE_SUM || acc == Acc.DOUBLE_MIN || acc == Acc.DOUBLE_MAX;
  }

  private static boolean usesBytes(Acc acc) {
    return acc == Acc.BYTES_MIN || acc == Acc.BYTES_MAX;
  }

  /** The bytes the accumulators keep per group (string values beyond it are reserved apart). */
  long bytesPerGroup() {
    long b = 0;
    for (Acc acc : accs) {
      b += 8 + (acc == Acc.COUNT ? 0 : 8) + (usesBytes(acc) ? 4 : 0);
    }
    return b;
  }

  /** Makes room for groups 0 .. groups - 1 (new groups start empty). */
  void ensure(int groups) {
    if (groups <= capacity) {
      return;
    }
    int size = Math.max(groups, Math.max(16, capacity * 2));
    for (int a = 0; a < accs.length; a++) {
      counts[a] = Arrays.copyOf(counts[a], size);
      if (longs[a] != null) {
        longs[a] = Arrays.copyOf(longs[a], size);
      }
      if (doubles[a] != null) {
        doubles[a] = Arrays.copyOf(doubles[a], size);
      }
      if (lengths[a] != null) {
        lengths[a] = Arrays.copyOf(lengths[a], size);
      }
    }
    capacity = size;
  }

  /**
   * Adds rows to every call's accumulators.
   *
   * @param columns the input batch's columns, indexed through {@code colMap}
   * @param colMap input column index to batch column index
   * @param sel the rows' positions
   * @param gid the rows' groups
   * @param n rows
   * @param single true when there is one group (gid is all zeros)
   */
  void update(ColumnVector[] columns, int[] colMap, int[] sel, int[] gid, int n, boolean single,
      Distinct distinct) {
    for (int a = 0; a < accs.length; a++) {
      AggregateNode.Call c = calls.get(a);
      int[] s = sel;
      int[] g = gid;
      int m = n;
      if (filterSel.length < n) {
        filterSel = new int[n];
        filterGid = new int[n];
      }
      if (c.filter() >= 0) {
        ColumnVector f = columns[colMap[c.filter()]];
        boolean[] fn = f.nulls;
        long[] fx = f.longs;
        m = 0;
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          if (!fn[p] && fx[p] != 0) {
            filterSel[m] = p;
            filterGid[m] = gid[i];
            m++;
          }
        }
        s = filterSel;
        g = filterGid;
      }
      ColumnVector v = c.column() >= 0 ? columns[colMap[c.column()]] : null;
      if (c.distinct() && m > 0) {
        if (s == sel) {
          System.arraycopy(sel, 0, filterSel, 0, m);
          System.arraycopy(gid, 0, filterGid, 0, m);
          s = filterSel;
          g = filterGid;
        }
        m = distinct.firstOccurrences(a, v, s, g, m);
      }
      if (m == 0) {
        continue;
      }
      updateCall(a, c, v, s, g, m, single);
    }
  }

  /** Narrows the rows of a DISTINCT call to those whose value is new to its group. */
  interface Distinct {
    /**
     * Keeps, in place and in order, the rows (positions {@code sel}, groups {@code gid}) whose
     * non-NULL value of {@code v} their group has not had before; returns how many.
     */
    int firstOccurrences(int call, ColumnVector v, int[] sel, int[] gid, int n);
  }

  /** Adds rows, already distinct, to call {@code a} (for DISTINCT values that spilled). */
  void updateDistinct(int a, ColumnVector v, int[] sel, int[] gid, int n) {
    updateCall(a, calls.get(a), v, sel, gid, n, false);
  }

  private void updateCall(int a, AggregateNode.Call c, ColumnVector v, int[] sel, int[] gid, int n,
      boolean single) {
    long[] cnt = counts[a];
    if (v == null) {
      if (single) {
        cnt[0] += n;
      } else {
        for (int i = 0; i < n; i++) {
          cnt[gid[i]]++;
        }
      }
      return;
    }
    boolean[] nl = v.nulls;
    CategoricalCodes cc = codes[a];
    switch (accs[a]) {
      case COUNT:
        if (cc != null) {
          long[] x = v.longs;
          for (int i = 0; i < n; i++) {
            int p = sel[i];
            if (!nl[p] && cc.contains(x[p])) {
              cnt[gid[i]]++;
            }
          }
        } else if (single) {
          long m = 0;
          for (int i = 0; i < n; i++) {
            m += nl[sel[i]] ? 0 : 1;
          }
          cnt[0] += m;
        } else {
          for (int i = 0; i < n; i++) {
            if (!nl[sel[i]]) {
              cnt[gid[i]]++;
            }
          }
        }
        return;
      case LONG_SUM: {
        long[] x = v.longs;
        long[] s = longs[a];
        try {
          for (int i = 0; i < n; i++) {
            int p = sel[i];
            if (!nl[p]) {
              int g = gid[i];
              s[g] = Math.addExact(s[g], x[p]);
              cnt[g]++;
            }
          }
        } catch (ArithmeticException e) {
          throw overflow(c);
        }
        return;
      }
      case DOUBLE_SUM: {
        double[] x = v.doubles;
        double[] s = doubles[a];
        if (float32Sum[a]) {
          for (int i = 0; i < n; i++) {
            int p = sel[i];
            if (!nl[p]) {
              int g = gid[i];
              s[g] = (float) (s[g] + x[p]);
              cnt[g]++;
            }
          }
        } else {
          for (int i = 0; i < n; i++) {
            int p = sel[i];
            if (!nl[p]) {
              int g = gid[i];
              s[g] += x[p];
              cnt[g]++;
            }
          }
        }
        return;
      }
      case LONG_MIN: {
        long[] x = v.longs;
        long[] s = longs[a];
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          if (!nl[p]) {
            int g = gid[i];
            if (cnt[g]++ == 0 || x[p] < s[g]) {
              s[g] = x[p];
            }
          }
        }
        return;
      }
      case LONG_MAX: {
        long[] x = v.longs;
        long[] s = longs[a];
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          if (!nl[p]) {
            int g = gid[i];
            if (cnt[g]++ == 0 || x[p] > s[g]) {
              s[g] = x[p];
            }
          }
        }
        return;
      }
      case DOUBLE_MIN: {
        double[] x = v.doubles;
        double[] s = doubles[a];
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          if (!nl[p]) {
            int g = gid[i];
            if (cnt[g]++ == 0 || x[p] < s[g]) {
              s[g] = x[p];
            }
          }
        }
        return;
      }
      case DOUBLE_MAX: {
        double[] x = v.doubles;
        double[] s = doubles[a];
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          if (!nl[p]) {
            int g = gid[i];
            if (cnt[g]++ == 0 || x[p] > s[g]) {
              s[g] = x[p];
            }
          }
        }
        return;
      }
      case CODE_MIN:
      case CODE_MAX: {
        boolean max = accs[a] == Acc.CODE_MAX;
        long[] x = v.longs;
        long[] s = longs[a];
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          int r = nl[p] ? -1 : cc.rank(x[p]);
          if (r < 0) {
            continue;
          }
          int g = gid[i];
          if (cnt[g]++ == 0) {
            s[g] = x[p];
          } else {
            int best = cc.rank(s[g]);
            if (max ? r > best : r < best) {
              s[g] = x[p];
            }
          }
        }
        return;
      }
      default: {
        boolean max = accs[a] == Acc.BYTES_MAX;
        byte[][] x = v.bytes;
        long[] off = longs[a];
        int[] len = lengths[a];
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          if (nl[p]) {
            continue;
          }
          int g = gid[i];
          byte[] b = x[p];
          if (cnt[g]++ != 0) {
            byte[] arena = arenas[a];
            int o = (int) off[g];
            int cmp = SortOrder.compareUtf8AsUtf16(b, 0, b.length, arena, o, o + len[g]);
            if (max ? cmp <= 0 : cmp >= 0) {
              continue;
            }
            if (b.length <= len[g]) {
              // the new value fits where the old one was
              System.arraycopy(b, 0, arena, o, b.length);
              len[g] = b.length;
              continue;
            }
          }
          off[g] = append(a, b);
          len[g] = b.length;
        }
        return;
      }
    }
  }

  private int append(int a, byte[] b) {
    int used = arenaUsed[a];
    byte[] arena = arenas[a];
    if (used + b.length > arena.length) {
      long next = Math.max((long) used + b.length, Math.max(1024, (long) arena.length * 2));
      if (next > Integer.MAX_VALUE - 16) {
        throw new CurataException(ErrorCode.RESOURCE_EXHAUSTED, "MIN/MAX over input column "
            + calls.get(a).column() + " keeps more than 2 GB of string values; group by fewer"
            + " keys or aggregate shorter strings");
      }
      // string values cannot be spilled once their group is in memory: reserve them regardless
      memory.forceReserve(next - arena.length);
      arenaReserved += next - arena.length;
      arena = Arrays.copyOf(arena, (int) next);
      arenas[a] = arena;
    }
    System.arraycopy(b, 0, arena, used, b.length);
    arenaUsed[a] = used + b.length;
    return used;
  }

  private static CurataException overflow(AggregateNode.Call c) {
    return new CurataException(ErrorCode.INVALID_INPUT, c.kind() + " over input column "
        + c.column() + " overflows " + c.resultType()
        + "; cast the argument to a wider type (DOUBLE or DECIMAL)");
  }

  /**
   * Writes call {@code a}'s results for groups {@code from .. from + count - 1} to positions 0..
   * of {@code out} (of the call's result type).
   */
  void write(int a, int from, int count, ColumnVector out) {
    AggregateNode.Call c = calls.get(a);
    long[] cnt = counts[a];
    boolean[] nl = out.nulls;
    if (accs[a] == Acc.COUNT) {
      System.arraycopy(cnt, from, out.longs, 0, count);
      Arrays.fill(nl, 0, count, false);
      return;
    }
    boolean zeroWhenEmpty = c.kind() == AggregateNode.Kind.SUM0;
    for (int r = 0; r < count; r++) {
      int g = from + r;
      boolean empty = cnt[g] == 0;
      nl[r] = empty && !zeroWhenEmpty;
      switch (accs[a]) {
        case LONG_SUM:
          if (c.kind() == AggregateNode.Kind.AVG) {
            out.doubles[r] = empty ? 0 : (double) longs[a][g] / cnt[g];
          } else if (out.kind == ColumnVector.Kind.DOUBLE) {
            out.doubles[r] = longs[a][g];
          } else {
            checkRange(c, longs[a][g]);
            out.longs[r] = longs[a][g];
          }
          break;
        case DOUBLE_SUM:
          out.doubles[r] = c.kind() == AggregateNode.Kind.AVG
              ? (empty ? 0 : doubles[a][g] / cnt[g]) : doubles[a][g];
          break;
        case DOUBLE_MIN:
        case DOUBLE_MAX:
          out.doubles[r] = doubles[a][g];
          break;
        case BYTES_MIN:
        case BYTES_MAX: {
          int o = (int) longs[a][g];
          out.bytes[r] = empty ? null : Arrays.copyOfRange(arenas[a], o, o + lengths[a][g]);
          break;
        }
        default:
          out.longs[r] = longs[a][g];
          break;
      }
    }
  }

  private static void checkRange(AggregateNode.Call c, long value) {
    long min;
    long max;
    switch (c.resultType().kind()) {
      case INT8: min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; break;
      case INT16: min = Short.MIN_VALUE; max = Short.MAX_VALUE; break;
      case INT32: min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; break;
      default: return;
    }
    if (value < min || value > max) {
      throw overflow(c);
    }
  }

  /**
   * Moves group {@code from} to group 0 and empties groups 1 .. {@code size - 1} (streaming mode,
   * where only the group still open is kept).
   */
  void keepOnly(int from, int size) {
    for (int a = 0; a < accs.length; a++) {
      counts[a][0] = counts[a][from];
      Arrays.fill(counts[a], 1, size, 0);
      if (longs[a] != null) {
        longs[a][0] = longs[a][from];
        Arrays.fill(longs[a], 1, size, 0);
      }
      if (doubles[a] != null) {
        doubles[a][0] = doubles[a][from];
        Arrays.fill(doubles[a], 1, size, 0);
      }
      if (lengths[a] != null) {
        int len = lengths[a][from];
        int o = (int) longs[a][0];
        byte[] kept = Arrays.copyOfRange(arenas[a], o, o + len);
        System.arraycopy(kept, 0, arenas[a], 0, len);
        arenaUsed[a] = len;
        longs[a][0] = 0;
        lengths[a][0] = len;
        Arrays.fill(lengths[a], 1, size, 0);
      }
    }
  }
}
