package org.curata.sqltests;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.JDBCType;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.OpenOptions;
import org.curata.storage.importer.CsvImport;
import org.curata.storage.importer.CsvSource;
import org.curata.storage.importer.ImportOptions;
import org.curata.storage.importer.ImportSchema;

/**
 * Runs a Curata {@code .test} script ({@link ScriptFile}) in a fresh dataset through
 * {@code jdbc:curata:} and collects every record whose outcome differs from the expected one.
 * It goes on after a failure, so one run lists all of a script's problems.
 *
 * <p>Values are rendered as text: NULL as {@code NULL}, the empty string as {@code (empty)}, a
 * newline, carriage return or tab inside a string as {@code \n}, {@code \r}, {@code \t}; I columns
 * with {@link ResultSet#getLong}; R columns compare numerically, equal within a relative
 * 1e-6; T columns with {@link ResultSet#getString}, except booleans ({@code true}/{@code false})
 * and timestamps ({@code yyyy-MM-dd HH:mm:ss}, then a fraction without trailing zeros if any). Each
 * letter must fit the column's JDBC type: I an integer type, R a floating or decimal type, T any
 * other type.
 */
final class ScriptRunner {
  private static final double RELATIVE_TOLERANCE = 1e-6;
  private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

  private final ScriptFile script;
  private final Path scriptDirectory;
  private final Path datasetDirectory;
  private final Variant variant;
  private final List<String> failures = new ArrayList<>();
  private Connection connection;

  /**
   * A runner of one script.
   *
   * @param scriptDirectory where the script's {@code import} paths are resolved
   * @param datasetDirectory where the script's dataset is created (must not exist yet)
   */
  ScriptRunner(ScriptFile script, Path scriptDirectory, Path datasetDirectory, Variant variant) {
    this.script = Objects.requireNonNull(script, "script");
    this.scriptDirectory = Objects.requireNonNull(scriptDirectory, "scriptDirectory");
    this.datasetDirectory = Objects.requireNonNull(datasetDirectory, "datasetDirectory");
    this.variant = Objects.requireNonNull(variant, "variant");
  }

  /** Runs the script; returns a description of each failure (empty when the script passed). */
  List<String> run() throws SQLException {
    connection = TestDatasets.connect(datasetDirectory, variant);
    try {
      for (ScriptFile.Record r : script.records()) {
        if (r instanceof ScriptFile.Statement s) {
          statement(s);
        } else if (r instanceof ScriptFile.Query q) {
          query(q);
        } else if (r instanceof ScriptFile.Describe d) {
          describe(d);
        } else if (r instanceof ScriptFile.Import i) {
          importCsv(i);
        } else {
          reconnect();
        }
      }
    } finally {
      connection.close();
    }
    TestDatasets.oversizedBlocks(datasetDirectory, variant)
        .forEach(p -> failures.add(script.name() + ": the run with " + variant + " did not use them: " + p));
    return failures;
  }

  private void fail(ScriptFile.Record r, String sql, String what) {
    failures.add(script.name() + ":" + r.line() + " [" + variant + "]" + (sql == null ? "" : " " + sql)
        + System.lineSeparator() + "    " + what.replace("\n", "\n    "));
  }

  private void reconnect() throws SQLException {
    connection.close();
    connection = TestDatasets.connect(datasetDirectory, variant);
  }

  private void statement(ScriptFile.Statement s) {
    try (Statement st = connection.createStatement()) {
      drain(st, st.execute(s.sql()));
      if (s.expectError()) {
        fail(s, s.sql(), "expected an error" + (s.expectedMessage() == null ? "" : " containing '"
            + s.expectedMessage() + "'") + ", but the statement succeeded");
      }
    } catch (SQLException | RuntimeException e) {
      String message = messages(e);
      if (!s.expectError()) {
        fail(s, s.sql(), "expected success, got " + message);
      } else if (s.expectedMessage() != null
          && !message.toLowerCase(Locale.ROOT).contains(s.expectedMessage().toLowerCase(Locale.ROOT))) {
        fail(s, s.sql(), "expected an error containing '" + s.expectedMessage() + "', got " + message);
      }
    }
  }

