package org.curata.storage.block;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldKind;

/**
 * A run of values of one storage kind read in place from a validated block section: fixed-width
 * little-endian values, fixed strings, or indexed strings (offsets + bytes). Immutable.
 */
final class Values {
  private final FieldKind kind;
  private final int width;
  private final ByteBuffer data;
  private final LongBuffer longs;
  private final DoubleBuffer doubles;
  private final IntBuffer offsets;
  /** For dictionary codes: the dictionary; {@code data} then holds validated i32 codes. */
  private final LoadedDictionary dictionary;
  private final IntBuffer codes;

  /** Fixed-width values or fixed strings; {@code data} little-endian. */
  Values(FieldKind kind, int width, ByteBuffer data) {
    this(kind, width, data, null);
  }

  /** Indexed strings: {@code offsets} (n + 1, validated) into {@code data}. */
  Values(FieldKind kind, int width, ByteBuffer data, IntBuffer offsets) {
    this(kind, width, data, offsets, null);
  }

  /** Dictionary codes of a string kind: {@code codes} i32, each checked {@code < dictionary.size()}. */
  Values(FieldKind kind, ByteBuffer codes, LoadedDictionary dictionary) {
    this(kind, 4, codes, null, dictionary);
  }

  private Values(FieldKind kind, int width, ByteBuffer data, IntBuffer offsets,
      LoadedDictionary dictionary) {
    this.dictionary = dictionary;
    this.codes = dictionary == null ? null : data.asIntBuffer();
    this.kind = kind;
    this.width = width;
    this.data = data;
    this.offsets = offsets;
    this.longs = kind == FieldKind.INT64 || kind == FieldKind.TIMESTAMP ? data.asLongBuffer() : null;
    this.doubles = kind == FieldKind.FLOAT64 ? data.asDoubleBuffer() : null;
  }

  long getLong(int i) {
    switch (kind) {
      case BOOL:
      case UINT8:
        return data.get(i) & 0xFFL;
      case INT8:
        return data.get(i);
      case INT16:
        return data.getShort(i << 1);
      case UINT16:
        return data.getShort(i << 1) & 0xFFFFL;
      case INT32:
      case DATE:
        return data.getInt(i << 2);
      case UINT32:
        return data.getInt(i << 2) & 0xFFFF_FFFFL;
      case INT64:
      case TIMESTAMP:
        return data.getLong(i << 3);
      default:
        throw wrongKind("getLong", "getDouble or getString");
    }
  }

  double getDouble(int i) {
    switch (kind) {
      case FLOAT32:
        return data.getFloat(i << 2);
      case FLOAT64:
        return data.getDouble(i << 3);
      case FIXED_STRING:
      case STRING:
        throw wrongKind("getDouble", "getString");
      default:
        return getLong(i);
    }
  }

  /** The stored bits of a float value (a float32's int bits, zero-extended). */
  long rawFloatBits(int i) {
    switch (kind) {
      case FLOAT32:
        return data.getInt(i << 2) & 0xFFFF_FFFFL;
      case FLOAT64:
        return data.getLong(i << 3);
      default:
        throw wrongKind("rawFloatBits", "getLong or getString");
    }
  }

  /** The same codes through another dictionary (which must hold every code). */
  Values withDictionary(LoadedDictionary other) {
    return new Values(kind, data, other);
  }

  /** The dictionary the values are codes of, or null for plain values. */
  LoadedDictionary dictionary() {
    return dictionary;
  }

  /** The code of value {@code i} (dictionary values only). */
  int code(int i) {
    return data.getInt(i << 2);
  }

  /** Copies codes {@code src .. src + n - 1} into {@code dst} from {@code off}. */
  void readCodes(int src, int n, int[] dst, int off) {
    codes.get(src, dst, off, n);
  }

  byte[] getBytes(int i) {
    if (dictionary != null) {
      return dictionary.entry(data.getInt(i << 2));
    }
    if (kind == FieldKind.STRING) {
      int start = offsets.get(i);
      byte[] b = new byte[offsets.get(i + 1) - start];
      data.get(start, b);
      return b;
    }
    if (kind == FieldKind.FIXED_STRING) {
      int start = i * width;
      int n = width;
      while (n > 0 && data.get(start + n - 1) == 0) {
        n--;
      }
      byte[] b = new byte[n];
      data.get(start, b);
      return b;
    }
    throw wrongKind("getBytes", "getLong or getDouble");
  }

  String getString(int i) {
    return new String(getBytes(i), StandardCharsets.UTF_8);
  }

  /** Copies values {@code src .. src + n - 1} into {@code dst} from {@code off}. */
  void readLongs(int src, int n, long[] dst, int off) {
    switch (kind) {
      case INT64:
      case TIMESTAMP:
        longs.get(src, dst, off, n);
        return;
      case INT32:
      case DATE:
        for (int i = 0; i < n; i++) {
          dst[off + i] = data.getInt((src + i) << 2);
        }
        return;
      case UINT32:
        for (int i = 0; i < n; i++) {
          dst[off + i] = data.getInt((src + i) << 2) & 0xFFFF_FFFFL;
        }
        return;
      case INT16:
        for (int i = 0; i < n; i++) {
          dst[off + i] = data.getShort((src + i) << 1);
        }
        return;
      case UINT16:
        for (int i = 0; i < n; i++) {
          dst[off + i] = data.getShort((src + i) << 1) & 0xFFFFL;
        }
        return;
      case INT8:
        for (int i = 0; i < n; i++) {
          dst[off + i] = data.get(src + i);
        }
        return;
      case BOOL:
      case UINT8:
        for (int i = 0; i < n; i++) {
          dst[off + i] = data.get(src + i) & 0xFFL;
        }
        return;
      default:
        throw wrongKind("readLongs", "readDoubles or getString");
    }
  }

  /** Copies values as doubles (integral kinds are converted). */
  void readDoubles(int src, int n, double[] dst, int off) {
    switch (kind) {
      case FLOAT64:
        doubles.get(src, dst, off, n);
        return;
      case FLOAT32:
        for (int i = 0; i < n; i++) {
          dst[off + i] = data.getFloat((src + i) << 2);
        }
        return;
      case FIXED_STRING:
      case STRING:
        throw wrongKind("readDoubles", "getString");
      default:
        for (int i = 0; i < n; i++) {
          dst[off + i] = getLong(src + i);
        }
    }
  }

  void requireIntegral(String method) {
    if (!kind.isIntegral()) {
      throw wrongKind(method, kind.isFloating() ? "getDouble" : "getString");
    }
  }

  void requireNumeric(String method) {
    if (kind.isString()) {
      throw wrongKind(method, "getString");
    }
  }

  private CurataException wrongKind(String method, String instead) {
    return new CurataException(ErrorCode.INVALID_INPUT,
        method + " does not apply to a " + kind.exeteraName() + " block; use " + instead);
  }
}
