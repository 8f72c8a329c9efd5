package org.curata.storage.block;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.zip.CRC32C;
import org.curata.storage.Block;
import org.curata.storage.BlockStats;
import org.curata.storage.CurataException;
import org.curata.storage.Encoding;
import org.curata.storage.EncodingPolicy;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;
import org.roaringbitmap.RoaringBitmap;

/**
 * Buffers the values of one block of a field in primitive arrays, range-checks them, keeps the
 * block's statistics and encodes it (FORMAT.md, "Blocks"). Not thread-safe.
 */
public final class BlockBuffer {
  private static final VarHandle SHORT_LE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int INITIAL_ROWS = 1024;

  private final String where;
  private final FieldType type;
  private final FieldKind kind;
  private final boolean nullable;
  private final int width;
  private final int capacity;
  private final boolean strings;
  private final EncodingPolicy policy;

  private byte[] values;
  private int valueBytes;
  private int[] offsets;
  private long[] nullWords;
  private int rows;
  private int nulls;

  private boolean hasMinMax;
  private long minLong;
  private long maxLong;
  private double minDouble;
  private double maxDouble;
  private int minRow = -1;
  private int maxRow = -1;

  private ByteBuffer out = ByteBuffer.allocate(0);

  /** Creates a buffer that chooses each block's encoding by density. */
  public BlockBuffer(String where, FieldType type, boolean nullable, int blockRows) {
    this(where, type, nullable, blockRows, EncodingPolicy.BY_DENSITY);
  }

  /**
   * Creates a buffer.
   *
   * @param where how error messages name the field, e.g. "field 'age' of dataframe 'patients'"
   * @param type the field's type
   * @param nullable whether NULLs are allowed
   * @param blockRows rows per block
   * @param policy how {@link #encode()} chooses dense or sparse
   */
  public BlockBuffer(String where, FieldType type, boolean nullable, int blockRows,
      EncodingPolicy policy) {
    this.where = Objects.requireNonNull(where, "where");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.type = Objects.requireNonNull(type, "type");
    this.kind = type.storageKind();
    this.nullable = nullable;
    this.strings = kind == FieldKind.STRING;
    this.width = strings ? 0 : type.width();
    this.capacity = BlockFormat.capacityRows(type, blockRows);
    int initialRows = Math.min(capacity, INITIAL_ROWS);
    this.values = new byte[strings ? initialRows * 8 : initialRows * width];
    this.offsets = strings ? new int[initialRows + 1] : null;
    this.nullWords = new long[(initialRows + 63) >>> 6];
  }

  /** Rows buffered. */
  public int rows() {
    return rows;
  }

  /** The most rows one block of this buffer holds (FORMAT.md, "Blocks"). */
  public int capacity() {
    return capacity;
  }

  /** True when the block holds its maximum number of rows and must be encoded. */
  public boolean isFull() {
    return rows >= capacity;
  }

  /** True when appending a string of {@code length} bytes needs the current rows flushed first. */
  public boolean needsFlushBefore(int length) {
    return strings && rows > 0 && (long) valueBytes + length > BlockFormat.MAX_BLOCK_DATA_BYTES;
  }

  /** Appends a NULL. */
  public void appendNull() {
    if (!nullable) {
      throw new CurataException(ErrorCode.INVALID_INPUT,
          where + " is NOT NULL; a NULL cannot be appended");
    }
    ensureRow();
    nullWords[rows >>> 6] |= 1L << rows;
    if (strings) {
      offsets[rows + 1] = valueBytes;
    } else {
      Arrays.fill(values, rows * width, rows * width + width, (byte) 0);
    }
    nulls++;
    rows++;
  }

