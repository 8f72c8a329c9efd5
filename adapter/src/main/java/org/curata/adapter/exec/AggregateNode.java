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
 * A hash aggregate over integral group keys (none, or a few columns such as categorical codes or
 * small integers) computing COUNT, SUM, $SUM0, MIN and MAX on primitive vectors: per batch one pass
 * computes each selected row's group, then one tight loop per aggregate updates the accumulators.
 * A categorical code outside its key groups with NULL, as it reads as a NULL label.
 */
public final class AggregateNode implements ExecNode {
  /** The aggregate functions computed natively. */
  public enum Kind { COUNT_STAR, COUNT, SUM, SUM0, MIN, MAX }

  /**
   * One aggregate call.
   *
   * @param kind the function
   * @param column the input column, or -1 for COUNT(*)
   * @param resultType the storage type whose physical representation holds the result
   */
  public record Call(Kind kind, int column, FieldType resultType) {
    public Call {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(resultType, "resultType");
    }
  }

  private final ExecNode input;
  private final int[] groups;
  private final List<Call> calls;
  private final List<FieldType> types;

  /**
   * Creates an aggregate.
   *
   * @param input the input
   * @param groups the input columns to group by (each of long representation)
   * @param calls the aggregate calls
   */
  public AggregateNode(ExecNode input, int[] groups, List<Call> calls) {
    this.input = Objects.requireNonNull(input, "input");
    this.groups = groups.clone();
    this.calls = List.copyOf(calls);
    List<FieldType> t = new ArrayList<>();
    for (int g : groups) {
      t.add(input.columnTypes().get(g));
    }
    for (Call c : calls) {
      t.add(c.resultType());
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
    for (int g : groups) {
      inNeeded[g] = true;
    }
    for (Call c : calls) {
      if (c.column() >= 0) {
        inNeeded[c.column()] = true;
      }
    }
    Operator in = input.open(ctx, inNeeded);
    return new Operator() {
      private boolean done;

      @Override
      public Batch next() {
        if (done) {
          return null;
        }
        done = true;
        return aggregate(in, ctx);
      }

      @Override
      public void close() {
        in.close();
      }
    };
  }

  /** Membership in a categorical key, for normalising unknown codes to NULL. */
  private static final class KeyCodes {
    private final boolean[] table;
    private final long base;
    private final long[] sorted;

    KeyCodes(FieldType type) {
      sorted = type.key().labels().keySet().stream().mapToLong(Long::longValue).sorted().toArray();
      if (sorted.length > 0 && sorted[sorted.length - 1] - sorted[0] < (1 << 16)) {
        base = sorted[0];
        table = new boolean[(int) (sorted[sorted.length - 1] - base + 1)];
        for (long s : sorted) {
          table[(int) (s - base)] = true;
        }
      } else {
        base = 0;
        table = null;
      }
    }

    boolean contains(long code) {
      if (table != null) {
        long d = code - base;
        return d >= 0 && d < table.length && table[(int) d];
      }
      return Arrays.binarySearch(sorted, code) >= 0;
    }
  }

  private Batch aggregate(Operator in, ExecContext ctx) {
    int k = groups.length;
    List<FieldType> inTypes = input.columnTypes();
    KeyCodes[] keyCodes = new KeyCodes[k];
    for (int j = 0; j < k; j++) {
      FieldType t = inTypes.get(groups[j]);
      if (t.kind() == FieldKind.CATEGORICAL) {
        keyCodes[j] = new KeyCodes(t);
      }
    }
    KeyCodes[] callCodes = new KeyCodes[calls.size()];
    for (int a = 0; a < calls.size(); a++) {
      Call c = calls.get(a);
      if (c.kind() == Kind.COUNT && inTypes.get(c.column()).kind() == FieldKind.CATEGORICAL) {
        callCodes[a] = new KeyCodes(inTypes.get(c.column()));
      }
    }
    GroupTable table = new GroupTable(k);
    Accumulators acc = new Accumulators(calls, inTypes);
    if (k == 0) {
      table.single();
    }
    int[] gid = new int[ctx.batchSize()];
    long[] key = new long[k];
    for (Batch b = in.next(); b != null; b = in.next()) {
      int n = b.selected;
      int[] sel = b.selection;
      if (gid.length < sel.length) {
        gid = new int[sel.length];
      }
      if (k > 0) {
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          int nullMask = 0;
          for (int j = 0; j < k; j++) {
            ColumnVector v = b.columns[groups[j]];
            long x = v.longs[p];
            if (v.nulls[p] || (keyCodes[j] != null && !keyCodes[j].contains(x))) {
              nullMask |= 1 << j;
              x = 0;
            }
            key[j] = x;
          }
          gid[i] = table.find(key, nullMask);
        }
      }
      acc.ensure(table.size());
      for (int a = 0; a < calls.size(); a++) {
        Call c = calls.get(a);
        ColumnVector v = c.column() >= 0 ? b.columns[c.column()] : null;
        acc.update(a, c, v, callCodes[a], sel, n, gid, k == 0);
      }
    }
    int rows = table.size();
    acc.ensure(rows);
    ColumnVector[] out = new ColumnVector[types.size()];
    for (int j = 0; j < k; j++) {
      ColumnVector v = new ColumnVector(types.get(j), rows);
      for (int g = 0; g < rows; g++) {
        v.longs[g] = table.key(g, j);
        v.nulls[g] = table.isNull(g, j);
      }
      out[j] = v;
    }
    for (int a = 0; a < calls.size(); a++) {
      out[k + a] = acc.result(a, calls.get(a), rows);
    }
    int[] selection = new int[rows];
    for (int g = 0; g < rows; g++) {
      selection[g] = g;
    }
    return rows == 0 ? null : new Batch(out, selection, rows);
  }

