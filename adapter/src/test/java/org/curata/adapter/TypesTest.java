package org.curata.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.curata.storage.Dataset;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every storage type read through SQL: exact values, NULLs, SQL types and nullability. */
final class TypesTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(Stores.class)
  void everyTypeReadsExactly(Stores store) throws Exception {
    Dataset ds = store.create(dir, 2);
    Fixtures.writeAllTypes(ds);
    try (Sql sql = new Sql(ds, 3)) {
      assertEquals(List.of(
          "1, true, -5, 300, 5000000000, 255, 65535, 4294967295, 1.5, 2.25, yes, ab, héllo,"
              + " 2020-09-13 12:26:40.123, 2019-04-14",
          "2, false, 7, -2, -1, 0, 1, 2, -0.5, 1.0E10, no, abcd, , 1969-12-31 23:59:59.998, 1969-12-29",
          "3, null, null, null, null, null, null, null, null, null, null, null, null, null, null",
          "4, true, 127, 0, 0, 3, 4, 5, 3.0, -7.0, null, x, zz, 1970-01-01 00:00:00.0, 1970-01-01",
          "5, false, -128, 5, 42, 9, 10, 11, 1.5, 30.5, , , a'b, 1970-01-01 00:00:00.0, 1970-01-02"),
          sql.rows("select * from t order by id"));
      assertEquals(List.of("3", "4"), sql.rows("select id from t where cat is null order by id"));
      assertEquals("5000000000", sql.value("select i64 from t where u32 = 4294967295"));
      assertEquals(List.of("1", "5"), sql.rows("select id from t where f32 = 1.5 order by id"));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Stores.class, names = {"DISK", "FAKE_DENSE"})
  void sqlTypesFollowTheMapping(Stores store) throws Exception {
    Dataset ds = store.create(dir, 2);
    Fixtures.writeAllTypes(ds);
    try (Sql sql = new Sql(ds, 3); Statement s = sql.connection.createStatement();
        ResultSet rs = s.executeQuery("select * from t")) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> got = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        got.add(md.getColumnName(i) + ":" + md.getColumnType(i) + ":" + md.getPrecision(i) + ":"
            + md.isNullable(i));
      }
      int n = ResultSetMetaData.columnNullable;
      int nn = ResultSetMetaData.columnNoNulls;
      assertEquals(List.of("id:" + Types.INTEGER + ":10:" + nn, "b:" + Types.BOOLEAN + ":1:" + n,
          "i8:" + Types.TINYINT + ":3:" + n, "i16:" + Types.SMALLINT + ":5:" + n,
          "i64:" + Types.BIGINT + ":19:" + n, "u8:" + Types.SMALLINT + ":5:" + n,
          "u16:" + Types.INTEGER + ":10:" + n, "u32:" + Types.BIGINT + ":19:" + n,
          "f32:" + Types.REAL + ":7:" + n, "f64:" + Types.DOUBLE + ":15:" + n,
          "cat:" + Types.VARCHAR + ":0:" + n, "fs:" + Types.VARCHAR + ":4:" + n,
          "s:" + Types.VARCHAR + ":0:" + n, "ts:" + Types.TIMESTAMP + ":3:" + n,
          "d:" + Types.DATE + ":0:" + n), got);
    }
  }
}
