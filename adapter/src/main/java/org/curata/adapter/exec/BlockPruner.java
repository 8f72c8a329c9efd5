package org.curata.adapter.exec;

import java.util.Arrays;
import java.util.function.IntFunction;
import org.curata.storage.BlockStats;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * Decides from a block's manifest statistics whether any of its rows can satisfy a pushed
 * predicate. It answers "maybe" whenever the statistics do not prove "no": min/max are over
 * non-NULL values, NaN is not in a float min/max, and a string min/max may be a truncated bound.
 */
final class BlockPruner {
  private BlockPruner() {
  }

  /**
   * True unless the statistics prove that no row matches.
   *
   * @param p the predicate (columns are dataframe field indexes)
   * @param types the type of each field
   * @param stats the statistics of the block holding the rows, per field index
   */
  static boolean mayMatch(Predicate p, IntFunction<FieldType> types, IntFunction<BlockStats> stats) {
    if (p instanceof Predicate.Const c) {
      return c.value();
    }
    if (p instanceof Predicate.And a) {
      for (Predicate t : a.terms()) {
        if (!mayMatch(t, types, stats)) {
          return false;
        }
      }
      return true;
    }
    if (p instanceof Predicate.Or o) {
      for (Predicate t : o.terms()) {
        if (mayMatch(t, types, stats)) {
          return true;
        }
      }
      return false;
    }
    if (p instanceof Predicate.IsNull n) {
      BlockStats s = stats.apply(n.column());
      // a null count of -1 is unknown (BlockStats): both answers stay "maybe"
      return n.negated() ? s.nullCount() < s.rowCount() : s.nullCount() != 0;
    }
    if (p instanceof Predicate.Codes c) {
      BlockStats s = stats.apply(c.column());
      long[] codes = c.raw();
      if (c.negated()) {
        if (s.nullCount() > 0 || !s.hasMinMax()) {
          return true;
        }
        long span = s.maxLong() - s.minLong();
        if (span < 0 || span > 4096) {
          return true;
        }
        for (long v = s.minLong(); v <= s.maxLong(); v++) {
          if (Arrays.binarySearch(codes, v) < 0) {
            return true;
          }
        }
        return false;
      }
      if (s.nullCount() == s.rowCount()) {
        return false;
      }
      if (!s.hasMinMax()) {
        return true;
      }
      for (long v : codes) {
        if (v >= s.minLong() && v <= s.maxLong()) {
          return true;
        }
      }
      // a block that may hold a failing code is read, so that its rows raise the error
      for (long v : c.rawFailing()) {
        if (v >= s.minLong() && v <= s.maxLong()) {
          return true;
        }
      }
      return false;
    }
    if (p instanceof Predicate.In in) {
      BlockStats s = stats.apply(in.column());
      if (s.nullCount() == s.rowCount()) {
        return false;
      }
      if (in.negated()) {
        return true;
      }
      FieldType type = types.apply(in.column());
      for (Literal v : in.values()) {
        if (compareMayMatch(type, s, CompareOp.EQ, v)) {
          return true;
        }
      }
      return false;
    }
    Predicate.Compare c = (Predicate.Compare) p;
    BlockStats s = stats.apply(c.column());
    if (s.nullCount() == s.rowCount()) {
      return false;
    }
    return compareMayMatch(types.apply(c.column()), s, c.op(), c.value());
  }

  /**
   * Compares as SQL (and the row filter) does: -0.0 equals 0.0. Double.compare orders -0.0 below
   * 0.0, so a block whose max is -0.0 would be skipped for {@code x = 0} although its 0.0 rows
   * match. Min/max never hold NaN.
   */
  private static int sqlCompare(double a, double b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  private static boolean compareMayMatch(FieldType type, BlockStats s, CompareOp op, Literal v) {
    if (!s.hasMinMax()) {
      return true;
    }
    FieldKind kind = type.kind();
    if (kind.isFloating()) {
      if (op == CompareOp.NE) {
        return true; // NaN <> v is TRUE and NaN is not in min/max
      }
      double x = ((Literal.OfDouble) v).value();
      return rangeMayMatch(op, sqlCompare(s.minDouble(), x), sqlCompare(s.maxDouble(), x),
          s.minDouble() == s.maxDouble());
    }
    if (kind.isString()) {
      byte[] x = ((Literal.OfBytes) v).raw();
      byte[] min = s.minBytes();
      byte[] max = s.maxBytes();
      int cmin = min == null ? -1 : Arrays.compareUnsigned(min, x);
      int cmax = max == null ? 1 : Arrays.compareUnsigned(max, x);
      switch (op) {
        case EQ: return cmin <= 0 && cmax >= 0;
        case LT: return cmin < 0;
        case LE: return cmin <= 0;
        case GT: return cmax > 0;
        case GE: return cmax >= 0;
        default: return true;
      }
    }
    long x = ((Literal.OfLong) v).value();
    return rangeMayMatch(op, Long.compare(s.minLong(), x), Long.compare(s.maxLong(), x),
        s.minLong() == s.maxLong());
  }

  private static boolean rangeMayMatch(CompareOp op, int cmin, int cmax, boolean single) {
    switch (op) {
      case EQ: return cmin <= 0 && cmax >= 0;
      case NE: return !(single && cmin == 0);
      case LT: return cmin < 0;
      case LE: return cmin <= 0;
      case GT: return cmax > 0;
      default: return cmax >= 0;
    }
  }
}
