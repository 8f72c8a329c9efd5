package org.curata.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.curata.storage.CurataException;
import org.curata.storage.Dataset;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** INSERT through CurataTableModify; versions seen by later statements; refused UPDATE/DELETE. */
final class InsertTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(Stores.class)
  void insertValuesAndSelect(Stores store) throws Exception {
    Dataset ds = store.create(dir, 2);
    Fixtures.writeAllTypes(ds);
    try (Sql sql = new Sql(ds, 3)) {
      long before = sql.schema.versionId();
      String plan = sql.explain("insert into t (id, cat) values (9, 'no')");
      assertTrue(plan.contains("CurataTableModify"), plan);
      assertEquals(2, sql.update("insert into t (id, b, i8, u32, f32, cat, fs, s, ts, d) values"
          + " (10, true, -1, 4000000000, 0.25, 'yes', 'wxyz', 'ünï', timestamp '2021-03-04 05:06:07.089',"
          + " date '2020-02-29'), (11, null, null, null, null, null, null, null, null, null)"));
      assertEquals(before + 1, sql.schema.versionId());
      assertEquals(List.of(
          "10, true, -1, null, null, null, null, 4000000000, 0.25, null, yes, wxyz, ünï,"
              + " 2021-03-04 05:06:07.089, 2020-02-29",
          "11, null, null, null, null, null, null, null, null, null, null, null, null, null, null"),
          sql.rows("select * from t where id >= 10 order by id"));
      assertEquals(3, sql.update("insert into t (id, cat, s) select id + 100, cat, s from t"
          + " where id <= 3"));
      assertEquals(List.of("101, yes, héllo", "102, no, ", "103, null, null"),
          sql.rows("select id, cat, s from t where id > 100 order by id"));
      assertEquals("10", sql.value("select count(*) from t"));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Stores.class, names = {"DISK", "FAKE_DENSE"})
  void unknownLabelFailsAndWritesNothing(Stores store) throws Exception {
    Dataset ds = store.create(dir, 2);
    Fixtures.writeAllTypes(ds);
    try (Sql sql = new Sql(ds, 3)) {
      long before = sql.schema.versionId();
      SQLException e = assertThrows(SQLException.class,
          () -> sql.update("insert into t (id, cat) values (20, 'no'), (21, 'maybe')"));
      CurataException cause = cause(e);
      assertEquals(ErrorCode.INVALID_INPUT, cause.code());
      assertTrue(cause.getMessage().contains("[maybe]") && cause.getMessage().contains("'cat'")
          && cause.getMessage().contains("INSERT INTO t"), cause.getMessage());
      assertEquals(before, sql.schema.versionId());
      assertEquals("5", sql.value("select count(*) from t"));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Stores.class, names = {"DISK", "FAKE_DENSE"})
  void updateAndDeleteAreUnsupported(Stores store) throws Exception {
    Dataset ds = store.create(dir, 2);
    Fixtures.writeAllTypes(ds);
    try (Sql sql = new Sql(ds, 3)) {
      for (String q : List.of("update t set i8 = 1", "delete from t where id = 1")) {
        SQLException e = assertThrows(SQLException.class, () -> sql.update(q));
        assertEquals(ErrorCode.UNSUPPORTED, cause(e).code(), q);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Stores.class, names = {"DISK", "FAKE_DENSE"})
  void eachStatementSeesTheLatestCommit(Stores store) throws Exception {
    Dataset ds = store.create(dir, 2);
    Fixtures.writeAllTypes(ds);
    try (Sql sql = new Sql(ds, 3)) {
      assertEquals("5", sql.value("select count(*) from t"));
      try (Transaction tx = ds.beginWrite("another writer")) {
        tx.createDataFrame("u", List.of(Fixtures.ALL_TYPES.get(0)), List.of(), List.of())
            .field(0).appendLong(7);
        tx.dropDataFrame("t");
        tx.commit();
      }
      assertEquals("7", sql.value("select id from u"));
      SQLException e = assertThrows(SQLException.class, () -> sql.rows("select * from t"));
      assertTrue(e.getMessage().contains("'t' not found"), e.getMessage());
    }
  }

  /** One nullable field of every numeric type, and a second frame with one DOUBLE field only. */
  private static void writeNumbers(Dataset ds) {
    try (Transaction tx = ds.beginWrite("numbers")) {
      tx.createDataFrame("n", List.of(
          FieldSpec.of("f64", FieldType.of(FieldKind.FLOAT64)),
          FieldSpec.of("f32", FieldType.of(FieldKind.FLOAT32)),
          FieldSpec.of("i64", FieldType.of(FieldKind.INT64)),
          FieldSpec.of("i32", FieldType.of(FieldKind.INT32)),
          FieldSpec.of("i8", FieldType.of(FieldKind.INT8))), List.of(), List.of());
      tx.createDataFrame("s", List.of(FieldSpec.of("x", FieldType.of(FieldKind.FLOAT64))),
          List.of(), List.of());
      tx.createDataFrame("r", List.of(FieldSpec.of("x", FieldType.of(FieldKind.FLOAT32))),
          List.of(), List.of());
      tx.commit();
    }
  }

  /** Regression: DECIMAL and NULL literals into DOUBLE/REAL failed an assertion in Calcite. */
  @ParameterizedTest
  @EnumSource(value = Stores.class, names = {"DISK", "FAKE_DENSE"})
  void decimalAndNullLiteralsIntoFloatColumns(Stores store) throws Exception {
    Dataset ds = store.create(dir, 2);
    writeNumbers(ds);
    try (Sql sql = new Sql(ds, 3)) {
      assertEquals(2, sql.update("insert into s values (0.5), (null)"));
      assertEquals(2, sql.update("insert into r values (0.5), (null)"));
      assertEquals(3, sql.update("insert into s values (1), (2.25), (-3)"));
      assertEquals(2, sql.update("insert into r values (1), (2.25)"));
      assertEquals(1, sql.update("insert into s values (null)"));
      assertEquals(List.of("-3.0", "0.5", "1.0", "2.25", "null", "null"),
          sql.rows("select x from s order by x nulls last"));
      assertEquals(List.of("0.5", "1.0", "2.25", "null"),
          sql.rows("select x from r order by x nulls last"));
      // a string that is no number fails as SQL's CAST does, naming the value; nothing written
      SQLException e = assertThrows(SQLException.class,
          () -> sql.update("insert into s values ('1.5'), ('abc')"));
      CurataException cause = cause(e);
      assertEquals(ErrorCode.INVALID_INPUT, cause.code());
      assertTrue(cause.getMessage().contains("INSERT INTO s") && cause.getMessage().contains("abc"),
          cause.getMessage());
      assertEquals("6", sql.value("select count(*) from s"));
    }
  }

  /** Mixed integer/decimal literals and NULLs into every numeric type; INSERT ... SELECT casts. */
  @ParameterizedTest
  @EnumSource(value = Stores.class, names = {"DISK", "FAKE_DENSE"})
  void mixedLiteralsAndImplicitCasts(Stores store) throws Exception {
    Dataset ds = store.create(dir, 2);
    writeNumbers(ds);
    try (Sql sql = new Sql(ds, 3)) {
      assertEquals(3, sql.update("insert into n values (1, 0.5, 7, 8, 9), (2.5, 3, null, null, null),"
          + " (null, null, 10, 11, 12)"));
      assertEquals(2, sql.update("insert into n (i64, f64) values (1, 1.5), (2, 2)"));
      assertEquals(1, sql.update("insert into n (f32) values (null)"));
      assertEquals(List.of("1.0, 0.5, 7, 8, 9", "2.5, 3.0, null, null, null",
          "null, null, 10, 11, 12", "1.5, null, 1, null, null", "2.0, null, 2, null, null",
          "null, null, null, null, null"),
          sql.rows("select * from n"));
      // INSERT ... SELECT with implicit casts: INTEGER into DOUBLE/REAL/BIGINT, DOUBLE into REAL
      assertEquals(6, sql.update("insert into n (f64, f32, i64, i32) select i32, f64, i8, i8 from n"));
      assertEquals(2, sql.update("insert into s select i64 from n where i64 < 3"));
      assertEquals(List.of("1.0", "2.0"), sql.rows("select x from s order by x"));
      assertEquals("12", sql.value("select count(*) from n"));
      assertEquals(List.of("8.0, 1.0, 9, 9", "11.0, null, 12, 12"),
          sql.rows("select f64, f32, i64, i32 from n where i8 is null and i64 > 8 order by i64"));
    }
  }

  /** NULL into a nullable field of every type, in one row and in a multi-row VALUES. */
  @ParameterizedTest
  @EnumSource(value = Stores.class, names = {"DISK", "FAKE_DENSE"})
  void nullIntoEveryType(Stores store) throws Exception {
    Dataset ds = store.create(dir, 2);
    Fixtures.writeAllTypes(ds);
    try (Sql sql = new Sql(ds, 3)) {
      assertEquals(1, sql.update("insert into t values (20, null, null, null, null, null, null,"
          + " null, null, null, null, null, null, null, null)"));
      assertEquals(2, sql.update("insert into t values (21, null, null, null, null, null, null,"
          + " null, null, null, null, null, null, null, null), (22, true, 1, 2, 3, 4, 5, 6, 0.5,"
          + " 1, 'no', 'ab', 's', timestamp '2020-01-01 00:00:00', date '2020-01-01')"));
      assertEquals(List.of(
          "20, null, null, null, null, null, null, null, null, null, null, null, null, null, null",
          "21, null, null, null, null, null, null, null, null, null, null, null, null, null, null",
          "22, true, 1, 2, 3, 4, 5, 6, 0.5, 1.0, no, ab, s, 2020-01-01 00:00:00.0, 2020-01-01"),
          sql.rows("select * from t where id >= 20 order by id"));
    }
  }

  /**
   * Regression: a multi-row VALUES became generated code with every literal inlined, which broke
   * Janino's 64 KB method limit at a few thousand rows, and the REAL column (whose literals need
   * a CAST) made a UNION of one projection per row, which Calcite plans in quadratic time. Every
   * 7th value is NULL. (Through plain Calcite each row's CAST is still folded by compiling it once
   * in Calcite's converter, before the adapter sees the statement; the driver avoids that too.)
   */
  @Test
  void bigMultiRowValuesRoundTrips() throws Exception {
    Dataset ds = Stores.DISK.create(dir, 4096);
    try (Transaction tx = ds.beginWrite("big")) {
      tx.createDataFrame("big", List.of(
          new FieldSpec("id", FieldType.of(FieldKind.INT32), false),
          FieldSpec.of("i64", FieldType.of(FieldKind.INT64)),
          FieldSpec.of("f64", FieldType.of(FieldKind.FLOAT64)),
          FieldSpec.of("f32", FieldType.of(FieldKind.FLOAT32)),
          FieldSpec.of("s", FieldType.of(FieldKind.STRING)),
          FieldSpec.of("fs", FieldType.fixedString(4)),
          FieldSpec.of("b", FieldType.of(FieldKind.BOOL)),
          FieldSpec.of("d", FieldType.of(FieldKind.DATE)),
          FieldSpec.of("ts", FieldType.of(FieldKind.TIMESTAMP))), List.of(), List.of());
      tx.commit();
    }
    int n = 20_000;
    StringBuilder insert = new StringBuilder("insert into big values ");
    List<String> expected = new java.util.ArrayList<>(n);
    for (int r = 0; r < n; r++) {
      String[] sql = new String[9];
      String[] want = new String[9];
      sql[0] = want[0] = Integer.toString(r);
      long i64 = (r % 2 == 0 ? -1L : 1L) * r * 1_000_003L;
      sql[1] = want[1] = Long.toString(i64);
      // decimal literals (cast to DOUBLE at plan time) and approximate ones
      sql[2] = r % 3 == 0 ? (r / 4) + "." + (r % 4 * 25) : (r + 0.5) + "E0";
      want[2] = Double.toString(r % 3 == 0 ? Double.parseDouble(sql[2]) : r + 0.5);
      sql[3] = Float.toString(r * 0.25f);
      want[3] = Float.toString(r * 0.25f);
      sql[4] = "'s" + r + (r % 5 == 0 ? "''q ü" : "") + "'";
      want[4] = "s" + r + (r % 5 == 0 ? "'q ü" : "");
      String fs = Integer.toString(r % 10_000);
      sql[5] = "'" + fs + "'";
      want[5] = fs;
      sql[6] = r % 2 == 0 ? "true" : "false";
      want[6] = Boolean.toString(r % 2 == 0);
      java.time.LocalDate date = java.time.LocalDate.of(1960, 1, 1).plusDays(r);
      sql[7] = "date '" + date + "'";
      want[7] = java.sql.Date.valueOf(date).toString();
      java.time.LocalDateTime ts = java.time.LocalDateTime.of(1969, 12, 31, 23, 0)
          .plusSeconds(r * 37L).plusNanos((r % 1000) * 1_000_000L);
      java.sql.Timestamp t = java.sql.Timestamp.valueOf(ts);
      sql[8] = "timestamp '" + t + "'";
      want[8] = t.toString();
      if (r > 0) {
        insert.append(", ");
        for (int c = 1; c < 9; c++) {
          if ((r + c) % 7 == 0) {
            sql[c] = "null";
            want[c] = "null";
          }
        }
      }
      insert.append('(').append(String.join(", ", sql)).append(')');
      expected.add(String.join(", ", want));
    }
    try (Sql sql = new Sql(ds, 1024)) {
      long start = System.nanoTime();
      assertEquals(n, sql.update(insert.toString()));
      System.out.printf("INSERT of %d rows: %d ms%n", n, (System.nanoTime() - start) / 1_000_000);
      assertEquals(expected, sql.rows("select * from big order by id"));
    }
  }

  private static CurataException cause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CurataException c) {
        return c;
      }
    }
    throw new AssertionError("no CurataException in", e);
  }
}
