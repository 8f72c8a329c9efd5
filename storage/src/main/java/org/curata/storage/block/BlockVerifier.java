package org.curata.storage.block;

import java.util.Arrays;
import org.curata.storage.Block;
import org.curata.storage.BlockStats;
import org.curata.storage.Encoding;
import org.curata.storage.FieldKind;

/**
 * Deep checks of a block whose checksum and structure were verified: NULL slots hold zero, bools
 * are 0/1 and the manifest's statistics match the values (FORMAT.md, "Verify").
 */
public final class BlockVerifier {
  private BlockVerifier() {
  }

  /** A problem found in a decoded block, or null when it is clean. */
  public static String check(Block b) {
    FieldKind kind = b.type().storageKind();
    BlockStats s = b.info().stats();
    boolean has = false;
    long minL = 0;
    long maxL = 0;
    double minD = 0;
    double maxD = 0;
    byte[] minB = null;
    byte[] maxB = null;
    int nulls = 0;
    for (int r = 0; r < b.rowCount(); r++) {
      boolean isNull = b.isNull(r);
      if (isNull) {
        nulls++;
        if (kind.isIntegral() && b.getLong(r) != 0
            || kind.isFloating() && Double.doubleToRawLongBits(b.getDouble(r)) != 0
            || kind.isString() && b.getBytes(r) != null
            || b.isDictionaryEncoded() && b.encoding() == Encoding.DENSE
                && ((AbstractBlock) b).storedCode(r) != 0) {
          return "NULL row " + r + " holds a value";
        }
        continue;
      }
      if (kind.isIntegral()) {
        long v = b.getLong(r);
        if (kind == FieldKind.BOOL && v != 0 && v != 1) {
          return "bool row " + r + " holds " + v;
        }
        if (!has) {
          minL = v;
          maxL = v;
        }
        minL = Math.min(minL, v);
        maxL = Math.max(maxL, v);
        has = true;
      } else if (kind.isFloating()) {
        double v = b.getDouble(r);
        if (Double.isNaN(v)) {
          continue;
        }
        if (!has) {
          minD = v;
          maxD = v;
        }
        minD = Math.min(minD, v);
        maxD = Math.max(maxD, v);
        has = true;
      } else {
        byte[] v = b.getBytes(r);
        if (!has || Arrays.compareUnsigned(v, minB) < 0) {
          minB = v;
        }
        if (!has || Arrays.compareUnsigned(v, maxB) > 0) {
          maxB = v;
        }
        has = true;
      }
    }
    if (nulls != b.nullCount()) {
      return "counts " + nulls + " NULL rows, the manifest says " + b.nullCount();
    }
    if (has != s.hasMinMax()) {
      return "statistics say " + (s.hasMinMax() ? "" : "no ") + "min/max, the values disagree";
    }
    if (!has) {
      return null;
    }
    boolean ok;
    if (kind.isIntegral()) {
      ok = minL == s.minLong() && maxL == s.maxLong();
    } else if (kind.isFloating()) {
      ok = Double.compare(minD, s.minDouble()) == 0 && Double.compare(maxD, s.maxDouble()) == 0
          || minD == s.minDouble() && maxD == s.maxDouble();
    } else {
      ok = Arrays.equals(BlockBuffer.truncateMin(minB), s.minBytes())
          && Arrays.equals(BlockBuffer.truncateMax(maxB), s.maxBytes());
    }
    return ok ? null : "statistics (min/max) do not match the values";
  }
}
