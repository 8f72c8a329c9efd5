package org.curata.adapter.exec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.curata.storage.Dictionary;
import org.curata.storage.FieldType;

/**
 * Test input that emits one string column with dictionary codes, as a scan of dictionary-encoded
 * blocks does: per batch one of the given dictionaries (or none: plain bytes), chosen by a seeded
 * random, and a sparse selection whose unselected positions hold garbage values and codes.
 */
final class CodedRowsNode implements ExecNode {
  private final List<FieldType> types;
  private final List<Object[]> rows;
  private final int column;
  private final List<Dictionary> dictionaries;
  private final boolean plainBatches;
  private final long seed;

  /**
   * Creates the node.
   *
   * @param types the column types
   * @param rows rows in physical representation (byte[] for strings, null for NULL)
   * @param column the string column given codes
   * @param dictionaries the dictionaries batches are coded with; each must hold every value of
   *     the column
   * @param plainBatches whether some batches carry no codes
   * @param seed chooses each batch's dictionary and gaps
   */
  CodedRowsNode(List<FieldType> types, List<Object[]> rows, int column,
      List<Dictionary> dictionaries, boolean plainBatches, long seed) {
    this.types = List.copyOf(types);
    this.rows = List.copyOf(rows);
    this.column = column;
    this.dictionaries = List.copyOf(dictionaries);
    this.plainBatches = plainBatches;
    this.seed = seed;
  }

  @Override
  public List<FieldType> columnTypes() {
    return types;
  }

  @Override
  public Operator open(ExecContext ctx, boolean[] needed) {
    Objects.requireNonNull(ctx, "ctx");
    int capacity = ctx.batchSize();
    ColumnVector[] vectors = Batch.vectors(types, capacity);
    vectors[column].codes = new int[capacity];
    Batch batch = Batch.dense(vectors, 0);
    Random rnd = new Random(seed);
    byte[] garbage = "garbage".getBytes(StandardCharsets.UTF_8);
    return new Operator() {
      private int next;

      @Override
      public Batch next() {
        if (next >= rows.size()) {
          return null;
        }
        ctx.checkCancel();
        int choice = rnd.nextInt(dictionaries.size() + (plainBatches ? 1 : 0));
        Dictionary dict = choice < dictionaries.size() ? dictionaries.get(choice) : null;
        ColumnVector cv = vectors[column];
        int k = 0;
        for (int p = 0; p < capacity && next < rows.size(); p++) {
          boolean gap = capacity > 1 && rnd.nextInt(4) == 0;
          if (gap) {
            for (ColumnVector v : vectors) {
              v.nulls[p] = false;
              if (v.bytes != null) {
                v.bytes[p] = garbage;
              }
            }
            cv.codes[p] = rnd.nextInt(3) == 0 ? -1 : 0;
            continue;
          }
          Object[] row = rows.get(next++);
          for (int c = 0; c < vectors.length; c++) {
            RowsNode.set(vectors[c], p, row[c]);
          }
          byte[] s = (byte[]) row[column];
          cv.codes[p] = s == null || dict == null ? -1 : dict.codeOf(s);
          batch.selection[k++] = p;
        }
        if (k == 0) {
          return next();
        }
        batch.selected = k;
        cv.dictionary = dict;
        return batch;
      }

      @Override
      public void close() {
      }
    };
  }

  /** A dictionary of the given strings, codes in list order. */
  static Dictionary dictionary(List<String> values) {
    return new ListDictionary(values);
  }

  /**
   * A dictionary holding {@code values} and {@code extra} strings no row holds, in an order
   * shuffled by {@code rnd}.
   */
  static Dictionary shuffled(Random rnd, List<String> values, int extra) {
    List<String> all = new ArrayList<>(values);
    for (int i = 0; i < extra; i++) {
      all.add("unused-" + rnd.nextInt(1_000_000) + "-" + i);
    }
    java.util.Collections.shuffle(all, rnd);
    return new ListDictionary(all);
  }

  /** A dictionary over a list of distinct strings. */
  private static final class ListDictionary implements Dictionary {
    private final byte[][] entries;
    private final Map<String, Integer> codes = new HashMap<>();
    private final long byteSize;

    ListDictionary(List<String> values) {
      entries = new byte[values.size()][];
      long total = 0;
      for (int i = 0; i < entries.length; i++) {
        entries[i] = values.get(i).getBytes(StandardCharsets.UTF_8);
        total += entries[i].length;
        if (codes.put(values.get(i), i) != null) {
          throw new IllegalArgumentException("duplicate dictionary entry " + values.get(i));
        }
      }
      byteSize = total;
    }

    @Override
    public int size() {
      return entries.length;
    }

    @Override
    public byte[] bytes(int code) {
      return entries[code];
    }

    @Override
    public int codeOf(byte[] value) {
      Integer c = codes.get(new String(value, StandardCharsets.UTF_8));
      return c == null ? -1 : c;
    }

    @Override
    public long byteSize() {
      return byteSize;
    }

    @Override
    public String toString() {
      return "dictionary of " + entries.length + " strings";
    }
  }
}
