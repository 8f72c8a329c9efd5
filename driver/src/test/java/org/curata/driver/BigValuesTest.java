package org.curata.driver;

import static org.curata.driver.DriverSqlTest.assertState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-row VALUES of the size BI tools and scripts send. Regression: Calcite generated code with
 * every literal inlined (Janino's 64 KB limit at a few thousand rows), and a VALUES whose rows
 * need a conversion became a UNION of one projection per row, which its planner handles in
 * quadratic time.
 */
final class BigValuesTest {
  private static final int ROWS = 20_000;

  @TempDir
  Path tmp;

  private Connection create() throws SQLException {
    return DriverManager.getConnection("jdbc:curata:" + tmp.resolve("ds") + ";create=true");
  }

  /** Row r of the table below as SQL, every 7th value (but the key's) NULL. */
  private static String row(int r) {
    String[] v = {
        Integer.toString(r),
        Long.toString((r % 2 == 0 ? -1L : 1L) * r * 1_000_003L),
        (r / 4) + "." + (r % 4 * 25),
        r % 3 == 0 ? Integer.toString(r) : r + ".5",
        "'s" + r + (r % 5 == 0 ? "''q ü" : "") + "'",
        "'" + (r % 1000) + "'",
        r % 2 == 0 ? "TRUE" : "FALSE",
        "DATE '" + LocalDate.of(1960, 1, 1).plusDays(r) + "'",
        "TIMESTAMP '" + timestamp(r).toString().replace('T', ' ') + "'"};
    for (int c = 1; c < v.length; c++) {
      if (r > 0 && (r + c) % 7 == 0) {
        v[c] = "NULL";
      }
    }
    return "(" + String.join(", ", v) + ")";
  }

  private static LocalDateTime timestamp(int r) {
    return LocalDateTime.of(1969, 12, 31, 23, 0, 0, 1_000_000)
        .plusSeconds(r * 37L).plusNanos((r % 999) * 1_000_000L);
  }

  /** Row r as read back, in the same notation for every row. */
  private static String expected(int r) {
    String[] v = {
        Integer.toString(r),
        Long.toString((r % 2 == 0 ? -1L : 1L) * r * 1_000_003L),
        Double.toString(r / 4 + (r % 4) * 0.25),
        Float.toString(r % 3 == 0 ? r : r + 0.5f),
        "s" + r + (r % 5 == 0 ? "'q ü" : ""),
        Integer.toString(r % 1000),
        Boolean.toString(r % 2 == 0),
        Long.toString(LocalDate.of(1960, 1, 1).plusDays(r).toEpochDay()),
        Long.toString(timestamp(r).toInstant(ZoneOffset.UTC).toEpochMilli())};
    for (int c = 1; c < v.length; c++) {
      if (r > 0 && (r + c) % 7 == 0) {
        v[c] = "null";
      }
    }
    return String.join("|", v);
  }

  private static String values(int from, int to) {
    StringBuilder b = new StringBuilder();
    for (int r = from; r < to; r++) {
      b.append(r > from ? ", " : "").append(row(r));
    }
    return b.toString();
  }

  private static List<String> read(Statement st, String table) throws SQLException {
    Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
      while (rs.next()) {
        String[] v = new String[9];
        v[0] = Integer.toString(rs.getInt(1));
        v[1] = Long.toString(rs.getLong(2));
        v[2] = Double.toString(rs.getDouble(3));
        v[3] = Float.toString(rs.getFloat(4));
        v[4] = rs.getString(5);
        v[5] = rs.getString(6);
        v[6] = Boolean.toString(rs.getBoolean(7));
        java.sql.Date d = rs.getDate(8, utc);
        v[7] = d == null ? null : Long.toString(Math.floorDiv(d.getTime(), 86_400_000L));
        java.sql.Timestamp t = rs.getTimestamp(9, utc);
        v[8] = t == null ? null : Long.toString(t.getTime());
        for (int c = 1; c < 9; c++) {
          rs.getObject(c + 1);
          if (rs.wasNull()) {
            v[c] = "null";
          }
        }
        rows.add(String.join("|", v));
      }
    }
    return rows;
  }

  private static List<String> expected(int from, int to) {
    List<String> rows = new ArrayList<>();
    for (int r = from; r < to; r++) {
      rows.add(expected(r));
    }
    return rows;
  }

  private static final String TABLE = "(i INTEGER NOT NULL, l BIGINT, d DOUBLE, f REAL,"
      + " s VARCHAR, c CHAR(4), b BOOLEAN, dt DATE, ts TIMESTAMP)";

  @Test
  void twentyThousandRowsOfEveryTypeRoundTrip() throws Exception {
    try (Connection c = create(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t " + TABLE);
      String sql = "INSERT INTO t VALUES " + values(0, ROWS);
      long start = System.nanoTime();
      assertEquals(ROWS, st.executeUpdate(sql));
      System.out.printf("INSERT of %d rows: %d ms%n", ROWS,
          (System.nanoTime() - start) / 1_000_000);
      assertEquals(expected(0, ROWS), read(st, "t"));
    }
  }

  @Test
  void insertSelectFromValuesAndCreateTableAsValues() throws Exception {
    int n = 5_000;
    try (Connection c = create(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t " + TABLE);
      assertEquals(n, st.executeUpdate("INSERT INTO t SELECT * FROM (VALUES " + values(0, n)
          + ")"));
      assertEquals(expected(0, n), read(st, "t"));
      st.execute("CREATE TABLE u AS SELECT i, l, CAST(d AS DOUBLE) AS d, s, b, dt, ts FROM (VALUES "
          + values(0, n) + ") AS v (i, l, d, f, s, c, b, dt, ts)");
      try (ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(l), SUM(i) FROM u")) {
        assertTrue(rs.next());
        assertEquals(n, rs.getLong(1));
        assertEquals(n - n / 7, rs.getLong(2), 1);
        assertEquals((long) n * (n - 1) / 2, rs.getLong(3));
      }
    }
  }

  @Test
  void conversionAndLengthChecksStillNameTheColumn() throws Exception {
    try (Connection c = create(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE n (i INTEGER, x DOUBLE, c CHAR(3))");
      StringBuilder strings = new StringBuilder("INSERT INTO n VALUES ");
      StringBuilder tooLong = new StringBuilder("INSERT INTO n VALUES ");
      for (int r = 0; r < ROWS; r++) {
        String sep = r > 0 ? ", " : "";
        strings.append(sep).append("('").append(r).append("', ")
            .append(r == 15_000 ? "'1.x5'" : "'" + r + ".5'")
            .append(", 'abc')");
        tooLong.append(sep).append('(').append(r).append(", NULL, ")
            .append(r == 12_345 ? "'abcd'" : r % 3 == 0 ? "NULL" : "'ab'").append(')');
      }
      assertState("22018", "cannot convert value [1.x5] to DOUBLE for column 'x' of table 'n'",
          st, strings.toString());
      assertState("22001", "value 'abcd' is too long for column 'c' of table 'n' (CHAR(3)", st,
          tooLong.toString());
      try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM n")) {
        assertTrue(rs.next());
        assertEquals(0, rs.getLong(1));
      }
      String fixed = strings.toString().replace("'1.x5'", "'1.5'");
      long start = System.nanoTime();
      assertEquals(ROWS, st.executeUpdate(fixed));
      System.out.printf("INSERT of %d rows converting strings: %d ms%n", ROWS,
          (System.nanoTime() - start) / 1_000_000);
      try (ResultSet rs = st.executeQuery("SELECT SUM(i), MIN(x), MAX(x), MIN(c) FROM n")) {
        assertTrue(rs.next());
        assertEquals((long) ROWS * (ROWS - 1) / 2, rs.getLong(1));
        assertEquals(0.5, rs.getDouble(2));
        assertEquals(ROWS - 0.5, rs.getDouble(3));
        assertEquals("abc", rs.getString(4));
      }
    }
  }
}
