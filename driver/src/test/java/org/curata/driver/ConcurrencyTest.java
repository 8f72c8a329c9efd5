package org.curata.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two connections to one dataset in one JVM: both read, writers serialise, commits show. */
final class ConcurrencyTest {
  @TempDir
  Path tmp;

  private String url() {
    return "jdbc:curata:" + tmp.resolve("ds");
  }

  private static long count(Statement st, String table) throws SQLException {
    try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  @Test
  void aReaderSeesAnotherConnectionsCommitAtItsNextStatement() throws Exception {
    try (Connection writer = DriverManager.getConnection(url() + ";create=true");
        Connection reader = DriverManager.getConnection(url());
        Statement w = writer.createStatement();
        Statement r = reader.createStatement()) {
      w.execute("CREATE TABLE t (x INTEGER)");
      assertEquals(0, count(r, "t"));
      w.execute("INSERT INTO t VALUES (1), (2)");
      assertEquals(2, count(r, "t"));
      assertEquals(2, count(w, "t"));
      r.execute("INSERT INTO t VALUES (3)");
      assertEquals(3, count(w, "t"));
      w.execute("DROP TABLE t");
      DriverSqlTest.assertState("42S02", "Object 't' not found", r, "SELECT * FROM t");
    }
  }

  @Test
  void aSecondWriterGetsAClearErrorAfterItsLockTimeout() throws Exception {
    try (Connection c = DriverManager.getConnection(url() + ";create=true;lockTimeout=0");
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (x INTEGER)");
      try (Dataset other = Datasets.open(tmp.resolve("ds"));
          Transaction held = other.beginWrite("a long import")) {
        assertTrue(held.baseVersion().id() >= 1);
        DriverSqlTest.assertState("40001", "waited 0 ms, the connection's lockTimeout", st,
            "INSERT INTO t VALUES (1)");
        DriverSqlTest.assertState("40001", "lockTimeout", st, "CREATE TABLE u (x INTEGER)");
        assertEquals(0, count(st, "t"));
      }
      st.execute("INSERT INTO t VALUES (1)");
      assertEquals(1, count(st, "t"));
    }
  }

  @Test
  void aSecondWriterWaitsForTheFirst() throws Exception {
    try (Connection c = DriverManager.getConnection(url() + ";create=true;lockTimeout=60000");
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (x INTEGER)");
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        Future<Integer> insert;
        try (Dataset other = Datasets.open(tmp.resolve("ds"));
            Transaction held = other.beginWrite("a long import")) {
          assertTrue(held.baseVersion().id() >= 1);
          CountDownLatch started = new CountDownLatch(1);
          insert = pool.submit(() -> {
            started.countDown();
            return st.executeUpdate("INSERT INTO t VALUES (1), (2)");
          });
          assertTrue(started.await(60, TimeUnit.SECONDS));
          // Give the INSERT a moment to reach the lock; it succeeds either way.
          Thread.sleep(100);

        }
        assertEquals(2, insert.get(60, TimeUnit.SECONDS));
      } finally {
        pool.shutdownNow();
      }
      assertEquals(2, count(st, "t"));
    }
  }
}
