package org.curata.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TimeZone;
import org.curata.storage.CategoricalKey;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.OpenOptions;
import org.curata.storage.Transaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The direct result set path ({@link DirectCursor}) against the boxed one
 * ({@code directResults=false}): every getter of every column of every row, with wasNull after
 * each, gives the same value, class, or error; and the direct path is taken exactly when the plan
 * is wholly Curata's.
 */
final class DirectResultsTest {
  private static final long SEED = 20261121L;
  private static final int ROWS = 4500;
  private static final String[] STRINGS = {"", "abc", "123", "-7", "1.5", "true", "0",
      "北京", "Sam 😀", "9999999999", " 42 ", "2024-02-29", "2024-02-29 10:11:12"};
  private static final Class<?>[] CLASSES = {String.class, Boolean.class, Byte.class,
      Short.class, Integer.class, Long.class, Float.class, Double.class, BigDecimal.class,
      Date.class, Time.class, Timestamp.class, Object.class};
  private static final String SORT_ON_UNSELECTED =
      "SELECT f32, f64, u32, u16, u8 FROM t ORDER BY f64, id";

  private static final List<String> QUERIES = List.of(
      "SELECT * FROM t WHERE id >= 0",
      "SELECT * FROM t",
      "SELECT * FROM t WHERE i32 > 0 OR i32 IS NULL",
      "SELECT s FROM t",
      "SELECT ts FROM t WHERE id < 4200",
      "SELECT cat, d FROM t WHERE id >= 4000",
      "SELECT * FROM t WHERE id < 0",
      SORT_ON_UNSELECTED,
      "SELECT cat, COUNT(*) AS n, MIN(ts) AS lo, MAX(d) AS hi FROM t GROUP BY cat",
      "SELECT id + 1 AS k, UPPER(s) AS u, ts FROM t WHERE id < 300",
      "SELECT * FROM t WHERE id < 10 LIMIT 7");

  @TempDir
  Path tmp;

  private String url;

  @BeforeEach
  void dataset() throws Exception {
    Path dir = tmp.resolve("ds");
    url = "jdbc:curata:" + dir;
    CategoricalKey key = new CategoricalKey(FieldKind.INT8,
        Map.of(0L, "a", 1L, "bee", 2L, "42", 3L, "北"));
    Random r = new Random(SEED);
    try (Dataset ds = Datasets.open(dir, OpenOptions.defaults().withCreate(true));
        Transaction tx = ds.beginWrite("direct results fixture")) {
      DataFrameAppender a = tx.createDataFrame("t", List.of(
          new FieldSpec("id", FieldType.of(FieldKind.INT64), false),
          nullable("b", FieldType.of(FieldKind.BOOL)),
          nullable("i8", FieldType.of(FieldKind.INT8)),
          nullable("i16", FieldType.of(FieldKind.INT16)),
          nullable("u8", FieldType.of(FieldKind.UINT8)),
          nullable("i32", FieldType.of(FieldKind.INT32)),
          nullable("u16", FieldType.of(FieldKind.UINT16)),
          nullable("i64", FieldType.of(FieldKind.INT64)),
          nullable("u32", FieldType.of(FieldKind.UINT32)),
          nullable("f32", FieldType.of(FieldKind.FLOAT32)),
          nullable("f64", FieldType.of(FieldKind.FLOAT64)),
          nullable("s", FieldType.of(FieldKind.STRING)),
          nullable("fs", FieldType.fixedString(12)),
          nullable("cat", FieldType.categorical(key)),
          nullable("d", FieldType.of(FieldKind.DATE)),
          nullable("ts", FieldType.of(FieldKind.TIMESTAMP))), List.of(), List.of());
      for (int i = 0; i < ROWS; i++) {
        a.field(0).appendLong(i);
        // a stretch of all-NULL rows, then random NULLs
        boolean allNull = i >= 4090 && i < 4100;
        append(a, 1, allNull, r, () -> r.nextInt(2));
        append(a, 2, allNull, r, () -> r.nextInt(256) - 128);
        append(a, 3, allNull, r, () -> pick(r, Short.MIN_VALUE, Short.MAX_VALUE, 0, -1, 1));
        append(a, 4, allNull, r, () -> r.nextInt(256));
        append(a, 5, allNull, r, () -> pick(r, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, 1, -1));
        append(a, 6, allNull, r, () -> r.nextInt(65536));
        append(a, 7, allNull, r, () -> pick(r, Long.MIN_VALUE, Long.MAX_VALUE,
            1L << 40, -(1L << 53) - 1, 127, 128));
        append(a, 8, allNull, r, () -> r.nextLong() & 0xFFFF_FFFFL);
        appendDouble(a, 9, allNull, r, (float) special(r));
        appendDouble(a, 10, allNull, r, special(r));
        if (allNull || r.nextInt(7) == 0) {
          a.field(11).appendNull();
          a.field(12).appendNull();
        } else {
          String s = STRINGS[r.nextInt(STRINGS.length)];
          a.field(11).appendString(r.nextInt(4) == 0 ? s + i : s);
          a.field(12).appendString(s.length() > 3 ? s.substring(0, 3) : s);
        }
        // code 4 has no label: it reads as NULL
        append(a, 13, allNull, r, () -> r.nextInt(5));
        append(a, 14, allNull, r, () -> r.nextInt(200_000) - 100_000);
        append(a, 15, allNull, r, () -> timestampMicros(r));
      }
      tx.commit();
    }
  }

