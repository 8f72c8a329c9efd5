package org.curata.adapter.exec;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;

/**
 * A {@link Predicate} compiled against the column vectors of one running operator: it narrows a
 * selection vector in place, one call per batch, with a loop specialised per operator and
 * physical type (no boxing, no per-row virtual call).
 */
abstract class VectorFilter {
  /**
   * Keeps the positions of {@code sel[0..count)} where the predicate is TRUE, compacted to the
   * front of {@code sel} in order; returns how many remain.
   */
  abstract int filter(int[] sel, int count);

  /** Compiles a predicate; {@code slotOf} maps a predicate column to a vector in {@code vectors}. */
  static VectorFilter compile(Predicate p, ColumnVector[] vectors, IntUnaryOperator slotOf,
      int capacity) {
    if (p instanceof Predicate.Const c) {
      return c.value() ? new All() : new None();
    }
    if (p instanceof Predicate.And a) {
      List<Predicate> terms = a.terms();
      VectorFilter[] parts = new VectorFilter[terms.size()];
      for (int i = 0; i < parts.length; i++) {
        parts[i] = compile(terms.get(i), vectors, slotOf, capacity);
      }
      return new AndFilter(parts);
    }
    if (p instanceof Predicate.Or o) {
      List<Predicate> terms = o.terms();
      VectorFilter[] parts = new VectorFilter[terms.size()];
      for (int i = 0; i < parts.length; i++) {
        parts[i] = compile(terms.get(i), vectors, slotOf, capacity);
      }
      return new OrFilter(parts, capacity);
    }
    if (p instanceof Predicate.IsNull n) {
      return new NullFilter(vectors[slotOf.applyAsInt(n.column())].nulls, n.negated());
    }
    if (p instanceof Predicate.Codes c) {
      ColumnVector v = vectors[slotOf.applyAsInt(c.column())];
      VectorFilter set = new LongSetFilter(v.longs, v.nulls, c.raw(), c.negated(), c.negated());
      return c.rawFailing().length == 0 ? set
          : new FailingCodes(v.longs, v.nulls, c.rawFailing(), c.failure(), set);
    }
    if (p instanceof Predicate.In in) {
      ColumnVector v = vectors[slotOf.applyAsInt(in.column())];
      switch (v.kind) {
        case LONG: {
          long[] set = new long[in.values().size()];
          for (int i = 0; i < set.length; i++) {
            set[i] = ((Literal.OfLong) in.values().get(i)).value();
          }
          return new LongSetFilter(v.longs, v.nulls, set, in.negated(), false);
        }
        case DOUBLE: {
          double[] set = new double[in.values().size()];
          for (int i = 0; i < set.length; i++) {
            set[i] = ((Literal.OfDouble) in.values().get(i)).value();
          }
          return new DoubleSetFilter(v.doubles, v.nulls, set, in.negated());
        }
        default: {
          byte[][] set = new byte[in.values().size()][];
          for (int i = 0; i < set.length; i++) {
            set[i] = ((Literal.OfBytes) in.values().get(i)).raw();
          }
          return new BytesSetFilter(v.bytes, v.nulls, set, in.negated());
        }
      }
    }
    Predicate.Compare c = (Predicate.Compare) p;
    ColumnVector v = vectors[slotOf.applyAsInt(c.column())];
    switch (v.kind) {
      case LONG:
        return new LongCompare(v.longs, v.nulls, c.op(), ((Literal.OfLong) c.value()).value());
      case DOUBLE:
        return new DoubleCompare(v.doubles, v.nulls, c.op(), ((Literal.OfDouble) c.value()).value());
      default:
        return new BytesCompare(v.bytes, v.nulls, c.op(), ((Literal.OfBytes) c.value()).raw());
    }
  }

  /** Selects every row. */
  private static final class All extends VectorFilter {
    @Override
    int filter(int[] sel, int count) {
      return count;
    }
  }

  /** Selects no row. */
  private static final class None extends VectorFilter {
    @Override
    int filter(int[] sel, int count) {
      return 0;
    }
  }

