package org.curata.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.TimeZone;
import org.apache.calcite.jdbc.CalciteConnection;
import org.curata.storage.BlockInfo;
import org.curata.storage.DataFrame;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.Field;
import org.curata.storage.FieldKind;
import org.curata.storage.Snapshot;
import org.curata.storage.VacuumResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver through DriverManager: connect, DDL, INSERT, SELECT of every type, errors. */
final class DriverSqlTest {
  private static final String ALL_TYPES = "CREATE TABLE t (b BOOLEAN, i8 TINYINT,"
      + " i16 SMALLINT, i32 INTEGER NOT NULL, i64 BIGINT, f32 REAL, f64 DOUBLE, fl FLOAT,"
      + " c CHAR(4), s VARCHAR(10), tx TEXT, d DATE, ts TIMESTAMP, PRIMARY KEY (i32))";
  private static final String ALL_VALUES = "INSERT INTO t VALUES"
      + " (TRUE, -8, -16, 1, 64000000000, 1.5, 2.25, 3.5, 'abcd', 'héllo', 'world',"
      + " DATE '2020-03-01', TIMESTAMP '2020-03-01 12:34:56.789'),"
      + " (NULL, NULL, NULL, 2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)";

  @TempDir
  Path tmp;

  private Path dir() {
    return tmp.resolve("ds");
  }

  private Connection connect(String suffix) throws SQLException {
    return DriverManager.getConnection("jdbc:curata:" + dir() + suffix);
  }

  private Connection create() throws SQLException {
    return connect(";create=true");
  }

  @Test
  void registeredThroughTheServiceFile() throws SQLException {
    boolean found = false;
    for (Driver d : ServiceLoader.load(Driver.class)) {
      found |= d instanceof CurataDriver;
    }
    assertTrue(found);
    assertInstanceOf(CurataDriver.class, DriverManager.getDriver("jdbc:curata:/x"));
  }

  @Test
  void createMakesAnEmptyDatasetAsSchemaMain() throws Exception {
    try (Connection c = create()) {
      assertEquals("main", c.getSchema());
      assertTrue(c.getAutoCommit());
      assertTrue(c.isWrapperFor(CalciteConnection.class));
      assertTrue(c.unwrap(CalciteConnection.class).getRootSchema().getSubSchemaNames()
          .contains("main"));
      assertEquals("Curata", c.getMetaData().getDatabaseProductName());
    }
    assertTrue(Files.isDirectory(dir()));
    try (Connection c = connect(";schema=covid")) {
      assertEquals("covid", c.getSchema());
    }
  }

  @Test
  void everyTypeRoundTripsWithNulls() throws Exception {
    try (Connection c = create(); Statement st = c.createStatement()) {
      assertEquals(0, st.executeUpdate(ALL_TYPES));
      assertEquals(2, st.executeUpdate(ALL_VALUES));
      try (ResultSet rs = st.executeQuery("SELECT * FROM t ORDER BY i32")) {
        assertTrue(rs.next());
        assertTrue(rs.getBoolean("b"));
        assertEquals(-8, rs.getByte("i8"));
        assertEquals(-16, rs.getShort("i16"));
        assertEquals(1, rs.getInt("i32"));
        assertEquals(64_000_000_000L, rs.getLong("i64"));
        assertEquals(1.5f, rs.getFloat("f32"));
        assertEquals(2.25, rs.getDouble("f64"));
        assertEquals(3.5, rs.getDouble("fl"));
        assertEquals("abcd", rs.getString("c"));
        assertEquals("héllo", rs.getString("s"));
        assertEquals("world", rs.getString("tx"));
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
        Date d = rs.getDate("d", utc);
        assertEquals(LocalDate.of(2020, 3, 1).toEpochDay() * 86_400_000L, d.getTime());
        Timestamp ts = rs.getTimestamp("ts", utc);
        assertEquals(LocalDateTime.of(2020, 3, 1, 12, 34, 56, 789_000_000)
            .toInstant(java.time.ZoneOffset.UTC).toEpochMilli(), ts.getTime());
        assertTrue(rs.next());
        assertEquals(2, rs.getInt("i32"));
        for (String col : List.of("b", "i8", "i16", "i64", "f32", "f64", "fl", "c", "s", "tx",
            "d", "ts")) {
          assertNull(rs.getObject(col), col);
          assertTrue(rs.wasNull(), col);
        }
        assertFalse(rs.next());
      }
      try (ResultSet rs = st.executeQuery(
          "SELECT COUNT(*), COUNT(b), SUM(i8), MAX(s) FROM T WHERE I32 > 0")) {
        assertTrue(rs.next());
        assertEquals(2, rs.getLong(1));
        assertEquals(1, rs.getLong(2));
        assertEquals(-8, rs.getLong(3));
        assertEquals("héllo", rs.getString(4));
      }
    }
    try (Dataset ds = Datasets.open(dir()); Snapshot s = ds.snapshot()) {
      DataFrame t = s.dataFrame("t").orElseThrow();
      assertEquals(2, t.rowCount());
      assertEquals(List.of("i32"), t.primaryKeys());
      List<String> kinds = new ArrayList<>();
      for (Field f : t.fields()) {
        kinds.add(f.name() + ":" + f.type() + (f.spec().nullable() ? "" : "!"));
      }
      assertEquals(List.of("b:bool", "i8:int8", "i16:int16", "i32:int32!", "i64:int64",
          "f32:float32", "f64:float64", "fl:float64", "c:fixed_string(4)", "s:string",
          "tx:string", "d:date", "ts:timestamp"), kinds);
    }
  }

