package org.curata.adapter.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.OpenOptions;
import org.curata.storage.Snapshot;
import org.curata.storage.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The two-phase aggregate ({@link ParallelAggregate}: partial aggregates in the workers of a
 * parallel scan, merged) gives exactly the rows of the single-phase {@link AggregateNode} over
 * the same scan, for AVG, FILTER and DISTINCT calls, on seeded random data with NULLs (and groups
 * whose values are all NULL), empty input, all-equal keys and skew, with batch sizes 1, 3, 64 and
 * 4096, one to three threads, a shared pool smaller than the threads, and a budget that spills.
 */
final class TwoPhaseAggregateTest {
  @TempDir
  Path dir;

  /** The storage types of {@link #data}'s columns. */
  private static final List<FieldType> SIX = List.of(FieldType.of(FieldKind.INT32),
      FieldType.of(FieldKind.INT32), FieldType.of(FieldKind.INT64),
      FieldType.of(FieldKind.FLOAT64), FieldType.of(FieldKind.BOOL),
      FieldType.of(FieldKind.STRING));

  /** Columns: g INT32 (skewed, NULLs), e INT32 (all equal), x INT64, d FLOAT64, b BOOL, s. */
  private Snapshot data(Dataset ds, int rows, long seed) {
    Random rnd = new Random(seed);
    try (Transaction tx = ds.beginWrite("t")) {
      DataFrameAppender a = tx.createDataFrame("t", List.of(
          FieldSpec.of("g", FieldType.of(FieldKind.INT32)),
          FieldSpec.of("e", FieldType.of(FieldKind.INT32)),
          FieldSpec.of("x", FieldType.of(FieldKind.INT64)),
          FieldSpec.of("d", FieldType.of(FieldKind.FLOAT64)),
          FieldSpec.of("b", FieldType.of(FieldKind.BOOL)),
          FieldSpec.of("s", FieldType.of(FieldKind.STRING))), List.of(), List.of());
      for (int r = 0; r < rows; r++) {
        int g = rnd.nextInt(10) < 7 ? 1 : rnd.nextInt(40);
        if (rnd.nextInt(20) == 0) {
          a.field(0).appendNull();
        } else {
          a.field(0).appendLong(g);
        }
        a.field(1).appendLong(7);
        if (rnd.nextInt(3) == 0) {
          a.field(2).appendNull();
        } else {
          a.field(2).appendLong(rnd.nextInt(2_000_001) - 1_000_000L);
        }
        // quarters sum exactly in any order; groups 5 and 6 have no d at all
        if (g == 5 || g == 6 || rnd.nextInt(10) < 7) {
          a.field(3).appendNull();
        } else {
          a.field(3).appendDouble((rnd.nextInt(8001) - 4000) / 4.0);
        }
        if (rnd.nextInt(4) == 0) {
          a.field(4).appendNull();
        } else {
          a.field(4).appendLong(rnd.nextInt(2));
        }
        a.field(5).appendString("k" + rnd.nextInt(60));
      }
      tx.commit();
    }
    return ds.snapshot();
  }

  private static FieldType t(FieldKind k) {
    return FieldType.of(k);
  }

  /** Calls without DISTINCT: every kind, AVG over integers and doubles, FILTER on b. */
  private static List<AggregateNode.Call> mergeableCalls() {
    List<AggregateNode.Call> c = new ArrayList<>();
    c.add(new AggregateNode.Call(AggregateNode.Kind.COUNT_STAR, -1, t(FieldKind.INT64)));
    c.add(new AggregateNode.Call(AggregateNode.Kind.COUNT_STAR, -1, 4, t(FieldKind.INT64)));
    c.add(new AggregateNode.Call(AggregateNode.Kind.COUNT, 3, t(FieldKind.INT64)));
    c.add(new AggregateNode.Call(AggregateNode.Kind.SUM, 2, t(FieldKind.INT64)));
    c.add(new AggregateNode.Call(AggregateNode.Kind.SUM0, 2, 4, t(FieldKind.INT64)));
    c.add(new AggregateNode.Call(AggregateNode.Kind.SUM, 0, t(FieldKind.INT32)));
    c.add(new AggregateNode.Call(AggregateNode.Kind.SUM, 3, t(FieldKind.FLOAT64)));
    c.add(new AggregateNode.Call(AggregateNode.Kind.AVG, 2, t(FieldKind.FLOAT64)));
    c.add(new AggregateNode.Call(AggregateNode.Kind.AVG, 0, t(FieldKind.FLOAT64)));
    c.add(new AggregateNode.Call(AggregateNode.Kind.AVG, 3, t(FieldKind.FLOAT64)));
    c.add(new AggregateNode.Call(AggregateNode.Kind.AVG, 3, 4, t(FieldKind.FLOAT64)));
    c.add(new AggregateNode.Call(AggregateNode.Kind.AVG, 2, 4, t(FieldKind.FLOAT64)));
    c.add(new AggregateNode.Call(AggregateNode.Kind.MIN, 5, t(FieldKind.STRING)));
    c.add(new AggregateNode.Call(AggregateNode.Kind.MAX, 3, 4, t(FieldKind.FLOAT64)));
    c.add(new AggregateNode.Call(AggregateNode.Kind.MIN, 2, t(FieldKind.INT64)));
    return c;
  }

  /** Calls all DISTINCT over x. */
  private static List<AggregateNode.Call> distinctCalls() {
    return List.of(
        new AggregateNode.Call(AggregateNode.Kind.COUNT, 2, -1, true, t(FieldKind.INT64)),
        new AggregateNode.Call(AggregateNode.Kind.SUM, 2, -1, true, t(FieldKind.INT64)),
        new AggregateNode.Call(AggregateNode.Kind.AVG, 2, -1, true, t(FieldKind.FLOAT64)));
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>(rows);
    out.sort((p, q) -> p.toString().compareTo(q.toString()));
    return out;
  }

