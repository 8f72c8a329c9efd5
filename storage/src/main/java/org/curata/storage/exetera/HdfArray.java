package org.curata.storage.exetera;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.EnumDataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;

/**
 * One 1-D HDF5 array of an ExeTera field ({@code values}, {@code index}, ...), read by row range:
 * only the chunks that hold the range are read and decompressed (docs/EXETERA.md, "Reading").
 */
final class HdfArray {
  /** What the elements are, as far as decoding is concerned. */
  enum Element { SIGNED, UNSIGNED, FLOAT, FIXED_STRING, OTHER }

  private final HdfFileAccess file;
  private final Dataset dataset;
  private final String path;
  private final long length;
  private final int size;
  private final Element element;
  private final ByteOrder order;
  private final int chunkRows;

  HdfArray(HdfFileAccess file, Dataset dataset) {
    this.file = file;
    this.dataset = dataset;
    this.path = dataset.getPath();
    long[] dims = dataset.getDimensionsAsLong();
    if (dims.length != 1) {
      throw new CurataException(ErrorCode.UNSUPPORTED, file.describe(path) + ": an array of "
          + dims.length + " dimensions; ExeTera arrays are 1-D");
    }
    this.length = dims[0];
    DataType t = dataset.getDataType();
    DataType base = t instanceof EnumDataType e ? e.getBaseType() : t;
    this.size = base.getSize();
    if (base instanceof FixedPoint fp) {
      element = fp.isSigned() ? Element.SIGNED : Element.UNSIGNED;
      order = fp.getByteOrder();
    } else if (base instanceof FloatingPoint f) {
      element = Element.FLOAT;
      order = f.getByteOrder();
    } else if (base instanceof StringData) {
      element = Element.FIXED_STRING;
      order = ByteOrder.LITTLE_ENDIAN;
    } else {
      element = Element.OTHER;
      order = ByteOrder.LITTLE_ENDIAN;
    }
    if (dataset instanceof ChunkedDataset c) {
      int[] cd = c.getChunkDimensions();
      chunkRows = cd.length == 0 ? 0 : cd[0];
      if (chunkRows <= 0 && length > 0) {
        throw new CurataException(ErrorCode.CORRUPTION,
            file.describe(path) + ": chunk size " + chunkRows + " is not positive");
      }
    } else {
      chunkRows = 0;
    }
  }

  /** The array's path in the file. */
  String path() {
    return path;
  }

  /** Elements in the array. */
  long length() {
    return length;
  }

  /** Bytes per element. */
  int elementSize() {
    return size;
  }

  /** How elements decode. */
  Element element() {
    return element;
  }

  /** Bytes the array occupies in the file. */
  long storageBytes() {
    // a chunked array's size comes from its chunk index; a damaged index is CORRUPTION
    return file.read(path, dataset::getStorageInBytes);
  }

  /**
   * The raw bytes of elements {@code [from, from + n)} in the array's byte order.
   *
   * @throws CurataException with {@link ErrorCode#CORRUPTION} naming the array when the range
   *     is outside it or the file cannot be read
   */
  ByteBuffer read(long from, int n) {
    if (from < 0 || n < 0 || from > length - n) {
      throw new CurataException(ErrorCode.CORRUPTION, file.describe(path) + ": rows " + from + ".."
          + (from + n) + " are outside the array of " + length + " elements");
    }
    byte[] out = new byte[Math.multiplyExact(n, size)];
    if (n > 0) {
      file.read(path, () -> fill(from, n, out));
    }
    return ByteBuffer.wrap(out).order(order);
  }

  private Void fill(long from, int n, byte[] out) {
    if (dataset instanceof ChunkedDataset c) {
      long end = from + n;
      for (long chunk = from / chunkRows; chunk * chunkRows < end; chunk++) {
        long chunkStart = chunk * chunkRows;
        if (chunkStart > Integer.MAX_VALUE) {
          throw new CurataException(ErrorCode.UNSUPPORTED, file.describe(path)
              + ": rows beyond 2^31 are not readable through jhdf");
        }
        byte[] bytes = c.getDecompressedChunk(new int[] {(int) chunkStart});
        file.countChunk();
        long lo = Math.max(from, chunkStart);
        long hi = Math.min(end, chunkStart + chunkRows);
        int srcPos = (int) (lo - chunkStart) * size;
        int len = (int) (hi - lo) * size;
        if (srcPos + len > bytes.length) {
          throw new CurataException(ErrorCode.CORRUPTION, file.describe(path) + ": chunk at row "
              + chunkStart + " holds " + bytes.length + " bytes, fewer than its "
              + chunkRows + " rows of " + size + " bytes");
        }
        System.arraycopy(bytes, srcPos, out, (int) (lo - from) * size, len);
      }
      return null;
    }
    ByteBuffer all = dataset instanceof ContiguousDataset c ? c.getBuffer() : compactBytes();
    file.countChunk();
    long pos = from * size;
    if (all.limit() < pos + (long) n * size) {
      throw new CurataException(ErrorCode.CORRUPTION, file.describe(path) + ": holds "
          + all.limit() + " bytes, fewer than its " + length + " elements of " + size + " bytes");
    }
    ByteBuffer dup = all.duplicate();
    dup.position((int) pos);
    dup.get(out, 0, n * size);
    return null;
  }