  /** Applies each part to what the previous ones kept. */
  private static final class AndFilter extends VectorFilter {
    private final VectorFilter[] parts;

    AndFilter(VectorFilter[] parts) {
      this.parts = parts;
    }

    @Override
    int filter(int[] sel, int count) {
      int n = count;
      for (int i = 0; i < parts.length && n > 0; i++) {
        n = parts[i].filter(sel, n);
      }
      return n;
    }
  }

  /** Applies each part to the rows no earlier part kept, then merges the sorted results. */
  private static final class OrFilter extends VectorFilter {
    private final VectorFilter[] parts;
    private final int[] rest;
    private final int[] kept;
    private final int[] part;
    private final int[] merged;

    OrFilter(VectorFilter[] parts, int capacity) {
      this.parts = parts;
      this.rest = new int[capacity];
      this.kept = new int[capacity];
      this.part = new int[capacity];
      this.merged = new int[capacity];
    }

    @Override
    int filter(int[] sel, int count) {
      System.arraycopy(sel, 0, rest, 0, count);
      int restCount = count;
      int keptCount = 0;
      for (VectorFilter f : parts) {
        if (restCount == 0) {
          break;
        }
        System.arraycopy(rest, 0, part, 0, restCount);
        int hit = f.filter(part, restCount);
        if (hit == 0) {
          continue;
        }
        // merge part[0..hit) into kept; remove them from rest (both sorted)
        int a = 0;
        int b = 0;
        int m = 0;
        while (a < keptCount && b < hit) {
          merged[m++] = kept[a] < part[b] ? kept[a++] : part[b++];
        }
        while (a < keptCount) {
          merged[m++] = kept[a++];
        }
        while (b < hit) {
          merged[m++] = part[b++];
        }
        System.arraycopy(merged, 0, kept, 0, m);
        keptCount = m;
        int r = 0;
        b = 0;
        for (int i = 0; i < restCount; i++) {
          int pos = rest[i];
          if (b < hit && part[b] == pos) {
            b++;
          } else {
            rest[r++] = pos;
          }
        }
        restCount = r;
      }
      System.arraycopy(kept, 0, sel, 0, keptCount);
      return keptCount;
    }
  }

  /** IS [NOT] NULL. */
  private static final class NullFilter extends VectorFilter {
    private final boolean[] nulls;
    private final boolean wantNull;

    NullFilter(boolean[] nulls, boolean negated) {
      this.nulls = nulls;
      this.wantNull = !negated;
    }

    @Override
    int filter(int[] sel, int count) {
      int n = 0;
      for (int i = 0; i < count; i++) {
        int p = sel[i];
        if (nulls[p] == wantNull) {
          sel[n++] = p;
        }
      }
      return n;
    }
  }

  /** An integral comparison with a constant. */
  private static final class LongCompare extends VectorFilter {
    private final long[] x;
    private final boolean[] nulls;
    private final CompareOp op;
    private final long v;

    LongCompare(long[] x, boolean[] nulls, CompareOp op, long v) {
      this.x = x;
      this.nulls = nulls;
      this.op = op;
      this.v = v;
    }

    @Override
    int filter(int[] sel, int count) {
      final long[] x = this.x;
      final boolean[] nl = this.nulls;
      final long v = this.v;
      int n = 0;
      switch (op) {
        case EQ:
          for (int i = 0; i < count; i++) {
            int p = sel[i];
            if (x[p] == v & !nl[p]) {
              sel[n++] = p;
            }
          }
          return n;
        case NE:
          for (int i = 0; i < count; i++) {
            int p = sel[i];
            if (x[p] != v & !nl[p]) {
              sel[n++] = p;
            }
          }
          return n;
        case LT:
          for (int i = 0; i < count; i++) {
            int p = sel[i];
            if (x[p] < v & !nl[p]) {
              sel[n++] = p;
            }
          }
          return n;
        case LE:
          for (int i = 0; i < count; i++) {
            int p = sel[i];
            if (x[p] <= v & !nl[p]) {
              sel[n++] = p;
            }
          }
          return n;
        case GT:
          for (int i = 0; i < count; i++) {
            int p = sel[i];
            if (x[p] > v & !nl[p]) {
              sel[n++] = p;
            }
          }
          return n;
        default:
          for (int i = 0; i < count; i++) {
            int p = sel[i];
            if (x[p] >= v & !nl[p]) {
              sel[n++] = p;
            }
          }
          return n;
      }
    }
  }

