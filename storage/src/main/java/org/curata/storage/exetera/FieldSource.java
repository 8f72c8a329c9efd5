package org.curata.storage.exetera;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.curata.storage.CategoricalKey;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;
import org.curata.storage.block.BlockBuffer;

/**
 * How one ExeTera field's arrays decode into Curata values, by field type (docs/EXETERA.md,
 * "Types"). A source knows only its own arrays; flag fields and unequal lengths are applied by
 * {@link HdfField}.
 */
abstract sealed class FieldSource {
  /**
   * Decoded rows: exactly one of the value arrays is non-null; {@code nulls} may be null.
   *
   * @param longs integral values
   * @param doubles float values
   * @param bytes string values
   * @param nulls true where a row is NULL
   */
  record Decoded(long[] longs, double[] doubles, Strings bytes, boolean[] nulls) {
  }

  /**
   * String values as slices of one buffer (no copy per row): row i is
   * {@code data[start[i], end[i])}.
   *
   * @param data the bytes read from the file
   * @param start where each row starts in {@code data}
   * @param end where each row ends in {@code data}
   */
  record Strings(byte[] data, int[] start, int[] end) {
    /** Row {@code i}'s length in bytes. */
    int length(int i) {
      return end[i] - start[i];
    }

    /** A copy of row {@code i}'s bytes. */
    byte[] copy(int i) {
      return Arrays.copyOfRange(data, start[i], end[i]);
    }
  }

  /** The Curata type of the field. */
  abstract FieldType type();

  /** Rows the field's own arrays hold. */
  abstract long length();

  /** Bytes the field's arrays occupy in the file. */
  abstract long storageBytes();

  /** Decodes rows {@code [from, from + n)}, all within {@link #length()}. */
  abstract Decoded read(long from, int n);

  /** A source whose field is one array of values, one element per row. */
  abstract static sealed class OneArray extends FieldSource {
    final HdfArray values;
    final FieldType type;

    OneArray(HdfArray values, FieldType type) {
      this.values = values;
      this.type = type;
    }

    @Override
    final FieldType type() {
      return type;
    }

    @Override
    final long length() {
      return values.length();
    }

    @Override
    final long storageBytes() {
      return values.storageBytes();
    }
  }

  /** Numbers of every width: bool enums, signed and unsigned integers, floats. */
  static final class Numeric extends OneArray {
    private final boolean uint64;
    private final HdfFileAccess file;

    Numeric(HdfFileAccess file, HdfArray values, FieldKind kind, boolean uint64) {
      super(values, FieldType.of(kind));
      this.file = file;
      this.uint64 = uint64;
    }

    @Override
    Decoded read(long from, int n) {
      if (type.kind().isFloating()) {
        return new Decoded(null, values.readDoubles(from, n), null, null);
      }
      long[] v = values.readLongs(from, n);
      if (type.kind() == FieldKind.BOOL) {
        for (int i = 0; i < n; i++) {
          v[i] = v[i] != 0 ? 1 : 0;
        }
      } else if (uint64) {
        for (int i = 0; i < n; i++) {
          if (v[i] < 0) {
            throw new CurataException(ErrorCode.UNSUPPORTED, file.describe(values.path())
                + ": uint64 value " + Long.toUnsignedString(v[i]) + " at row " + (from + i)
                + " does not fit int64 (Curata reads uint64 as int64; see docs/EXETERA.md)");
          }
        }
      }
      return new Decoded(v, null, null, null);
    }
  }

  /**
   * ExeTera timestamps and dates: float64 seconds since 1970 UTC, read as microseconds rounded to
   * the nearest; NaN and infinities read as NULL. A finite value outside the years 1 to 9999
   * (what SQL and the CSV importer accept) fails the read with {@link ErrorCode#UNSUPPORTED}
   * naming the array, row and value, never a wrong timestamp.
   */
  static final class Timestamp extends OneArray {
    /** 0001-01-01T00:00:00Z in seconds since 1970. */
    static final long MIN_SECONDS = -62_135_596_800L;
    /** 10000-01-01T00:00:00Z in seconds since 1970 (excluded). */
    static final long END_SECONDS = 253_402_300_800L;
    private final HdfFileAccess file;

