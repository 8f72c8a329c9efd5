package org.curata.adapter.exec;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * The order of an ORDER BY compiled against the columns a sort buffers: compares rows held in
 * column vectors exactly as Calcite's Enumerable comparator compares the boxed values (integers
 * and dates numerically, timestamps by their milliseconds, floats as
 * {@link Double#compare}, strings as {@link String#compareTo}, categoricals by label, each key
 * ascending or descending with NULLs first or last), and maps each key to a sortable long so that
 * the bulk of a sort is a radix sort.
 */
final class SortOrder {
  /** Calcite compares Strings by UTF-16 code unit; these UTF-8 lead bytes start U+E000..U+FFFF. */
  private static final int LEAD_E000 = 0xEE;
  private static final int LEAD_F000 = 0xEF;

  final int keyCount;
  /** The buffered column of each key. */
  final int[] columns;
  final ColumnVector.Kind[] kinds;
  final boolean[] descending;
  final boolean[] nullsFirst;
  /** The label rank of each categorical key, or null. */
  final Ranks[] ranks;
  /**
   * Whether each key is a TIMESTAMP, compared as SQL sees it: by milliseconds (floor of the
   * stored microseconds), so that later keys break ties among equal milliseconds as in Calcite.
   */
  final boolean[] millis;

  /**
   * Compiles the keys.
   *
   * @param keys the ORDER BY keys on input columns
   * @param inputTypes the input's column types
   * @param storedIndex the buffered column holding each input column (-1 when not buffered)
   * @param ranks the label ranks of each key on a categorical column, or null entries
   */
  SortOrder(List<SortNode.Key> keys, List<FieldType> inputTypes,
      int[] storedIndex, Ranks[] ranks) {
    keyCount = keys.size();
    columns = new int[keyCount];
    kinds = new ColumnVector.Kind[keyCount];
    descending = new boolean[keyCount];
    nullsFirst = new boolean[keyCount];
    millis = new boolean[keyCount];
    this.ranks = ranks.clone();
    for (int k = 0; k < keyCount; k++) {
      SortNode.Key key = keys.get(k);
      columns[k] = storedIndex[key.column()];
      kinds[k] = ColumnVector.kindOf(inputTypes.get(key.column()));
      descending[k] = key.descending();
      nullsFirst[k] = key.nullsFirst();
      millis[k] = inputTypes.get(key.column()).kind() == FieldKind.TIMESTAMP;
    }
  }

  /**
   * Compares row {@code pa} of columns {@code a} with row {@code pb} of columns {@code b} (both
   * in buffered column order): negative when the first comes first.
   */
  int compare(ColumnVector[] a, int pa, ColumnVector[] b, int pb) {
    for (int k = 0; k < keyCount; k++) {
      ColumnVector va = a[columns[k]];
      ColumnVector vb = b[columns[k]];
      boolean na = va.nulls[pa];
      boolean nb = vb.nulls[pb];
      int c;
      switch (kinds[k]) {
        case LONG: {
          long x = va.longs[pa];
          long y = vb.longs[pb];
          Ranks r = ranks[k];
          if (r != null) {
            if (!na) {
              x = r.rank(x);
              na = x < 0;
            }
            if (!nb) {
              y = r.rank(y);
              nb = y < 0;
            }
          } else if (millis[k]) {
            x = Math.floorDiv(x, 1000L);
            y = Math.floorDiv(y, 1000L);
          }
          c = na || nb ? 0 : Long.compare(x, y);
          break;
        }
        case DOUBLE:
          c = na || nb ? 0 : Double.compare(va.doubles[pa], vb.doubles[pb]);
          break;
        default:
          c = na || nb ? 0 : compareUtf8AsUtf16(va.bytes[pa], vb.bytes[pb]);
          break;
      }
      if (na || nb) {
        if (na && nb) {
          continue;
        }
        return na == nullsFirst[k] ? -1 : 1;
      }
      if (c != 0) {
        return descending[k] ? -c : c;
      }
    }
    return 0;
  }

