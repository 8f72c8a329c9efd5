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
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.curata.storage.CategoricalKey;
import org.curata.storage.CurataException;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hash (and streaming) aggregate against a naive oracle (a map from key tuples to the list of
 * their rows, aggregated row by row) on seeded random data of every key type: NULLs, empty input,
 * all-equal keys, skew, many groups, batch sizes 1, 3 and 4096, a tiny budget that forces
 * spilling, and cancellation.
 */
final class AggregateNodeTest {
  /** Labels out of code order: '' < 'a' < 'b' < 'zz'; code 4 has no label (reads as NULL). */
  private static final CategoricalKey KEY = new CategoricalKey(FieldKind.INT8,
      Map.of(0L, "b", 1L, "a", 2L, "", 3L, "zz"));

  /** The test table's columns; BOOL column 1 doubles as a FILTER. */
  private static final List<FieldType> TYPES = List.of(
      FieldType.of(FieldKind.INT32),
      FieldType.of(FieldKind.BOOL),
      FieldType.of(FieldKind.INT64),
      FieldType.categorical(KEY),
      FieldType.of(FieldKind.TIMESTAMP),
      FieldType.of(FieldKind.FLOAT64),
      FieldType.of(FieldKind.FLOAT32),
      FieldType.of(FieldKind.STRING),
      FieldType.fixedString(6),
      FieldType.of(FieldKind.DATE),
      FieldType.of(FieldKind.UINT8));

  private static final String[] WORDS = {"", "a", "é", "\uE000x", "\uD83D\uDE00", "\uFFFDz",
      "abc", "ab", "Z", "\uD83D\uDE01q", "\u00ff"};

  @TempDir
  Path tmp;

  /** The shape of the random key values. */
  private enum Shape { FEW, MANY, ALL_EQUAL, SKEWED }

