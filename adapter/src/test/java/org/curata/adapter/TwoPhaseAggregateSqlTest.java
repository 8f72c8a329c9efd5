package org.curata.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.curata.adapter.exec.ExecOptions;
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
 * AVG, FILTER and DISTINCT aggregates over a scan large enough to run in parallel split into a
 * partial aggregate per worker and a merge (EXPLAIN shows {@code phases=[partial+merge]}), and
 * give the answers of one thread and of plain Calcite; the schema's worker pool is reused across
 * statements and its threads end when the connection closes.
 */
final class TwoPhaseAggregateSqlTest {
  @TempDir
  Path tmp;

  private static final List<FieldSpec> SPECS = List.of(
      FieldSpec.of("g", FieldType.of(FieldKind.INT32)),
      FieldSpec.of("x", FieldType.of(FieldKind.INT64)),
      FieldSpec.of("d", FieldType.of(FieldKind.FLOAT64)),
      FieldSpec.of("b", FieldType.of(FieldKind.BOOL)),
      FieldSpec.of("s", FieldType.of(FieldKind.STRING)));

  private static final String[] SPLIT = {
      "select g, count(*), avg(d), avg(cast(x as double)) from t group by g",
      "select avg(d), count(d), sum(x) from t",
      "select avg(d), count(*) from t where g < -5",
      "select s, count(*) filter (where b), sum(x) filter (where b), avg(d) filter (where b),"
          + " max(d) filter (where not b) from t group by s",
      "select g, count(*) filter (where x > 0), avg(d) filter (where x is not null) from t"
          + " group by g",
      "select s, count(distinct g) from t group by s",
      "select count(distinct x), sum(distinct x) from t",
      // DISTINCT over a string read with dictionary codes: the partials pass their codes on
      "select count(distinct s) from t",
  };

  private static final String[] NOT_SPLIT = {
      "select s, count(distinct g), sum(x) from t group by s",
      // grouped, the partial's keys are (g, s): its string keys carry no codes to the merge
      "select g, count(distinct s) from t group by g",
  };

  @Test
  void splitAggregatesAgreeWithOneThreadAndPlainCalcite() throws Exception {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    List<Object[]> plainRows = new ArrayList<>();
    try (Dataset ds = Datasets.open(tmp, OpenOptions.defaults().withCreate(true)
        .withBlockRows(4096))) {
      try (Transaction tx = ds.beginWrite("t")) {
        DataFrameAppender a = tx.createDataFrame("t", SPECS, List.of(), List.of());
        for (int i = 0; i < 150_000; i++) {
          int gv = r.nextInt(10) < 7 ? 1 : r.nextInt(30);
          Integer g = r.nextInt(20) == 0 ? null : gv;
          Long x = r.nextInt(3) == 0 ? null : (long) (r.nextInt(2_000_001) - 1_000_000);
          // quarters sum exactly in any order; groups 5 and 6 have no d at all
          Double d = gv == 5 || gv == 6 || r.nextInt(10) < 7 ? null
              : (r.nextInt(8001) - 4000) / 4.0;
          Boolean b = r.nextInt(4) == 0 ? null : r.nextBoolean();
          String s = "k" + r.nextInt(40);
          ParitySupport.put(a, 0, g == null ? null : (long) g);
          ParitySupport.put(a, 1, x);
          ParitySupport.putDouble(a, 2, d);
          ParitySupport.put(a, 3, b == null ? null : b ? 1L : 0L);
          ParitySupport.putString(a, 4, s);
          plainRows.add(new Object[] {g, x, d, b, s});
        }
        tx.commit();
      }
      ExecOptions serial = ExecOptions.defaults().withThreads(1);
      WorkerPool pool;
      try (Sql one = new Sql(ds, serial);
          Sql two = new Sql(ds, serial.withThreads(2));
          Sql three = new Sql(ds, serial.withThreads(3).withBatchSize(64));
          Connection plain = ParitySupport.plainCalcite(
              Map.of("t", new ParitySupport.ArrayTable(SPECS, plainRows)))) {
        for (String q : SPLIT) {
          String plan = two.explain(q);
          assertTrue(plan.contains("phases=[partial+merge]"), q + "\n" + plan);
        }
        for (String q : NOT_SPLIT) {
          String plan = two.explain(q);
          assertTrue(plan.contains("CurataAggregate"), q + "\n" + plan);
          assertFalse(plan.contains("phases="), q + "\n" + plan);
        }
        pool = two.schema.execOptions().workers();
        assertNotNull(pool, "a schema with 2 threads makes a pool");
        List<String> all = new ArrayList<>(List.of(SPLIT));
        all.addAll(List.of(NOT_SPLIT));
        for (int round = 0; round < 2; round++) {
          for (String q : all) {
            List<String> expected = ParitySupport.sorted(ParitySupport.rows(plain, q));
            String what = q + " (seed " + seed + ")";
            assertEquals(expected, ParitySupport.sorted(one.rows(q)), what + " on one thread");
            assertEquals(expected, ParitySupport.sorted(two.rows(q)), what + " on two threads");
            assertEquals(expected, ParitySupport.sorted(three.rows(q)),
                what + " on three threads");
          }
        }
        assertTrue(pool.threadsStarted() <= 2,
            "statements reuse the pool's threads: " + pool.threadsStarted() + " started");
        assertFalse(pool.isClosed());
      }
      assertTrue(pool.isClosed(), "closing the connection's schema closes its pool");
      assertEquals(0, pool.liveThreads(), "pool threads alive after close");
    }
  }
}