  @Test
  void insertSelectAndCreateTableAsAreOneCommitEach() throws Exception {
    try (Connection c = create(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE src (id INTEGER NOT NULL, name VARCHAR, score DOUBLE)");
      st.execute("INSERT INTO src VALUES (1, 'a', 0.5), (2, 'b', 1.0), (3, NULL, 2.0)");
      st.execute("INSERT INTO src (id, name) VALUES (4, 'd')");
      long before = versions();
      assertEquals(2, st.executeUpdate("INSERT INTO src SELECT id + 10, name, score FROM src"
          + " WHERE id < 3"));
      assertEquals(before + 1, versions());
      st.execute("CREATE TABLE dst AS SELECT id * 2 AS twice, name, score, id > 1 AS big,"
          + " CAST(id AS BIGINT) AS wide FROM src WHERE id <> 2");
      assertEquals(before + 2, versions());
      try (ResultSet rs = st.executeQuery("SELECT twice, name, score, big, wide FROM dst"
          + " ORDER BY twice")) {
        List<String> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(rs.getInt(1) + "," + rs.getString(2) + "," + rs.getObject(3) + ","
              + rs.getBoolean(4) + "," + rs.getLong(5));
        }
        assertEquals(List.of("2,a,0.5,false,1", "6,null,2.0,true,3", "8,d,null,true,4",
            "22,a,0.5,true,11", "24,b,1.0,true,12"), rows);
      }
      st.execute("CREATE TABLE IF NOT EXISTS dst AS SELECT 1 AS x FROM src");
      assertEquals(before + 2, versions());
      // A query that fails part-way leaves no table and no version behind.
      assertThrows(SQLException.class,
          () -> st.execute("CREATE TABLE bad AS SELECT 10 / (id - 3) AS x FROM src"));
      assertEquals(before + 2, versions());
      assertState("42S02", "Object 'bad' not found", st, "SELECT * FROM bad");
    }
    try (Dataset ds = Datasets.open(dir()); Snapshot s = ds.snapshot()) {
      DataFrame dst = s.dataFrame("dst").orElseThrow();
      assertEquals(FieldKind.INT32, dst.field("twice").orElseThrow().type().kind());
      assertFalse(dst.field("twice").orElseThrow().spec().nullable());
      assertEquals(FieldKind.STRING, dst.field("name").orElseThrow().type().kind());
      assertEquals(FieldKind.FLOAT64, dst.field("score").orElseThrow().type().kind());
      assertEquals(FieldKind.BOOL, dst.field("big").orElseThrow().type().kind());
      assertEquals(FieldKind.INT64, dst.field("wide").orElseThrow().type().kind());
    }
  }