  private static List<Object[]> rows(Random rnd, int n, Shape shape, double nullRate) {
    List<Object[]> out = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      Object[] row = new Object[TYPES.size()];
      for (int c = 0; c < row.length; c++) {
        if (rnd.nextDouble() < nullRate) {
          continue;
        }
        long k;
        switch (shape) {
          case FEW: k = rnd.nextInt(5); break;
          case ALL_EQUAL: k = 3; break;
          case SKEWED: k = rnd.nextInt(10) < 8 ? 1 : rnd.nextInt(2000); break;
          default: k = rnd.nextInt(Math.max(2, n / 2)); break;
        }
        switch (c) {
          case 1: row[c] = k & 1; break;
          case 2: row[c] = (k - 7) * 1_000_003L; break;
          case 3: row[c] = k % 5; break;
          case 4: row[c] = (k - 3) * 1000 + rnd.nextInt(1000); break;
          case 5:
            row[c] = k == 0 && rnd.nextBoolean() ? -0.0 : k == 2 && rnd.nextInt(4) == 0
                ? Double.NaN : (k - 1) / 4.0;
            break;
          case 6: row[c] = (double) (float) ((k % 97) / 3.0); break;
          case 7: row[c] = bytes(WORDS[(int) (k % WORDS.length)] + (k / WORDS.length)); break;
          case 8: row[c] = bytes(WORDS[(int) (k % 4)] + (k % 3)); break;
          case 9: row[c] = k - 2; break;
          case 10: row[c] = k % 256; break;
          default: row[c] = k * 3 - 4; break;
        }
      }
      out.add(row);
    }
    return out;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Every call the node supports over the test table. */
  private static List<AggregateNode.Call> allCalls() {
    List<AggregateNode.Call> calls = new ArrayList<>();
    calls.add(new AggregateNode.Call(AggregateNode.Kind.COUNT_STAR, -1, type(FieldKind.INT64)));
    calls.add(new AggregateNode.Call(AggregateNode.Kind.COUNT_STAR, -1, 1, type(FieldKind.INT64)));
    for (int c = 0; c < TYPES.size(); c++) {
      FieldType t = TYPES.get(c);
      calls.add(new AggregateNode.Call(AggregateNode.Kind.COUNT, c, type(FieldKind.INT64)));
      calls.add(new AggregateNode.Call(AggregateNode.Kind.MIN, c, t));
      calls.add(new AggregateNode.Call(AggregateNode.Kind.MAX, c, t));
      calls.add(new AggregateNode.Call(AggregateNode.Kind.MAX, c, 1, t));
    }
    for (int c : new int[] {0, 2, 10}) {
      calls.add(new AggregateNode.Call(AggregateNode.Kind.SUM, c, type(FieldKind.INT64)));
      calls.add(new AggregateNode.Call(AggregateNode.Kind.SUM0, c, type(FieldKind.INT64)));
      calls.add(new AggregateNode.Call(AggregateNode.Kind.AVG, c, type(FieldKind.FLOAT64)));
      calls.add(new AggregateNode.Call(AggregateNode.Kind.SUM, c, 1, type(FieldKind.INT64)));
    }
    calls.add(new AggregateNode.Call(AggregateNode.Kind.SUM, 5, type(FieldKind.FLOAT64)));
    calls.add(new AggregateNode.Call(AggregateNode.Kind.SUM0, 5, type(FieldKind.FLOAT64)));
    calls.add(new AggregateNode.Call(AggregateNode.Kind.AVG, 5, type(FieldKind.FLOAT64)));
    calls.add(new AggregateNode.Call(AggregateNode.Kind.SUM, 6, type(FieldKind.FLOAT32)));
    calls.add(new AggregateNode.Call(AggregateNode.Kind.SUM, 6, type(FieldKind.FLOAT64)));
    calls.add(new AggregateNode.Call(AggregateNode.Kind.SUM, 0, type(FieldKind.INT32)));
    for (int c = 0; c < TYPES.size(); c++) {
      calls.add(new AggregateNode.Call(AggregateNode.Kind.COUNT, c, -1, true,
          type(FieldKind.INT64)));
    }
    calls.add(new AggregateNode.Call(AggregateNode.Kind.COUNT, 7, 1, true, type(FieldKind.INT64)));
    calls.add(new AggregateNode.Call(AggregateNode.Kind.SUM, 2, -1, true, type(FieldKind.INT64)));
    calls.add(new AggregateNode.Call(AggregateNode.Kind.SUM0, 0, 1, true, type(FieldKind.INT64)));
    calls.add(new AggregateNode.Call(AggregateNode.Kind.AVG, 10, -1, true,
        type(FieldKind.FLOAT64)));
    calls.add(new AggregateNode.Call(AggregateNode.Kind.SUM, 6, -1, true,
        type(FieldKind.FLOAT64)));
    return calls;
  }

  private static FieldType type(FieldKind k) {
    return FieldType.of(k);
  }

  // ---- the oracle ----

  /** A key value as SQL groups it (label-less codes are NULL, timestamps millis, 0.0 = -0.0). */
  private static Object keyOf(int c, Object v) {
    if (v == null) {
      return null;
    }
    FieldKind k = TYPES.get(c).kind();
    if (k == FieldKind.CATEGORICAL) {
      return KEY.label((Long) v) == null ? null : v;
    }
    if (k == FieldKind.TIMESTAMP) {
      return Math.floorDiv((Long) v, 1000L);
    }
    if (k.isFloating()) {
      double d = (Double) v;
      return d == 0 ? 0.0 : Double.isNaN(d) ? Double.NaN : d;
    }
    if (k.isString()) {
      return new String((byte[]) v, StandardCharsets.UTF_8);
    }
    return v;
  }

  /** The group key as the node outputs it. */
  private static Object keyOut(int c, Object key) {
    if (key != null && TYPES.get(c).kind() == FieldKind.TIMESTAMP) {
      return (Long) key * 1000;
    }
    return key;
  }

