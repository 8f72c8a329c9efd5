package org.curata.adapter.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.curata.storage.CategoricalKey;
import org.curata.storage.CurataException;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hash join (and the merge join where inputs are sorted) against a nested-loop oracle written
 * from SQL's definition of each join type: every join type, either build side, one and two keys,
 * every key family (integers of different widths, floats with -0.0 and NaN, timestamps with
 * sub-millisecond differences, dates, booleans, strings against fixed strings, categoricals
 * against strings and against categoricals with another key), NULL keys, empty sides, all-equal
 * keys, skew, batch sizes 1, 3 and 4096, and a tiny budget that forces grace partitions, their
 * recursion and chunked skewed partitions.
 */
final class HashJoinNodeTest {
  private static final CategoricalKey KEY_A = new CategoricalKey(FieldKind.INT8,
      Map.of(0L, "a", 1L, "b", 2L, "c", 3L, "s1"));
  private static final CategoricalKey KEY_B = new CategoricalKey(FieldKind.INT16,
      Map.of(5L, "c", 6L, "a", 7L, "zz", 8L, "s2", 900L, "b"));

  @TempDir
  Path tmp;

  /** A pair of key types. */
  private record KeyPair(String name, FieldType left, FieldType right) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final List<KeyPair> PAIRS = List.of(
      new KeyPair("int32=int64", FieldType.of(FieldKind.INT32), FieldType.of(FieldKind.INT64)),
      new KeyPair("uint8=int16", FieldType.of(FieldKind.UINT8), FieldType.of(FieldKind.INT16)),
      new KeyPair("float64=float32", FieldType.of(FieldKind.FLOAT64),
          FieldType.of(FieldKind.FLOAT32)),
      new KeyPair("string=fixed", FieldType.of(FieldKind.STRING), FieldType.fixedString(6)),
      new KeyPair("timestamp", FieldType.of(FieldKind.TIMESTAMP),
          FieldType.of(FieldKind.TIMESTAMP)),
      new KeyPair("date", FieldType.of(FieldKind.DATE), FieldType.of(FieldKind.DATE)),
      new KeyPair("bool", FieldType.of(FieldKind.BOOL), FieldType.of(FieldKind.BOOL)),
      new KeyPair("cat=string", FieldType.categorical(KEY_A), FieldType.of(FieldKind.STRING)),
      new KeyPair("string=cat", FieldType.of(FieldKind.STRING), FieldType.categorical(KEY_B)),
      new KeyPair("cat=cat", FieldType.categorical(KEY_A), FieldType.categorical(KEY_B)));

  private static final OperatorHarness.Shape[] SHAPES = OperatorHarness.Shape.values();

