package org.curata.driver.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements at semicolons outside quotes and comments.
 *
 * @param sql the statement text, without the terminating semicolon
 * @param line the 1-based line of the input on which the statement starts
 */
record SqlScript(String sql, int line) {

  /** The statements of a script, in order; empty or comment-only pieces are dropped. */
  static List<SqlScript> split(String text) {
    List<SqlScript> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean content = false;
    int line = 1;
    int startLine = 1;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        if (!content) {
          startLine = line;
        }
        content = true;
        int j = i + 1;
        while (j < n) {
          char d = text.charAt(j);
          if (d == '\n') {
            line++;
          }
          if (d == c) {
            if (j + 1 < n && text.charAt(j + 1) == c) {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        int end = Math.min(n, j + 1);
        cur.append(text, i, end);
        i = end;
      } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        int j = text.indexOf('\n', i);
        int end = j < 0 ? n : j;
        cur.append(text, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int j = text.indexOf("*/", i + 2);
        int end = j < 0 ? n : j + 2;
        for (int k = i; k < end; k++) {
          if (text.charAt(k) == '\n') {
            line++;
          }
        }
        cur.append(text, i, end);
        i = end;
      } else if (c == ';') {
        add(out, cur, content, startLine);
        cur.setLength(0);
        content = false;
        i++;
      } else {
        if (c == '\n') {
          line++;
        } else if (!Character.isWhitespace(c) && !content) {
          content = true;
          startLine = line;
        }
        cur.append(c);
        i++;
      }
    }
    add(out, cur, content, startLine);
    return out;
  }

  private static void add(List<SqlScript> out, StringBuilder cur, boolean content, int line) {
    if (content) {
      out.add(new SqlScript(cur.toString().strip(), line));
    }
  }
}