  private static List<List<Object>> oracle(List<Object[]> rows, int[] groups,
      List<AggregateNode.Call> calls) {
    Map<List<Object>, List<Object[]>> byKey = new LinkedHashMap<>();
    for (Object[] r : rows) {
      List<Object> key = new ArrayList<>();
      for (int g : groups) {
        key.add(keyOf(g, r[g]));
      }
      byKey.computeIfAbsent(key, x -> new ArrayList<>()).add(r);
    }
    if (groups.length == 0 && byKey.isEmpty()) {
      byKey.put(List.of(), List.of());
    }
    List<List<Object>> out = new ArrayList<>();
    for (Map.Entry<List<Object>, List<Object[]>> e : byKey.entrySet()) {
      List<Object> row = new ArrayList<>();
      for (int j = 0; j < groups.length; j++) {
        row.add(keyOut(groups[j], e.getKey().get(j)));
      }
      for (AggregateNode.Call call : calls) {
        row.add(aggregate(call, e.getValue()));
      }
      out.add(row);
    }
    return out;
  }

  private static Object aggregate(AggregateNode.Call call, List<Object[]> rows) {
    List<Object> values = new ArrayList<>();
    for (Object[] r : rows) {
      if (call.filter() >= 0 && !Long.valueOf(1).equals(r[call.filter()])) {
        continue;
      }
      if (call.column() < 0) {
        values.add(1L);
        continue;
      }
      Object v = r[call.column()];
      if (v == null || (TYPES.get(call.column()).kind() == FieldKind.CATEGORICAL
          && KEY.label((Long) v) == null)) {
        continue;
      }
      values.add(v);
    }
    if (call.distinct()) {
      Map<Object, Object> firsts = new LinkedHashMap<>();
      for (Object v : values) {
        firsts.putIfAbsent(keyOf(call.column(), v), v);
      }
      values = new ArrayList<>(firsts.values());
    }
    FieldKind in = call.column() < 0 ? null : TYPES.get(call.column()).kind();
    switch (call.kind()) {
      case COUNT_STAR:
      case COUNT:
        return (long) values.size();
      case SUM:
      case SUM0:
      case AVG: {
        if (values.isEmpty()) {
          return call.kind() == AggregateNode.Kind.SUM0
              ? (call.resultType().kind().isFloating() ? (Object) 0.0 : (Object) 0L) : null;
        }
        if (in.isFloating()) {
          double s = 0;
          for (Object v : values) {
            s = call.resultType().kind() == FieldKind.FLOAT32 ? (float) (s + (Double) v)
                : s + (Double) v;
          }
          return call.kind() == AggregateNode.Kind.AVG ? s / values.size() : s;
        }
        long s = 0;
        for (Object v : values) {
          s += (Long) v;
        }
        if (call.kind() == AggregateNode.Kind.AVG) {
          return (double) s / values.size();
        }
        return s;
      }
      default: {
        boolean max = call.kind() == AggregateNode.Kind.MAX;
        Object best = null;
        for (Object v : values) {
          if (best == null || (max ? compare(in, v, best) > 0 : compare(in, v, best) < 0)) {
            best = v;
          }
        }
        if (best instanceof byte[] b) {
          return new String(b, StandardCharsets.UTF_8);
        }
        return best;
      }
    }
  }

