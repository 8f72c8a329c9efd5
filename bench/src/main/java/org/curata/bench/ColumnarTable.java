package org.curata.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A benchmark table held in Java arrays, one primitive array per column plus a NULL bitmap, loaded
 * from a generated CSV. It is what plain Calcite scans.
 *
 * <p>The parser reads only the generator's own dialect (no quotes; empty field = NULL); anything
 * else is rejected with the line number.
 */
final class ColumnarTable {
  private final TableDef def;
  private final int rows;
  private final Object[] columns;
  private final BitSet[] nulls;

  private ColumnarTable(TableDef def, int rows, Object[] columns, BitSet[] nulls) {
    this.def = Objects.requireNonNull(def, "def");
    this.rows = rows;
    this.columns = columns;
    this.nulls = nulls;
  }

  /** The table's definition. */
  TableDef def() {
    return def;
  }

  /** Rows held. */
  int rows() {
    return rows;
  }

  /** The distinct values of an ID column, each mapped to itself (to share String instances). */
  Map<String, String> internTable(String column) {
    String[] ids = (String[]) columns[def.indexOf(column)];
    Map<String, String> m = new HashMap<>(rows * 2);
    for (int i = 0; i < rows; i++) {
      m.put(ids[i], ids[i]);
    }
    return m;
  }

  /**
   * The boxed value Calcite's Enumerable convention expects for a cell: String, Long millis for a
   * timestamp, Integer, Byte, Double, Boolean, or null.
   */
  Object value(int column, int row) {
    BitSet n = nulls[column];
    if (n != null && n.get(row)) {
      return null;
    }
    Object a = columns[column];
    switch (def.columns().get(column).type()) {
      case ID:
      case CATEGORY_LABEL:
        return ((String[]) a)[row];
      case TIMESTAMP:
        return ((long[]) a)[row];
      case INT32:
        return ((int[]) a)[row];
      case INT8:
      case CATEGORY_CODE:
        return ((byte[]) a)[row];
      case FLOAT64:
        return ((double[]) a)[row];
      case BOOL:
        return ((boolean[]) a)[row];
      default:
        throw new IllegalStateException("unknown column type " + def.columns().get(column).type());
    }
  }

  /**
   * Loads a CSV written by {@link DataGenerator}.
   *
   * @param interned for ID columns by name, canonical String instances to reuse (may be empty)
   */
  static ColumnarTable load(TableDef def, Path csv, long expectedRows,
      Map<String, Map<String, String>> interned) throws IOException {
    if (expectedRows > Integer.MAX_VALUE - 8) {
      throw new IOException("table " + def.name() + " has " + expectedRows
          + " rows; plain Calcite holds at most 2^31 rows in arrays: use a smaller --sf");
    }
    int n = (int) expectedRows;
    List<Column> cols = def.columns();
    Object[] arrays = new Object[cols.size()];
    BitSet[] nulls = new BitSet[cols.size()];
    List<Map<String, String>> intern = new ArrayList<>();
    for (int c = 0; c < cols.size(); c++) {
      arrays[c] = newArray(cols.get(c).type(), n);
      nulls[c] = new BitSet();
      intern.add(interned.get(cols.get(c).name()));
    }
    Parser p = new Parser(def, csv, arrays, nulls, intern, n);
    int rows = p.run();
    if (rows != n) {
      throw new IOException(csv + ": expected " + n + " rows, found " + rows
          + "; delete " + csv.getParent() + " to regenerate the data");
    }
    for (int c = 0; c < cols.size(); c++) {
      if (nulls[c].isEmpty()) {
        nulls[c] = null;
      }
    }
    return new ColumnarTable(def, rows, arrays, nulls);
  }

  private static Object newArray(ColumnType t, int n) {
    switch (t) {
      case ID:
      case CATEGORY_LABEL:
        return new String[n];
      case TIMESTAMP:
        return new long[n];
      case INT32:
        return new int[n];
      case INT8:
      case CATEGORY_CODE:
        return new byte[n];
      case FLOAT64:
        return new double[n];
      case BOOL:
        return new boolean[n];
      default:
        throw new IllegalStateException("unknown column type " + t);
    }
  }

  /** A byte-level parser of the generator's CSV dialect into the column arrays. */
  private static final class Parser {
    private final TableDef def;
    private final Path csv;
    private final Object[] arrays;
    private final BitSet[] nulls;
    private final List<Map<String, String>> intern;
    private final int capacity;
    private final ColumnType[] types;
    private final Map<String, String> labels = new HashMap<>();
    private long line = 1;

    Parser(TableDef def, Path csv, Object[] arrays, BitSet[] nulls, List<Map<String, String>> intern,
        int capacity) {
      this.def = def;
      this.csv = csv;
      this.arrays = arrays;
      this.nulls = nulls;
      this.intern = intern;
      this.capacity = capacity;
      this.types = def.columns().stream().map(Column::type).toArray(ColumnType[]::new);
    }

    int run() throws IOException {
      byte[] buf = new byte[1 << 22];
      int have = 0;
      int row = 0;
      boolean header = true;
      try (InputStream in = Files.newInputStream(csv)) {
        while (true) {
          int r = in.read(buf, have, buf.length - have);
          if (r > 0) {
            have += r;
          }
          int pos = 0;
          while (true) {
            int eol = indexOf(buf, pos, have, (byte) '\n');
            if (eol < 0) {
              break;
            }
            if (header) {
              String h = new String(buf, pos, eol - pos, StandardCharsets.US_ASCII);
              if (!h.equals(def.header())) {
                throw new IOException(csv + ": header [" + h + "] is not [" + def.header() + "]");
              }
              header = false;
            } else {
              if (row >= capacity) {
                throw new IOException(csv + ": more than the expected " + capacity + " rows");
              }
              parseLine(buf, pos, eol, row++);
            }
            line++;
            pos = eol + 1;
          }
          System.arraycopy(buf, pos, buf, 0, have - pos);
          have -= pos;
          if (r < 0) {
            if (have > 0) {
              throw new IOException(csv + ": line " + line + " has no end of line");
            }
            return row;
          }
          if (have == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
          }
        }
      }
    }

