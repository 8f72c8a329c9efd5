package org.curata.adapter.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.curata.storage.CurataException;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.OpenOptions;
import org.curata.storage.Snapshot;
import org.curata.storage.Transaction;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A scan pipeline gathered from several workers yields exactly the rows of the same pipeline run
 * on one thread (in some order), and stops cleanly on cancel and on an early close.
 */
final class GatherNodeTest {
  @TempDir
  Path dir;

  private Snapshot data(Dataset ds, int rows, long seed) {
    Random rnd = new Random(seed);
    try (Transaction tx = ds.beginWrite("t")) {
      DataFrameAppender a = tx.createDataFrame("t",
          List.of(FieldSpec.of("n", FieldType.of(FieldKind.INT32)),
              FieldSpec.of("s", FieldType.of(FieldKind.STRING))), List.of(), List.of());
      for (int r = 0; r < rows; r++) {
        if (rnd.nextInt(5) == 0) {
          a.field(0).appendNull();
        } else {
          a.field(0).appendLong(rnd.nextInt(100));
        }
        a.field(1).appendString("r" + r);
      }
      tx.commit();
    }
    return ds.snapshot();
  }

  private static ExecContext ctx(int batch, int threads, AtomicBoolean cancel) {
    return new ExecContext(ExecOptions.defaults().withBatchSize(batch).withThreads(threads), cancel);
  }

  @ParameterizedTest
  @CsvSource({"64, 2, 7", "100, 2, 7", "4096, 2, 7", "64, 4, 3", "4096, 3, 65536",
      "64, 2, 1000000"})
  void gatheredRowsAreTheSerialRows(int batch, int threads, int blockRows) {
    long seed = new Random().nextLong();
    try (Dataset ds = Datasets.open(dir, OpenOptions.defaults().withCreate(true)
        .withBlockRows(blockRows)); Snapshot snap = data(ds, 5000, seed)) {
      TableSource src = new SnapshotSource(snap.dataFrames().get(0), snap.version().id());
      Predicate p = new Predicate.Compare(0, "n", CompareOp.GE, new Literal.OfLong(40, "40"));
      ScanNode scan = new ScanNode(src, new int[] {1, 0}, p);
      List<List<Object>> serial = OperatorHarness.run(scan, ctx(batch, 1, null));
      List<List<Object>> parallel = OperatorHarness.run(new GatherNode(scan),
          ctx(batch, threads, null));
      Comparator<List<Object>> bySecond = Comparator.comparing(r -> (String) r.get(0));
      serial.sort(bySecond);
      parallel = new ArrayList<>(parallel);
      parallel.sort(bySecond);
      assertEquals(serial, parallel, "seed " + seed);
    }
  }

  @ParameterizedTest
  @CsvSource({"2", "4"})
  void cancelAndEarlyCloseStopTheWorkers(int threads) {
    try (Dataset ds = Datasets.open(dir, OpenOptions.defaults().withCreate(true).withBlockRows(5));
        Snapshot snap = data(ds, 2000, 1)) {
      TableSource src = new SnapshotSource(snap.dataFrames().get(0), snap.version().id());
      ScanNode scan = new ScanNode(src, new int[] {0}, Predicate.TRUE);
      AtomicBoolean cancel = new AtomicBoolean();
      try (Operator op = new GatherNode(scan).open(ctx(64, threads, cancel),
          new boolean[] {true})) {
        op.next();
        cancel.set(true);
        assertThrows(CurataException.class, () -> {
          while (op.next() != null) {
            continue;
          }
        });
      }
      try (Operator op = new GatherNode(scan).open(ctx(64, threads, null), new boolean[] {true})) {
        op.next();
        op.next();
      }
    }
  }
}