  /** SQL order of two values of an input kind (floats by {@code <}, as Java's operators). */
  private static int compare(FieldKind kind, Object a, Object b) {
    if (kind == FieldKind.CATEGORICAL) {
      return KEY.label((Long) a).compareTo(KEY.label((Long) b));
    }
    if (kind.isString()) {
      return new String((byte[]) a, StandardCharsets.UTF_8)
          .compareTo(new String((byte[]) b, StandardCharsets.UTF_8));
    }
    if (kind.isFloating()) {
      double x = (Double) a;
      double y = (Double) b;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    return Long.compare((Long) a, (Long) b);
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> s = new ArrayList<>(rows);
    s.sort(Comparator.comparing(Object::toString));
    return s;
  }

  /** Equal row lists, or a failure naming the first differing row (not every row). */
  private static void assertSame(List<List<Object>> expected, List<List<Object>> got,
      String what) {
    for (int i = 0; i < Math.min(expected.size(), got.size()); i++) {
      assertEquals(expected.get(i), got.get(i), "row " + i + " of " + expected.size() + ", "
          + what);
    }
    assertEquals(expected.size(), got.size(), "rows, " + what);
  }

  private static int[] pickGroups(Random rnd) {
    int k = rnd.nextInt(4);
    int[] g = new int[k];
    for (int i = 0; i < k; i++) {
      g[i] = rnd.nextInt(TYPES.size());
    }
    return Arrays.stream(g).distinct().toArray();
  }

  private void check(long seed, int batch, long memory, boolean streaming) {
    Random rnd = new Random(seed);
    Shape shape = Shape.values()[rnd.nextInt(Shape.values().length)];
    int n = rnd.nextInt(10) == 0 ? 0 : rnd.nextInt(3000);
    List<Object[]> rows = rows(rnd, n, shape, rnd.nextDouble() * 0.3);
    int[] groups = pickGroups(rnd);
    List<AggregateNode.Call> calls = allCalls();
    if (streaming) {
      rows.sort((a, b) -> {
        for (int g : groups) {
          int c = Objects.toString(keyOf(g, a[g])).compareTo(Objects.toString(keyOf(g, b[g])));
          if (c != 0) {
            return c;
          }
        }
        return 0;
      });
    }
    AggregateNode node = new AggregateNode(new RowsNode(TYPES, rows), groups, calls, streaming);
    List<List<Object>> expected = oracle(rows, groups, calls);
    String what = "seed " + seed + ", batch " + batch + ", " + shape + ", groups "
        + Arrays.toString(groups) + ", rows " + n + ", memory " + memory + ", streaming "
        + streaming;
    ExecContext ctx = new ExecContext(ExecOptions.defaults().withBatchSize(batch)
        .withMemoryBytes(memory).withSpillDirectory(tmp), null);
    try {
      List<List<Object>> got = OperatorHarness.run(node, ctx);
      assertSame(sorted(expected), sorted(got), what);
      assertEquals(0, ctx.memory().used(), "memory released, " + what);
    } finally {
      Path dir = ctx.spill().directory();
      ctx.close();
      assertTrue(dir == null || !Files.exists(dir), what);
    }
  }

  @Test
  void agreesWithTheOracleOnRandomData() {
    long base = new Random().nextLong();
    for (int i = 0; i < 40; i++) {
      for (int batch : new int[] {1, 3, 4096}) {
        if (batch == 1 && i % 4 != 0) {
          continue;
        }
        check(base + i, batch, 1L << 30, false);
      }
    }
  }

  @Test
  void agreesWithTheOracleWhenSpilling() {
    long base = new Random().nextLong();
    for (int i = 0; i < 30; i++) {
      check(base + i, i % 3 == 0 ? 3 : 4096, 64 << 10, false);
    }
  }

  @Test
  void agreesWithTheOracleWhenStreaming() {
    long base = new Random().nextLong();
    for (int i = 0; i < 30; i++) {
      check(base + i, i % 2 == 0 ? 3 : 4096, i % 3 == 0 ? 64 << 10 : 1L << 30, true);
    }
  }

  @Test
  void spillsManyStringGroupsAndCleansUp() {
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    List<FieldType> types = List.of(FieldType.of(FieldKind.STRING), FieldType.of(FieldKind.FLOAT64));
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 60_000; i++) {
      int k = rnd.nextInt(20_000);
      rows.add(new Object[] {bytes(String.format("%032x", k * 7919L)),
          rnd.nextInt(3) == 0 ? null : (double) rnd.nextInt(1000) / 10});
    }
    List<AggregateNode.Call> calls = List.of(
        new AggregateNode.Call(AggregateNode.Kind.MAX, 1, type(FieldKind.FLOAT64)),
        new AggregateNode.Call(AggregateNode.Kind.COUNT_STAR, -1, type(FieldKind.INT64)),
        new AggregateNode.Call(AggregateNode.Kind.SUM, 1, type(FieldKind.FLOAT64)));
    AggregateNode node = new AggregateNode(new RowsNode(types, rows), new int[] {0}, calls);
    Map<String, double[]> expected = new LinkedHashMap<>();
    for (Object[] r : rows) {
      double[] acc = expected.computeIfAbsent(new String((byte[]) r[0], StandardCharsets.UTF_8),
          x -> new double[] {Double.NEGATIVE_INFINITY, 0, 0, 0});
      acc[1]++;
      if (r[1] != null) {
        acc[0] = Math.max(acc[0], (Double) r[1]);
        acc[2] += (Double) r[1];
        acc[3]++;
      }
    }
    ExecContext ctx = new ExecContext(ExecOptions.defaults().withBatchSize(4096)
        .withMemoryBytes(64 << 10).withSpillDirectory(tmp), null);
    List<List<Object>> got = OperatorHarness.run(node, ctx);
    assertEquals(expected.size(), got.size(), "seed " + seed);
    for (List<Object> row : got) {
      double[] acc = expected.get((String) row.get(0));
      assertNotNull(acc, "seed " + seed + " " + row);
      assertEquals(acc[3] == 0 ? null : acc[0], row.get(1), "seed " + seed);
      assertEquals((long) acc[1], row.get(2), "seed " + seed);
      assertEquals(acc[3] == 0 ? null : acc[2], row.get(3), "seed " + seed);
    }
    Path dir = ctx.spill().directory();
    assertNotNull(dir, "a 64 KB budget must spill 20,000 groups");
    assertTrue(ctx.memory().peak() < 1 << 20, "peak " + ctx.memory().peak());
    ctx.close();
    assertFalse(Files.exists(dir));
  }