  private void query(ScriptFile.Query q) {
    List<List<String>> actual = new ArrayList<>();
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(q.sql())) {
      ResultSetMetaData md = rs.getMetaData();
      if (md.getColumnCount() != q.types().length()) {
        fail(q, q.sql(), "expected " + q.types().length() + " columns (" + q.types() + "), got "
            + md.getColumnCount());
        return;
      }
      for (int c = 1; c <= md.getColumnCount(); c++) {
        char letter = q.types().charAt(c - 1);
        char fits = letterOf(md.getColumnType(c));
        if (letter != fits) {
          fail(q, q.sql(), "column " + c + " (" + md.getColumnLabel(c) + ") is " + md.getColumnTypeName(c)
              + ", which is type letter " + fits + ", not " + letter);
          return;
        }
      }
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int c = 1; c <= md.getColumnCount(); c++) {
          row.add(render(rs, c, md.getColumnType(c)));
        }
        actual.add(row);
      }
    } catch (SQLException | RuntimeException e) {
      fail(q, q.sql(), "expected rows, got " + messages(e));
      return;
    }
    List<List<String>> expected = q.expected().stream()
        .map(line -> Arrays.asList(line.split("\t", -1))).collect(Collectors.toList());
    String types = q.types();
    if (q.sort() == ScriptFile.Sort.VALUESORT) {
      actual = valuesSorted(actual);
      expected = valuesSorted(expected);
      types = q.types().contains("R") ? "R" : "T";
    } else if (q.sort() == ScriptFile.Sort.ROWSORT) {
      actual.sort((a, b) -> String.join("\t", a).compareTo(String.join("\t", b)));
      expected.sort((a, b) -> String.join("\t", a).compareTo(String.join("\t", b)));
    }
    if (!same(expected, actual, types)) {
      fail(q, q.sql(), "expected:" + System.lineSeparator() + table(expected) + System.lineSeparator()
          + "actual:" + System.lineSeparator() + table(actual));
    }
  }

  private void describe(ScriptFile.Describe d) {
    List<String> actual = new ArrayList<>();
    try {
      DatabaseMetaData md = connection.getMetaData();
      String schema = connection.getSchema();
      for (String name : List.of(d.table(), d.table().toUpperCase(Locale.ROOT), d.table().toLowerCase(Locale.ROOT))) {
        try (ResultSet rs = md.getColumns(null, schema, name, null)) {
          while (rs.next()) {
            actual.add(rs.getString("COLUMN_NAME") + "\t" + JDBCType.valueOf(rs.getInt("DATA_TYPE")).getName()
                + "\t" + (rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls ? "NOT NULL" : "NULL"));
          }
        }
        if (!actual.isEmpty()) {
          break;
        }
      }
    } catch (SQLException | RuntimeException e) {
      fail(d, null, "describe " + d.table() + " failed: " + messages(e));
      return;
    }
    boolean same = actual.size() == d.expected().size();
    for (int i = 0; same && i < actual.size(); i++) {
      String[] a = actual.get(i).split("\t", 2);
      String[] e = d.expected().get(i).split("\t", 2);
      same = e.length == 2 && a[0].equalsIgnoreCase(e[0]) && a[1].equals(e[1]);
    }
    if (!same) {
      fail(d, null, "describe " + d.table() + ": expected (names compared ignoring case):"
          + System.lineSeparator() + String.join(System.lineSeparator(), d.expected())
          + System.lineSeparator() + "actual:" + System.lineSeparator() + String.join(System.lineSeparator(), actual));
    }
  }

  private void importCsv(ScriptFile.Import i) throws SQLException {
    connection.close();
    OpenOptions open = OpenOptions.defaults().withCreate(true);
    if (!variant.defaultBlocks()) {
      open = open.withBlockRows(variant.blockRows());
    }
    try (Dataset dataset = Datasets.open(datasetDirectory, open)) {
      ImportSchema schema = ImportSchema.read(scriptDirectory.resolve(i.schema()));
      CsvImport.run(dataset, List.of(new CsvSource(i.table(), scriptDirectory.resolve(i.csv()))),
          ImportOptions.defaults().withSchema(schema));
    } catch (RuntimeException e) {
      fail(i, null, "import of " + i.csv() + " as '" + i.table() + "' failed: " + messages(e));
    }
    connection = TestDatasets.connect(datasetDirectory, variant);
  }

  /**
   * Reads every row of the result set a statement produced, if any: a runtime error (division by
   * zero, a bad cast) surfaces only when its row is computed, so a statement has only run when
   * its rows have been read.
   */
  static void drain(Statement st, boolean isResultSet) throws SQLException {
    if (isResultSet) {
      try (ResultSet rs = st.getResultSet()) {
        while (rs.next()) {
          // Each row is computed by next(); its values are not needed.
        }
      }
    }
  }

  /** The type letter a JDBC type is rendered under. */
  private static char letterOf(int jdbcType) {
    switch (jdbcType) {
      case Types.TINYINT: case Types.SMALLINT: case Types.INTEGER: case Types.BIGINT:
        return 'I';
      case Types.REAL: case Types.FLOAT: case Types.DOUBLE: case Types.DECIMAL: case Types.NUMERIC:
        return 'R';
      default:
        return 'T';
    }
  }

  private static String render(ResultSet rs, int c, int jdbcType) throws SQLException {
    String text;
    switch (letterOf(jdbcType)) {
      case 'I': {
        long v = rs.getLong(c);
        text = rs.wasNull() ? null : Long.toString(v);
        break;
      }
      case 'R': {
        if (jdbcType == Types.DECIMAL || jdbcType == Types.NUMERIC) {
          BigDecimal v = rs.getBigDecimal(c);
          text = v == null ? null : v.toPlainString();
        } else if (jdbcType == Types.REAL) {
          float v = rs.getFloat(c);
          text = rs.wasNull() ? null : Float.toString(v);
        } else {
          double v = rs.getDouble(c);
          text = rs.wasNull() ? null : Double.toString(v);
        }
        break;
      }
      default: {
        if (jdbcType == Types.BOOLEAN || jdbcType == Types.BIT) {
          boolean v = rs.getBoolean(c);
          text = rs.wasNull() ? null : Boolean.toString(v);
        } else if (jdbcType == Types.TIMESTAMP) {
          Timestamp v = rs.getTimestamp(c, Calendar.getInstance(UTC, Locale.ROOT));
          text = v == null ? null : timestamp(v);
        } else {
          text = rs.getString(c);
          if (text != null) {
            text = text.isEmpty() ? "(empty)"
                : text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
          }
        }
      }
    }
    return text == null ? "NULL" : text;
  }

  /**
   * A timestamp as {@code yyyy-MM-dd HH:mm:ss} plus a fraction without trailing zeros when it has
   * one, whatever precision the driver reports (Avatica's getString pads to the precision).
   */
  private static String timestamp(Timestamp v) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(
        Math.floorDiv(v.getTime(), 1000L), v.getNanos(), ZoneOffset.UTC);
    String text = SECONDS.format(t);
    if (t.getNano() != 0) {
      text += "." + String.format(Locale.ROOT, "%09d", t.getNano()).replaceAll("0+$", "");
    }
    return text;
  }

  private static List<List<String>> valuesSorted(List<List<String>> rows) {
    return rows.stream().flatMap(List::stream).sorted().map(List::of).collect(Collectors.toList());
  }

  private static boolean same(List<List<String>> expected, List<List<String>> actual, String types) {
    if (expected.size() != actual.size()) {
      return false;
    }
    for (int r = 0; r < expected.size(); r++) {
      List<String> e = expected.get(r);
      List<String> a = actual.get(r);
      if (e.size() != a.size()) {
        return false;
      }
      for (int c = 0; c < e.size(); c++) {
        boolean real = types.charAt(Math.min(c, types.length() - 1)) == 'R';
        if (!(real ? sameReal(e.get(c), a.get(c)) : e.get(c).equals(a.get(c)))) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean sameReal(String expected, String actual) {
    if (expected.equals(actual)) {
      return true;
    }
    try {
      double e = Double.parseDouble(expected);
      double a = Double.parseDouble(actual);
      return Math.abs(e - a) <= RELATIVE_TOLERANCE * Math.max(1.0, Math.abs(e));
    } catch (NumberFormatException ex) {
      return false;
    }
  }

  private static String table(List<List<String>> rows) {
    return rows.isEmpty() ? "(no rows)"
        : rows.stream().map(r -> String.join("\t", r)).collect(Collectors.joining(System.lineSeparator()));
  }

  /** The messages of an exception and its causes, which is where JDBC layers hide the real one. */
  private static String messages(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (b.length() > 0) {
        b.append(" / caused by: ");
      }
      b.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
    }
    return b.toString();
  }
}