  /**
   * Compares two valid UTF-8 strings as {@link String#compareTo} compares their decoded values:
   * unsigned byte order is code point order, which is UTF-16 order except that U+E000..U+FFFF
   * (lead bytes 0xEE, 0xEF) come after the supplementary characters (lead bytes 0xF0..0xF4, in
   * UTF-16 surrogates 0xD800..0xDFFF). At the first differing byte both strings are at the same
   * position of equal characters before it, so both bytes are lead bytes or both continuation
   * bytes of characters with the same lead byte; lifting 0xEE and 0xEF above 0xF4 fixes the order.
   */
  static int compareUtf8AsUtf16(byte[] a, byte[] b) {
    return compareUtf8AsUtf16(a, 0, a.length, b, 0, b.length);
  }

  /** {@link #compareUtf8AsUtf16(byte[], byte[])} of {@code a[aFrom, aTo)} and {@code b[bFrom, bTo)}. */
  static int compareUtf8AsUtf16(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
    int i = Arrays.mismatch(a, aFrom, aTo, b, bFrom, bTo);
    if (i < 0) {
      return 0;
    }
    if (i >= aTo - aFrom || i >= bTo - bFrom) {
      return (aTo - aFrom) - (bTo - bFrom);
    }
    return lift(a[aFrom + i] & 0xFF) - lift(b[bFrom + i] & 0xFF);
  }

  /** A byte with the lead bytes of U+E000..U+FFFF moved above every other byte of UTF-8. */
  private static int lift(int x) {
    return x == LEAD_E000 || x == LEAD_F000 ? x + 0x10 : x;
  }

  /**
   * The first 8 bytes of a string (zero padded, lead bytes lifted as in
   * {@link #compareUtf8AsUtf16}) as a signed long whose order agrees with that comparison
   * wherever two prefixes differ.
   */
  static long stringPrefix(byte[] s) {
    long x = 0;
    int n = Math.min(8, s.length);
    for (int i = 0; i < n; i++) {
      x = (x << 8) | lift(s[i] & 0xFF);
    }
    x <<= 8 * (8 - n);
    return x ^ Long.MIN_VALUE;
  }

  /** A double's bits as a long whose signed order is {@link Double#compare}'s order. */
  static long sortableDouble(double d) {
    long bits = Double.doubleToLongBits(d);
    return bits < 0 ? bits ^ Long.MAX_VALUE : bits;
  }

  /** The rank of each code of a categorical by its label's order; codes without label have none. */
  static final class Ranks {
    private final long base;
    private final int[] table;
    private final long[] codes;
    private final int[] codeRanks;

    /** Ranks the labels of a categorical type. */
    Ranks(FieldType type) {
      if (type.kind() != FieldKind.CATEGORICAL) {
        throw new IllegalArgumentException("not a categorical: " + type);
      }
      Map<Long, String> labels = type.key().labels();
      String[] sorted = new TreeSet<>(labels.values()).toArray(new String[0]);
      codes = new long[labels.size()];
      codeRanks = new int[labels.size()];
      int i = 0;
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (Map.Entry<Long, String> e : labels.entrySet()) {
        codes[i] = e.getKey();
        codeRanks[i] = Arrays.binarySearch(sorted, e.getValue());
        min = Math.min(min, codes[i]);
        max = Math.max(max, codes[i]);
        i++;
      }
      if (codes.length > 0 && max - min < (1 << 16)) {
        base = min;
        table = new int[(int) (max - min + 1)];
        Arrays.fill(table, -1);
        for (int j = 0; j < codes.length; j++) {
          table[(int) (codes[j] - base)] = codeRanks[j];
        }
      } else {
        base = 0;
        table = null;
      }
    }

    /** The rank of a code's label, or -1 when the code has no label (it reads as NULL). */
    int rank(long code) {
      if (table != null) {
        long d = code - base;
        return d >= 0 && d < table.length ? table[(int) d] : -1;
      }
      int j = Arrays.binarySearch(codes, code);
      return j >= 0 ? codeRanks[j] : -1;
    }
  }
}