  /**
   * Integral membership: not negated, TRUE for a non-NULL value in the set; negated, TRUE for a
   * non-NULL value outside it, or also for NULL when {@code nullMatches}.
   */
  private static final class LongSetFilter extends VectorFilter {
    private static final int TABLE_LIMIT = 1 << 16;
    private final long[] x;
    private final boolean[] nulls;
    private final long[] set;
    private final boolean[] table;
    private final long base;
    private final boolean negated;
    private final boolean nullMatches;

    LongSetFilter(long[] x, boolean[] nulls, long[] values, boolean negated, boolean nullMatches) {
      this.x = x;
      this.nulls = nulls;
      this.set = Arrays.stream(values).sorted().distinct().toArray();
      this.negated = negated;
      this.nullMatches = nullMatches;
      if (set.length > 0 && set[set.length - 1] - set[0] >= 0
          && set[set.length - 1] - set[0] < TABLE_LIMIT) {
        base = set[0];
        table = new boolean[(int) (set[set.length - 1] - base + 1)];
        for (long s : set) {
          table[(int) (s - base)] = true;
        }
      } else {
        base = 0;
        table = null;
      }
    }

    private boolean contains(long value) {
      if (table != null) {
        long d = value - base;
        return d >= 0 && d < table.length && table[(int) d];
      }
      return Arrays.binarySearch(set, value) >= 0;
    }

    @Override
    int filter(int[] sel, int count) {
      final long[] x = this.x;
      final boolean[] nl = this.nulls;
      int n = 0;
      if (set.length == 1 && !negated) {
        // one value (a categorical equality): one compare per row instead of the table lookup
        final long v = set[0];
        for (int i = 0; i < count; i++) {
          int p = sel[i];
          if (x[p] == v && !nl[p]) {
            sel[n++] = p;
          }
        }
        return n;
      }
      for (int i = 0; i < count; i++) {
        int p = sel[i];
        boolean keep = nl[p] ? nullMatches : contains(x[p]) != negated;
        if (keep) {
          sel[n++] = p;
        }
      }
      return n;
    }
  }

  /**
   * Raises the failure of a {@link Predicate.Codes} when a selected non-NULL row has a failing
   * code, then applies the code set.
   */
  private static final class FailingCodes extends VectorFilter {
    private final long[] x;
    private final boolean[] nulls;
    private final long[] failing;
    private final String failure;
    private final VectorFilter set;

    FailingCodes(long[] x, boolean[] nulls, long[] failing, String failure, VectorFilter set) {
      this.x = x;
      this.nulls = nulls;
      this.failing = failing;
      this.failure = failure;
      this.set = set;
    }

    @Override
    int filter(int[] sel, int count) {
      final long lo = failing[0];
      final long hi = failing[failing.length - 1];
      for (int i = 0; i < count; i++) {
        int p = sel[i];
        long v = x[p];
        if (!nulls[p] && v >= lo && v <= hi && Arrays.binarySearch(failing, v) >= 0) {
          throw new CurataException(ErrorCode.INVALID_INPUT, failure + " (a row has code " + v
              + ")");
        }
      }
      return set.filter(sel, count);
    }
  }

  /** A float comparison with a constant (Java semantics: NaN compares false, except <>). */
  private static final class DoubleCompare extends VectorFilter {
    private final double[] x;
    private final boolean[] nulls;
    private final CompareOp op;
    private final double v;

    DoubleCompare(double[] x, boolean[] nulls, CompareOp op, double v) {
      this.x = x;
      this.nulls = nulls;
      this.op = op;
      this.v = v;
    }