  /** Appends an integral value (or a float field's value given as an integer). */
  public void appendLong(long v) {
    switch (kind) {
      case BOOL:
        if (v != 0 && v != 1) {
          throw outOfRange(Long.toString(v));
        }
        putByte(v);
        break;
      case INT8:
        if (v < Byte.MIN_VALUE || v > Byte.MAX_VALUE) {
          throw outOfRange(Long.toString(v));
        }
        putByte(v);
        break;
      case UINT8:
        if (v < 0 || v > 0xFF) {
          throw outOfRange(Long.toString(v));
        }
        putByte(v);
        break;
      case INT16:
        if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
          throw outOfRange(Long.toString(v));
        }
        ensureRow();
        SHORT_LE.set(values, rows << 1, (short) v);
        break;
      case UINT16:
        if (v < 0 || v > 0xFFFF) {
          throw outOfRange(Long.toString(v));
        }
        ensureRow();
        SHORT_LE.set(values, rows << 1, (short) v);
        break;
      case INT32:
      case DATE:
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
          throw outOfRange(Long.toString(v));
        }
        ensureRow();
        INT_LE.set(values, rows << 2, (int) v);
        break;
      case UINT32:
        if (v < 0 || v > 0xFFFF_FFFFL) {
          throw outOfRange(Long.toString(v));
        }
        ensureRow();
        INT_LE.set(values, rows << 2, (int) v);
        break;
      case INT64:
      case TIMESTAMP:
        ensureRow();
        LONG_LE.set(values, rows << 3, v);
        break;
      case FLOAT32:
      case FLOAT64:
        appendDouble(v);
        return;
      default:
        throw wrongMethod("appendLong");
    }
    if (!hasMinMax) {
      hasMinMax = true;
      minLong = v;
      maxLong = v;
    } else if (v < minLong) {
      minLong = v;
    } else if (v > maxLong) {
      maxLong = v;
    }
    rows++;
  }

  /** Appends a float value. */
  public void appendDouble(double v) {
    if (kind == FieldKind.FLOAT64) {
      ensureRow();
      LONG_LE.set(values, rows << 3, Double.doubleToRawLongBits(v));
    } else if (kind == FieldKind.FLOAT32) {
      if (Math.abs(v) > Float.MAX_VALUE && !Double.isInfinite(v)) {
        throw outOfRange(Double.toString(v));
      }
      ensureRow();
      INT_LE.set(values, rows << 2, Float.floatToRawIntBits((float) v));
      v = (float) v;
    } else {
      throw wrongMethod("appendDouble");
    }
    trackDouble(v);
    rows++;
  }

  private void trackDouble(double v) {
    if (!Double.isNaN(v)) {
      if (!hasMinMax) {
        hasMinMax = true;
        minDouble = v;
        maxDouble = v;
      } else if (v < minDouble) {
        minDouble = v;
      } else if (v > maxDouble) {
        maxDouble = v;
      }
    }
  }

  /** Appends a string value from UTF-8 bytes (a categorical looks the label up in its key). */
  public void appendBytes(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (kind == FieldKind.STRING) {
      if (length > BlockFormat.MAX_BLOCK_DATA_BYTES) {
        throw new CurataException(ErrorCode.INVALID_INPUT, where + ": a string of " + length
            + " bytes is longer than the largest supported, " + BlockFormat.MAX_BLOCK_DATA_BYTES);
      }
      ensureRow();
      ensureValueBytes(valueBytes + length);
      System.arraycopy(bytes, offset, values, valueBytes, length);
      int start = valueBytes;
      valueBytes += length;
      offsets[rows + 1] = valueBytes;
      trackString(start, length);
      rows++;
    } else if (kind == FieldKind.FIXED_STRING) {
      if (length > width) {
        throw new CurataException(ErrorCode.INVALID_INPUT, where + ": value '"
            + new String(bytes, offset, Math.min(length, 80), StandardCharsets.UTF_8)
            + "' has " + length + " bytes, longer than the field's fixed length " + width);
      }
      ensureRow();
      int start = rows * width;
      System.arraycopy(bytes, offset, values, start, length);
      Arrays.fill(values, start + length, start + width, (byte) 0);
      trackString(start, strippedLength(values, start, width));
      rows++;
    } else if (type.kind() == FieldKind.CATEGORICAL) {
      appendString(new String(bytes, offset, length, StandardCharsets.UTF_8));
    } else {
      throw wrongMethod("appendBytes");
    }
  }

  /**
   * Appends every row of a verified block of this field's type, bit for bit (NaN payloads and
   * fixed-string padding included), as when a commit merges a partial last block with new rows
   * (FORMAT.md, "Appending to a partial block").
   *
   * @throws IllegalStateException if the block's rows do not fit in this buffer
   */
  public void appendBlock(Block block) {
    int n = block.rowCount();
    if (n > capacity - rows) {
      throw new IllegalStateException(where + ": " + n + " rows do not fit a buffer of "
          + rows + " of " + capacity + " rows");
    }
    if (!block.type().equals(type)) {
      throw new IllegalStateException(where + " is " + type + ", the block " + block.type());
    }
    boolean[] isNull = new boolean[n];
    block.readNulls(0, n, isNull, 0);
    AbstractBlock raw = block instanceof AbstractBlock ? (AbstractBlock) block : null;
    for (int r = 0; r < n; r++) {
      if (isNull[r]) {
        appendNull();
      } else if (kind.isIntegral()) {
        appendLong(block.getLong(r));
      } else if (kind.isFloating()) {
        if (raw != null) {
          appendFloatBits(raw.rawFloatBits(r));
        } else {
          appendDouble(block.getDouble(r));
        }
      } else {
        byte[] b = block.getBytes(r);
        appendBytes(b, 0, b.length);
      }
    }
  }

  /** Appends a float value given as its stored bits (an int's bits for float32). */
  private void appendFloatBits(long bits) {
    ensureRow();
    double v;
    if (kind == FieldKind.FLOAT64) {
      LONG_LE.set(values, rows << 3, bits);
      v = Double.longBitsToDouble(bits);
    } else {
      INT_LE.set(values, rows << 2, (int) bits);
      v = Float.intBitsToFloat((int) bits);
    }
    trackDouble(v);
    rows++;
  }

  /** Appends a string value (a categorical's label is looked up in its key). */
  public void appendString(String s) {
    Objects.requireNonNull(s, "value");
    if (type.kind() == FieldKind.CATEGORICAL) {
      OptionalLong code = type.key().code(s);
      if (code.isEmpty()) {
        throw new CurataException(ErrorCode.INVALID_INPUT, where + ": label '" + s
            + "' is not in the categorical key " + type.key().labels().values());
      }
      appendLong(code.getAsLong());
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    appendBytes(b, 0, b.length);
  }

  /**
   * Encodes the buffered rows as one block, dense or sparse as the policy says, and empties the
   * buffer.
   */
  public EncodedBlock encode() {
    return encode(null);
  }

  /** Non-NULL rows buffered. */
  public int presentRows() {
    return rows - nulls;
  }

  /** An upper bound of the bytes the buffered values would add to a dictionary. */
  public long valueBytes() {
    return strings ? valueBytes : (long) rows * width;
  }

  /**
   * Looks every buffered non-NULL string up in {@code dictionary}, adding those it lacks, and
   * returns each row's code (0 for a NULL row), for {@link #encodeCodes} (FORMAT.md,
   * "Dictionaries").
   */
  public int[] codes(DictionaryBuilder dictionary) {
    if (!kind.isString()) {
      throw new IllegalStateException(where + " is " + type + ", not a string");
    }
    int[] codes = new int[rows];
    for (int r = 0; r < rows; r++) {
      if ((nullWords[r >>> 6] & (1L << r)) != 0) {
        continue;
      }
      if (strings) {
        codes[r] = dictionary.add(values, offsets[r], offsets[r + 1] - offsets[r]);
      } else {
        int start = r * width;
        codes[r] = dictionary.add(values, start, strippedLength(values, start, width));
      }
    }
    return codes;
  }

  /**
   * Encodes the buffered rows as one block of dictionary codes ({@link #codes}), dense or sparse
   * as the policy says, with the statistics of the strings themselves; empties the buffer.
   */
  public EncodedBlock encodeCodes(int[] codes) {
    if (codes.length != rows) {
      throw new IllegalStateException(codes.length + " codes for " + rows + " rows");
    }
    return encode(codes);
  }

  private EncodedBlock encode(int[] codes) {
    if (rows == 0) {
      throw new IllegalStateException("no rows to encode");
    }
    int present = rows - nulls;
    boolean sparse;
    switch (policy) {
      case DENSE:
        sparse = false;
        break;
      case SPARSE:
        sparse = true;
        break;
      default:
        // FORMAT.md, "Dense or sparse": sparse when at most a quarter of the rows hold a value.
        sparse = (long) present * 4 <= rows;
    }
    BlockStats stats = stats();
    int sectionA;
    RoaringBitmap bitmap = null;
    if (sparse) {
      bitmap = presentRows(present);
      sectionA = bitmap.serializedSizeInBytes();
    } else {
      sectionA = nulls > 0 ? ((rows + 63) >>> 6) * 8 : 0;
    }
    int n = sparse ? present : rows;
    boolean plainStrings = strings && codes == null;
    int valueWidth = codes != null ? BlockFormat.CODE_WIDTH : width;
    int sectionB = plainStrings ? (n + 1) * 4 : n * valueWidth;
    int sectionC = plainStrings ? stringBytes(sparse) : 0;
    long offB = BlockFormat.align(BlockFormat.HEADER_BYTES + (long) sectionA);
    long offC = BlockFormat.align(offB + sectionB);
    long total = offC + sectionC;
    if (total > Integer.MAX_VALUE) {
      throw new CurataException(ErrorCode.INVALID_INPUT, where + ": a block of " + total
          + " bytes is too large");
    }
    if (out.capacity() < total) {
      out = ByteBuffer.allocate((int) Math.max(total, out.capacity() * 2L > Integer.MAX_VALUE
          ? total : out.capacity() * 2L));
    }
    ByteBuffer b = out;
    b.clear().order(ByteOrder.LITTLE_ENDIAN);
    Arrays.fill(b.array(), 0, (int) total, (byte) 0);
    b.put(0, (byte) (sparse ? BlockFormat.ENC_SPARSE : BlockFormat.ENC_DENSE));
    b.put(1, (byte) BlockFormat.typeCode(kind));
    b.put(2, (byte) ((!sparse && nulls > 0 ? BlockFormat.FLAG_NULL_BITMAP : 0)
        | (codes != null ? BlockFormat.FLAG_DICTIONARY_CODES : 0)));
    b.putInt(4, rows);
    b.putInt(8, nulls);
    b.putInt(12, valueWidth);
    b.putInt(16, sectionA);
    b.putInt(20, sectionB);
    b.putInt(24, sectionC);
    if (sparse) {
      b.position(BlockFormat.HEADER_BYTES);
      bitmap.serialize(b);
    } else if (nulls > 0) {
      for (int w = 0; w < (rows + 63) >>> 6; w++) {
        b.putLong(BlockFormat.HEADER_BYTES + w * 8, nullWords[w]);
      }
    }
    byte[] arr = b.array();
    if (codes != null) {
      int dst = (int) offB;
      for (int r = 0; r < rows; r++) {
        if (!sparse || (nullWords[r >>> 6] & (1L << r)) == 0) {
          INT_LE.set(arr, dst, codes[r]);
          dst += BlockFormat.CODE_WIDTH;
        }
      }
    } else if (strings) {
      writeStrings(arr, (int) offB, (int) offC, sparse);
    } else if (sparse) {
      int dst = (int) offB;
      for (int r = 0; r < rows; r++) {
        if ((nullWords[r >>> 6] & (1L << r)) == 0) {
          System.arraycopy(values, r * width, arr, dst, width);
          dst += width;
        }
      }
    } else {
      System.arraycopy(values, 0, arr, (int) offB, rows * width);
    }
    b.position(0).limit((int) total);
    CRC32C crc = new CRC32C();
    crc.update(arr, 0, (int) total);
    EncodedBlock e = new EncodedBlock(b, sparse ? Encoding.SPARSE : Encoding.DENSE, stats,
        (int) crc.getValue(), codes != null);
    reset();
    return e;
  }

  private void reset() {
    Arrays.fill(nullWords, 0, Math.min(nullWords.length, (rows + 63) >>> 6), 0L);
    rows = 0;
    nulls = 0;
    valueBytes = 0;
    hasMinMax = false;
    minRow = -1;
    maxRow = -1;
  }

  private RoaringBitmap presentRows(int present) {
    int[] rowsWithValue = new int[present];
    int k = 0;
    for (int r = 0; r < rows; r++) {
      if ((nullWords[r >>> 6] & (1L << r)) == 0) {
        rowsWithValue[k++] = r;
      }
    }
    RoaringBitmap bm = RoaringBitmap.bitmapOf(rowsWithValue);
    bm.runOptimize();
    return bm;
  }

  private int stringBytes(boolean sparse) {
    if (kind == FieldKind.STRING) {
      return valueBytes;
    }
    return 0;
  }

  private void writeStrings(byte[] arr, int offB, int offC, boolean sparse) {
    // NULL rows have empty ranges, so the present rows' bytes are the same contiguous bytes.
    int k = 0;
    INT_LE.set(arr, offB, 0);
    for (int r = 0; r < rows; r++) {
      if (!sparse || (nullWords[r >>> 6] & (1L << r)) == 0) {
        k++;
        INT_LE.set(arr, offB + k * 4, offsets[r + 1]);
      }
    }
    System.arraycopy(values, 0, arr, offC, valueBytes);
  }

  private BlockStats stats() {
    if (!hasMinMax) {
      return new BlockStats(rows, nulls, false, 0, 0, 0, 0, null, null);
    }
    if (kind.isFloating()) {
      return new BlockStats(rows, nulls, true, 0, 0, minDouble, maxDouble, null, null);
    }
    if (kind.isString()) {
      byte[] min = stringAt(minRow);
      byte[] max = stringAt(maxRow);
      return new BlockStats(rows, nulls, true, 0, 0, 0, 0, truncateMin(min), truncateMax(max));
    }
    return new BlockStats(rows, nulls, true, minLong, maxLong, 0, 0, null, null);
  }

  /** A lower bound of {@code min}: its first {@link BlockFormat#STATS_PREFIX_BYTES} bytes. */
  public static byte[] truncateMin(byte[] min) {
    return min.length <= BlockFormat.STATS_PREFIX_BYTES
        ? min : Arrays.copyOf(min, BlockFormat.STATS_PREFIX_BYTES);
  }

  /**
   * An upper bound of {@code max} of at most {@link BlockFormat#STATS_PREFIX_BYTES} bytes, or null
   * when none exists (a prefix of only 0xFF bytes).
   */
  public static byte[] truncateMax(byte[] max) {
    if (max.length <= BlockFormat.STATS_PREFIX_BYTES) {
      return max;
    }
    for (int i = BlockFormat.STATS_PREFIX_BYTES - 1; i >= 0; i--) {
      if (max[i] != (byte) 0xFF) {
        byte[] p = Arrays.copyOf(max, i + 1);
        p[i]++;
        return p;
      }
    }
    return null;
  }

  private byte[] stringAt(int row) {
    if (kind == FieldKind.STRING) {
      return Arrays.copyOfRange(values, offsets[row], offsets[row + 1]);
    }
    int start = row * width;
    return Arrays.copyOfRange(values, start, start + strippedLength(values, start, width));
  }

  private void trackString(int start, int length) {
    if (!hasMinMax) {
      hasMinMax = true;
      minRow = rows;
      maxRow = rows;
      return;
    }
    if (compareTo(minRow, start, length) < 0) {
      minRow = rows;
    } else if (compareTo(maxRow, start, length) > 0) {
      maxRow = rows;
    }
  }

  /** Compares the new value (start, length) with the value at row {@code other}. */
  private int compareTo(int other, int start, int length) {
    int os;
    int ol;
    if (kind == FieldKind.STRING) {
      os = offsets[other];
      ol = offsets[other + 1] - os;
    } else {
      os = other * width;
      ol = strippedLength(values, os, width);
    }
    return Arrays.compareUnsigned(values, start, start + length, values, os, os + ol);
  }

  /** Length of a fixed string without its trailing NUL padding. */
  public static int strippedLength(byte[] a, int start, int width) {
    int n = width;
    while (n > 0 && a[start + n - 1] == 0) {
      n--;
    }
    return n;
  }

  private void putByte(long v) {
    ensureRow();
    values[rows] = (byte) v;
  }

  private void ensureRow() {
    if (rows >= capacity) {
      throw new IllegalStateException("block buffer is full; encode it first");
    }
    if ((rows >>> 6) >= nullWords.length) {
      nullWords = Arrays.copyOf(nullWords, Math.max(nullWords.length * 2, (rows >>> 6) + 1));
    }
    if (strings) {
      if (rows + 1 >= offsets.length) {
        offsets = Arrays.copyOf(offsets, Math.min(capacity + 1, offsets.length * 2));
      }
    } else if ((rows + 1) * width > values.length) {
      values = Arrays.copyOf(values, Math.min(capacity, Math.max(rows + 1, rows * 2)) * width);
    }
  }

  private void ensureValueBytes(int needed) {
    if (needed > values.length) {
      values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 16,
          Math.max((long) needed, values.length * 2L)));
    }
  }

  private CurataException outOfRange(String value) {
    return new CurataException(ErrorCode.INVALID_INPUT, where + ": value " + value
        + " is out of range for " + kind.exeteraName());
  }

  private CurataException wrongMethod(String method) {
    return new CurataException(ErrorCode.INVALID_INPUT, where + " is " + type + "; "
        + method + " does not apply to it");
  }
}
