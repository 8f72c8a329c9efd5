package org.curata.storage.block;

import java.util.Arrays;
import org.curata.storage.BlockInfo;
import org.curata.storage.Encoding;
import org.curata.storage.FieldType;

/**
 * A sparse block: the rows that hold a value (decoded once from the validated RoaringBitmap) and
 * those values packed (FORMAT.md, "Sparse blocks").
 */
final class SparseBlock extends AbstractBlock {
  /** Rows holding a value, strictly increasing. */
  private final int[] present;

  SparseBlock(BlockInfo info, FieldType type, Values values, int[] present) {
    super(info, type, values);
    this.present = present;
  }

  @Override
  AbstractBlock withDictionary(LoadedDictionary dictionary) {
    return new SparseBlock(info, type, values.withDictionary(dictionary), present);
  }

  @Override
  public Encoding encoding() {
    return Encoding.SPARSE;
  }

  /** Index of the first present row at or after {@code row}. */
  private int lowerBound(int row) {
    int i = Arrays.binarySearch(present, row);
    return i >= 0 ? i : -i - 1;
  }

  @Override
  public boolean isNull(int row) {
    checkRow(row);
    return Arrays.binarySearch(present, row) < 0;
  }

  @Override
  public int nextNonNull(int fromRow) {
    int i = lowerBound(Math.max(0, fromRow));
    return i < present.length ? present[i] : -1;
  }

  @Override
  public long getLong(int row) {
    checkRow(row);
    int i = Arrays.binarySearch(present, row);
    if (i < 0) {
      values.requireIntegral("getLong");
      return 0;
    }
    return values.getLong(i);
  }

  @Override
  public double getDouble(int row) {
    checkRow(row);
    int i = Arrays.binarySearch(present, row);
    if (i < 0) {
      values.requireNumeric("getDouble");
      return 0.0;
    }
    return values.getDouble(i);
  }

  @Override
  long rawFloatBits(int row) {
    checkRow(row);
    int i = Arrays.binarySearch(present, row);
    return i < 0 ? 0 : values.rawFloatBits(i);
  }

  @Override
  public byte[] getBytes(int row) {
    checkRow(row);
    int i = Arrays.binarySearch(present, row);
    if (i < 0) {
      return null;
    }
    return values.getBytes(i);
  }

  @Override
  public String getString(int row) {
    checkRow(row);
    int i = Arrays.binarySearch(present, row);
    if (i < 0) {
      return null;
    }
    return values.getString(i);
  }

  @Override
  public int getCode(int row) {
    requireCodes("getCode");
    checkRow(row);
    int i = Arrays.binarySearch(present, row);
    return i < 0 ? -1 : values.code(i);
  }

  @Override
  int storedCode(int row) {
    int i = Arrays.binarySearch(present, row);
    return i < 0 ? -1 : values.code(i);
  }

  @Override
  public void readCodes(int fromRow, int count, int[] dst, int dstOffset) {
    requireCodes("readCodes");
    checkRange(fromRow, count, dst.length, dstOffset);
    int lo = lowerBound(fromRow);
    int hi = lowerBound(fromRow + count);
    Arrays.fill(dst, dstOffset, dstOffset + count, -1);
    for (int i = lo; i < hi; i++) {
      dst[dstOffset + present[i] - fromRow] = values.code(i);
    }
  }

  @Override
  public void readLongs(int fromRow, int count, long[] dst, int dstOffset) {
    checkRange(fromRow, count, dst.length, dstOffset);
    int lo = lowerBound(fromRow);
    int hi = lowerBound(fromRow + count);
    int n = hi - lo;
    // Read the packed values contiguously, then scatter them backwards to their rows: a value's
    // row offset is never below its packed offset, so nothing is overwritten before it is read.
    values.readLongs(lo, n, dst, dstOffset);
    int next = count;
    for (int j = n - 1; j >= 0; j--) {
      int target = present[lo + j] - fromRow;
      long v = dst[dstOffset + j];
      for (int t = target + 1; t < next; t++) {
        dst[dstOffset + t] = 0;
      }
      dst[dstOffset + target] = v;
      next = target;
    }
    for (int t = 0; t < next; t++) {
      dst[dstOffset + t] = 0;
    }
  }

  @Override
  public void readDoubles(int fromRow, int count, double[] dst, int dstOffset) {
    checkRange(fromRow, count, dst.length, dstOffset);
    int lo = lowerBound(fromRow);
    int hi = lowerBound(fromRow + count);
    int n = hi - lo;
    values.readDoubles(lo, n, dst, dstOffset);
    int next = count;
    for (int j = n - 1; j >= 0; j--) {
      int target = present[lo + j] - fromRow;
      double v = dst[dstOffset + j];
      for (int t = target + 1; t < next; t++) {
        dst[dstOffset + t] = 0.0;
      }
      dst[dstOffset + target] = v;
      next = target;
    }
    for (int t = 0; t < next; t++) {
      dst[dstOffset + t] = 0.0;
    }
  }

  @Override
  public void readNulls(int fromRow, int count, boolean[] dst, int dstOffset) {
    checkRange(fromRow, count, dst.length, dstOffset);
    Arrays.fill(dst, dstOffset, dstOffset + count, true);
    int hi = lowerBound(fromRow + count);
    for (int i = lowerBound(fromRow); i < hi; i++) {
      dst[dstOffset + present[i] - fromRow] = false;
    }
  }
}
