package org.curata.storage.exetera;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.curata.storage.Block;
import org.curata.storage.BlockInfo;
import org.curata.storage.BlockStats;
import org.curata.storage.CurataException;
import org.curata.storage.Encoding;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;
import org.curata.storage.block.BlockBuffer;

/**
 * A block of an ExeTera field decoded onto the heap: one row range of the field's arrays, with
 * ExeTera's flag fields and unknown codes already turned into NULLs (docs/EXETERA.md).
 */
final class HdfBlock implements Block {
  private final BlockInfo info;
  private final FieldType type;
  private final int rows;
  private final long[] longs;
  private final double[] doubles;
  private final FieldSource.Strings bytes;
  private final boolean[] nulls;
  private final int nullCount;
  private final String field;

  /**
   * A block over decoded values: exactly one of {@code longs}, {@code doubles}, {@code bytes} is
   * non-null; {@code nulls} may be null when no row is NULL. Its info carries the statistics:
   * {@code known} when an earlier read of the same block computed them, else computed now.
   */
  HdfBlock(String field, int index, long firstRow, FieldType type, int rows, long[] longs,
      double[] doubles, FieldSource.Strings bytes, boolean[] nulls, BlockInfo known) {
    this.field = field;
    this.type = type;
    this.rows = rows;
    this.longs = longs;
    this.doubles = doubles;
    this.bytes = bytes;
    int nc = 0;
    if (nulls != null) {
      for (int i = 0; i < rows; i++) {
        if (nulls[i]) {
          nc++;
        }
      }
    }
    this.nulls = nc == 0 ? null : nulls;
    this.nullCount = nc;
    this.info = known != null ? known
        : new BlockInfo(index, firstRow, Encoding.DENSE, stats(), field, firstRow, rows, 0);
  }

  private boolean nullAt(int r) {
    return nulls != null && nulls[r];
  }