  /**
   * Microseconds: mostly in or near years 1583 to 9999, some around New York's DST changes, the
   * Gregorian cutover and the ends of that range, some anywhere in the long range.
   */
  private static long timestampMicros(Random r) {
    long[] instants = {
        1615705200000L, // 2021-03-14T07:00Z, New York springs forward
        1636264800000L, // 2021-11-07T06:00Z, New York falls back
        -12219292800000L, // 1582-10-15T00:00Z, the Gregorian cutover
        -12212553600000L, // 1583-01-01T00:00Z
        253402300799999L, // 9999-12-31T23:59:59.999Z
        0L};
    switch (r.nextInt(4)) {
      case 0:
        return (instants[r.nextInt(instants.length)] + r.nextInt(7_200_001) - 3_600_000) * 1000
            + r.nextInt(2001) - 1000;
      case 1:
        return pick(r, -1L, -999L, -1000L, -1001L, 0L, 999L)
            + (r.nextLong() % 4_000_000_000_000_000L);
      default:
        return (long) ((r.nextDouble() * 1.2 - 0.1) * 2.7e17) - 12_300_000_000_000_000L;
    }
  }

  private static FieldSpec nullable(String name, FieldType type) {
    return new FieldSpec(name, type, true);
  }

  private static long pick(Random r, long... specials) {
    return r.nextInt(3) == 0 ? specials[r.nextInt(specials.length)] : r.nextLong();
  }

