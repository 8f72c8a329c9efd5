package org.curata.adapter.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.curata.storage.CurataException;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.OpenOptions;
import org.curata.storage.Snapshot;
import org.curata.storage.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared worker pool: queries reuse its threads, finish when its threads are busy elsewhere
 * or it is closed (the consumer runs the copies no worker took), do not deadlock when several
 * queries with nested parallel pipelines share a pool of two, stop on cancel, and leave no
 * thread behind once it is closed.
 */
final class WorkerPoolTest {
  private static final int ROWS = 20_000;

  @TempDir
  Path dir;

  private Snapshot data(Dataset ds) {
    try (Transaction tx = ds.beginWrite("t")) {
      DataFrameAppender a = tx.createDataFrame("t",
          List.of(FieldSpec.of("n", FieldType.of(FieldKind.INT32))), List.of(), List.of());
      for (int r = 0; r < ROWS; r++) {
        a.field(0).appendLong(r % 100);
      }
      tx.commit();
    }
    return ds.snapshot();
  }

  private static ScanNode scan(Snapshot snap) {
    TableSource src = new SnapshotSource(snap.dataFrames().get(0), snap.version().id());
    return new ScanNode(src, new int[] {0}, Predicate.TRUE);
  }

  private static ExecOptions options(WorkerPool pool, int threads) {
    return ExecOptions.defaults().withBatchSize(64).withThreads(threads).withWorkers(pool);
  }

  private static long count(ExecNode node, ExecOptions o, AtomicBoolean cancel) {
    try (ExecContext ctx = new ExecContext(o, cancel)) {
      return OperatorHarness.run(node, ctx).size();
    }
  }

  @Test
  void queriesReuseThePoolsThreads() {
    try (Dataset ds = Datasets.open(dir, OpenOptions.defaults().withCreate(true)
        .withBlockRows(500)); Snapshot snap = data(ds); WorkerPool pool = WorkerPool.create(2)) {
      ScanNode scan = scan(snap);
      for (int i = 0; i < 20; i++) {
        assertEquals(ROWS, count(new GatherNode(scan), options(pool, 3), null), "run " + i);
      }
      assertTrue(pool.threadsStarted() <= 2, "threads started: " + pool.threadsStarted());
      assertTrue(pool.liveThreads() <= 2, "live threads: " + pool.liveThreads());
    }
  }

  @Test
  void aQueryFinishesWhileThePoolIsBusyOrClosed() throws Exception {
    try (Dataset ds = Datasets.open(dir, OpenOptions.defaults().withCreate(true)
        .withBlockRows(500)); Snapshot snap = data(ds)) {
      ScanNode scan = scan(snap);
      WorkerPool pool = WorkerPool.create(1);
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch started = new CountDownLatch(1);
      assertTrue(pool.execute(() -> {
        started.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
      started.await();
      // the only worker is taken: the consumer runs every copy itself
      assertEquals(ROWS, count(new GatherNode(scan), options(pool, 4), null));
      release.countDown();
      pool.close();
      assertTrue(pool.isClosed());
      assertEquals(0, pool.liveThreads(), "threads alive after close");
      assertEquals(ROWS, count(new GatherNode(scan), options(pool, 4), null));
    }
  }

  @Test
  void nestedParallelPipelinesOfSeveralQueriesOnAPoolOfTwo() throws Exception {
    try (Dataset ds = Datasets.open(dir, OpenOptions.defaults().withCreate(true)
        .withBlockRows(300)); Snapshot snap = data(ds); WorkerPool pool = WorkerPool.create(2)) {
      ScanNode scan = scan(snap);
      int threads = 3;
      // each copy of the outer pipeline counts every row through a parallel pipeline of its own
      ExecNode inner = new AggregateNode(new GatherNode(scan), new int[0], List.of(
          new AggregateNode.Call(AggregateNode.Kind.COUNT_STAR, -1, FieldType.of(FieldKind.INT64))));
      ExecNode nested = new GatherNode(inner);
      ExecutorService callers = Executors.newFixedThreadPool(3);
      try {
        List<Future<List<List<Object>>>> runs = new ArrayList<>();
        for (int q = 0; q < 6; q++) {
          runs.add(callers.submit(() -> {
            try (ExecContext ctx = new ExecContext(options(pool, threads), null)) {
              return OperatorHarness.run(nested, ctx);
            }
          }));
        }
        for (Future<List<List<Object>>> f : runs) {
          List<List<Object>> rows = f.get();
          assertEquals(threads, rows.size(), rows.toString());
          for (List<Object> r : rows) {
            assertEquals(List.of((long) ROWS), r);
          }
        }
      } finally {
        callers.shutdownNow();
      }
      assertTrue(pool.threadsStarted() <= 2, "threads started: " + pool.threadsStarted());
    }
  }

  @Test
  void cancelStopsAParallelQueryAndThePoolRunsTheNext() {
    try (Dataset ds = Datasets.open(dir, OpenOptions.defaults().withCreate(true)
        .withBlockRows(50)); Snapshot snap = data(ds); WorkerPool pool = WorkerPool.create(2)) {
      ScanNode scan = scan(snap);
      AtomicBoolean cancel = new AtomicBoolean();
      try (ExecContext ctx = new ExecContext(options(pool, 3), cancel);
          Operator op = new GatherNode(scan).open(ctx, new boolean[] {true})) {
        op.next();
        cancel.set(true);
        CurataException e = assertThrows(CurataException.class, () -> {
          while (op.next() != null) {
            continue;
          }
        });
        assertEquals(ErrorCode.CANCELLED, e.code());
      }
      // an early close without cancel stops the workers too
      try (ExecContext ctx = new ExecContext(options(pool, 3), null);
          Operator op = new GatherNode(scan).open(ctx, new boolean[] {true})) {
        op.next();
      }
      assertEquals(ROWS, count(new GatherNode(scan), options(pool, 3), null));
      assertTrue(pool.threadsStarted() <= 2, "threads started: " + pool.threadsStarted());
    }
  }
}