    Timestamp(HdfFileAccess file, HdfArray values) {
      super(values, FieldType.of(FieldKind.TIMESTAMP));
      this.file = file;
    }

    @Override
    Decoded read(long from, int n) {
      double[] s = values.readDoubles(from, n);
      long[] micros = new long[n];
      boolean[] nulls = null;
      for (int i = 0; i < n; i++) {
        double v = s[i];
        if (Double.isNaN(v) || Double.isInfinite(v)) {
          if (nulls == null) {
            nulls = new boolean[n];
          }
          nulls[i] = true;
          continue;
        }
        long m = v >= MIN_SECONDS && v < END_SECONDS ? toMicros(v) : Long.MIN_VALUE;
        if (m < MIN_SECONDS * 1_000_000L || m >= END_SECONDS * 1_000_000L) {
          throw new CurataException(ErrorCode.UNSUPPORTED, file.describe(values.path())
              + ": timestamp " + v + " s at row " + (from + i) + " is outside the years 1 to "
              + "9999 that Curata reads (see docs/EXETERA.md)");
        }
        micros[i] = m;
      }
      return new Decoded(micros, null, null, nulls);
    }

    /**
     * The microsecond nearest to {@code seconds}, for |seconds| below 2^52: whole seconds
     * exactly, then the fraction (exact in a double) multiplied by 10^6 (one more rounding, of at
     * most half an ulp of the product) and rounded to the nearest microsecond.
     */
    static long toMicros(double seconds) {
      double whole = Math.floor(seconds);
      double frac = seconds - whole;
      return (long) whole * 1_000_000L + Math.round(frac * 1e6);
    }
  }

  /**
   * Fixed strings: n bytes per row, NUL padded. Trailing NULs are dropped, and so is an
   * incomplete UTF-8 sequence at the end of a full-width value (ExeTera cuts strings to n bytes
   * without regard to characters); other invalid bytes are kept and decode to U+FFFD.
   */
  static final class FixedString extends OneArray {
    FixedString(HdfArray values, int length) {
      super(values, FieldType.fixedString(length));
    }

    @Override
    Decoded read(long from, int n) {
      int w = values.elementSize();
      ByteBuffer b = values.read(from, n);
      byte[] raw = b.array();
      int[] starts = new int[n];
      int[] ends = new int[n];
      for (int i = 0; i < n; i++) {
        int start = i * w;
        int end = start + BlockBuffer.strippedLength(raw, start, w);
        if (end - start == w) {
          end = start + completeUtf8Length(raw, start, w);
        }
        starts[i] = start;
        ends[i] = end;
      }
      return new Decoded(null, null, new Strings(raw, starts, ends), null);
    }

    /** The length of {@code b[off, off + len)} without an incomplete UTF-8 sequence at its end. */
    static int completeUtf8Length(byte[] b, int off, int len) {
      int i = off + len - 1;
      int back = 0;
      while (i >= off && back < 4 && (b[i] & 0xC0) == 0x80) {
        i--;
        back++;
      }
      if (i < off) {
        return len;
      }
      int lead = b[i] & 0xFF;
      int need = lead >= 0xF0 && lead < 0xF8 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
      if (lead < 0x80 || lead >= 0xF8) {
        return len;
      }
      return back + 1 < need ? i - off : len;
    }
  }

  /** Indexed strings: an int64 index of n + 1 offsets into uint8 UTF-8 bytes. */
  static final class IndexedString extends FieldSource {
    private static final FieldType TYPE = FieldType.of(FieldKind.STRING);
    private final HdfFileAccess file;
    private final HdfArray index;
    private final HdfArray values;

    IndexedString(HdfFileAccess file, HdfArray index, HdfArray values) {
      this.file = file;
      this.index = index;
      this.values = values;
    }

    @Override
    FieldType type() {
      return TYPE;
    }

    @Override
    long length() {
      return Math.max(0, index.length() - 1);
    }

    @Override
    long storageBytes() {
      return index.storageBytes() + values.storageBytes();
    }