  private long versions() {
    try (Dataset ds = Datasets.open(dir(), org.curata.storage.OpenOptions.defaults()
        .withReadOnly(true))) {
      return ds.versions().get(ds.versions().size() - 1).id();
    }
  }

  @Test
  void dropRemovesTheTableAndVacuumItsFiles() throws Exception {
    List<Path> files = new ArrayList<>();
    try (Connection c = create(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE gone (x INTEGER, y VARCHAR)");
      st.execute("INSERT INTO gone VALUES (1, 'one'), (2, 'two')");
      st.execute("CREATE TABLE kept (x INTEGER)");
      st.execute("INSERT INTO kept VALUES (7)");
      try (Dataset ds = Datasets.open(dir(), org.curata.storage.OpenOptions.defaults()
          .withReadOnly(true)); Snapshot s = ds.snapshot()) {
        for (Field f : s.dataFrame("gone").orElseThrow().fields()) {
          for (BlockInfo b : f.blocks()) {
            files.add(dir().resolve(b.file()));
          }
        }
      }
      assertFalse(files.isEmpty());
      st.execute("DROP TABLE GONE");
      SQLException e = assertThrows(SQLException.class,
          () -> st.executeQuery("SELECT * FROM gone"));
      assertEquals("42S02", e.getSQLState(), e.getMessage());
      st.execute("DROP TABLE IF EXISTS gone");
      SQLException again = assertThrows(SQLException.class, () -> st.execute("DROP TABLE gone"));
      assertEquals("42S02", again.getSQLState());
      assertTrue(again.getMessage().startsWith("table 'gone' does not exist in schema 'main'"),
          again.getMessage());
    }
    for (Path f : files) {
      assertTrue(Files.exists(f), f + " before vacuum");
    }
    try (Dataset ds = Datasets.open(dir())) {
      VacuumResult r = ds.vacuum(1);
      assertTrue(r.filesDeleted() >= 1, r.toString());
    }
    for (Path f : files) {
      assertFalse(Files.exists(f), f + " after vacuum");
    }
    try (Connection c = connect(""); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT x FROM kept")) {
      assertTrue(rs.next());
      assertEquals(7, rs.getInt(1));
    }
  }

  @Test
  void preparedStatementsBindParameters() throws Exception {
    try (Connection c = create(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE p (id INTEGER NOT NULL, name VARCHAR)");
      try (java.sql.PreparedStatement ins = c.prepareStatement("INSERT INTO p VALUES (?, ?)")) {
        ins.setInt(1, 1);
        ins.setString(2, "one");
        assertEquals(1, ins.executeUpdate());
        ins.setInt(1, 2);
        ins.setNull(2, java.sql.Types.VARCHAR);
        assertEquals(1, ins.executeUpdate());
      }
      try (java.sql.PreparedStatement q = c.prepareStatement(
          "SELECT name FROM p WHERE id = ?")) {
        q.setInt(1, 1);
        try (ResultSet rs = q.executeQuery()) {
          assertTrue(rs.next());
          assertEquals("one", rs.getString(1));
          assertFalse(rs.next());
        }
        SQLException e = assertThrows(SQLException.class,
            () -> c.prepareStatement("SELECT nope FROM p"));
        assertEquals("42S22", e.getSQLState(), e.getMessage());
      }
    }
  }

  @Test
  void namesMatchIgnoringCaseAndKeepTheirCase() throws Exception {
    try (Connection c = create(); Statement st = c.createStatement()) {
      st.execute("create table Patients (year_of_birth integer, \"BMI\" real)");
      st.execute("INSERT INTO patients (YEAR_OF_BIRTH, bmi) VALUES (1980, 22.5)");
      try (ResultSet rs = st.executeQuery("SELECT Year_Of_Birth, \"bmi\" FROM PATIENTS")) {
        assertTrue(rs.next());
        assertEquals(1980, rs.getInt(1));
        assertEquals(22.5f, rs.getFloat(2));
      }
      SQLException dup = assertThrows(SQLException.class,
          () -> st.execute("CREATE TABLE PATIENTS (x INTEGER)"));
      assertEquals("42S01", dup.getSQLState());
      assertTrue(dup.getMessage().startsWith("table 'Patients' already exists in schema 'main'"),
          dup.getMessage());
      st.execute("CREATE TABLE IF NOT EXISTS patients (x INTEGER)");
      try (ResultSet rs = c.getMetaData().getColumns(null, "main", "Patients", null)) {
        assertTrue(rs.next());
        assertEquals("year_of_birth", rs.getString("COLUMN_NAME"));
        assertTrue(rs.next());
        assertEquals("BMI", rs.getString("COLUMN_NAME"));
      }
    }
  }

  @Test
  void errorsCarryStatesAndCurataMessages() throws Exception {
    try (Connection c = create(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (a INTEGER NOT NULL, b VARCHAR)");
      assertState("42S02", "Object 'nope' not found", st, "SELECT * FROM nope");
      assertState("42S22", "Column 'zz' not found", st, "SELECT zz FROM t");
      assertState("42000", "Encountered \"<EOF>\" at line 1, column 9", st, "SELECT (1");
      assertState("0A000", "UPDATE is not supported", st, "UPDATE t SET b = 'x'");
      assertState("0A000", "DELETE is not supported", st, "DELETE FROM t");
      assertState("0A000", "column 'x': DECIMAL is not supported", st,
          "CREATE TABLE d (x DECIMAL(10, 2))");
      assertState("0A000", "type TIME is not supported", st, "CREATE TABLE d (x TIME)");
      assertState("0A000", "DEFAULT values are not supported", st,
          "CREATE TABLE d (x INTEGER DEFAULT 1)");
      assertState("0A000", "UNIQUE constraints are not supported", st,
          "CREATE TABLE d (x INTEGER UNIQUE)");
      assertState("22000", "declares column 'X' twice", st, "CREATE TABLE d (x INTEGER, X INT)");
      assertState("42S02", "names column 'y', which the table does not declare", st,
          "CREATE TABLE d (x INTEGER, PRIMARY KEY (y))");
      assertState("0A000", "CAST it to DOUBLE", st, "CREATE TABLE d AS SELECT 1.5 AS x FROM t");
      assertState("22000", "has two columns named 'a'", st,
          "CREATE TABLE d AS SELECT a, a FROM t");
      assertState("0A000", "CREATE OR REPLACE TABLE is not supported", st,
          "CREATE OR REPLACE TABLE d (x INTEGER)");
      SQLException e = assertThrows(SQLException.class, () -> st.execute("SELECT * FROM nope"));
      assertFalse(e.getMessage().contains("Error while executing SQL"), e.getMessage());
      assertThrows(SQLException.class, () -> st.execute("INSERT INTO t VALUES (NULL, 'x')"));
      try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM t")) {
        assertTrue(rs.next());
        assertEquals(0, rs.getLong(1));
      }
      SQLException ac = assertThrows(SQLException.class, () -> c.setAutoCommit(false));
      assertEquals("0A000", ac.getSQLState());
    }
  }

  @Test
  void notADatasetAndReadOnly() throws Exception {
    Files.createDirectories(dir());
    SQLException missing = assertThrows(SQLException.class, () -> connect(""));
    assertEquals("08001", missing.getSQLState(), missing.getMessage());
    try (Connection c = create(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (a INTEGER)");
    }
    Properties p = new Properties();
    p.setProperty("readonly", "true");
    try (Connection c = DriverManager.getConnection("jdbc:curata:" + dir(), p);
        Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM t")) {
        assertTrue(rs.next());
      }
      assertState("25006", "is open read-only (readonly=true)", st,
          "INSERT INTO t VALUES (1)");
      assertState("25006", "is open read-only (readonly=true)", st, "CREATE TABLE u (a INT)");
      assertState("25006", "is open read-only (readonly=true)", st, "DROP TABLE t");
    }
  }

  static void assertState(String state, String messagePart, Statement st, String sql) {
    SQLException e = assertThrows(SQLException.class, () -> st.execute(sql), sql);
    assertEquals(state, e.getSQLState(), sql + ": " + e.getMessage());
    assertTrue(e.getMessage().contains(messagePart), sql + ": " + e.getMessage());
  }
}