  /**
   * The elements of a compact array (at most 64 KiB, stored in the object header), which jhdf's
   * public API offers only decoded: encoded again in the array's byte order. Fixed strings come
   * back as jhdf decoded them (UTF-8, up to the first NUL), NUL padded to the element size.
   */
  private ByteBuffer compactBytes() {
    Object data = dataset.getDataFlat();
    int n = data == null ? 0 : Array.getLength(data);
    ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(n, size)).order(order);
    Map<String, Integer> members = new HashMap<>();
    if (dataset.getDataType() instanceof EnumDataType e) {
      e.getEnumMapping().forEach((k, name) -> members.put(name, k));
    }
    for (int i = 0; i < n; i++) {
      Object v = Array.get(data, i);
      if (v instanceof String name && members.containsKey(name)) {
        v = members.get(name);
      }
      int at = i * size;
      if (v instanceof String str) {
        byte[] u = str.getBytes(StandardCharsets.UTF_8);
        b.position(at);
        b.put(u, 0, Math.min(u.length, size));
      } else if (v instanceof Number num && element == Element.FLOAT) {
        if (size == 4) {
          b.putFloat(at, num.floatValue());
        } else {
          b.putDouble(at, num.doubleValue());
        }
      } else if (v instanceof Number num) {
        long x = v instanceof BigInteger big ? big.longValue() : num.longValue();
        switch (size) {
          case 1: b.put(at, (byte) x); break;
          case 2: b.putShort(at, (short) x); break;
          case 4: b.putInt(at, (int) x); break;
          default: b.putLong(at, x); break;
        }
      } else if (v instanceof Boolean bool) {
        b.put(at, (byte) (bool ? 1 : 0));
      } else {
        throw new CurataException(ErrorCode.UNSUPPORTED, file.describe(path) + ": a compact"
            + " array of " + (v == null ? "nothing" : v.getClass().getSimpleName()));
      }
    }
    b.position(0);
    return b;
  }

  /**
   * Integral elements {@code [from, from + n)} widened to long (unsigned ones zero-extended).
   *
   * @throws CurataException with {@link ErrorCode#CORRUPTION} if the array is not integral
   */
  long[] readLongs(long from, int n) {
    if (element != Element.SIGNED && element != Element.UNSIGNED) {
      throw new CurataException(ErrorCode.CORRUPTION,
          file.describe(path) + ": holds " + element + " elements where integers are expected");
    }
    ByteBuffer b = read(from, n);
    long[] out = new long[n];
    boolean signed = element == Element.SIGNED;
    switch (size) {
      case 1:
        for (int i = 0; i < n; i++) {
          byte v = b.get(i);
          out[i] = signed ? v : v & 0xFFL;
        }
        break;
      case 2:
        for (int i = 0; i < n; i++) {
          short v = b.getShort(i * 2);
          out[i] = signed ? v : v & 0xFFFFL;
        }
        break;
      case 4:
        for (int i = 0; i < n; i++) {
          int v = b.getInt(i * 4);
          out[i] = signed ? v : v & 0xFFFF_FFFFL;
        }
        break;
      case 8:
        for (int i = 0; i < n; i++) {
          out[i] = b.getLong(i * 8);
        }
        break;
      default:
        throw new CurataException(ErrorCode.UNSUPPORTED,
            file.describe(path) + ": integers of " + size + " bytes");
    }
    return out;
  }

  /**
   * Float elements {@code [from, from + n)} widened to double.
   *
   * @throws CurataException with {@link ErrorCode#CORRUPTION} if the array is not float
   */
  double[] readDoubles(long from, int n) {
    if (element != Element.FLOAT || (size != 4 && size != 8)) {
      throw new CurataException(ErrorCode.CORRUPTION, file.describe(path) + ": holds " + element
          + " elements of " + size + " bytes where float32 or float64 is expected");
    }
    ByteBuffer b = read(from, n);
    double[] out = new double[n];
    if (size == 4) {
      for (int i = 0; i < n; i++) {
        out[i] = b.getFloat(i * 4);
      }
    } else {
      for (int i = 0; i < n; i++) {
        out[i] = b.getDouble(i * 8);
      }
    }
    return out;
  }
}