  private BlockStats stats() {
    if (longs != null) {
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      boolean any = false;
      for (int r = 0; r < rows; r++) {
        if (!nullAt(r)) {
          any = true;
          min = Math.min(min, longs[r]);
          max = Math.max(max, longs[r]);
        }
      }
      return any ? new BlockStats(rows, nullCount, true, min, max, 0, 0, null, null)
          : new BlockStats(rows, nullCount, false, 0, 0, 0, 0, null, null);
    }
    if (doubles != null) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      boolean any = false;
      for (int r = 0; r < rows; r++) {
        double v = doubles[r];
        if (!nullAt(r) && !Double.isNaN(v)) {
          any = true;
          min = v < min || (v == min && Double.compare(v, min) < 0) ? v : min;
          max = v > max || (v == max && Double.compare(v, max) > 0) ? v : max;
        }
      }
      return any ? new BlockStats(rows, nullCount, true, 0, 0, min, max, null, null)
          : new BlockStats(rows, nullCount, false, 0, 0, 0, 0, null, null);
    }
    int min = -1;
    int max = -1;
    byte[] d = bytes.data();
    int[] st = bytes.start();
    int[] en = bytes.end();
    for (int r = 0; r < rows; r++) {
      if (!nullAt(r)) {
        if (min < 0 || Arrays.compareUnsigned(d, st[r], en[r], d, st[min], en[min]) < 0) {
          min = r;
        }
        if (max < 0 || Arrays.compareUnsigned(d, st[r], en[r], d, st[max], en[max]) > 0) {
          max = r;
        }
      }
    }
    if (min < 0) {
      return new BlockStats(rows, nullCount, false, 0, 0, 0, 0, null, null);
    }
    // Bounded as native blocks are: a prefix of the minimum, an upper bound of the maximum.
    return new BlockStats(rows, nullCount, true, 0, 0, 0, 0,
        BlockBuffer.truncateMin(bytes.copy(min)), BlockBuffer.truncateMax(bytes.copy(max)));
  }

  /** Bytes of string data the block holds (0 for numbers). */
  long dataBytes() {
    return bytes == null ? 0 : bytes.data().length;
  }

  @Override
  public BlockInfo info() {
    return info;
  }

  @Override
  public FieldType type() {
    return type;
  }

  @Override
  public int rowCount() {
    return rows;
  }

  @Override
  public int nullCount() {
    return nullCount;
  }

  @Override
  public Encoding encoding() {
    return Encoding.DENSE;
  }

  private void checkRow(int row) {
    if (row < 0 || row >= rows) {
      throw new CurataException(ErrorCode.INVALID_INPUT,
          "row " + row + " is outside " + this);
    }
  }

  private void checkRange(int from, int count, int dstLength, int dstOffset) {
    if (from < 0 || count < 0 || from > rows - count || dstOffset < 0
        || dstOffset > dstLength - count) {
      throw new CurataException(ErrorCode.INVALID_INPUT, "rows " + from + ".." + (from + count)
          + " into an array of " + dstLength + " at " + dstOffset + " do not fit " + this);
    }
  }

  private CurataException wrongKind(String method) {
    return new CurataException(ErrorCode.INVALID_INPUT, method + ": " + this + " holds "
        + type + " values");
  }

  @Override
  public boolean isNull(int row) {
    checkRow(row);
    return nullAt(row);
  }

  @Override
  public int nextNonNull(int fromRow) {
    for (int r = Math.max(0, fromRow); r < rows; r++) {
      if (!nullAt(r)) {
        return r;
      }
    }
    return -1;
  }

  @Override
  public long getLong(int row) {
    checkRow(row);
    if (longs == null) {
      throw wrongKind("getLong");
    }
    return nullAt(row) ? 0 : longs[row];
  }

  @Override
  public double getDouble(int row) {
    checkRow(row);
    if (doubles == null) {
      throw wrongKind("getDouble");
    }
    return nullAt(row) ? 0.0 : doubles[row];
  }

  @Override
  public byte[] getBytes(int row) {
    checkRow(row);
    if (bytes == null) {
      throw wrongKind("getBytes");
    }
    return nullAt(row) ? null : bytes.copy(row);
  }

  @Override
  public String getString(int row) {
    byte[] b = getBytes(row);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  @Override
  public void readLongs(int fromRow, int count, long[] dst, int dstOffset) {
    checkRange(fromRow, count, dst.length, dstOffset);
    if (longs == null) {
      throw wrongKind("readLongs");
    }
    System.arraycopy(longs, fromRow, dst, dstOffset, count);
    if (nulls != null) {
      for (int i = 0; i < count; i++) {
        if (nulls[fromRow + i]) {
          dst[dstOffset + i] = 0;
        }
      }
    }
  }

  @Override
  public void readDoubles(int fromRow, int count, double[] dst, int dstOffset) {
    checkRange(fromRow, count, dst.length, dstOffset);
    if (doubles == null) {
      throw wrongKind("readDoubles");
    }
    System.arraycopy(doubles, fromRow, dst, dstOffset, count);
    if (nulls != null) {
      for (int i = 0; i < count; i++) {
        if (nulls[fromRow + i]) {
          dst[dstOffset + i] = 0.0;
        }
      }
    }
  }

  @Override
  public void readNulls(int fromRow, int count, boolean[] dst, int dstOffset) {
    checkRange(fromRow, count, dst.length, dstOffset);
    if (nulls == null) {
      Arrays.fill(dst, dstOffset, dstOffset + count, false);
    } else {
      System.arraycopy(nulls, fromRow, dst, dstOffset, count);
    }
  }

  @Override
  public String toString() {
    FieldKind k = type.kind();
    return "block " + info.index() + " (rows " + info.firstRow() + ".." + (info.firstRow() + rows)
        + ") of ExeTera field '" + field + "' (" + (k == FieldKind.CATEGORICAL ? "categorical" : type)
        + ")";
  }
}
