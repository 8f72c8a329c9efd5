package org.curata.adapter.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.curata.storage.DataFrame;
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
import org.junit.jupiter.params.provider.ValueSource;

/** Row ids from a scan, shuffled, fetch back exactly the rows the scan read. */
final class FetchNodeTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4096})
  void fetchesTheRowsOfShuffledIds(int batchSize) {
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    int rows = 1000;
    try (Dataset ds = Datasets.open(dir, OpenOptions.defaults().withCreate(true).withBlockRows(7))) {
      List<FieldSpec> specs = List.of(FieldSpec.of("n", FieldType.of(FieldKind.INT32)),
          FieldSpec.of("x", FieldType.of(FieldKind.FLOAT64)),
          FieldSpec.of("s", FieldType.of(FieldKind.STRING)));
      try (Transaction tx = ds.beginWrite("t")) {
        DataFrameAppender a = tx.createDataFrame("t", specs, List.of(), List.of());
        for (int r = 0; r < rows; r++) {
          if (rnd.nextInt(4) == 0) {
            a.field(0).appendNull();
          } else {
            a.field(0).appendLong(rnd.nextInt());
          }
          if (rnd.nextInt(3) == 0) {
            a.field(1).appendNull();
          } else {
            a.field(1).appendDouble(rnd.nextGaussian());
          }
          if (rnd.nextInt(5) == 0) {
            a.field(2).appendNull();
          } else {
            a.field(2).appendString("v" + rnd.nextInt(100));
          }
        }
        tx.commit();
      }
      try (Snapshot snap = ds.snapshot()) {
        TableSource source = new SnapshotSource(snap.dataFrames().get(0), snap.version().id());
        ExecContext ctx = new ExecContext(batchSize, null);
        List<List<Object>> expected = OperatorHarness.run(
            new ScanNode(source, new int[] {ScanNode.ROW_ID, 0, 1, 2}, Predicate.TRUE), ctx);
        assertEquals(rows, expected.size());
        List<Object[]> ids = new ArrayList<>();
        for (List<Object> row : expected) {
          ids.add(new Object[] {row.get(0), "k" + row.get(0)});
        }
        Collections.shuffle(ids, rnd);
        List<FieldType> idTypes = List.of(FieldType.of(FieldKind.INT64),
            FieldType.of(FieldKind.STRING));
        List<Object[]> physical = new ArrayList<>();
        for (Object[] r : ids) {
          physical.add(new Object[] {r[0], ((String) r[1]).getBytes(
              java.nio.charset.StandardCharsets.UTF_8)});
        }
        FetchNode fetch = new FetchNode(new RowsNode(idTypes, physical), source, 0,
            new int[] {1, 0, -1, -1, -1}, new int[] {0, 0, 0, 1, 2});
        List<List<Object>> got = OperatorHarness.run(fetch, ctx);
        assertEquals(rows, got.size(), "seed " + seed);
        for (int i = 0; i < rows; i++) {
          List<Object> g = got.get(i);
          long id = (Long) g.get(1);
          List<Object> e = expected.get((int) id);
          assertEquals("k" + id, g.get(0), "seed " + seed);
          assertEquals(e.subList(1, 4), g.subList(2, 5), "row " + id + ", seed " + seed);
        }
      }
    }
  }

  @Test
  void rowIdOnlyScanNumbersEveryRow() {
    try (Dataset ds = Datasets.open(dir, OpenOptions.defaults().withCreate(true).withBlockRows(3))) {
      try (Transaction tx = ds.beginWrite("t")) {
        DataFrameAppender a = tx.createDataFrame("t",
            List.of(FieldSpec.of("n", FieldType.of(FieldKind.INT32))), List.of(), List.of());
        for (int r = 0; r < 10; r++) {
          a.field(0).appendLong(r * 10);
        }
        tx.commit();
      }
      try (Snapshot snap = ds.snapshot()) {
        TableSource source = new SnapshotSource(snap.dataFrames().get(0), snap.version().id());
        List<List<Object>> got = OperatorHarness.run(
            new ScanNode(source, new int[] {ScanNode.ROW_ID}, Predicate.TRUE),
            new ExecContext(4, null));
        List<List<Object>> expected = new ArrayList<>();
        for (long r = 0; r < 10; r++) {
          expected.add(List.of(r));
        }
        assertEquals(expected, got);
      }
    }
  }
}
