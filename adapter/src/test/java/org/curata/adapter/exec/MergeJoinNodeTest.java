package org.curata.adapter.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.curata.storage.CurataException;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The merge join over inputs sorted on their keys (NULLs first or last) against the same
 * nested-loop oracle as the hash join: every join type, one and two keys, integers of different
 * widths, timestamps with sub-millisecond differences, dates, NULL keys, empty sides, all-equal
 * keys and skew, batch sizes 1, 3 and 4096, a key group too big for a tiny budget (spilled), and
 * an input out of order (an error, not a wrong answer).
 */
final class MergeJoinNodeTest {
  @TempDir
  Path tmp;

  static Stream<Arguments> cases() {
    long base = System.nanoTime();
    List<Arguments> out = new ArrayList<>();
    int k = 0;
    for (JoinType type : JoinType.values()) {
      for (int batch : new int[] {1, 3, 4096}) {
        out.add(Arguments.of(type, batch, base + k++));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} batch={1} seed={2}")
  @MethodSource("cases")
  void sortedInputsMatchTheOracle(JoinType type, int batch, long seed) {
    Random rnd = new Random(seed);
    List<FieldType[]> pairs = List.of(
        new FieldType[] {FieldType.of(FieldKind.INT32), FieldType.of(FieldKind.INT64)},
        new FieldType[] {FieldType.of(FieldKind.UINT8), FieldType.of(FieldKind.INT16)},
        new FieldType[] {FieldType.of(FieldKind.TIMESTAMP), FieldType.of(FieldKind.TIMESTAMP)},
        new FieldType[] {FieldType.of(FieldKind.DATE), FieldType.of(FieldKind.DATE)});
    for (FieldType[] pair : pairs) {
      for (OperatorHarness.Shape shape : OperatorHarness.Shape.values()) {
        for (int sizes = 0; sizes < 3; sizes++) {
          List<FieldType> lt = List.of(pair[0], FieldType.of(FieldKind.STRING));
          List<FieldType> rt = List.of(FieldType.of(FieldKind.FLOAT64), pair[1]);
          List<Object[]> l = HashJoinNodeTest.rows(rnd, lt, sizes == 0 ? 0 : rnd.nextInt(120), 0,
              shape);
          List<Object[]> r = HashJoinNodeTest.rows(rnd, rt, sizes == 1 ? 0 : rnd.nextInt(120), 1,
              shape);
          boolean nullsFirst = rnd.nextBoolean();
          sort(l, new int[] {0}, nullsFirst);
          sort(r, new int[] {1}, !nullsFirst);
          check(type, lt, rt, l, r, new int[] {0}, new int[] {1}, batch, "seed " + seed + " "
              + pair[0] + "=" + pair[1] + " " + shape);
        }
      }
    }
    // two keys, sorted lexicographically
    List<FieldType> lt = List.of(FieldType.of(FieldKind.INT16), FieldType.of(FieldKind.INT64));
    List<FieldType> rt = List.of(FieldType.of(FieldKind.INT32), FieldType.of(FieldKind.INT8));
    for (OperatorHarness.Shape shape : OperatorHarness.Shape.values()) {
      List<Object[]> l = HashJoinNodeTest.rows(rnd, lt, rnd.nextInt(150), -1, shape);
      List<Object[]> r = HashJoinNodeTest.rows(rnd, rt, rnd.nextInt(150), -1, shape);
      sort(l, new int[] {1, 0}, true);
      sort(r, new int[] {0, 1}, false);
      check(type, lt, rt, l, r, new int[] {1, 0}, new int[] {0, 1}, batch, "seed " + seed
          + " two keys " + shape);
    }
  }

  @Test
  void aKeyGroupBeyondTheBudgetSpillsAndIsCleanedUp() {
    List<FieldType> lt = List.of(FieldType.of(FieldKind.INT64), FieldType.of(FieldKind.INT64));
    List<FieldType> rt = List.of(FieldType.of(FieldKind.INT64), FieldType.of(FieldKind.STRING));
    List<Object[]> l = new ArrayList<>();
    List<Object[]> r = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      l.add(new Object[] {(long) (i < 30 ? 3 : 4 + i), (long) i});
    }
    for (int i = 0; i < 3000; i++) {
      r.add(new Object[] {(long) (i < 2500 ? 3 : i), ("r" + i).getBytes(StandardCharsets.UTF_8)});
    }
    for (JoinType type : JoinType.values()) {
      ExecContext ctx = new ExecContext(ExecOptions.defaults().withBatchSize(50)
          .withMemoryBytes(8 << 10).withSpillDirectory(tmp), null);
      MergeJoinNode join = new MergeJoinNode(new RowsNode(lt, l), new RowsNode(rt, r),
          new int[] {0}, new int[] {0}, type);
      List<List<Object>> got = OperatorHarness.run(join, ctx);
      assertEquals(0, ctx.memory().used(), type.toString());
      Path dir = ctx.spill().directory();
      if (type.projectsRight()) {
        assertNotNull(dir, type + ": expected the key group to spill");
      }
      ctx.close();
      assertTrue(dir == null || !Files.exists(dir), type.toString());
      assertEquals(HashJoinNodeTest.sorted(HashJoinNodeTest.oracle(type, lt, rt, l, r,
          new int[] {0}, new int[] {0})), HashJoinNodeTest.sorted(got), type.toString());
    }
  }

  @Test
  void anInputOutOfOrderIsAnError() {
    List<FieldType> t = List.of(FieldType.of(FieldKind.INT32));
    List<Object[]> sorted = List.of(new Object[] {1L}, new Object[] {2L}, new Object[] {3L});
    List<Object[]> unsorted = List.of(new Object[] {1L}, new Object[] {3L}, new Object[] {2L});
    MergeJoinNode join = new MergeJoinNode(new RowsNode(t, sorted), new RowsNode(t, unsorted),
        new int[] {0}, new int[] {0}, JoinType.INNER);
    CurataException e = assertThrows(CurataException.class,
        () -> OperatorHarness.run(join, new ExecContext(2, null)));
    assertTrue(e.getMessage().contains("not sorted"), e.getMessage());
  }

  @Test
  void refusesKeysWhoseStoredOrderIsNotTheirSqlOrder() {
    assertFalse(MergeJoinNode.mergeable(FieldType.of(FieldKind.STRING),
        FieldType.of(FieldKind.STRING)));
    assertFalse(MergeJoinNode.mergeable(FieldType.of(FieldKind.FLOAT64),
        FieldType.of(FieldKind.FLOAT64)));
    assertTrue(MergeJoinNode.mergeable(FieldType.of(FieldKind.UINT32),
        FieldType.of(FieldKind.INT8)));
  }

  private static void check(JoinType type, List<FieldType> lt, List<FieldType> rt,
      List<Object[]> l, List<Object[]> r, int[] lk, int[] rk, int batch, String what) {
    MergeJoinNode join = new MergeJoinNode(new RowsNode(lt, l), new RowsNode(rt, r), lk, rk,
        type);
    List<List<Object>> got;
    try (ExecContext ctx = new ExecContext(batch, null)) {
      got = OperatorHarness.run(join, ctx);
    }
    assertEquals(HashJoinNodeTest.sorted(HashJoinNodeTest.oracle(type, lt, rt, l, r, lk, rk)),
        HashJoinNodeTest.sorted(got), what + " " + type + " batch " + batch);
  }

  /** Sorts rows ascending on the key columns (physical longs), NULLs first or last. */
  private static void sort(List<Object[]> rows, int[] keys, boolean nullsFirst) {
    Comparator<Object[]> c = (a, b) -> 0;
    for (int k : keys) {
      Comparator<Long> values = nullsFirst ? Comparator.nullsFirst(Comparator.naturalOrder())
          : Comparator.nullsLast(Comparator.naturalOrder());
      c = c.thenComparing(row -> (Long) row[k], values);
    }
    rows.sort(c);
  }
}
