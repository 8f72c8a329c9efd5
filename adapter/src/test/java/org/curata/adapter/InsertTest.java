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
import org.curata.storage.Transaction;
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

  private static CurataException cause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CurataException c) {
        return c;
      }
    }
    throw new AssertionError("no CurataException in", e);
  }
}