    @Override
    int filter(int[] sel, int count) {
      final double[] x = this.x;
      final boolean[] nl = this.nulls;
      final double v = this.v;
      int n = 0;
      switch (op) {
        case EQ:
          for (int i = 0; i < count; i++) {
            int p = sel[i];
            if (x[p] == v & !nl[p]) {
              sel[n++] = p;
            }
          }
          return n;
        case NE:
          for (int i = 0; i < count; i++) {
            int p = sel[i];
            if (x[p] != v & !nl[p]) {
              sel[n++] = p;
            }
          }
          return n;
        case LT:
          for (int i = 0; i < count; i++) {
            int p = sel[i];
            if (x[p] < v & !nl[p]) {
              sel[n++] = p;
            }
          }
          return n;
        case LE:
          for (int i = 0; i < count; i++) {
            int p = sel[i];
            if (x[p] <= v & !nl[p]) {
              sel[n++] = p;
            }
          }
          return n;
        case GT:
          for (int i = 0; i < count; i++) {
            int p = sel[i];
            if (x[p] > v & !nl[p]) {
              sel[n++] = p;
            }
          }
          return n;
        default:
          for (int i = 0; i < count; i++) {
            int p = sel[i];
            if (x[p] >= v & !nl[p]) {
              sel[n++] = p;
            }
          }
          return n;
      }
    }
  }

  /** Float membership, FALSE on NULL. */
  private static final class DoubleSetFilter extends VectorFilter {
    private final double[] x;
    private final boolean[] nulls;
    private final double[] set;
    private final boolean negated;

    DoubleSetFilter(double[] x, boolean[] nulls, double[] set, boolean negated) {
      this.x = x;
      this.nulls = nulls;
      this.set = set.clone();
      this.negated = negated;
    }

    @Override
    int filter(int[] sel, int count) {
      int n = 0;
      for (int i = 0; i < count; i++) {
        int p = sel[i];
        if (nulls[p]) {
          continue;
        }
        double value = x[p];
        boolean in = false;
        for (double s : set) {
          if (value == s) {
            in = true;
            break;
          }
        }
        if (in != negated) {
          sel[n++] = p;
        }
      }
      return n;
    }
  }

  /** A string comparison with a constant, unsigned byte-wise on UTF-8 (code point order). */
  private static final class BytesCompare extends VectorFilter {
    private final byte[][] x;
    private final boolean[] nulls;
    private final CompareOp op;
    private final byte[] v;

    BytesCompare(byte[][] x, boolean[] nulls, CompareOp op, byte[] v) {
      this.x = x;
      this.nulls = nulls;
      this.op = op;
      this.v = v;
    }

    @Override
    int filter(int[] sel, int count) {
      int n = 0;
      if (op == CompareOp.EQ || op == CompareOp.NE) {
        boolean want = op == CompareOp.EQ;
        for (int i = 0; i < count; i++) {
          int p = sel[i];
          if (!nulls[p] && Arrays.equals(x[p], v) == want) {
            sel[n++] = p;
          }
        }
        return n;
      }
      for (int i = 0; i < count; i++) {
        int p = sel[i];
        if (!nulls[p] && op.test(Arrays.compareUnsigned(x[p], v))) {
          sel[n++] = p;
        }
      }
      return n;
    }
  }

  /** String membership, FALSE on NULL. */
  private static final class BytesSetFilter extends VectorFilter {
    private final byte[][] x;
    private final boolean[] nulls;
    private final byte[][] set;
    private final boolean negated;

    BytesSetFilter(byte[][] x, boolean[] nulls, byte[][] values, boolean negated) {
      this.x = x;
      this.nulls = nulls;
      this.set = values.clone();
      Arrays.sort(this.set, Arrays::compareUnsigned);
      this.negated = negated;
    }

    @Override
    int filter(int[] sel, int count) {
      int n = 0;
      for (int i = 0; i < count; i++) {
        int p = sel[i];
        if (nulls[p]) {
          continue;
        }
        boolean in = Arrays.binarySearch(set, x[p], Arrays::compareUnsigned) >= 0;
        if (in != negated) {
          sel[n++] = p;
        }
      }
      return n;
    }
  }
}