  /** Open-addressing hash table from group key tuples (with NULL flags) to dense group ids. */
  private static final class GroupTable {
    private final int width;
    private long[] keys = new long[0];
    private int[] nullMasks = new int[0];
    private int[] slots = new int[16];
    private int size;

    GroupTable(int width) {
      this.width = width;
      Arrays.fill(slots, -1);
    }

    void single() {
      size = 1;
    }

    int size() {
      return size;
    }

    long key(int group, int j) {
      return keys[group * width + j];
    }

    boolean isNull(int group, int j) {
      return (nullMasks[group] & (1 << j)) != 0;
    }

    int find(long[] key, int nullMask) {
      long h = nullMask * 0x9E3779B97F4A7C15L;
      for (int j = 0; j < width; j++) {
        h = (h ^ key[j]) * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 29;
      }
      int mask = slots.length - 1;
      int s = (int) h & mask;
      while (true) {
        int g = slots[s];
        if (g < 0) {
          return insert(s, key, nullMask);
        }
        if (nullMasks[g] == nullMask && same(g, key)) {
          return g;
        }
        s = (s + 1) & mask;
      }
    }

    private boolean same(int g, long[] key) {
      int base = g * width;
      for (int j = 0; j < width; j++) {
        if (keys[base + j] != key[j]) {
          return false;
        }
      }
      return true;
    }

    private int insert(int slot, long[] key, int nullMask) {
      int g = size++;
      if (keys.length < size * width) {
        keys = Arrays.copyOf(keys, Math.max(16, size * width * 2));
      }
      if (nullMasks.length < size) {
        nullMasks = Arrays.copyOf(nullMasks, Math.max(16, size * 2));
      }
      System.arraycopy(key, 0, keys, g * width, width);
      nullMasks[g] = nullMask;
      slots[slot] = g;
      if (size * 2 > slots.length) {
        rehash();
      }
      return g;
    }

    private void rehash() {
      int[] old = slots;
      slots = new int[old.length * 2];
      Arrays.fill(slots, -1);
      int mask = slots.length - 1;
      long[] key = new long[width];
      for (int g : old) {
        if (g < 0) {
          continue;
        }
        System.arraycopy(keys, g * width, key, 0, width);
        long h = nullMasks[g] * 0x9E3779B97F4A7C15L;
        for (int j = 0; j < width; j++) {
          h = (h ^ key[j]) * 0xC2B2AE3D27D4EB4FL;
          h ^= h >>> 29;
        }
        int s = (int) h & mask;
        while (slots[s] >= 0) {
          s = (s + 1) & mask;
        }
        slots[s] = g;
      }
    }
  }

  /** The accumulators of every call, one array per call indexed by group. */
  private static final class Accumulators {
    private final long[][] longs;
    private final double[][] doubles;
    private final long[][] counts;
    private final boolean[] floating;

    Accumulators(List<Call> calls, List<FieldType> inTypes) {
      int n = calls.size();
      longs = new long[n][0];
      doubles = new double[n][0];
      counts = new long[n][0];
      floating = new boolean[n];
      for (int a = 0; a < n; a++) {
        Call c = calls.get(a);
        floating[a] = c.column() >= 0 && inTypes.get(c.column()).kind().isFloating()
            && c.kind() != Kind.COUNT;
      }
    }

