package org.curata.adapter.exec;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * The join keys of both sides of an equi-join in one comparable form, so that equality of the
 * encoded keys is SQL equality of the values: integers of any width by value, TIMESTAMP by its
 * millisecond value, floats by bits with 0.0 = -0.0 and NaN = NaN (as Calcite's hash join, which
 * compares boxed Doubles), strings by UTF-8 bytes, categoricals by label (two categoricals through
 * one id per label shared by both keys; a categorical and a string through the label's bytes). A
 * categorical code without a label is a NULL key.
 */
public final class JoinKeys {
  /** How a key column is encoded. */
  private enum Mode { LONG, MILLIS, DOUBLE, CODE_ID, CODE_BYTES, BYTES }

  /** The classes of storage types whose values SQL compares with each other. */
  private enum Family { INTEGER, BOOL, FLOAT, TEXT, TIMESTAMP, DATE }

  private JoinKeys() {
  }

  private static Family family(FieldType t) {
    switch (t.kind()) {
      case BOOL: return Family.BOOL;
      case FLOAT32:
      case FLOAT64: return Family.FLOAT;
      case CATEGORICAL:
      case STRING:
      case FIXED_STRING: return Family.TEXT;
      case TIMESTAMP: return Family.TIMESTAMP;
      case DATE: return Family.DATE;
      default: return Family.INTEGER;
    }
  }

  /** True when equality of values of the two storage types can be evaluated natively. */
  public static boolean comparable(FieldType a, FieldType b) {
    return family(a) == family(b);
  }

  /** True when the key pair is compared as bytes (a string on either side). */
  static boolean bytesKey(FieldType a, FieldType b) {
    return a.kind().isString() || b.kind().isString();
  }

  /**
   * The encoder of one side's keys.
   *
   * @param types the side's column types
   * @param keys the side's key columns
   * @param otherTypes the other side's column types
   * @param otherKeys the other side's key columns (paired by position)
   * @param left whether this is the left side (fixes the shared ids of categorical pairs)
   */
  static Encoder encoder(List<FieldType> types, int[] keys, List<FieldType> otherTypes,
      int[] otherKeys, boolean left) {
    int k = keys.length;
    Mode[] modes = new Mode[k];
    CodeMap[] maps = new CodeMap[k];
    boolean[] bytes = new boolean[k];
    for (int j = 0; j < k; j++) {
      FieldType t = types.get(keys[j]);
      FieldType o = otherTypes.get(otherKeys[j]);
      if (!comparable(t, o)) {
        throw new IllegalArgumentException("join key " + j + ": " + t + " is not comparable with "
            + o);
      }
      bytes[j] = bytesKey(t, o);
      if (t.kind() == FieldKind.CATEGORICAL) {
        if (bytes[j]) {
          modes[j] = Mode.CODE_BYTES;
          maps[j] = CodeMap.labels(t);
        } else {
          modes[j] = Mode.CODE_ID;
          maps[j] = left ? CodeMap.ids(t, o) : CodeMap.ids(o, t).other(t);
        }
      } else if (t.kind().isString()) {
        modes[j] = Mode.BYTES;
      } else if (t.kind().isFloating()) {
        modes[j] = Mode.DOUBLE;
      } else if (t.kind() == FieldKind.TIMESTAMP) {
        modes[j] = Mode.MILLIS;
      } else {
        modes[j] = Mode.LONG;
      }
    }
    return new Encoder(keys.clone(), modes, maps, bytes);
  }

  /**
   * Code to shared id or to label bytes of a categorical key: a dense table when the codes span
   * a small range, else sorted codes searched by bisection.
   */
  private static final class CodeMap {
    private final long base;
    private final long[] denseIds;
    private final byte[][] denseLabels;
    private final long[] codes;
    private final long[] ids;
    private final byte[][] labels;
    private final Map<String, Long> shared;

    private CodeMap(Map<Long, String> key, Map<String, Long> shared, boolean asBytes) {
      this.shared = shared;
      codes = new long[key.size()];
      ids = asBytes ? null : new long[key.size()];
      labels = asBytes ? new byte[key.size()][] : null;
      int i = 0;
      for (Map.Entry<Long, String> e : key.entrySet()) { // sorted by code
        codes[i] = e.getKey();
        if (asBytes) {
          labels[i] = e.getValue().getBytes(StandardCharsets.UTF_8);
        } else {
          ids[i] = shared.get(e.getValue());
        }
        i++;
      }
      if (codes.length > 0 && codes[codes.length - 1] - codes[0] < (1 << 16)) {
        base = codes[0];
        int span = (int) (codes[codes.length - 1] - base + 1);
        denseIds = asBytes ? null : new long[span];
        denseLabels = asBytes ? new byte[span][] : null;
        if (denseIds != null) {
          java.util.Arrays.fill(denseIds, -1);
        }
        for (int c = 0; c < codes.length; c++) {
          int d = (int) (codes[c] - base);
          if (asBytes) {
            denseLabels[d] = labels[c];
          } else {
            denseIds[d] = ids[c];
          }
        }
      } else {
        base = 0;
        denseIds = null;
        denseLabels = null;
      }
    }

    static CodeMap labels(FieldType t) {
      return new CodeMap(t.key().labels(), null, true);
    }

    /** The map of the left categorical, with ids shared with the right one's labels. */
    static CodeMap ids(FieldType leftType, FieldType rightType) {
      Map<String, Long> shared = new HashMap<>();
      for (String l : leftType.key().labels().values()) {
        shared.putIfAbsent(l, (long) shared.size());
      }
      for (String l : rightType.key().labels().values()) {
        shared.putIfAbsent(l, (long) shared.size());
      }
      return new CodeMap(leftType.key().labels(), shared, false);
    }

    /** The map of the other categorical of the pair, with the same shared ids. */
    CodeMap other(FieldType rightType) {
      return new CodeMap(rightType.key().labels(), shared, false);
    }

    long id(long code) {
      if (denseIds != null) {
        long d = code - base;
        return d >= 0 && d < denseIds.length ? denseIds[(int) d] : -1;
      }
      int i = java.util.Arrays.binarySearch(codes, code);
      return i >= 0 ? ids[i] : -1;
    }

    byte[] label(long code) {
      if (denseLabels != null) {
        long d = code - base;
        return d >= 0 && d < denseLabels.length ? denseLabels[(int) d] : null;
      }
      int i = java.util.Arrays.binarySearch(codes, code);
      return i >= 0 ? labels[i] : null;
    }
  }

  /**
   * Encodes one side's key columns of a batch: per key a long or a byte[] per row, whether any
   * key of the row is NULL, and a 64-bit hash of the encoded keys (the same for equal keys on
   * either side).
   */
  static final class Encoder {
    private static final long SEED = 0x9E3779B97F4A7C15L;
    private final int[] columns;
    private final Mode[] modes;
    private final CodeMap[] maps;
    private final boolean[] bytes;

    private Encoder(int[] columns, Mode[] modes, CodeMap[] maps, boolean[] bytes) {
      this.columns = columns;
      this.modes = modes;
      this.maps = maps;
      this.bytes = bytes;
    }

    /** Keys per row. */
    int width() {
      return columns.length;
    }

    /** Whether key {@code j} is encoded as bytes (else as a long). */
    boolean isBytes(int j) {
      return bytes[j];
    }

    /**
     * Whether the keys are one string column compared by its bytes, so that a batch read with
     * dictionary codes can be encoded through the codes (see {@link CodeHashes}).
     */
    boolean singleString() {
      return columns.length == 1 && modes[0] == Mode.BYTES;
    }

    /** The column of key {@code j}. */
    int column(int j) {
      return columns[j];
    }

    /**
     * The hash {@link #encode} gives a row whose keys are the one non-NULL string {@code value}
     * (for {@link #singleString} encoders).
     */
    long hashOfString(byte[] value) {
      return mix(SEED ^ GroupTable.hashBytes(value));
    }

    /** The same encoder reading the key columns at other indexes. */
    Encoder withColumns(int[] newColumns) {
      return new Encoder(newColumns.clone(), modes, maps, bytes);
    }

    /**
     * Encodes rows {@code sel[0..n)} of {@code cols} into entries {@code 0..n)} of the outputs
     * ({@code longs[j]} for long keys, {@code strings[j]} for byte keys).
     */
    void encode(ColumnVector[] cols, int[] sel, int n, long[][] longs, byte[][][] strings,
        boolean[] nullKey, long[] hash) {
      java.util.Arrays.fill(nullKey, 0, n, false);
      java.util.Arrays.fill(hash, 0, n, SEED);
      for (int j = 0; j < columns.length; j++) {
        ColumnVector v = cols[columns[j]];
        boolean[] nl = v.nulls;
        long[] out = longs[j];
        byte[][] outBytes = strings[j];
        switch (modes[j]) {
          case LONG: {
            long[] x = v.longs;
            for (int i = 0; i < n; i++) {
              int p = sel[i];
              nullKey[i] |= nl[p];
              out[i] = x[p];
            }
            break;
          }
          case MILLIS: {
            long[] x = v.longs;
            for (int i = 0; i < n; i++) {
              int p = sel[i];
              nullKey[i] |= nl[p];
              out[i] = Math.floorDiv(x[p], 1000L);
            }
            break;
          }
          case DOUBLE: {
            double[] x = v.doubles;
            for (int i = 0; i < n; i++) {
              int p = sel[i];
              nullKey[i] |= nl[p];
              double d = x[p];
              // 0.0 = -0.0 in SQL; every NaN equals every NaN, as Double.equals has it
              out[i] = d == 0.0 ? 0L : Double.doubleToLongBits(d);
            }
            break;
          }
          case CODE_ID: {
            long[] x = v.longs;
            CodeMap m = maps[j];
            for (int i = 0; i < n; i++) {
              int p = sel[i];
              long id = nl[p] ? -1 : m.id(x[p]);
              nullKey[i] |= id < 0;
              out[i] = id;
            }
            break;
          }
          case CODE_BYTES: {
            long[] x = v.longs;
            CodeMap m = maps[j];
            for (int i = 0; i < n; i++) {
              int p = sel[i];
              byte[] b = nl[p] ? null : m.label(x[p]);
              nullKey[i] |= b == null;
              outBytes[i] = b;
            }
            break;
          }
          default: {
            byte[][] x = v.bytes;
            for (int i = 0; i < n; i++) {
              int p = sel[i];
              nullKey[i] |= nl[p];
              outBytes[i] = nl[p] ? null : x[p];
            }
            break;
          }
        }
        if (bytes[j]) {
          for (int i = 0; i < n; i++) {
            byte[] b = outBytes[i];
            hash[i] = mix(hash[i] ^ (b == null ? 0 : GroupTable.hashBytes(b)));
          }
        } else {
          for (int i = 0; i < n; i++) {
            hash[i] = mix(hash[i] ^ out[i]);
          }
        }
      }
      for (int i = 0; i < n; i++) {
        if (nullKey[i]) {
          hash[i] = 0;
        }
      }
    }

    private static long mix(long h) {
      h ^= h >>> 33;
      h *= 0xFF51AFD7ED558CCDL;
      h ^= h >>> 33;
      h *= 0xC4CEB9FE1A85EC53L;
      h ^= h >>> 33;
      return h;
    }
  }
}
