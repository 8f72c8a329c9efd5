package org.curata.adapter.exec;

/**
 * Sorts the rows of a {@link SortBuffer} into a permutation of row ids. Each key is first laid
 * out as a flat primitive column (sortable longs with the direction applied; strings as byte
 * array references); the rows are split by whether the first key is NULL, the non-NULL part is
 * radix sorted on the first key (an order-preserving 8-byte prefix for strings), and each run of
 * equal first keys (and the NULL part) is sorted the same way on the next key; small ranges and
 * runs of equal string prefixes are finished by a three-way quicksort comparing the keys.
 * Not thread-safe; one instance per sort.
 */
final class RowSorter {
  private static final int INSERTION = 24;
  private static final int RADIX_MIN = 96;

  private final SortOrder order;
  private final int keys;
  private boolean[][] nulls;
  private long[][] values;
  private byte[][][] strings;
  private long[] work;
  private long[] workTemp;
  private int[] idsTemp;

  /** A sorter for the given order. */
  RowSorter(SortOrder order) {
    this.order = order;
    this.keys = order.keyCount;
  }

  /** The bytes of work space a sort takes per row, beyond the buffered rows themselves. */
  static long workBytesPerRow(int keyCount) {
    return 4L * 2 + 8L * 2 + 17L * keyCount;
  }

  /** The row ids of {@code buf} in sorted order. */
  int[] sort(SortBuffer buf) {
    int n = buf.rows();
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    if (keys == 0 || n < 2) {
      return perm;
    }
    extract(buf, n);
    work = new long[n];
    workTemp = new long[n];
    idsTemp = new int[n];
    sortRange(perm, 0, n, 0);
    nulls = null;
    values = null;
    strings = null;
    work = null;
    workTemp = null;
    idsTemp = null;
    return perm;
  }

  /**
   * Sorts {@code perm[lo..hi)}, whose rows are equal on the keys before {@code k}, on keys
   * {@code k..}: NULLs of key {@code k} to their end, a radix sort of the others on key
   * {@code k}'s sortable long, then each run of equal longs on the next key (strings, whose long
   * is only a prefix, by comparison from key {@code k}). Small ranges go to the quicksort.
   */
  private void sortRange(int[] perm, int lo, int hi, int k) {
    if (hi - lo < 2 || k >= keys) {
      return;
    }
    if (hi - lo < RADIX_MIN) {
      quicksort(perm, lo, hi, k);
      return;
    }
    boolean[] nl = nulls[k];
    boolean first = order.nullsFirst[k];
    int w = lo;
    for (int i = lo; i < hi; i++) {
      if (nl[perm[i]] == first) {
        swap(perm, w++, i);
      }
    }
    int valLo = first ? w : lo;
    int valHi = first ? hi : w;
    if (first) {
      sortRange(perm, lo, w, k + 1);
    } else {
      sortRange(perm, w, hi, k + 1);
    }
    int m = valHi - valLo;
    if (m < RADIX_MIN) {
      quicksort(perm, valLo, valHi, k);
      return;
    }
    long[] key = work;
    byte[][] s = strings[k];
    if (s != null) {
      boolean desc = order.descending[k];
      for (int i = valLo; i < valHi; i++) {
        long x = SortOrder.stringPrefix(s[perm[i]]);
        key[i] = desc ? ~x : x;
      }
    } else {
      long[] v = values[k];
      for (int i = valLo; i < valHi; i++) {
        key[i] = v[perm[i]];
      }
    }
    radixSort(key, perm, valLo, m, workTemp, idsTemp);
    int i = valLo;
    while (i < valHi) {
      long x = key[i];
      int j = i + 1;
      while (j < valHi && key[j] == x) {
        j++;
      }
      if (j - i > 1) {
        if (s != null) {
          quicksort(perm, i, j, k);
        } else {
          sortRange(perm, i, j, k + 1);
        }
      }
      i = j;
    }
  }

  private void extract(SortBuffer buf, int n) {
    nulls = new boolean[keys][n];
    values = new long[keys][];
    strings = new byte[keys][][];
    for (int k = 0; k < keys; k++) {
      int col = order.columns[k];
      boolean[] nl = nulls[k];
      ColumnVector.Kind kind = order.kinds[k];
      boolean desc = order.descending[k];
      SortOrder.Ranks ranks = order.ranks[k];
      long[] v = null;
      byte[][] s = null;
      if (kind == ColumnVector.Kind.BYTES) {
        s = new byte[n][];
        strings[k] = s;
      } else {
        v = new long[n];
        values[k] = v;
      }
      for (int start = 0; start < n; start += SortBuffer.CHUNK) {
        ColumnVector src = buf.chunk(start)[col];
        int count = Math.min(SortBuffer.CHUNK, n - start);
        System.arraycopy(src.nulls, 0, nl, start, count);
        switch (kind) {
          case LONG:
            if (ranks != null) {
              for (int i = 0; i < count; i++) {
                int r = nl[start + i] ? 0 : ranks.rank(src.longs[i]);
                if (r < 0) {
                  nl[start + i] = true;
                  r = 0;
                }
                v[start + i] = desc ? ~(long) r : r;
              }
            } else if (order.millis[k]) {
              for (int i = 0; i < count; i++) {
                long x = Math.floorDiv(src.longs[i], 1000L);
                v[start + i] = desc ? ~x : x;
              }
            } else if (desc) {
              for (int i = 0; i < count; i++) {
                v[start + i] = ~src.longs[i];
              }
            } else {
              System.arraycopy(src.longs, 0, v, start, count);
            }
            break;
          case DOUBLE:
            for (int i = 0; i < count; i++) {
              long x = SortOrder.sortableDouble(src.doubles[i]);
              v[start + i] = desc ? ~x : x;
            }
            break;
          default:
            System.arraycopy(src.bytes, 0, s, start, count);
            break;
        }
      }
    }
  }

