package org.curata.storage.block;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.curata.storage.BlockInfo;
import org.curata.storage.Encoding;
import org.curata.storage.FieldType;

/**
 * A dense block: every row has a slot (zero in NULL rows) and an optional NULL bitmap
 * (FORMAT.md, "Dense blocks").
 */
final class DenseBlock extends AbstractBlock {
  /** Null bitmap (bit set = NULL), little-endian words; null when the block has no NULL. */
  private final ByteBuffer nullBits;

  DenseBlock(BlockInfo info, FieldType type, Values values, ByteBuffer nullBits) {
    super(info, type, values);
    this.nullBits = nullBits;
  }

  @Override
  AbstractBlock withDictionary(LoadedDictionary dictionary) {
    return new DenseBlock(info, type, values.withDictionary(dictionary), nullBits);
  }

  @Override
  public Encoding encoding() {
    return Encoding.DENSE;
  }

  private boolean nullAt(int row) {
    return (nullBits.getLong((row >>> 6) << 3) & (1L << row)) != 0;
  }

  @Override
  public boolean isNull(int row) {
    checkRow(row);
    return nullBits != null && nullAt(row);
  }

  @Override
  public int nextNonNull(int fromRow) {
    if (fromRow < 0) {
      fromRow = 0;
    }
    if (fromRow >= rows) {
      return -1;
    }
    if (nullBits == null) {
      return fromRow;
    }
    int w = fromRow >>> 6;
    long valid = ~nullBits.getLong(w << 3) & (-1L << fromRow);
    int words = (rows + 63) >>> 6;
    while (true) {
      if (valid != 0) {
        int r = (w << 6) + Long.numberOfTrailingZeros(valid);
        return r < rows ? r : -1;
      }
      if (++w >= words) {
        return -1;
      }
      valid = ~nullBits.getLong(w << 3);
    }
  }

  @Override
  public long getLong(int row) {
    checkRow(row);
    return values.getLong(row);
  }

  @Override
  public double getDouble(int row) {
    checkRow(row);
    return values.getDouble(row);
  }

  @Override
  long rawFloatBits(int row) {
    checkRow(row);
    return values.rawFloatBits(row);
  }

  @Override
  public byte[] getBytes(int row) {
    checkRow(row);
    return nullBits != null && nullAt(row) ? null : values.getBytes(row);
  }

  @Override
  public String getString(int row) {
    checkRow(row);
    return nullBits != null && nullAt(row) ? null : values.getString(row);
  }

  @Override
  public int getCode(int row) {
    requireCodes("getCode");
    checkRow(row);
    return nullBits != null && nullAt(row) ? -1 : values.code(row);
  }

  @Override
  int storedCode(int row) {
    return values.code(row);
  }

  @Override
  public void readCodes(int fromRow, int count, int[] dst, int dstOffset) {
    requireCodes("readCodes");
    checkRange(fromRow, count, dst.length, dstOffset);
    values.readCodes(fromRow, count, dst, dstOffset);
    if (nullBits != null) {
      for (int r = nextNull(fromRow, fromRow + count); r >= 0; r = nextNull(r + 1, fromRow + count)) {
        dst[dstOffset + r - fromRow] = -1;
      }
    }
  }

  /** The first NULL row in {@code [from, end)}, or -1. */
  private int nextNull(int from, int end) {
    if (from >= end) {
      return -1;
    }
    int w = from >>> 6;
    long bits = nullBits.getLong(w << 3) & (-1L << from);
    while (true) {
      if (bits != 0) {
        int r = (w << 6) + Long.numberOfTrailingZeros(bits);
        return r < end ? r : -1;
      }
      if (((++w) << 6) >= end) {
        return -1;
      }
      bits = nullBits.getLong(w << 3);
    }
  }

  @Override
  public void readLongs(int fromRow, int count, long[] dst, int dstOffset) {
    checkRange(fromRow, count, dst.length, dstOffset);
    values.readLongs(fromRow, count, dst, dstOffset);
  }

  @Override
  public void readDoubles(int fromRow, int count, double[] dst, int dstOffset) {
    checkRange(fromRow, count, dst.length, dstOffset);
    values.readDoubles(fromRow, count, dst, dstOffset);
  }

  @Override
  public void readNulls(int fromRow, int count, boolean[] dst, int dstOffset) {
    checkRange(fromRow, count, dst.length, dstOffset);
    if (nullBits == null) {
      Arrays.fill(dst, dstOffset, dstOffset + count, false);
      return;
    }
    int end = fromRow + count;
    int r = fromRow;
    while (r < end) {
      long word = nullBits.getLong((r >>> 6) << 3);
      int stop = Math.min(end, ((r >>> 6) + 1) << 6);
      for (; r < stop; r++) {
        dst[dstOffset + r - fromRow] = (word & (1L << r)) != 0;
      }
    }
  }
}