  @ParameterizedTest
  @CsvSource({"1, 1", "3, 2", "64, 2", "64, 3", "4096, 2", "4096, 3"})
  void twoPhasesGiveTheSinglePhaseRows(int batch, int threads) {
    long seed = new Random().nextLong();
    try (Dataset ds = Datasets.open(dir, OpenOptions.defaults().withCreate(true)
        .withBlockRows(997)); Snapshot snap = data(ds, 30_000, seed)) {
      TableSource src = new SnapshotSource(snap.dataFrames().get(0), snap.version().id());
      Predicate none = new Predicate.Compare(0, "g", CompareOp.LT,
          new Literal.OfLong(-1000, "-1000"));
      int[][] groupings = {{}, {0}, {1}, {0, 5}, {4}};
      for (Predicate p : new Predicate[] {Predicate.TRUE, none}) {
        ScanNode scan = new ScanNode(src, new int[] {0, 1, 2, 3, 4, 5}, p);
        for (int[] groups : groupings) {
          for (List<AggregateNode.Call> calls : List.of(mergeableCalls(), distinctCalls())) {
            assertTrue(ParallelAggregate.splits(calls, scan.columnTypes(), c -> false));
            List<List<Object>> expected = OperatorHarness.run(
                new AggregateNode(scan, groups, calls), new ExecContext(batch, null));
            ExecOptions o = ExecOptions.defaults().withBatchSize(batch).withThreads(threads);
            List<List<Object>> got;
            try (ExecContext ctx = new ExecContext(o, null)) {
              got = OperatorHarness.run(ParallelAggregate.of(scan, groups, calls), ctx);
            }
            String what = "groups " + java.util.Arrays.toString(groups) + ", " + p + ", calls "
                + calls + ", batch " + batch + ", threads " + threads + " (seed " + seed + ")";
            assertEquals(sorted(expected), sorted(got), what);
          }
        }
      }
    }
  }

  @Test
  void twoPhasesOnASmallSharedPoolAndATinyBudget() throws Exception {
    long seed = new Random().nextLong();
    Path spill = dir.resolve("spill");
    Files.createDirectories(spill);
    try (Dataset ds = Datasets.open(dir.resolve("ds"), OpenOptions.defaults().withCreate(true)
        .withBlockRows(1000)); Snapshot snap = data(ds, 40_000, seed);
        WorkerPool pool = WorkerPool.create(1)) {
      TableSource src = new SnapshotSource(snap.dataFrames().get(0), snap.version().id());
      ScanNode scan = new ScanNode(src, new int[] {0, 1, 2, 3, 4, 5}, Predicate.TRUE);
      int[] groups = {2};
      for (List<AggregateNode.Call> calls : List.of(mergeableCalls(), distinctCalls())) {
        List<List<Object>> expected = OperatorHarness.run(new AggregateNode(scan, groups, calls),
            new ExecContext(4096, null));
        ExecOptions o = ExecOptions.defaults().withBatchSize(128).withThreads(4)
            .withMemoryBytes(64 << 10).withSpillDirectory(spill).withWorkers(pool);
        List<List<Object>> got;
        try (ExecContext ctx = new ExecContext(o, null)) {
          got = OperatorHarness.run(ParallelAggregate.of(scan, groups, calls), ctx);
        }
        assertEquals(sorted(expected), sorted(got), calls + " (seed " + seed + ")");
        try (var left = Files.list(spill)) {
          assertFalse(left.findAny().isPresent(), "spill files left (seed " + seed + ")");
        }
      }
      assertTrue(pool.threadsStarted() <= 1, "threads started: " + pool.threadsStarted());
    }
  }

  @Test
  void mixedDistinctCallsDoNotSplit() {
    List<AggregateNode.Call> calls = List.of(
        new AggregateNode.Call(AggregateNode.Kind.COUNT, 2, -1, true, t(FieldKind.INT64)),
        new AggregateNode.Call(AggregateNode.Kind.COUNT_STAR, -1, t(FieldKind.INT64)));
    assertFalse(ParallelAggregate.splits(calls, SIX, c -> true));
    List<AggregateNode.Call> two = List.of(
        new AggregateNode.Call(AggregateNode.Kind.COUNT, 2, -1, true, t(FieldKind.INT64)),
        new AggregateNode.Call(AggregateNode.Kind.COUNT, 0, -1, true, t(FieldKind.INT64)));
    assertFalse(ParallelAggregate.splits(two, SIX, c -> true));
    List<AggregateNode.Call> filtered = List.of(
        new AggregateNode.Call(AggregateNode.Kind.COUNT, 2, 4, true, t(FieldKind.INT64)));
    assertFalse(ParallelAggregate.splits(filtered, SIX, c -> true));
    // DISTINCT over a string without codes: the merge would hash every partial's strings again
    List<AggregateNode.Call> strings = List.of(
        new AggregateNode.Call(AggregateNode.Kind.COUNT, 5, -1, true, t(FieldKind.INT64)));
    assertFalse(ParallelAggregate.splits(strings, SIX, c -> false));
    assertTrue(ParallelAggregate.splits(strings, SIX, c -> c == 5));
    assertTrue(ParallelAggregate.splits(distinctCalls(), SIX, c -> false));
    assertThrows(IllegalArgumentException.class, () -> ParallelAggregate.of(
        new RowsNode(List.of(t(FieldKind.INT64), t(FieldKind.INT32), t(FieldKind.INT64),
            t(FieldKind.FLOAT64), t(FieldKind.BOOL)), List.of()), new int[0], filtered));
  }
}
