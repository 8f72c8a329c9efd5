package org.curata.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.curata.adapter.exec.ExecOptions;
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
 * Aggregates over a scan large enough to run on several threads (partial aggregates per worker,
 * merged) give the answers of the same aggregates on one thread.
 */
final class ParallelAggregateTest {
  @TempDir
  Path tmp;

  private static final String[] QUERIES = {
      "select count(*), count(x), sum(x), min(x), max(x), sum(n), min(s), max(s) from t",
      "select count(*) from t where n > 500",
      "select n, count(*), sum(x), min(s), max(x) from t group by n",
      "select s, count(*), max(n) from t group by s",
      "select s, avg(n), count(distinct n) from t group by s",
      "select count(*), sum(n) from t where n < 0",
  };

  @Test
  void partialAggregatesMergeToTheSerialAnswers() throws Exception {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    try (Dataset ds = Datasets.open(tmp, OpenOptions.defaults().withCreate(true)
        .withBlockRows(4096))) {
      try (Transaction tx = ds.beginWrite("t")) {
        DataFrameAppender a = tx.createDataFrame("t", List.of(
            FieldSpec.of("n", FieldType.of(FieldKind.INT32)),
            FieldSpec.of("x", FieldType.of(FieldKind.INT64)),
            FieldSpec.of("s", FieldType.of(FieldKind.STRING))), List.of(), List.of());
        for (int i = 0; i < 200_000; i++) {
          a.field(0).appendLong(r.nextInt(1000));
          if (r.nextInt(3) == 0) {
            a.field(1).appendNull();
          } else {
            a.field(1).appendLong(r.nextInt(2_000_001) - 1_000_000);
          }
          a.field(2).appendString("k" + r.nextInt(300));
        }
        tx.commit();
      }
      ExecOptions serial = ExecOptions.defaults().withThreads(1);
      try (Sql one = new Sql(ds, serial);
          Sql two = new Sql(ds, serial.withThreads(2));
          Sql three = new Sql(ds, serial.withThreads(3).withBatchSize(64))) {
        String plan = String.join("\n", two.rows("explain plan for " + QUERIES[2]));
        assertEquals(1, plan.split("CurataAggregate", -1).length - 1, plan);
        for (String q : QUERIES) {
          List<String> expected = ParitySupport.sorted(one.rows(q));
          assertTrue(!expected.isEmpty(), q);
          assertEquals(expected, ParitySupport.sorted(two.rows(q)), q + " (seed " + seed + ")");
          assertEquals(expected, ParitySupport.sorted(three.rows(q)), q + " (seed " + seed + ")");
        }
      }
    }
  }
}