  @Test
  void distinctValuesSpillWhenTheyDoNotFit() {
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    List<Object[]> rows = rows(rnd, 30_000, Shape.MANY, 0.05);
    for (Object[] r : rows) {
      r[3] = (long) rnd.nextInt(3); // three groups, each with thousands of distinct values
    }
    List<AggregateNode.Call> calls = List.of(
        new AggregateNode.Call(AggregateNode.Kind.COUNT, 7, -1, true, type(FieldKind.INT64)),
        new AggregateNode.Call(AggregateNode.Kind.SUM, 2, -1, true, type(FieldKind.INT64)),
        new AggregateNode.Call(AggregateNode.Kind.COUNT_STAR, -1, type(FieldKind.INT64)));
    for (int[] groups : new int[][] {{3}, {}}) {
      AggregateNode node = new AggregateNode(new RowsNode(TYPES, rows), groups, calls);
      ExecContext ctx = new ExecContext(ExecOptions.defaults().withBatchSize(1000)
          .withMemoryBytes(64 << 10).withSpillDirectory(tmp), null);
      List<List<Object>> got = OperatorHarness.run(node, ctx);
      String what = "seed " + seed + ", groups " + Arrays.toString(groups);
      assertSame(sorted(oracle(rows, groups, calls)), sorted(got), what);
      Path dir = ctx.spill().directory();
      assertNotNull(dir, "distinct values must spill, " + what);
      assertEquals(0, ctx.memory().used(), what);
      ctx.close();
      assertFalse(Files.exists(dir), what);
    }
  }

  @Test
  void emptyInputGivesOneRowWithoutGroupsAndNoneWithGroups() {
    ExecContext ctx = new ExecContext(3, null);
    List<AggregateNode.Call> calls = List.of(
        new AggregateNode.Call(AggregateNode.Kind.COUNT_STAR, -1, type(FieldKind.INT64)),
        new AggregateNode.Call(AggregateNode.Kind.SUM, 0, type(FieldKind.INT64)),
        new AggregateNode.Call(AggregateNode.Kind.SUM0, 0, type(FieldKind.INT64)),
        new AggregateNode.Call(AggregateNode.Kind.MIN, 7, TYPES.get(7)));
    RowsNode empty = new RowsNode(TYPES, List.of());
    assertEquals(List.of(Arrays.asList(0L, null, 0L, null)),
        OperatorHarness.run(new AggregateNode(empty, new int[0], calls), ctx));
    assertEquals(List.of(), OperatorHarness.run(new AggregateNode(empty, new int[] {7}, calls),
        ctx));
    assertEquals(List.of(), OperatorHarness.run(
        new AggregateNode(empty, new int[] {7}, calls, true), ctx));
    // no keys and no calls: one row of no columns, whatever the input
    assertEquals(List.of(List.of()), OperatorHarness.run(
        new AggregateNode(empty, new int[0], List.of()), ctx));
    RowsNode three = new RowsNode(TYPES, rows(new Random(1), 3, Shape.FEW, 0));
    assertEquals(List.of(List.of()), OperatorHarness.run(
        new AggregateNode(three, new int[0], List.of()), ctx));
    assertEquals(1, OperatorHarness.run(new AggregateNode(three, new int[0], calls), ctx).size());
    ctx.close();
  }

