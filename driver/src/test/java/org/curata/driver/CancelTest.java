package org.curata.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Statement.cancel() and the query timeout stop a running query at its next batch with SQLState
 * 57014.
 */
final class CancelTest {
  @TempDir
  Path tmp;

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void cancelStopsAQueryMidStream(int threads) throws SQLException {
    String url = "jdbc:curata:" + tmp.resolve("ds") + ";create=true;batchSize=1;threads=" + threads;
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (x INTEGER)");
      StringBuilder values = new StringBuilder("INSERT INTO t VALUES (1)");
      for (int i = 2; i <= 200; i++) {
        values.append(", (").append(i).append(')');
      }
      s.execute(values.toString());
      try (ResultSet rs = s.executeQuery("SELECT x FROM t WHERE x > 0")) {
        assertTrue(rs.next());
        s.cancel();
        SQLException e = assertThrows(SQLException.class, () -> {
          while (rs.next()) {
            continue;
          }
        });
        assertEquals("57014", e.getSQLState(), e.toString());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void queryTimeoutStopsAQueryMidStream(int threads) throws Exception {
    String url = "jdbc:curata:" + tmp.resolve("ds") + ";create=true;batchSize=1;threads=" + threads;
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (x INTEGER)");
      s.execute("INSERT INTO t VALUES (1), (2), (3), (4), (5), (6), (7), (8)");
      s.setQueryTimeout(1);
      try (ResultSet rs = s.executeQuery("SELECT x FROM t WHERE x > 0")) {
        assertTrue(rs.next());
        Thread.sleep(1500);
        SQLException e = assertThrows(SQLException.class, () -> {
          while (rs.next()) {
            continue;
          }
        });
        assertEquals("57014", e.getSQLState(), e.toString());
      }
    }
  }
}