    void ensure(int groups) {
      for (int a = 0; a < counts.length; a++) {
        if (counts[a].length < groups) {
          int size = Math.max(groups, counts[a].length * 2);
          counts[a] = Arrays.copyOf(counts[a], size);
          if (floating[a]) {
            doubles[a] = Arrays.copyOf(doubles[a], size);
          } else {
            longs[a] = Arrays.copyOf(longs[a], size);
          }
        }
      }
    }

    void update(int a, Call c, ColumnVector v, KeyCodes codes, int[] sel, int n, int[] gid,
        boolean single) {
      long[] cnt = counts[a];
      switch (c.kind()) {
        case COUNT_STAR:
          if (single) {
            cnt[0] += n;
          } else {
            for (int i = 0; i < n; i++) {
              cnt[gid[i]]++;
            }
          }
          return;
        case COUNT: {
          boolean[] nl = v.nulls;
          if (codes != null) {
            long[] x = v.longs;
            for (int i = 0; i < n; i++) {
              int p = sel[i];
              if (!nl[p] && codes.contains(x[p])) {
                cnt[single ? 0 : gid[i]]++;
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
        }
        default:
          break;
      }
      boolean[] nl = v.nulls;
      boolean float32 = c.resultType().kind() == FieldKind.FLOAT32;
      if (floating[a]) {
        double[] x = v.doubles;
        double[] s = doubles[a];
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          if (nl[p]) {
            continue;
          }
          int g = single ? 0 : gid[i];
          double val = x[p];
          switch (c.kind()) {
            case MIN:
              if (cnt[g] == 0 || val < s[g]) {
                s[g] = val;
              }
              break;
            case MAX:
              if (cnt[g] == 0 || val > s[g]) {
                s[g] = val;
              }
              break;
            default:
              s[g] = float32 ? (float) (s[g] + val) : s[g] + val;
              break;
          }
          cnt[g]++;
        }
        return;
      }
      long[] x = v.longs;
      long[] s = longs[a];
      switch (c.kind()) {
        case MIN:
          for (int i = 0; i < n; i++) {
            int p = sel[i];
            if (!nl[p]) {
              int g = single ? 0 : gid[i];
              if (cnt[g]++ == 0 || x[p] < s[g]) {
                s[g] = x[p];
              }
            }
          }
          return;
        case MAX:
          for (int i = 0; i < n; i++) {
            int p = sel[i];
            if (!nl[p]) {
              int g = single ? 0 : gid[i];
              if (cnt[g]++ == 0 || x[p] > s[g]) {
                s[g] = x[p];
              }
            }
          }
          return;
        default:
          try {
            if (single) {
              long sum = s[0];
              long m = 0;
              for (int i = 0; i < n; i++) {
                int p = sel[i];
                if (!nl[p]) {
                  sum = Math.addExact(sum, x[p]);
                  m++;
                }
              }
              s[0] = sum;
              cnt[0] += m;
            } else {
              for (int i = 0; i < n; i++) {
                int p = sel[i];
                if (!nl[p]) {
                  int g = gid[i];
                  s[g] = Math.addExact(s[g], x[p]);
                  cnt[g]++;
                }
              }
            }
          } catch (ArithmeticException e) {
            throw overflow(c);
          }
      }
    }

    private static CurataException overflow(Call c) {
      return new CurataException(ErrorCode.INVALID_INPUT, "SUM over input column " + c.column()
          + " overflows " + c.resultType() + "; cast the argument to a wider type (DOUBLE or DECIMAL)");
    }

    ColumnVector result(int a, Call c, int rows) {
      ColumnVector out = new ColumnVector(c.resultType(), rows);
      long[] cnt = counts[a];
      for (int g = 0; g < rows; g++) {
        switch (c.kind()) {
          case COUNT_STAR:
          case COUNT:
            out.longs[g] = cnt[g];
            break;
          default:
            boolean empty = cnt[g] == 0;
            out.nulls[g] = empty && c.kind() != Kind.SUM0;
            if (out.kind == ColumnVector.Kind.DOUBLE) {
              out.doubles[g] = empty ? 0 : floating[a] ? doubles[a][g] : longs[a][g];
            } else {
              long value = empty ? 0 : longs[a][g];
              checkRange(c, value);
              out.longs[g] = value;
            }
            break;
        }
      }
      return out;
    }

    private static void checkRange(Call c, long value) {
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
  }
}
