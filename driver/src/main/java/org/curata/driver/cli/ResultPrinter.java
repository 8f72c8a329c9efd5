package org.curata.driver.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Prints a JDBC result set as an aligned text table or as CSV. */
final class ResultPrinter {
  /** How results are printed. */
  enum Format {
    /** An aligned table with a "(N rows)" line. */
    TABLE,
    /** RFC 4180 CSV with a header row; NULL is an empty field; streamed. */
    CSV
  }

  private ResultPrinter() {
  }

  /** Prints every row of {@code rs} and returns how many there were. */
  static long print(ResultSet rs, PrintWriter out, Format format) throws SQLException {
    return format == Format.CSV ? printCsv(rs, out) : printTable(rs, out);
  }

  /** Prints the rows as an aligned table followed by "(N rows)"; returns the row count. */
  static long printTable(ResultSet rs, PrintWriter out) throws SQLException {
    TextTable table = table(rs);
    table.print(out, true);
    return table.rowCount();
  }

  /** Reads every row into a text table. */
  static TextTable table(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String> headers = new ArrayList<>(n);
    boolean[] right = new boolean[n];
    int[] types = new int[n];
    for (int i = 0; i < n; i++) {
      headers.add(md.getColumnLabel(i + 1));
      types[i] = md.getColumnType(i + 1);
      right[i] = isNumeric(types[i]);
    }
    TextTable table = new TextTable(headers, right);
    Object[] cells = new Object[n];
    while (rs.next()) {
      for (int i = 0; i < n; i++) {
        cells[i] = cell(rs, i + 1, types[i]);
      }
      table.add(cells);
    }
    return table;
  }

  /** Streams the rows as CSV with a header; returns the row count. */
  static long printCsv(ResultSet rs, PrintWriter out) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    int[] types = new int[n];
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      types[i] = md.getColumnType(i + 1);
      if (i > 0) {
        sb.append(',');
      }
      csv(sb, md.getColumnLabel(i + 1));
    }
    out.println(sb);
    long rows = 0;
    while (rs.next()) {
      sb.setLength(0);
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          sb.append(',');
        }
        String v = cell(rs, i + 1, types[i]);
        if (v != null) {
          csv(sb, v);
        }
      }
      out.println(sb);
      rows++;
    }
    out.flush();
    return rows;
  }

  private static void csv(StringBuilder sb, String v) {
    boolean quote = v.isEmpty() || v.indexOf(',') >= 0 || v.indexOf('"') >= 0
        || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
    if (!quote) {
      sb.append(v);
      return;
    }
    sb.append('"').append(v.replace("\"", "\"\"")).append('"');
  }

  /** True for JDBC types whose values are right-aligned. */
  static boolean isNumeric(int type) {
    switch (type) {
      case Types.TINYINT: case Types.SMALLINT: case Types.INTEGER: case Types.BIGINT:
      case Types.FLOAT: case Types.REAL: case Types.DOUBLE: case Types.NUMERIC:
      case Types.DECIMAL:
        return true;
      default:
        return false;
    }
  }

  /** The text of one value, or null for SQL NULL. */
  static String cell(ResultSet rs, int col, int type) throws SQLException {
    switch (type) {
      case Types.REAL: {
        // a float32 printed through double would show its binary expansion (191.39999389648438)
        float f = rs.getFloat(col);
        return rs.wasNull() ? null : formatFloat(f);
      }
      case Types.FLOAT: case Types.DOUBLE: {
        double d = rs.getDouble(col);
        return rs.wasNull() ? null : formatDouble(d);
      }
      case Types.BINARY: case Types.VARBINARY: case Types.LONGVARBINARY: {
        byte[] b = rs.getBytes(col);
        if (b == null) {
          return null;
        }
        StringBuilder sb = new StringBuilder(2 + 2 * b.length).append("X'");
        for (byte x : b) {
          sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return sb.append('\'').toString();
      }
      default: {
        String s = rs.getString(col);
        return rs.wasNull() ? null : s;
      }
    }
  }

  /** A float as Java prints it (the shortest decimal that reads back as the same float). */
  static String formatFloat(float f) {
    if (Float.isNaN(f) || Float.isInfinite(f)) {
      return Float.toString(f);
    }
    return formatDouble(Double.parseDouble(Float.toString(f)));
  }

  /** A double as Java prints it, without exponent notation for ordinary magnitudes. */
  static String formatDouble(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    double a = Math.abs(d);
    if (a == 0 || (a >= 1e-3 && a < 1e7)) {
      return Double.toString(d);
    }
    if (a >= 1e7 && a < 1e16) {
      return BigDecimal.valueOf(d).toPlainString();
    }
    return Double.toString(d);
  }
}