  /** A consumer that narrows each batch's selection in place (as a filter does) gets all groups. */
  @Test
  void consumersMayNarrowTheSelectionInPlace() {
    long seed = new Random().nextLong();
    List<Object[]> rows = rows(new Random(seed), 2000, Shape.MANY, 0.1);
    List<AggregateNode.Call> calls = allCalls();
    int[] groups = {7};
    AggregateNode node = new AggregateNode(new RowsNode(TYPES, rows), groups, calls);
    ExecContext ctx = new ExecContext(3, null);
    boolean[] needed = new boolean[node.columnTypes().size()];
    Arrays.fill(needed, true);
    List<List<Object>> got = new ArrayList<>();
    try (Operator op = node.open(ctx, needed)) {
      for (Batch b = op.next(); b != null; b = op.next()) {
        for (int i = 0; i < b.selected; i++) {
          List<Object> row = new ArrayList<>();
          for (ColumnVector v : b.columns) {
            row.add(OperatorHarness.value(v, b.selection[i]));
          }
          got.add(row);
        }
        b.selection[0] = b.selection[b.selected - 1];
        b.selected = 1;
      }
    }
    ctx.close();
    assertSame(sorted(oracle(rows, groups, calls)), sorted(got), "seed " + seed);
  }

  @Test
  void cancelStopsAndCleansUp() {
    long seed = new Random().nextLong();
    List<Object[]> rows = rows(new Random(seed), 20_000, Shape.MANY, 0.1);
    AtomicBoolean cancel = new AtomicBoolean();
    ExecContext ctx = new ExecContext(ExecOptions.defaults().withBatchSize(64)
        .withMemoryBytes(64 << 10).withSpillDirectory(tmp), cancel);
    AggregateNode node = new AggregateNode(new RowsNode(TYPES, rows), new int[] {7, 0},
        allCalls());
    boolean[] needed = new boolean[node.columnTypes().size()];
    Arrays.fill(needed, true);
    Operator op = node.open(ctx, needed);
    cancel.set(true);
    CurataException e = assertThrows(CurataException.class, op::next, "seed " + seed);
    assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
    op.close();
    assertEquals(0, ctx.memory().used(), "seed " + seed);
    Path dir = ctx.spill().directory();
    ctx.close();
    assertTrue(dir == null || !Files.exists(dir));
  }

  @Test
  void stringOrderIsJavaStringOrder() {
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    int[] points = {'a', 'z', 0xE9, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000,
        0x1F600, 0x10FFFF};
    for (int i = 0; i < 20_000; i++) {
      String a = word(rnd, points);
      String b = rnd.nextInt(3) == 0 ? a + word(rnd, points) : word(rnd, points);
      byte[] x = bytes(a);
      byte[] y = bytes(b);
      int expected = Integer.signum(a.compareTo(b));
      int got = Integer.signum(SortOrder.compareUtf8AsUtf16(x, 0, x.length, y, 0, y.length));
      assertEquals(expected, got, "seed " + seed + ": [" + a + "] vs [" + b + "]");
    }
  }

  private static String word(Random rnd, int[] points) {
    StringBuilder sb = new StringBuilder();
    int n = rnd.nextInt(4);
    for (int i = 0; i < n; i++) {
      sb.appendCodePoint(points[rnd.nextInt(points.length)]);
    }
    return sb.toString();
  }
}
