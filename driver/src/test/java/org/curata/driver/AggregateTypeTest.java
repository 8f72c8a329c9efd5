package org.curata.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SUM over float32 (REAL) fields is accumulated and returned as DOUBLE, and over narrow integers
 * as BIGINT, as DuckDB and PostgreSQL do.
 */
final class AggregateTypeTest {
  @TempDir
  Path tmp;

  @Test
  void sumOfRealIsADoubleAccumulatedInDouble() throws Exception {
    int n = 400;
    double expected = 0;
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < n; i++) {
      float v = 36.0f + (i % 50) / 10.0f;
      expected += v;
      values.append(i == 0 ? "" : ", ").append('(').append(v).append(')');
    }
    try (Connection c = DriverManager.getConnection("jdbc:curata:" + tmp.resolve("ds") + ";create=true");
         Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (x REAL)");
      st.executeUpdate("INSERT INTO t VALUES " + values);
      // native aggregate, and Calcite's own (an expression over the aggregate, a window)
      for (String sql : new String[] {"SELECT sum(x) FROM t",
          "SELECT sum(x) + 0 FROM t",
          "SELECT sum(x) OVER () FROM t LIMIT 1"}) {
        try (ResultSet rs = st.executeQuery(sql)) {
          rs.next();
          assertEquals(Types.DOUBLE, rs.getMetaData().getColumnType(1), sql);
          assertInstanceOf(Double.class, rs.getObject(1), sql);
          assertEquals(expected, rs.getDouble(1), 1e-6, sql);
        }
      }
    }
  }

  @Test
  void sumOfNarrowIntegersIsABigint() throws Exception {
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      values.append(i == 0 ? "" : ", ").append("(1, 100, 2000000000)");
    }
    try (Connection c = DriverManager.getConnection("jdbc:curata:" + tmp.resolve("ds") + ";create=true");
         Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (a TINYINT, b SMALLINT, c INTEGER)");
      st.executeUpdate("INSERT INTO t VALUES " + values);
      for (String sql : new String[] {"SELECT sum(a), sum(b), sum(c) FROM t",
          "SELECT sum(a) + 0, sum(b) + 0, sum(c) + 0 FROM t"}) {
        try (ResultSet rs = st.executeQuery(sql)) {
          rs.next();
          for (int i = 1; i <= 3; i++) {
            assertEquals(Types.BIGINT, rs.getMetaData().getColumnType(i), sql);
          }
          assertEquals(300L, rs.getLong(1), sql);
          assertEquals(30_000L, rs.getLong(2), sql);
          assertEquals(600_000_000_000L, rs.getLong(3), sql);
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT avg(c), avg(a) FROM t")) {
        rs.next();
        assertEquals(Types.DOUBLE, rs.getMetaData().getColumnType(1));
        assertEquals(2.0e9, rs.getDouble(1), 0.0);
        assertEquals(1.0, rs.getDouble(2), 0.0);
      }
    }
  }
}