    private static int indexOf(byte[] b, int from, int to, byte v) {
      for (int i = from; i < to; i++) {
        if (b[i] == v) {
          return i;
        }
      }
      return -1;
    }

    private void parseLine(byte[] b, int start, int end, int row) throws IOException {
      int pos = start;
      for (int c = 0; c < types.length; c++) {
        int stop = c + 1 < types.length ? indexOf(b, pos, end, (byte) ',') : end;
        if (stop < 0) {
          throw new IOException(csv + ": line " + line + " has fewer than " + types.length + " fields");
        }
        if (stop == pos) {
          nulls[c].set(row);
        } else {
          parseField(c, b, pos, stop, row);
        }
        pos = stop + 1;
      }
    }

    private void parseField(int c, byte[] b, int from, int to, int row) throws IOException {
      switch (types[c]) {
        case ID: {
          String s = new String(b, from, to - from, StandardCharsets.US_ASCII);
          Map<String, String> dict = intern.get(c);
          if (dict != null) {
            String canonical = dict.get(s);
            s = canonical != null ? canonical : s;
          }
          ((String[]) arrays[c])[row] = s;
          break;
        }
        case CATEGORY_LABEL: {
          String s = new String(b, from, to - from, StandardCharsets.US_ASCII);
          ((String[]) arrays[c])[row] = labels.computeIfAbsent(s, k -> k);
          break;
        }
        case TIMESTAMP:
          ((long[]) arrays[c])[row] = parseTimestamp(b, from, to, c);
          break;
        case INT32:
          ((int[]) arrays[c])[row] = (int) parseLong(b, from, to, c);
          break;
        case INT8:
        case CATEGORY_CODE:
          ((byte[]) arrays[c])[row] = (byte) parseLong(b, from, to, c);
          break;
        case FLOAT64:
          ((double[]) arrays[c])[row] = parseDecimal(b, from, to, c);
          break;
        case BOOL:
          ((boolean[]) arrays[c])[row] = b[from] == 't';
          break;
        default:
          throw new IllegalStateException("unknown column type " + types[c]);
      }
    }

    private IOException bad(int c, byte[] b, int from, int to, String what) {
      return new IOException(csv + ": line " + line + ", field '" + def.columns().get(c).name()
          + "': value [" + new String(b, from, to - from, StandardCharsets.US_ASCII) + "] is not "
          + what + "; delete " + csv.getParent() + " to regenerate the data");
    }

    private long parseLong(byte[] b, int from, int to, int c) throws IOException {
      boolean neg = b[from] == '-';
      long v = 0;
      for (int i = neg ? from + 1 : from; i < to; i++) {
        int d = b[i] - '0';
        if (d < 0 || d > 9) {
          throw bad(c, b, from, to, "an integer");
        }
        v = v * 10 + d;
      }
      return neg ? -v : v;
    }

    /**
     * Parses d+.d+ exactly as Double.parseDouble would: digits / 10^k is one correctly rounded
     * IEEE division of two exact doubles.
     */
    private double parseDecimal(byte[] b, int from, int to, int c) throws IOException {
      boolean neg = b[from] == '-';
      long digits = 0;
      int scale = -1;
      int count = 0;
      for (int i = neg ? from + 1 : from; i < to; i++) {
        byte ch = b[i];
        if (ch == '.' && scale < 0) {
          scale = 0;
          continue;
        }
        int d = ch - '0';
        if (d < 0 || d > 9 || ++count > 15) {
          return Double.parseDouble(new String(b, from, to - from, StandardCharsets.US_ASCII));
        }
        digits = digits * 10 + d;
        if (scale >= 0) {
          scale++;
        }
      }
      if (count == 0) {
        throw bad(c, b, from, to, "a number");
      }
      double v = scale <= 0 ? digits : digits / POW10[scale];
      return neg ? -v : v;
    }

    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
        1e11, 1e12, 1e13, 1e14, 1e15, 1e16};

    private long parseTimestamp(byte[] b, int from, int to, int c) throws IOException {
      if (to - from != 23 || b[from + 4] != '-' || b[from + 10] != ' ' || b[from + 19] != '.') {
        throw bad(c, b, from, to, "a timestamp yyyy-MM-dd HH:mm:ss.SSS");
      }
      int y = (int) parseLong(b, from, from + 4, c);
      int m = (int) parseLong(b, from + 5, from + 7, c);
      int d = (int) parseLong(b, from + 8, from + 10, c);
      long hh = parseLong(b, from + 11, from + 13, c);
      long mi = parseLong(b, from + 14, from + 16, c);
      long ss = parseLong(b, from + 17, from + 19, c);
      long ms = parseLong(b, from + 20, from + 23, c);
      return daysFromCivil(y, m, d) * 86_400_000L + ((hh * 60 + mi) * 60 + ss) * 1000 + ms;
    }

    /** days_from_civil (H. Hinnant): days since 1970-01-01 of a proleptic Gregorian date. */
    private static long daysFromCivil(int y, int m, int d) {
      y -= m <= 2 ? 1 : 0;
      long era = Math.floorDiv(y, 400);
      long yoe = y - era * 400;
      long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
      long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
      return era * 146_097 + doe - 719_468;
    }
  }
}
