package org.curata.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query run again on the same dataset version reuses its compiled plan (it is not parsed
 * again), and a commit in between makes it plan afresh and read the new version.
 */
final class PlanCacheTest {
  @TempDir
  Path tmp;

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void repeatedQueryIsNotPlannedAgainUntilACommit() throws SQLException {
    AtomicInteger parses = new AtomicInteger();
    try (Connection c = DriverManager.getConnection("jdbc:curata:" + tmp.resolve("ds")
            + ";create=true");
        Statement s = c.createStatement();
        Hook.Closeable hook = Hook.PARSE_TREE.addThread(
            (java.util.function.Consumer<Object>) x -> parses.incrementAndGet())) {
      s.execute("CREATE TABLE t (x INTEGER)");
      s.execute("INSERT INTO t VALUES (1), (2), (3)");
      String q = "SELECT count(*) FROM t WHERE x > 1";
      int before = parses.get();
      assertEquals(2, count(s, q));
      assertEquals(before + 1, parses.get());
      assertEquals(2, count(s, q));
      assertEquals(2, count(s, q));
      assertEquals(before + 1, parses.get(), "the cached plan was parsed again");
      s.execute("INSERT INTO t VALUES (5)");
      int afterInsert = parses.get();
      assertEquals(3, count(s, q), "a cached plan read a stale version");
      assertEquals(afterInsert + 1, parses.get());
      assertEquals(2, count(s, "SELECT count(*) FROM t WHERE x > 2"));
    }
  }

  @Test
  void cachedPlanTakesNewParametersAndAnotherConnectionsCommits() throws SQLException {
    String url = "jdbc:curata:" + tmp.resolve("ds2") + ";create=true";
    try (Connection c = DriverManager.getConnection(url);
        Connection other = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        Statement o = other.createStatement()) {
      s.execute("CREATE TABLE t (x INTEGER)");
      s.execute("INSERT INTO t VALUES (1), (2), (3)");
      try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM t WHERE x >= ?")) {
        for (int k = 0; k <= 4; k++) {
          p.setInt(1, k);
          try (ResultSet rs = p.executeQuery()) {
            rs.next();
            assertEquals(Math.min(3, 4 - k), rs.getLong(1), "x >= " + k);
          }
        }
      }
      assertEquals(3, count(s, "SELECT count(*) FROM t"));
      o.execute("INSERT INTO t VALUES (4)");
      assertEquals(4, count(s, "SELECT count(*) FROM t"));
    }
  }
}