  private static double special(Random r) {
    double[] specials = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 1e300, -1e-300, 0.5, -0.5, 1.5, 2.5, 3e9, 1e19};
    return r.nextInt(4) == 0 ? specials[r.nextInt(specials.length)]
        : (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(24) - 8);
  }

  private static void append(DataFrameAppender a, int field, boolean allNull, Random r,
      java.util.function.LongSupplier value) {
    if (allNull || r.nextInt(6) == 0) {
      a.field(field).appendNull();
    } else {
      long v = value.getAsLong();
      if (a.fields().get(field).type().kind() == FieldKind.INT16) {
        v = (short) v;
      } else if (a.fields().get(field).type().kind() == FieldKind.INT32) {
        v = (int) v;
      }
      a.field(field).appendLong(v);
    }
  }

  private static void appendDouble(DataFrameAppender a, int field, boolean allNull, Random r,
      double value) {
    if (allNull || r.nextInt(6) == 0) {
      a.field(field).appendNull();
    } else {
      a.field(field).appendDouble(value);
    }
  }

  @Test
  void everyGetterMatchesTheBoxedPath() throws Exception {
    for (String batch : List.of("", ";batchSize=3", ";batchSize=1")) {
      try (Connection direct = DriverManager.getConnection(url + batch);
          Connection boxed = DriverManager.getConnection(url + batch + ";directResults=false")) {
        for (String sql : QUERIES) {
          if (batch.equals(";batchSize=1") && !sql.contains("id <")) {
            continue;
          }
          compare(sql, batch, run(direct, sql, true), run(boxed, sql, false));
        }
        // aliases keep their labels when the projection is the scan itself
        try (Statement st = direct.createStatement();
            ResultSet rs = st.executeQuery("SELECT * FROM (SELECT * FROM t) AS x (" + aliases()
                + ")")) {
          assertTrue(((CurataResultSet) rs).direct(), "aliased columns read directly");
          for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
            assertEquals("c" + c, rs.getMetaData().getColumnLabel(c));
          }
        }
        // a prepared statement with a parameter, and a row limit set on the statement
        try (Statement st = direct.createStatement();
            ResultSet rs = st.executeQuery(QUERIES.get(0))) {
          assertTrue(((CurataResultSet) rs).direct(), "the parity runs read directly: "
              + explain(direct, QUERIES.get(0)));
        }
        compare("prepared", batch, prepared(direct), prepared(boxed));
        compare("maxRows", batch, maxRows(direct), maxRows(boxed));
      }
    }
  }

  @Test
  void directPathIsTakenExactlyForWhollyCurataPlans() throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Connection off = DriverManager.getConnection(url + ";directResults=false");
        Statement st = c.createStatement();
        Statement stOff = off.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT * FROM t WHERE id < 100")) {
        assertTrue(((CurataResultSet) rs).direct(), "a scan and filter read directly");
        int n = 0;
        while (rs.next()) {
          n++;
        }
        assertEquals(100, n);
      }
      try (ResultSet rs = st.executeQuery("SELECT * FROM t")) {
        assertTrue(((CurataResultSet) rs).direct(), "SELECT * reads directly");
      }
      try (ResultSet rs = stOff.executeQuery("SELECT * FROM t WHERE id < 100")) {
        assertFalse(((CurataResultSet) rs).direct(), "directResults=false boxes");
      }
      String enumerable = "SELECT id + 1 AS k, UPPER(s) AS u FROM t WHERE id < 3";
      try (ResultSet plan = st.executeQuery("EXPLAIN PLAN FOR " + enumerable)) {
        assertTrue(plan.next());
        String top = plan.getString(1);
        assertTrue(top.startsWith("Enumerable"), "expected an Enumerable operator on top: " + top);
        assertFalse(((CurataResultSet) plan).direct(), "EXPLAIN is not a Curata plan");
      }
      try (ResultSet rs = st.executeQuery(enumerable)) {
        assertFalse(((CurataResultSet) rs).direct(), "Enumerable on top boxes");
      }
      assertTrue(st.execute("SELECT id FROM t WHERE id = 7"));
      ResultSet rs = st.getResultSet();
      assertTrue(((CurataResultSet) rs).direct(), "execute, then getResultSet");
      assertTrue(rs == st.getResultSet(), "the same wrapper each time");
      assertTrue(rs.next());
      assertEquals(7L, rs.getLong(1));
      assertFalse(rs.next());
      try (PreparedStatement ps = c.prepareStatement("SELECT s, ts FROM t WHERE id < 12")) {
        for (int round = 0; round < 2; round++) {
          try (ResultSet p = ps.executeQuery()) {
            assertTrue(((CurataResultSet) p).direct(), "prepared, round " + round);
          }
        }
      }
      try (ResultSet tables = c.getMetaData().getTables(null, null, "t", null)) {
        assertFalse(((CurataResultSet) tables).direct(), "metadata result sets box");
      }
    }
  }

  @Test
  void closingEarlyAndGettersOffRowAreAsBoxed() throws Exception {
    try (Connection direct = DriverManager.getConnection(url + ";batchSize=3");
        Connection boxed = DriverManager.getConnection(url + ";batchSize=3;directResults=false")) {
      for (String sql : List.of("SELECT * FROM t", "SELECT s FROM t WHERE id < 2")) {
        assertEquals(offRow(boxed, sql), offRow(direct, sql), sql);
      }
    }
  }

  /** Getters before the first row, after the last, and after close. */
  private static List<String> offRow(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement()) {
      ResultSet rs = st.executeQuery(sql);
      int columns = rs.getMetaData().getColumnCount();
      cells(rs, columns, out);
      for (int i = 0; i < 4 && rs.next(); i++) {
        out.add("row " + rs.getRow());
      }
      cells(rs, columns, out);
      while (rs.next()) {
        out.add("row");
      }
      out.add("after last: " + rs.getRow());
      cells(rs, columns, out);
      rs.close();
      out.add("closed: " + rs.isClosed());
      cells(rs, columns, out);
    }
    return out;
  }

  /** c1, c2, ... for every column of t. */
  private String aliases() throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM t WHERE id < 0")) {
      StringBuilder b = new StringBuilder();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        b.append(i == 1 ? "" : ", ").append('c').append(i);
      }
      return b.toString();
    }
  }

  private static String explain(Connection c, String sql) throws SQLException {
    StringBuilder b = new StringBuilder();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      while (rs.next()) {
        b.append(rs.getString(1));
      }
    }
    return b.toString();
  }

  private static void compare(String sql, String batch, List<String> direct, List<String> boxed) {
    String where = "seed " + SEED + ", query [" + sql + "], batch [" + batch + "]";
    for (int i = 0; i < Math.min(direct.size(), boxed.size()); i++) {
      if (!direct.get(i).equals(boxed.get(i))) {
        fail(where + ": entry " + i + " differs: direct [" + direct.get(i) + "], boxed ["
            + boxed.get(i) + "]; before it: " + boxed.subList(Math.max(0, i - 5), i));
      }
    }
    assertEquals(boxed.size(), direct.size(), where + ": entries");
  }

  /**
   * Reads a query's rows, checking that they were read directly exactly when {@code directOn} and
   * the plan is wholly Curata's (so a parity run never compares boxed with boxed unawares).
   */
  private static List<String> run(Connection c, String sql, boolean directOn)
      throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      String plan = explain(c, sql);
      // a sort on a column not selected leaves Calcite a trim of the rows above the plan: boxed
      assertEquals(directOn && plan.startsWith("CurataToEnumerableConverter")
          && !sql.equals(SORT_ON_UNSELECTED), ((CurataResultSet) rs).direct(), sql + "\n" + plan);
      return read(rs);
    }
  }

  private static List<String> prepared(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT ts, d, s, cat, f32, b FROM t WHERE id >= ? AND id < ?")) {
      List<String> out = new ArrayList<>();
      for (int from : new int[] {0, 4000, 4490}) {
        ps.setInt(1, from);
        ps.setInt(2, from + 200);
        try (ResultSet rs = ps.executeQuery()) {
          out.addAll(read(rs));
        }
      }
      return out;
    }
  }

  private static List<String> maxRows(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.setMaxRows(5);
      try (ResultSet rs = st.executeQuery("SELECT * FROM t")) {
        return read(rs);
      }
    }
  }

  /** Every getter of every cell, with wasNull after each, as text. */
  private static List<String> read(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    ResultSetMetaData md = rs.getMetaData();
    int columns = md.getColumnCount();
    for (int c = 1; c <= columns; c++) {
      out.add("column " + md.getColumnLabel(c) + " " + md.getColumnType(c) + " "
          + md.getColumnTypeName(c) + " " + md.getColumnClassName(c) + " "
          + md.getPrecision(c) + " " + md.getScale(c) + " " + md.isNullable(c));
    }
    while (rs.next()) {
      int row = rs.getRow();
      out.add("row " + row);
      if (row <= 20 || row % 11 == 0) {
        cells(rs, columns, out);
      } else {
        typed(rs, md, out);
      }
    }
    out.add("end " + rs.getRow());
    return out;
  }

  /** The getters a column of its type is read with (those the direct path serves). */
  private static void typed(ResultSet rs, ResultSetMetaData md, List<String> out)
      throws SQLException {
    Calendar tokyo = Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"), Locale.ROOT);
    for (int c = 1; c <= md.getColumnCount(); c++) {
      int col = c;
      get(out, rs, "getObject", () -> rs.getObject(col));
      get(out, rs, "getString", () -> rs.getString(col));
      switch (md.getColumnType(c)) {
        case java.sql.Types.VARCHAR:
          break;
        case java.sql.Types.DATE:
          get(out, rs, "getDate", () -> rs.getDate(col));
          get(out, rs, "getDate(tokyo)", () -> rs.getDate(col, tokyo));
          get(out, rs, "getTimestamp", () -> rs.getTimestamp(col));
          break;
        case java.sql.Types.TIMESTAMP:
          get(out, rs, "getTimestamp", () -> rs.getTimestamp(col));
          get(out, rs, "getTimestamp(tokyo)", () -> rs.getTimestamp(col, tokyo));
          get(out, rs, "getDate", () -> rs.getDate(col));
          get(out, rs, "getTime", () -> rs.getTime(col));
          get(out, rs, "getLong", () -> rs.getLong(col));
          break;
        default:
          get(out, rs, "getBoolean", () -> rs.getBoolean(col));
          get(out, rs, "getByte", () -> rs.getByte(col));
          get(out, rs, "getShort", () -> rs.getShort(col));
          get(out, rs, "getInt", () -> rs.getInt(col));
          get(out, rs, "getLong", () -> rs.getLong(col));
          get(out, rs, "getFloat", () -> rs.getFloat(col));
          get(out, rs, "getDouble", () -> rs.getDouble(col));
          get(out, rs, "getBigDecimal", () -> rs.getBigDecimal(col));
          break;
      }
    }
  }

  private static void cells(ResultSet rs, int columns, List<String> out) {
    Calendar tokyo = Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"), Locale.ROOT);
    Calendar newYork = Calendar.getInstance(TimeZone.getTimeZone("America/New_York"),
        Locale.ROOT);
    for (int c = 1; c <= columns; c++) {
      int col = c;
      get(out, rs, "getString", () -> rs.getString(col));
      get(out, rs, "getBoolean", () -> rs.getBoolean(col));
      get(out, rs, "getByte", () -> rs.getByte(col));
      get(out, rs, "getShort", () -> rs.getShort(col));
      get(out, rs, "getInt", () -> rs.getInt(col));
      get(out, rs, "getLong", () -> rs.getLong(col));
      get(out, rs, "getFloat", () -> rs.getFloat(col));
      get(out, rs, "getDouble", () -> rs.getDouble(col));
      get(out, rs, "getBigDecimal", () -> rs.getBigDecimal(col));
      get(out, rs, "getBigDecimal(2)", () -> bigDecimal(rs, col));
      get(out, rs, "getBytes", () -> rs.getBytes(col));
      get(out, rs, "getDate", () -> rs.getDate(col));
      get(out, rs, "getDate(tokyo)", () -> rs.getDate(col, tokyo));
      get(out, rs, "getTime", () -> rs.getTime(col));
      get(out, rs, "getTime(newYork)", () -> rs.getTime(col, newYork));
      get(out, rs, "getTimestamp", () -> rs.getTimestamp(col));
      get(out, rs, "getTimestamp(tokyo)", () -> rs.getTimestamp(col, tokyo));
      get(out, rs, "getTimestamp(newYork)", () -> rs.getTimestamp(col, newYork));
      get(out, rs, "getObject", () -> rs.getObject(col));
      for (Class<?> k : CLASSES) {
        get(out, rs, "getObject(" + k.getSimpleName() + ")", () -> rs.getObject(col, k));
      }
      get(out, rs, "getArray", () -> rs.getArray(col));
    }
    try {
      String label = rs.getMetaData().getColumnLabel(1);
      get(out, rs, "getLong(label)", () -> rs.getLong(label));
      get(out, rs, "getString(label)", () -> rs.getString(label));
      get(out, rs, "getTimestamp(label)", () -> rs.getTimestamp(label));
    } catch (SQLException e) {
      out.add("label: " + describe(e));
    }
  }

  @SuppressWarnings("deprecation")
  private static BigDecimal bigDecimal(ResultSet rs, int col) throws SQLException {
    return rs.getBigDecimal(col, 2);
  }

  /** A getter call. */
  private interface Getter {
    Object get() throws SQLException;
  }

  private static void get(List<String> out, ResultSet rs, String name, Getter g) {
    String value;
    try {
      value = describe(g.get());
    } catch (SQLException | RuntimeException e) {
      value = "threw " + describe(e);
    }
    String wasNull;
    try {
      wasNull = Boolean.toString(rs.wasNull());
    } catch (SQLException | RuntimeException e) {
      wasNull = "threw " + describe(e);
    }
    out.add(name + " = " + value + " wasNull " + wasNull);
  }

  private static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Throwable t) {
      // the accessor's identity hash in Avatica's "cannot convert" message is not a value
      String m = String.valueOf(t.getMessage()).replaceAll("@[0-9a-f]+", "@");
      return t.getClass().getName() + ": " + m + (t.getCause() == null ? ""
          : " caused by " + describe(t.getCause()));
    }
    String text;
    if (v instanceof byte[] b) {
      text = Arrays.toString(b);
    } else if (v instanceof Float f) {
      text = f + " bits " + Float.floatToRawIntBits(f);
    } else if (v instanceof Double d) {
      text = d + " bits " + Double.doubleToRawLongBits(d);
    } else if (v instanceof Timestamp t) {
      text = t + " ms " + t.getTime() + " ns " + t.getNanos();
    } else if (v instanceof java.util.Date d) {
      text = d + " ms " + d.getTime();
    } else if (v instanceof BigDecimal b) {
      text = b.toString() + " scale " + b.scale();
    } else {
      text = v.toString();
    }
    return v.getClass().getName() + " " + text;
  }
}
