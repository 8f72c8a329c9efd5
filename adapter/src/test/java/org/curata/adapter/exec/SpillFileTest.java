package org.curata.adapter.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spill files give back exactly the rows written, and the spill space deletes them. */
final class SpillFileTest {
  @TempDir
  Path tmp;

  @Test
  void roundTripsEveryRepresentationAndDeletesOnClose() {
    List<FieldType> types = List.of(OperatorHarness.type(FieldKind.INT64),
        OperatorHarness.type(FieldKind.FLOAT64), OperatorHarness.type(FieldKind.STRING));
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    List<Object[]> rows = OperatorHarness.randomRows(rnd, types, 5000, 0.2,
        OperatorHarness.Shape.UNIFORM);
    byte[] big = new byte[3 << 20];
    big[7] = 'x';
    rows.get(17)[2] = big;
    ExecContext ctx = new ExecContext(ExecOptions.defaults().withBatchSize(7)
        .withSpillDirectory(tmp), null);
    RowsNode in = new RowsNode(types, rows);
    SpillFile file;
    try (SpillFile.Writer w = SpillFile.create(ctx, "test", types);
        Operator op = in.open(ctx, new boolean[] {true, true, true})) {
      Batch b;
      while ((b = op.next()) != null) {
        w.write(b);
      }
      file = w.finish();
    }
    assertEquals(5000, file.rows());
    List<List<Object>> expected = OperatorHarness.run(in, ctx);
    List<List<Object>> back = new ArrayList<>();
    try (Operator op = file.open(ctx, 13)) {
      Batch b;
      while ((b = op.next()) != null) {
        for (int i = 0; i < b.selected; i++) {
          List<Object> row = new ArrayList<>();
          for (ColumnVector v : b.columns) {
            row.add(OperatorHarness.value(v, b.selection[i]));
          }
          back.add(row);
        }
      }
    }
    assertEquals(expected, back, "seed " + seed);
    Path dir = ctx.spill().directory();
    assertNotNull(dir);
    assertTrue(Files.exists(file.path()));
    ctx.close();
    assertFalse(Files.exists(dir));
  }

  @Test
  void budgetRefusesBeyondItsLimitAndTracksThePeak() {
    MemoryBudget m = new MemoryBudget(100);
    assertTrue(m.tryReserve(60));
    assertFalse(m.tryReserve(41));
    assertTrue(m.tryReserve(40));
    m.release(100);
    assertEquals(0, m.used());
    assertEquals(100, m.peak());
  }
}