    @Override
    Decoded read(long from, int n) {
      long[] offsets = index.readLongs(from, n + 1);
      long lo = offsets[0];
      long hi = offsets[n];
      if (lo < 0 || hi < lo || hi > values.length() || hi - lo > Integer.MAX_VALUE) {
        throw new CurataException(ErrorCode.CORRUPTION, file.describe(index.path())
            + ": offsets " + lo + ".." + hi + " of rows " + from + ".." + (from + n)
            + " do not fit the " + values.length() + " bytes of " + values.path());
      }
      int[] starts = new int[n];
      int[] ends = new int[n];
      for (int i = 0; i < n; i++) {
        long a = offsets[i];
        long b = offsets[i + 1];
        if (b < a || a < lo || b > hi) {
          throw notAscending(from + i, a, b);
        }
        starts[i] = (int) (a - lo);
        ends[i] = (int) (b - lo);
      }
      byte[] raw = values.read(lo, (int) (hi - lo)).array();
      return new Decoded(null, null, new Strings(raw, starts, ends), null);
    }

    private CurataException notAscending(long row, long a, long b) {
      return new CurataException(ErrorCode.CORRUPTION, file.describe(index.path())
          + ": offsets " + a + ".." + b + " of row " + row + " are not ascending");
    }

    /**
     * The first row of each block when blocks hold at most {@code blockRows} rows and, unless
     * one row alone is larger, at most {@code blockBytes} bytes of strings; the last element is
     * {@link #length()}. One pass over the index, {@code blockRows} offsets at a time.
     */
    long[] blockStarts(int blockRows, long blockBytes) {
      long len = length();
      if (len == 0) {
        return new long[] {0};
      }
      long[] starts = new long[16];
      int count = 0;
      starts[count++] = 0;
      long blockFirstOffset = 0;
      long inBlock = 0;
      for (long from = 0; from < len; from += blockRows) {
        int n = (int) Math.min(blockRows, len - from);
        long[] offsets = index.readLongs(from, n + 1);
        if (from == 0) {
          blockFirstOffset = offsets[0];
        }
        for (int i = 0; i < n; i++) {
          long a = offsets[i];
          long b = offsets[i + 1];
          if (b < a) {
            throw notAscending(from + i, a, b);
          }
          if (inBlock > 0 && (inBlock == blockRows || b - blockFirstOffset > blockBytes)) {
            if (count == starts.length) {
              starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = from + i;
            blockFirstOffset = a;
            inBlock = 0;
          }
          inBlock++;
        }
      }
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count + 1);
      }
      starts[count++] = len;
      return Arrays.copyOf(starts, count);
    }
  }

  /** Categorical codes; a code without a key entry (ExeTera's -1 for free text) reads NULL. */
  static final class Categorical extends OneArray {
    /** Spans of key values up to this many codes are looked up in a table, wider ones searched. */
    private static final long TABLE_SPAN = 1 << 17;
    /** The smallest code of the key. */
    private final long minCode;
    /** {@code known[c - minCode]} is true when code c has a label; null for a wide key. */
    private final boolean[] known;
    /** The codes of a wide key, ascending (binary searched); null when {@code known} is used. */
    private final long[] sorted;

    Categorical(HdfArray values, CategoricalKey key) {
      super(values, FieldType.categorical(key));
      if (key.labels().isEmpty()) {
        minCode = 0;
        known = new boolean[0];
        sorted = null;
      } else {
        minCode = key.labels().firstKey();
        long span = key.labels().lastKey() - minCode + 1;
        if (span > 0 && span <= TABLE_SPAN) {
          known = new boolean[(int) span];
          sorted = null;
          for (long c : key.labels().keySet()) {
            known[(int) (c - minCode)] = true;
          }
        } else {
          known = null;
          sorted = key.labels().keySet().stream().mapToLong(Long::longValue).toArray();
        }
      }
    }

    private boolean isKnown(long code) {
      if (known == null) {
        return Arrays.binarySearch(sorted, code) >= 0;
      }
      long k = code - minCode;
      return k >= 0 && k < known.length && known[(int) k];
    }

    @Override
    Decoded read(long from, int n) {
      long[] codes = values.readLongs(from, n);
      boolean[] nulls = null;
      for (int i = 0; i < n; i++) {
        if (!isKnown(codes[i])) {
          if (nulls == null) {
            nulls = new boolean[n];
          }
          nulls[i] = true;
        }
      }
      return new Decoded(codes, null, null, nulls);
    }
  }
}
