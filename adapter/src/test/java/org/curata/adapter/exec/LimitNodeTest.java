package org.curata.adapter.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LimitNode against the oracle {@code rows.subList(offset, offset + fetch)}, at batch sizes 1, 3
 * and 4096, over a filtered input (sparse selections), and checks that it stops pulling its
 * input and closes it once the fetch is reached.
 */
final class LimitNodeTest {
  private static final List<FieldType> TYPES = List.of(OperatorHarness.type(FieldKind.INT64),
      OperatorHarness.type(FieldKind.STRING), OperatorHarness.type(FieldKind.FLOAT64));

  /** An input that counts the batches pulled from it and whether it was closed. */
  private static final class Counting implements ExecNode {
    private final ExecNode input;
    int pulled;
    boolean closed;

    Counting(ExecNode input) {
      this.input = input;
    }

    @Override
    public List<FieldType> columnTypes() {
      return input.columnTypes();
    }

    @Override
    public Operator open(ExecContext ctx, boolean[] needed) {
      Operator in = input.open(ctx, needed);
      return new Operator() {
        @Override
        public Batch next() {
          if (closed) {
            throw new AssertionError("pulled after close");
          }
          Batch b = in.next();
          if (b != null) {
            pulled++;
          }
          return b;
        }

        @Override
        public void close() {
          closed = true;
          in.close();
        }
      };
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4096})
  void offsetAndFetchAgreeWithTheOracle(int batchSize) {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    for (OperatorHarness.Shape shape : OperatorHarness.Shape.values()) {
      int n = r.nextInt(batchSize == 1 ? 300 : 20_000);
      List<Object[]> rows = OperatorHarness.randomRows(r, TYPES, n, 0.2, shape);
      boolean filtered = r.nextBoolean();
      ExecNode input = new RowsNode(TYPES, rows);
      List<List<Object>> all;
      try (ExecContext ctx = new ExecContext(batchSize, null)) {
        if (filtered) {
          input = new FilterNode(input, new Predicate.Compare(0, "c0", CompareOp.GT, new Literal.OfLong(0L, "0")));
        }
        all = OperatorHarness.run(input, ctx);
      }
      long[] offsets = {0, 1, 2, n / 3, n - 1L, n, n + 5L};
      long[] fetches = {-1, 0, 1, 3, 4097, n, Long.MAX_VALUE};
      for (long offset : offsets) {
        for (long fetch : fetches) {
          if (offset < 0) {
            continue;
          }
          int from = (int) Math.min(offset, all.size());
          int to = fetch < 0 || fetch >= all.size() ? all.size()
              : (int) Math.min(all.size(), from + fetch);
          try (ExecContext ctx = new ExecContext(batchSize, null)) {
            assertEquals(all.subList(from, to),
                OperatorHarness.run(new LimitNode(input, offset, fetch), ctx),
                "seed " + seed + ", " + shape + ", filtered " + filtered + ", offset " + offset
                    + ", fetch " + fetch + ", batch " + batchSize);
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4096})
  void stopsPullingOnceTheFetchIsReached(int batchSize) {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    List<Object[]> rows = OperatorHarness.randomRows(r, TYPES, 50_000, 0.1,
        OperatorHarness.Shape.UNIFORM);
    int fetch = 1 + r.nextInt(10);
    Counting input = new Counting(new RowsNode(TYPES, rows));
    boolean[] needed = new boolean[TYPES.size()];
    Arrays.fill(needed, true);
    try (ExecContext ctx = new ExecContext(batchSize, null);
        Operator op = new LimitNode(input, 5, fetch).open(ctx, needed)) {
      List<Long> got = new ArrayList<>();
      for (Batch b = op.next(); b != null; b = op.next()) {
        for (int i = 0; i < b.selected; i++) {
          ColumnVector v = b.columns[0];
          int p = b.selection[i];
          got.add(v.nulls[p] ? null : v.longs[p]);
        }
      }
      assertNull(op.next(), "seed " + seed);
      assertEquals(fetch, got.size(), "seed " + seed);
      for (int i = 0; i < fetch; i++) {
        assertEquals(rows.get(5 + i)[0], got.get(i), "seed " + seed + ", row " + i);
      }
      assertTrue(input.closed, "seed " + seed + ": input not closed once the fetch was reached");
      int batches = (5 + fetch + batchSize - 1) / batchSize;
      assertEquals(batches, input.pulled, "seed " + seed + ": batches pulled");
    }
  }
}