  /** Radix sorts {@code key[0..m)} with {@code ids} (for tests and callers with whole arrays). */
  static void radixSort(long[] key, int[] ids, int m) {
    radixSort(key, ids, 0, m, new long[m], new int[m]);
  }

  /**
   * LSD radix sort of the signed longs {@code key[from..from+m)} with their ids, one byte per
   * pass, using the same slice of the temporary arrays; passes where every key has the same byte
   * are skipped, so narrow ranges take few passes.
   */
  static void radixSort(long[] key, int[] ids, int from, int m, long[] keyTemp, int[] idsTemp) {
    int[][] counts = new int[8][256];
    int to = from + m;
    for (int i = from; i < to; i++) {
      long x = key[i] ^ Long.MIN_VALUE;
      counts[0][(int) (x & 0xFF)]++;
      counts[1][(int) ((x >>> 8) & 0xFF)]++;
      counts[2][(int) ((x >>> 16) & 0xFF)]++;
      counts[3][(int) ((x >>> 24) & 0xFF)]++;
      counts[4][(int) ((x >>> 32) & 0xFF)]++;
      counts[5][(int) ((x >>> 40) & 0xFF)]++;
      counts[6][(int) ((x >>> 48) & 0xFF)]++;
      counts[7][(int) (x >>> 56)]++;
    }
    long[] k1 = key;
    int[] i1 = ids;
    long[] k2 = keyTemp;
    int[] i2 = idsTemp;
    for (int pass = 0; pass < 8; pass++) {
      int[] c = counts[pass];
      int shift = pass * 8;
      int digit = (int) (((k1[from] ^ Long.MIN_VALUE) >>> shift) & 0xFF);
      if (c[digit] == m) {
        continue;
      }
      int sum = from;
      for (int d = 0; d < 256; d++) {
        int t = c[d];
        c[d] = sum;
        sum += t;
      }
      for (int i = from; i < to; i++) {
        long x = k1[i];
        int d = (int) (((x ^ Long.MIN_VALUE) >>> shift) & 0xFF);
        int at = c[d]++;
        k2[at] = x;
        i2[at] = i1[i];
      }
      long[] tk = k1;
      k1 = k2;
      k2 = tk;
      int[] ti = i1;
      i1 = i2;
      i2 = ti;
    }
    if (k1 != key) {
      System.arraycopy(k1, from, key, from, m);
      System.arraycopy(i1, from, ids, from, m);
    }
  }

  /** Compares rows {@code a} and {@code b} on keys {@code from..}. */
  private int compare(int a, int b, int from) {
    for (int k = from; k < keys; k++) {
      boolean[] nl = nulls[k];
      boolean na = nl[a];
      boolean nb = nl[b];
      if (na || nb) {
        if (na && nb) {
          continue;
        }
        return na == order.nullsFirst[k] ? -1 : 1;
      }
      byte[][] s = strings[k];
      int c;
      if (s != null) {
        c = SortOrder.compareUtf8AsUtf16(s[a], s[b]);
        if (order.descending[k]) {
          c = -c;
        }
      } else {
        long[] v = values[k];
        c = Long.compare(v[a], v[b]);
      }
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Three-way quicksort of {@code perm[lo..hi)} on keys {@code from..}; heapsort when deep. */
  private void quicksort(int[] perm, int lo, int hi, int from) {
    int depth = 2 * (32 - Integer.numberOfLeadingZeros(hi - lo));
    while (hi - lo > INSERTION) {
      if (depth-- == 0) {
        heapsort(perm, lo, hi, from);
        return;
      }
      int mid = (lo + hi) >>> 1;
      int pivot = median(perm[lo], perm[mid], perm[hi - 1], from);
      int lt = lo;
      int i = lo;
      int gt = hi - 1;
      while (i <= gt) {
        int c = compare(perm[i], pivot, from);
        if (c < 0) {
          swap(perm, lt++, i++);
        } else if (c > 0) {
          swap(perm, i, gt--);
        } else {
          i++;
        }
      }
      if (lt - lo < hi - gt - 1) {
        quicksort(perm, lo, lt, from);
        lo = gt + 1;
      } else {
        quicksort(perm, gt + 1, hi, from);
        hi = lt;
      }
    }
    for (int i = lo + 1; i < hi; i++) {
      int x = perm[i];
      int j = i - 1;
      while (j >= lo && compare(perm[j], x, from) > 0) {
        perm[j + 1] = perm[j];
        j--;
      }
      perm[j + 1] = x;
    }
  }

  private int median(int a, int b, int c, int from) {
    if (compare(a, b, from) < 0) {
      if (compare(b, c, from) < 0) {
        return b;
      }
      return compare(a, c, from) < 0 ? c : a;
    }
    if (compare(a, c, from) < 0) {
      return a;
    }
    return compare(b, c, from) < 0 ? c : b;
  }

  private void heapsort(int[] perm, int lo, int hi, int from) {
    int n = hi - lo;
    for (int i = n / 2 - 1; i >= 0; i--) {
      siftDown(perm, lo, i, n, from);
    }
    for (int end = n - 1; end > 0; end--) {
      swap(perm, lo, lo + end);
      siftDown(perm, lo, 0, end, from);
    }
  }

  private void siftDown(int[] perm, int lo, int i, int n, int from) {
    while (true) {
      int child = 2 * i + 1;
      if (child >= n) {
        return;
      }
      if (child + 1 < n && compare(perm[lo + child + 1], perm[lo + child], from) > 0) {
        child++;
      }
      if (compare(perm[lo + child], perm[lo + i], from) <= 0) {
        return;
      }
      swap(perm, lo + i, lo + child);
      i = child;
    }
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
