package org.curata.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.apache.calcite.jdbc.CalciteConnection;
import org.curata.adapter.CurataSchema;
import org.curata.adapter.exec.WorkerPool;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.OpenOptions;
import org.curata.storage.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection's statements share one pool of worker threads, reused from query to query, and
 * closing the connection stops them.
 */
final class WorkerPoolLifecycleTest {
  private static final int ROWS = 200_000;

  @TempDir
  Path tmp;

  @Test
  void statementsShareThePoolAndCloseStopsIt() throws Exception {
    Path dir = tmp.resolve("ds");
    try (Dataset ds = Datasets.open(dir, OpenOptions.defaults().withCreate(true)
        .withBlockRows(4096)); Transaction tx = ds.beginWrite("t")) {
      DataFrameAppender a = tx.createDataFrame("t",
          List.of(FieldSpec.of("x", FieldType.of(FieldKind.INT32))), List.of(), List.of());
      for (int i = 0; i < ROWS; i++) {
        a.field(0).appendLong(i % 1000);
      }
      tx.commit();
    }
    WorkerPool pool;
    try (Connection c = DriverManager.getConnection("jdbc:curata:" + dir + ";threads=2")) {
      CalciteConnection calcite = c.unwrap(CalciteConnection.class);
      CurataSchema schema = calcite.getRootSchema().getSubSchema(c.getSchema())
          .unwrap(CurataSchema.class);
      pool = schema.execOptions().workers();
      assertNotNull(pool, "a connection with threads=2 has a worker pool");
      for (int q = 0; q < 10; q++) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT count(*), avg(CAST(x AS DOUBLE)) FROM t"
                + " WHERE x >= " + q)) {
          assertTrue(rs.next());
          assertEquals(ROWS - ROWS / 1000 * q, rs.getLong(1));
        }
      }
      assertTrue(pool.threadsStarted() > 0, "the aggregate ran on the pool");
      assertTrue(pool.threadsStarted() <= 2, "threads started: " + pool.threadsStarted());
      assertFalse(pool.isClosed());
    }
    assertTrue(pool.isClosed(), "closing the connection closes its pool");
    assertEquals(0, pool.liveThreads(), "pool threads alive after the connection closed");
  }
}