  static Stream<Arguments> cases() {
    long base = System.nanoTime();
    List<Arguments> out = new ArrayList<>();
    int k = 0;
    for (JoinType type : JoinType.values()) {
      for (KeyPair pair : PAIRS) {
        for (int batch : new int[] {1, 3, 4096}) {
          out.add(Arguments.of(type, pair, batch, base + k++));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} batch={2} seed={3}")
  @MethodSource("cases")
  void singleKeyMatchesTheOracle(JoinType type, KeyPair pair, int batch, long seed) {
    Random rnd = new Random(seed);
    for (OperatorHarness.Shape shape : SHAPES) {
      for (int sizes = 0; sizes < 3; sizes++) {
        int nl = sizes == 0 ? 0 : rnd.nextInt(120);
        int nr = sizes == 1 ? 0 : rnd.nextInt(120);
        List<FieldType> lt = List.of(pair.left(), FieldType.of(FieldKind.INT32));
        List<FieldType> rt = List.of(FieldType.of(FieldKind.STRING), pair.right());
        List<Object[]> l = rows(rnd, lt, nl, 0, shape);
        List<Object[]> r = rows(rnd, rt, nr, 1, shape);
        for (boolean buildLeft : new boolean[] {false, true}) {
          check(type, lt, rt, l, r, new int[] {0}, new int[] {1}, buildLeft,
              ExecOptions.defaults().withBatchSize(batch), "seed " + seed + " " + shape + " "
                  + pair + " buildLeft=" + buildLeft);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("types")
  void twoKeysMatchTheOracle(JoinType type, long seed) {
    Random rnd = new Random(seed);
    List<FieldType> lt = List.of(FieldType.of(FieldKind.INT16), FieldType.categorical(KEY_A),
        FieldType.of(FieldKind.FLOAT64));
    List<FieldType> rt = List.of(FieldType.of(FieldKind.STRING), FieldType.of(FieldKind.INT64),
        FieldType.of(FieldKind.DATE));
    for (OperatorHarness.Shape shape : SHAPES) {
      for (int batch : new int[] {1, 3, 4096}) {
        List<Object[]> l = rows(rnd, lt, rnd.nextInt(150), -1, shape);
        List<Object[]> r = rows(rnd, rt, rnd.nextInt(150), -1, shape);
        for (boolean buildLeft : new boolean[] {false, true}) {
          check(type, lt, rt, l, r, new int[] {0, 1}, new int[] {1, 0}, buildLeft,
              ExecOptions.defaults().withBatchSize(batch), "seed " + seed + " " + shape
                  + " batch " + batch + " buildLeft=" + buildLeft);
        }
      }
    }
  }

  static Stream<Arguments> types() {
    long base = System.nanoTime();
    return Arrays.stream(JoinType.values()).map(t -> Arguments.of(t, base + t.ordinal()));
  }

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("types")
  void tinyBudgetSpillsPartitionsRecursesAndCleansUp(JoinType type, long seed) {
    Random rnd = new Random(seed);
    List<FieldType> lt = List.of(FieldType.of(FieldKind.INT64), FieldType.of(FieldKind.STRING));
    List<FieldType> rt = List.of(FieldType.of(FieldKind.INT32), FieldType.of(FieldKind.FLOAT64));
    // uniform keys: grace partitions, recursing where a partition is still too big
    List<Object[]> l = new ArrayList<>();
    List<Object[]> r = new ArrayList<>();
    for (int i = 0; i < 6000; i++) {
      l.add(new Object[] {rnd.nextInt(10) == 0 ? null : (long) rnd.nextInt(8000),
          ("v" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)});
    }
    for (int i = 0; i < 7000; i++) {
      r.add(new Object[] {rnd.nextInt(10) == 0 ? null : (long) rnd.nextInt(8000), i / 3.0});
    }
    for (boolean buildLeft : new boolean[] {false, true}) {
      for (long budget : new long[] {64 << 10, 8 << 10}) {
        spilling(type, lt, rt, l, r, buildLeft, budget, "uniform seed " + seed + " budget "
            + budget + " buildLeft=" + buildLeft);
      }
    }
    // skew: one key holds most rows on both sides, so its partition never shrinks
    List<Object[]> sl = new ArrayList<>();
    List<Object[]> sr = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      long key = rnd.nextInt(10) < 8 ? 42 : rnd.nextInt(300);
      sl.add(new Object[] {rnd.nextInt(20) == 0 ? null : key,
          ("w" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)});
    }
    for (int i = 0; i < 300; i++) {
      long key = rnd.nextInt(10) < 3 ? 42 : rnd.nextInt(300);
      sr.add(new Object[] {rnd.nextInt(20) == 0 ? null : key, (double) i});
    }
    for (boolean buildLeft : new boolean[] {false, true}) {
      spilling(type, lt, rt, sl, sr, buildLeft, 8 << 10, "skewed seed " + seed + " buildLeft="
          + buildLeft);
    }
  }

  private void spilling(JoinType type, List<FieldType> lt, List<FieldType> rt, List<Object[]> l,
      List<Object[]> r, boolean buildLeft, long budget, String what) {
    ExecOptions options = ExecOptions.defaults().withBatchSize(100).withMemoryBytes(budget)
        .withSpillDirectory(tmp);
    ExecContext ctx = new ExecContext(options, null);
    HashJoinNode join = new HashJoinNode(new RowsNode(lt, l), new RowsNode(rt, r),
        new int[] {0}, new int[] {0}, type, buildLeft);
    List<List<Object>> got = OperatorHarness.run(join, ctx);
    Path dir = ctx.spill().directory();
    assertNotNull(dir, what + ": expected the join to spill");
    assertEquals(0, ctx.memory().used(), what + ": memory still reserved");
    ctx.close();
    assertFalse(Files.exists(dir), what + ": spill directory left behind");
    assertEquals(sorted(oracle(type, lt, rt, l, r, new int[] {0}, new int[] {0})), sorted(got),
        what);
  }

  @Test
  void allEqualKeysBlowUpAcrossManyBatches() {
    List<FieldType> t = List.of(FieldType.of(FieldKind.INT32), FieldType.of(FieldKind.INT32));
    List<Object[]> l = new ArrayList<>();
    List<Object[]> r = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      l.add(new Object[] {5L, (long) i});
      r.add(new Object[] {5L, (long) -i});
    }
    for (int batch : new int[] {1, 3, 4096}) {
      for (boolean buildLeft : new boolean[] {false, true}) {
        List<List<Object>> got = OperatorHarness.run(new HashJoinNode(new RowsNode(t, l),
            new RowsNode(t, r), new int[] {0}, new int[] {0}, JoinType.INNER, buildLeft),
            new ExecContext(batch, null));
        assertEquals(90_000, got.size(), "batch " + batch);
        assertEquals(sorted(oracle(JoinType.INNER, t, t, l, r, new int[] {0}, new int[] {0})),
            sorted(got), "batch " + batch + " buildLeft=" + buildLeft);
      }
    }
  }

  @Test
  void cancelStopsTheJoinAndTheSpillIsRemoved() {
    List<FieldType> t = List.of(FieldType.of(FieldKind.INT64), FieldType.of(FieldKind.INT64));
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      rows.add(new Object[] {(long) (i % 50), (long) i});
    }
    AtomicBoolean cancel = new AtomicBoolean();
    ExecContext ctx = new ExecContext(ExecOptions.defaults().withBatchSize(64)
        .withMemoryBytes(16 << 10).withSpillDirectory(tmp), cancel);
    HashJoinNode join = new HashJoinNode(new RowsNode(t, rows), new RowsNode(t, rows),
        new int[] {0}, new int[] {0}, JoinType.INNER, false);
    Operator op = join.open(ctx, new boolean[] {true, true, true, true});
    assertNotNull(op.next());
    cancel.set(true);
    CurataException e = assertThrows(CurataException.class, () -> {
      while (op.next() != null) {
        continue;
      }
    });
    assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
    op.close();
    Path dir = ctx.spill().directory();
    assertNotNull(dir);
    ctx.close();
    assertFalse(Files.exists(dir));
    assertEquals(0, ctx.memory().used());
  }

  @Test
  void refusesKeysOfTypesSqlDoesNotCompare() {
    assertFalse(JoinKeys.comparable(FieldType.of(FieldKind.INT32), FieldType.of(FieldKind.FLOAT64)));
    assertFalse(JoinKeys.comparable(FieldType.of(FieldKind.DATE),
        FieldType.of(FieldKind.TIMESTAMP)));
    assertFalse(JoinKeys.comparable(FieldType.of(FieldKind.STRING), FieldType.of(FieldKind.INT8)));
    assertTrue(JoinKeys.comparable(FieldType.categorical(KEY_A), FieldType.fixedString(3)));
  }

  private static void check(JoinType type, List<FieldType> lt, List<FieldType> rt,
      List<Object[]> l, List<Object[]> r, int[] lk, int[] rk, boolean buildLeft,
      ExecOptions options, String what) {
    HashJoinNode join = new HashJoinNode(new RowsNode(lt, l), new RowsNode(rt, r), lk, rk, type,
        buildLeft);
    List<List<Object>> got;
    try (ExecContext ctx = new ExecContext(options, null)) {
      got = OperatorHarness.run(join, ctx);
    }
    assertEquals(sorted(oracle(type, lt, rt, l, r, lk, rk)), sorted(got), what + " " + type);
  }

  /** The join by its definition: every pair of rows whose keys are all non-NULL and equal. */
  static List<List<Object>> oracle(JoinType type, List<FieldType> lt, List<FieldType> rt,
      List<Object[]> l, List<Object[]> r, int[] lk, int[] rk) {
    List<List<Object>> out = new ArrayList<>();
    boolean[] rightMatched = new boolean[r.size()];
    for (Object[] a : l) {
      boolean any = false;
      for (int j = 0; j < r.size(); j++) {
        Object[] b = r.get(j);
        if (!keysEqual(lt, rt, a, b, lk, rk)) {
          continue;
        }
        any = true;
        rightMatched[j] = true;
        if (type.projectsRight()) {
          out.add(concat(lt, a, rt, b));
        }
      }
      if ((type == JoinType.SEMI && any) || (type == JoinType.ANTI && !any)
          || ((type == JoinType.LEFT || type == JoinType.FULL) && !any)) {
        out.add(concat(lt, a, type.projectsRight() ? rt : List.of(), null));
      }
    }
    if (type == JoinType.RIGHT || type == JoinType.FULL) {
      for (int j = 0; j < r.size(); j++) {
        if (!rightMatched[j]) {
          out.add(concat(lt, null, rt, r.get(j)));
        }
      }
    }
    return out;
  }

  private static boolean keysEqual(List<FieldType> lt, List<FieldType> rt, Object[] a,
      Object[] b, int[] lk, int[] rk) {
    for (int j = 0; j < lk.length; j++) {
      Object x = sqlValue(lt.get(lk[j]), a[lk[j]]);
      Object y = sqlValue(rt.get(rk[j]), b[rk[j]]);
      if (x == null || y == null || !x.equals(y)) {
        return false;
      }
    }
    return true;
  }

  /** The SQL value of a physical value: label, millisecond, decoded string, number. */
  private static Object sqlValue(FieldType t, Object v) {
    if (v == null) {
      return null;
    }
    switch (t.kind()) {
      case CATEGORICAL:
        return t.key().label((Long) v);
      case TIMESTAMP:
        return Math.floorDiv((Long) v, 1000L);
      case FLOAT32:
      case FLOAT64: {
        double d = ((Number) v).doubleValue();
        return d == 0.0 ? 0.0 : d; // Double.equals: NaN equals NaN
      }
      case STRING:
      case FIXED_STRING:
        return new String((byte[]) v, java.nio.charset.StandardCharsets.UTF_8);
      default:
        return ((Number) v).longValue();
    }
  }

  private static List<Object> concat(List<FieldType> lt, Object[] a, List<FieldType> rt,
      Object[] b) {
    List<Object> row = new ArrayList<>();
    for (int c = 0; c < lt.size(); c++) {
      row.add(a == null ? null : physical(a[c]));
    }
    for (int c = 0; c < rt.size(); c++) {
      row.add(b == null ? null : physical(b[c]));
    }
    return row;
  }

  private static Object physical(Object v) {
    if (v instanceof byte[] bytes) {
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
    if (v instanceof Number n && !(v instanceof Double)) {
      return n.longValue();
    }
    return v;
  }

  static List<String> sorted(List<List<Object>> rows) {
    List<String> s = new ArrayList<>();
    for (List<Object> r : rows) {
      s.add(r.toString());
    }
    java.util.Collections.sort(s);
    return s;
  }

  /**
   * Random rows: column {@code keyColumn} (or every column when -1) gets key values drawn by
   * {@code shape} from a small domain so that keys meet across sides; other columns are random.
   */
  static List<Object[]> rows(Random rnd, List<FieldType> types, int n, int keyColumn,
      OperatorHarness.Shape shape) {
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Object[] row = new Object[types.size()];
      for (int c = 0; c < row.length; c++) {
        boolean key = keyColumn < 0 || c == keyColumn;
        if (rnd.nextInt(8) == 0) {
          continue;
        }
        long k;
        switch (shape) {
          case ALL_EQUAL: k = 2; break;
          case SKEWED: k = rnd.nextInt(10) < 8 ? 1 : rnd.nextInt(12) - 3; break;
          case FEW_DISTINCT: k = rnd.nextInt(4); break;
          default: k = rnd.nextInt(key ? 12 : 1000) - 3; break;
        }
        row[c] = value(rnd, types.get(c), k);
      }
      out.add(row);
    }
    return out;
  }

  private static Object value(Random rnd, FieldType t, long k) {
    switch (t.kind()) {
      case BOOL: return k & 1;
      case UINT8:
      case UINT16:
      case UINT32: return Math.abs(k);
      case FLOAT32:
      case FLOAT64:
        if (k == 0 && rnd.nextBoolean()) {
          return -0.0;
        }
        return k == 5 ? Double.NaN : k / 2.0;
      case TIMESTAMP: return k * 1000 + rnd.nextInt(1000);
      case CATEGORICAL: {
        Long[] codes = t.key().labels().keySet().toArray(new Long[0]);
        int i = (int) Math.floorMod(k, codes.length + 1);
        return i == codes.length ? 77L : codes[i]; // 77: a code without a label, read as NULL
      }
      case STRING:
      case FIXED_STRING: {
        String[] words = {"a", "b", "c", "zz", "s1", "s2", "\u00e9t\u00e9"};
        return words[(int) Math.floorMod(k, words.length)]
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }
      default: return k;
    }
  }
}
