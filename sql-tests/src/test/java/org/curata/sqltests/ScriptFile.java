package org.curata.sqltests;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A parsed Curata {@code .test} script (DuckDB's test/sql style; the format is described in the
 * module's README.md): records separated by blank lines, {@code #} comment lines between records.
 */
final class ScriptFile {
  /** One record of a script; {@code line} is where it starts, for messages. */
  sealed interface Record permits Statement, Query, Describe, Import, Restart {
    int line();
  }

  /**
   * {@code statement ok} or {@code statement error}, with an optional expected message substring
   * (matched case-insensitively) after {@code ----}.
   */
  record Statement(int line, String sql, boolean expectError, String expectedMessage) implements Record {
  }

  /** How a query's rows are put in order before they are compared. */
  enum Sort {
    /** As returned (the query has an ORDER BY). */
    NOSORT,
    /** Rows sorted as strings. */
    ROWSORT,
    /** Every value on its own, sorted. */
    VALUESORT
  }

  /**
   * {@code query <types> [nosort|rowsort|valuesort]}: one letter per column (I integer, R
   * floating or decimal, T anything else), then the SQL, {@code ----}, and one line per row with
   * the values separated by tabs.
   */
  record Query(int line, String types, Sort sort, String sql, List<String> expected) implements Record {
  }

  /**
   * {@code describe <table>}: the table's columns as JDBC metadata reports them, one per line:
   * name, JDBC type, {@code NULL} or {@code NOT NULL}, separated by tabs.
   */
  record Describe(int line, String table, List<String> expected) implements Record {
  }

  /**
   * {@code import <table> <csv> <schema>}: imports a CSV file with an ExeTera JSON schema through
   * Curata's importer (paths relative to the script's directory), then reconnects.
   */
  record Import(int line, String table, String csv, String schema) implements Record {
  }

  /** {@code restart}: closes the connection and opens a new one on the same dataset. */
  record Restart(int line) implements Record {
  }

  private final String name;
  private final List<Record> records;

  private ScriptFile(String name, List<Record> records) {
    this.name = name;
    this.records = List.copyOf(records);
  }

  /** The script's name (its resource path). */
  String name() {
    return name;
  }

  List<Record> records() {
    return records;
  }

  /** Parses a script; throws IllegalArgumentException naming the line of a malformed record. */
  static ScriptFile parse(String name, String text) {
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    List<Record> records = new ArrayList<>();
    int i = 0;
    while (i < lines.length) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        i++;
        continue;
      }
      int start = i + 1;
      String[] words = line.split("\\s+");
      String keyword = words[0].toLowerCase(Locale.ROOT);
      i++;
      switch (keyword) {
        case "statement": {
          boolean error = words.length > 1 && words[1].equals("error");
          if (words.length != 2 || !(error || words[1].equals("ok"))) {
            throw bad(name, start, "write 'statement ok' or 'statement error'");
          }
          StringBuilder sql = new StringBuilder();
          while (i < lines.length && !lines[i].isBlank() && !lines[i].strip().equals("----")) {
            sql.append(lines[i++]).append('\n');
          }
          String message = null;
          if (i < lines.length && lines[i].strip().equals("----")) {
            if (!error) {
              throw bad(name, start, "'statement ok' takes no '----' section");
            }
            i++;
            StringBuilder m = new StringBuilder();
            while (i < lines.length && !lines[i].isBlank()) {
              m.append(m.length() == 0 ? "" : " ").append(lines[i++].strip());
            }
            message = m.toString();
          }
          records.add(new Statement(start, sqlOf(name, start, sql), error, message));
          break;
        }
        case "query": {
          if (words.length < 2 || words.length > 3 || !words[1].matches("[ITR]+")) {
            throw bad(name, start, "write 'query <types>' or 'query <types> <sort>', types from I, T, R");
          }
          Sort sort = Sort.NOSORT;
          if (words.length == 3) {
            try {
              sort = Sort.valueOf(words[2].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
              throw bad(name, start, "sort mode '" + words[2] + "'; use nosort, rowsort or valuesort");
            }
          }
          StringBuilder sql = new StringBuilder();
          while (i < lines.length && !lines[i].strip().equals("----")) {
            if (lines[i].isBlank()) {
              throw bad(name, start, "a query needs '----' and its expected rows after the SQL");
            }
            sql.append(lines[i++]).append('\n');
          }
          if (i == lines.length) {
            throw bad(name, start, "a query needs '----' and its expected rows after the SQL");
          }
          i++;
          List<String> expected = new ArrayList<>();
          while (i < lines.length && !lines[i].isEmpty()) {
            expected.add(lines[i++]);
          }
          records.add(new Query(start, words[1], sort, sqlOf(name, start, sql), expected));
          break;
        }
        case "describe": {
          if (words.length != 2 || i >= lines.length || !lines[i].strip().equals("----")) {
            throw bad(name, start, "write 'describe <table>', then '----' and one line per column");
          }
          i++;
          List<String> expected = new ArrayList<>();
          while (i < lines.length && !lines[i].isEmpty()) {
            expected.add(lines[i++]);
          }
          records.add(new Describe(start, words[1], expected));
          break;
        }
        case "import":
          if (words.length != 4) {
            throw bad(name, start, "write 'import <table> <csv> <schema>'");
          }
          records.add(new Import(start, words[1], words[2], words[3]));
          break;
        case "restart":
          records.add(new Restart(start));
          break;
        default:
          throw bad(name, start, "unknown record '" + words[0]
              + "'; use statement, query, describe, import or restart");
      }
    }
    return new ScriptFile(name, records);
  }

  private static String sqlOf(String name, int line, StringBuilder sql) {
    String s = sql.toString().strip();
    if (s.isEmpty()) {
      throw bad(name, line, "the record has no SQL");
    }
    return s;
  }

  private static IllegalArgumentException bad(String name, int line, String what) {
    return new IllegalArgumentException(Objects.requireNonNull(name) + ":" + line + ": " + what);
  }
}
