package org.curata.driver.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A table of text cells printed with aligned columns, psql-style: a header, a rule, the rows
 * (numbers right-aligned) and a "(N rows)" line.
 */
final class TextTable {
  private final List<String> headers;
  private final boolean[] rightAligned;
  private final List<String[]> rows = new ArrayList<>();

  TextTable(List<String> headers, boolean[] rightAligned) {
    this.headers = List.copyOf(headers);
    this.rightAligned = Objects.requireNonNull(rightAligned, "rightAligned").clone();
    if (rightAligned.length != headers.size()) {
      throw new IllegalArgumentException("one alignment per column");
    }
  }

  /** A table whose columns are right-aligned where {@code alignment} has an 'r'. */
  static TextTable of(String alignment, String... headers) {
    boolean[] right = new boolean[headers.length];
    for (int i = 0; i < headers.length; i++) {
      right[i] = i < alignment.length() && alignment.charAt(i) == 'r';
    }
    return new TextTable(Arrays.asList(headers), right);
  }

  /** Adds a row; a null cell is shown as NULL. */
  TextTable add(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
    }
    String[] row = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      row[i] = cells[i] == null ? "NULL" : printable(cells[i].toString());
    }
    rows.add(row);
    return this;
  }

  /** Rows added so far. */
  int rowCount() {
    return rows.size();
  }

  /** Prints the header, the rows and, if {@code countLine}, a "(N rows)" line. */
  void print(PrintWriter out, boolean countLine) {
    int n = headers.size();
    int[] width = new int[n];
    for (int i = 0; i < n; i++) {
      width[i] = length(headers.get(i));
    }
    for (String[] row : rows) {
      for (int i = 0; i < n; i++) {
        width[i] = Math.max(width[i], length(row[i]));
      }
    }
    out.println(line(headers.toArray(new String[0]), width));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < n; i++) {
      rule.append(i == 0 ? "-" : "+-").append("-".repeat(width[i])).append('-');
    }
    out.println(rule);
    for (String[] row : rows) {
      out.println(line(row, width));
    }
    if (countLine) {
      out.println(rowsLine(rows.size()));
    }
    out.flush();
  }

  private String line(String[] cells, int[] width) {
    StringBuilder one = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      one.append(i == 0 ? " " : " | ");
      int pad = width[i] - length(cells[i]);
      if (rightAligned[i]) {
        one.append(" ".repeat(pad)).append(cells[i]);
      } else {
        one.append(cells[i]).append(" ".repeat(pad));
      }
    }
    return stripRight(one).toString();
  }

  /** "(1 row)" or "(N rows)". */
  static String rowsLine(long n) {
    return n == 1 ? "(1 row)" : "(" + n + " rows)";
  }

  private static StringBuilder stripRight(StringBuilder sb) {
    int end = sb.length();
    while (end > 0 && sb.charAt(end - 1) == ' ') {
      end--;
    }
    sb.setLength(end);
    return sb;
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  /** Makes control characters visible so that a cell stays on one line. */
  static String printable(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep = c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t"
          : c < 0x20 ? String.format("\\u%04x", (int) c) : null;
      if (rep != null && sb == null) {
        sb = new StringBuilder(s.substring(0, i));
      }
      if (sb != null) {
        if (rep != null) {
          sb.append(rep);
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? s : sb.toString();
  }
}
