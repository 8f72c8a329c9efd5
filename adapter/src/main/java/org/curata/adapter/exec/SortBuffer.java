package org.curata.adapter.exec;

import java.util.Arrays;
import java.util.List;
import org.curata.storage.FieldType;

/**
 * The rows a sort holds in memory: column vectors in fixed chunks of {@link #CHUNK} rows (no
 * copying as it grows), addressed by a row id ({@code chunk << SHIFT | offset}). Strings are kept
 * as references to their input byte arrays.
 */
final class SortBuffer {
  static final int SHIFT = 12;
  static final int CHUNK = 1 << SHIFT;
  static final int MASK = CHUNK - 1;

  private final List<FieldType> types;
  private final ColumnVector.Kind[] kinds;
  private ColumnVector[][] chunks = new ColumnVector[16][];
  private int rows;

  /** An empty buffer of rows of the given column types. */
  SortBuffer(List<FieldType> types) {
    this.types = List.copyOf(types);
    this.kinds = new ColumnVector.Kind[types.size()];
    for (int c = 0; c < kinds.length; c++) {
      kinds[c] = ColumnVector.kindOf(types.get(c));
    }
  }

  /** Rows held. */
  int rows() {
    return rows;
  }

  /** The column types. */
  List<FieldType> types() {
    return types;
  }

  /** The columns of the chunk holding a row id. */
  ColumnVector[] chunk(int row) {
    return chunks[row >>> SHIFT];
  }

  /** Drops every row. */
  void clear() {
    chunks = new ColumnVector[16][];
    rows = 0;
  }

  /**
   * Appends the selected rows of a batch.
   *
   * @param columns the input column of each buffered column
   */
  void append(Batch b, int[] columns) {
    int done = 0;
    int n = b.selected;
    while (done < n) {
      int chunk = rows >>> SHIFT;
      int offset = rows & MASK;
      if (offset == 0) {
        if (chunk == chunks.length) {
          chunks = Arrays.copyOf(chunks, chunk * 2);
        }
        chunks[chunk] = Batch.vectors(types, CHUNK);
      }
      int count = Math.min(n - done, CHUNK - offset);
      ColumnVector[] dst = chunks[chunk];
      for (int c = 0; c < kinds.length; c++) {
        copy(b.columns[columns[c]], b.selection, done, dst[c], offset, count);
      }
      done += count;
      rows += count;
    }
  }

  /** Copies {@code count} selected values starting at selection index {@code from} to {@code at}. */
  private static void copy(ColumnVector src, int[] sel, int from, ColumnVector dst, int at,
      int count) {
    boolean[] sn = src.nulls;
    boolean[] dn = dst.nulls;
    switch (dst.kind) {
      case LONG: {
        long[] s = src.longs;
        long[] d = dst.longs;
        for (int i = 0; i < count; i++) {
          int p = sel[from + i];
          dn[at + i] = sn[p];
          d[at + i] = s[p];
        }
        break;
      }
      case DOUBLE: {
        double[] s = src.doubles;
        double[] d = dst.doubles;
        for (int i = 0; i < count; i++) {
          int p = sel[from + i];
          dn[at + i] = sn[p];
          d[at + i] = s[p];
        }
        break;
      }
      default: {
        byte[][] s = src.bytes;
        byte[][] d = dst.bytes;
        for (int i = 0; i < count; i++) {
          int p = sel[from + i];
          boolean isNull = sn[p];
          dn[at + i] = isNull;
          d[at + i] = isNull ? null : s[p];
        }
        break;
      }
    }
  }

  /**
   * Copies the rows {@code perm[from..from+count)} to positions {@code 0..count) of
   * {@code out[c]} for each buffered column {@code c} that has an output vector.
   */
  void gather(int[] perm, int from, int count, ColumnVector[] out) {
    ColumnVector[][] ch = chunks;
    for (int c = 0; c < kinds.length; c++) {
      ColumnVector dst = out[c];
      if (dst == null) {
        continue;
      }
      boolean[] dn = dst.nulls;
      switch (kinds[c]) {
        case LONG: {
          long[] d = dst.longs;
          for (int i = 0; i < count; i++) {
            int r = perm[from + i];
            ColumnVector s = ch[r >>> SHIFT][c];
            int p = r & MASK;
            dn[i] = s.nulls[p];
            d[i] = s.longs[p];
          }
          break;
        }
        case DOUBLE: {
          double[] d = dst.doubles;
          for (int i = 0; i < count; i++) {
            int r = perm[from + i];
            ColumnVector s = ch[r >>> SHIFT][c];
            int p = r & MASK;
            dn[i] = s.nulls[p];
            d[i] = s.doubles[p];
          }
          break;
        }
        default: {
          byte[][] d = dst.bytes;
          for (int i = 0; i < count; i++) {
            int r = perm[from + i];
            ColumnVector s = ch[r >>> SHIFT][c];
            int p = r & MASK;
            dn[i] = s.nulls[p];
            d[i] = s.bytes[p];
          }
          break;
        }
      }
    }
  }

  /** A buffer of the rows {@code perm[0..count)} of this one, in that order. */
  SortBuffer select(int[] perm, int count) {
    SortBuffer out = new SortBuffer(types);
    int done = 0;
    while (done < count) {
      int n = Math.min(CHUNK, count - done);
      ColumnVector[] dst = Batch.vectors(types, CHUNK);
      gather(perm, done, n, dst);
      int chunk = done >>> SHIFT;
      if (chunk == out.chunks.length) {
        out.chunks = Arrays.copyOf(out.chunks, chunk * 2);
      }
      out.chunks[chunk] = dst;
      done += n;
    }
    out.rows = count;
    return out;
  }
}
