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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.curata.storage.CategoricalKey;
import org.curata.storage.CurataException;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SortNode against a naive oracle: the rows decoded to the values SQL sees (labels for
 * categoricals, Java Strings, timestamps in milliseconds), sorted with {@link String#compareTo}, {@link Double#compare} and
 * {@link Long#compare}, ties broken by all columns; the operator's output, with its ties broken
 * the same way, must be identical. Offsets and fetches must give the oracle's keys and rows of
 * the input. Covers every representation, directions, NULL orders, skew, batch sizes, top-k and
 * spilling to several runs.
 */
final class SortNodeTest {
  private static final CategoricalKey KEY = new CategoricalKey(FieldKind.INT16,
      Map.of(0L, "", 1L, "zeta", 2L, "alpha", 3L, "\uE000x", 4L, "\uD83D\uDE00", 5L, "Zulu",
          7L, "alpha2"));
  private static final String[] PIECES = {"", "a", "b", "ab", "\u00e9", "\u4e2d", "\uE000",
      "\uFFFD", "\uFF21", "\uD83D\uDE00", "\uD800\uDC00", "\uDBFF\uDFFF", "z", "\u0000",
      "abcdefgh", "abcdefghi"};

  private static final FieldType I64 = FieldType.of(FieldKind.INT64);
  private static final FieldType I32 = FieldType.of(FieldKind.INT32);
  private static final FieldType I8 = FieldType.of(FieldKind.INT8);
  private static final FieldType BOOL = FieldType.of(FieldKind.BOOL);
  private static final FieldType F64 = FieldType.of(FieldKind.FLOAT64);
  private static final FieldType F32 = FieldType.of(FieldKind.FLOAT32);
  private static final FieldType STR = FieldType.of(FieldKind.STRING);
  private static final FieldType CAT = FieldType.categorical(KEY);
  private static final FieldType TS = FieldType.of(FieldKind.TIMESTAMP);
  private static final FieldType DATE = FieldType.of(FieldKind.DATE);

  private static final List<FieldType> ALL = List.of(I64, I32, I8, BOOL, F64, F32, STR, CAT, TS,
      DATE);

  @TempDir
  Path tmp;

  /** A random value of a type in its physical representation (null for NULL). */
  private static Object value(Random r, FieldType t, OperatorHarness.Shape shape,
      double nullRate) {
    if (r.nextDouble() < nullRate) {
      return null;
    }
    int spread;
    switch (shape) {
      case ALL_EQUAL: spread = 1; break;
      case FEW_DISTINCT: spread = 3; break;
      case SKEWED: spread = r.nextInt(10) < 8 ? 1 : 1000; break;
      default: spread = 1_000_000; break;
    }
    int k = r.nextInt(spread);
    switch (t.kind()) {
      case INT64:
        return shape == OperatorHarness.Shape.UNIFORM ? r.nextLong() : (long) k - 1;
      case INT32:
        return (long) (k - spread / 2);
      case INT8:
        return (long) (byte) k;
      case BOOL:
        return (long) (k & 1);
      case DATE:
        return (long) (k - 500);
      case TIMESTAMP:
        return (long) k * 337 - 5_000_000L;
      case FLOAT64:
      case FLOAT32: {
        int special = r.nextInt(12);
        switch (special) {
          case 0: return -0.0;
          case 1: return 0.0;
          case 2: return Double.NaN;
          case 3: return Double.NEGATIVE_INFINITY;
          case 4: return Double.POSITIVE_INFINITY;
          default:
            double d = (k - spread / 2) / 8.0;
            return t.kind() == FieldKind.FLOAT32 ? (double) (float) d : d;
        }
      }
      case CATEGORICAL: {
        long[] codes = {0, 1, 2, 3, 4, 5, 7, 9};
        return codes[shape == OperatorHarness.Shape.ALL_EQUAL ? 1 : r.nextInt(codes.length)];
      }
      default: {
        if (shape == OperatorHarness.Shape.ALL_EQUAL) {
          return "same\uE000".getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder b = new StringBuilder();
        int parts = r.nextInt(shape == OperatorHarness.Shape.FEW_DISTINCT ? 2 : 5);
        for (int i = 0; i < parts; i++) {
          b.append(PIECES[r.nextInt(shape == OperatorHarness.Shape.FEW_DISTINCT ? 3
              : PIECES.length)]);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
      }
    }
  }

  private static List<Object[]> rows(Random r, List<FieldType> types, int n,
      OperatorHarness.Shape shape, double nullRate) {
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Object[] row = new Object[types.size()];
      for (int c = 0; c < row.length; c++) {
        row[c] = value(r, types.get(c), shape, nullRate);
      }
      out.add(row);
    }
    return out;
  }

  /** A row as SQL sees it: Long, Double, String (labels for categoricals), null. */
  private static List<Object> decode(Object[] row, List<FieldType> types) {
    List<Object> out = new ArrayList<>();
    for (int c = 0; c < row.length; c++) {
      out.add(decode(row[c], types.get(c)));
    }
    return out;
  }

  private static Object decode(Object v, FieldType t) {
    if (v == null) {
      return null;
    }
    if (t.kind() == FieldKind.CATEGORICAL) {
      return t.key().labels().get((Long) v);
    }
    if (t.kind() == FieldKind.TIMESTAMP) {
      return Math.floorDiv((Long) v, 1000L);
    }
    if (v instanceof byte[] b) {
      return new String(b, StandardCharsets.UTF_8);
    }
    return v;
  }

  private static List<Object> decodeOutput(List<Object> row, List<FieldType> types) {
    List<Object> out = new ArrayList<>();
    for (int c = 0; c < row.size(); c++) {
      Object v = row.get(c);
      if (v instanceof Long x && types.get(c).kind() == FieldKind.CATEGORICAL) {
        v = types.get(c).key().labels().get(x);
      } else if (v instanceof Long x && types.get(c).kind() == FieldKind.TIMESTAMP) {
        v = Math.floorDiv(x, 1000L);
      }
      out.add(v);
    }
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Object a, Object b) {
    if (a instanceof Double x && b instanceof Double y) {
      return Double.compare(x, y);
    }
    return ((Comparable) a).compareTo(b);
  }

  /** The oracle's order on the keys. */
  private static Comparator<List<Object>> keyOrder(List<SortNode.Key> keys) {
    return (x, y) -> {
      for (SortNode.Key k : keys) {
        Object a = x.get(k.column());
        Object b = y.get(k.column());
        if (a == null || b == null) {
          if (a == null && b == null) {
            continue;
          }
          return (a == null) == k.nullsFirst() ? -1 : 1;
        }
        int c = compareValues(a, b);
        if (c != 0) {
          return k.descending() ? -c : c;
        }
      }
      return 0;
    };
  }

  /** A total order on rows (NULL first) to break ties. */
  private static int compareRows(List<Object> x, List<Object> y) {
    for (int c = 0; c < x.size(); c++) {
      Object a = x.get(c);
      Object b = y.get(c);
      if (a == null || b == null) {
        if (a == null && b == null) {
          continue;
        }
        return a == null ? -1 : 1;
      }
      int r = compareValues(a, b);
      if (r != 0) {
        return r;
      }
    }
    return 0;
  }

  private static List<Object> project(List<Object> row, List<SortNode.Key> keys) {
    List<Object> out = new ArrayList<>();
    for (SortNode.Key k : keys) {
      out.add(row.get(k.column()));
    }
    return out;
  }

  /**
   * Runs the sort and checks it against the oracle: the whole result (ties broken by all
   * columns) when there is no offset or fetch, otherwise the keys of each row and that each row
   * is an input row.
   */
  private void check(String what, List<FieldType> types, List<Object[]> input,
      List<SortNode.Key> keys, long offset, long fetch, ExecContext ctx) {
    List<List<Object>> decoded = new ArrayList<>();
    for (Object[] row : input) {
      decoded.add(decode(row, types));
    }
    Comparator<List<Object>> order = keyOrder(keys);
    List<List<Object>> expected = new ArrayList<>(decoded);
    expected.sort(order.thenComparing(SortNodeTest::compareRows));
    int from = (int) Math.min(offset, expected.size());
    int to = fetch < 0 || fetch > expected.size() ? expected.size()
        : (int) Math.min(expected.size(), from + fetch);
    expected = expected.subList(from, to);

    SortNode node = new SortNode(new RowsNode(types, input), keys, offset, fetch);
    List<List<Object>> got = new ArrayList<>();
    for (List<Object> row : OperatorHarness.run(node, ctx)) {
      got.add(decodeOutput(row, types));
    }
    assertEquals(expected.size(), got.size(), what + ": row count");
    for (int i = 1; i < got.size(); i++) {
      if (order.compare(got.get(i - 1), got.get(i)) > 0) {
        throw new AssertionError(what + ": rows " + (i - 1) + " and " + i + " out of order: "
            + got.get(i - 1) + " then " + got.get(i));
      }
    }
    List<List<Object>> gotKeys = new ArrayList<>();
    List<List<Object>> expectedKeys = new ArrayList<>();
    for (int i = 0; i < got.size(); i++) {
      gotKeys.add(project(got.get(i), keys));
      expectedKeys.add(project(expected.get(i), keys));
    }
    assertEquals(expectedKeys, gotKeys, what + ": keys");
    if (offset == 0 && (fetch < 0 || fetch >= input.size())) {
      List<List<Object>> tied = new ArrayList<>(got);
      tied.sort(order.thenComparing(SortNodeTest::compareRows));
      assertEquals(expected, tied, what + ": rows with ties broken by all columns");
    } else {
      Map<List<Object>, Integer> bag = new HashMap<>();
      for (List<Object> row : decoded) {
        bag.merge(row, 1, Integer::sum);
      }
      for (List<Object> row : got) {
        Integer n = bag.get(row);
        assertTrue(n != null && n > 0, what + ": row " + row + " is not an input row");
        bag.put(row, n - 1);
      }
    }
  }

  private static List<SortNode.Key> randomKeys(Random r, int columns, int count) {
    List<Integer> cols = new ArrayList<>();
    for (int c = 0; c < columns; c++) {
      cols.add(c);
    }
    java.util.Collections.shuffle(cols, r);
    List<SortNode.Key> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      keys.add(new SortNode.Key(cols.get(i), r.nextBoolean(), r.nextBoolean()));
    }
    return keys;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4096})
  void everyTypeDirectionAndNullOrderAgreesWithTheOracle(int batchSize) {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    for (OperatorHarness.Shape shape : OperatorHarness.Shape.values()) {
      List<Object[]> input = rows(r, ALL, batchSize == 1 ? 300 : 2500, shape, 0.15);
      for (int c = 0; c < ALL.size(); c++) {
        for (int d = 0; d < 4; d++) {
          List<SortNode.Key> keys = List.of(new SortNode.Key(c, (d & 1) != 0, (d & 2) != 0));
          try (ExecContext ctx = new ExecContext(batchSize, null)) {
            check("seed " + seed + ", " + shape + ", key " + keys + " on " + ALL.get(c)
                + ", batch " + batchSize, ALL, input, keys, 0, -1, ctx);
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4096})
  void multiKeySortsAgreeWithTheOracle(int batchSize) {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    for (int round = 0; round < 40; round++) {
      OperatorHarness.Shape shape = OperatorHarness.Shape.values()[round % 4];
      int n = r.nextInt(batchSize == 1 ? 200 : 3000);
      List<Object[]> input = rows(r, ALL, n, shape, r.nextDouble() * 0.5);
      List<SortNode.Key> keys = randomKeys(r, ALL.size(), 1 + r.nextInt(4));
      try (ExecContext ctx = new ExecContext(batchSize, null)) {
        check("seed " + seed + ", round " + round + ", " + shape + ", keys " + keys
            + ", batch " + batchSize, ALL, input, keys, 0, -1, ctx);
      }
    }
  }

  @Test
  void emptyInputGivesNoRows() {
    for (long fetch : new long[] {-1, 0, 5}) {
      try (ExecContext ctx = new ExecContext(3, null)) {
        check("empty, fetch " + fetch, ALL, List.of(), List.of(new SortNode.Key(0, false, false)),
            2, fetch, ctx);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4096})
  void offsetsAndFetchesAtTheEdges(int batchSize) {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    List<Object[]> input = rows(r, ALL, 500, OperatorHarness.Shape.FEW_DISTINCT, 0.2);
    long[] offsets = {0, 1, 499, 500, 501, 10_000};
    long[] fetches = {-1, 0, 1, 7, 499, 500, 501, Long.MAX_VALUE};
    for (long offset : offsets) {
      for (long fetch : fetches) {
        List<SortNode.Key> keys = randomKeys(r, ALL.size(), 1 + r.nextInt(3));
        try (ExecContext ctx = new ExecContext(batchSize, null)) {
          check("seed " + seed + ", offset " + offset + ", fetch " + fetch + ", keys " + keys
              + ", batch " + batchSize, ALL, input, keys, offset, fetch, ctx);
        }
      }
    }
  }

  @Test
  void topKOverManyRowsKeepsTheBestRows() {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    List<Object[]> input = rows(r, ALL, 30_000, OperatorHarness.Shape.UNIFORM, 0.1);
    for (int round = 0; round < 6; round++) {
      List<SortNode.Key> keys = randomKeys(r, ALL.size(), 1 + r.nextInt(2));
      long offset = r.nextInt(50);
      long fetch = 1 + r.nextInt(round < 3 ? 20 : 5000);
      try (ExecContext ctx = new ExecContext(ExecOptions.defaults().withBatchSize(1000), null)) {
        check("seed " + seed + ", offset " + offset + ", fetch " + fetch + ", keys " + keys,
            ALL, input, keys, offset, fetch, ctx);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4096})
  void aTinyBudgetSpillsRunsAndMergesThem(int batchSize) throws Exception {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    int n = batchSize == 1 ? 3000 : 20_000;
    for (OperatorHarness.Shape shape : new OperatorHarness.Shape[] {
        OperatorHarness.Shape.UNIFORM, OperatorHarness.Shape.SKEWED}) {
      List<Object[]> input = rows(r, ALL, n, shape, 0.1);
      List<SortNode.Key> keys = randomKeys(r, ALL.size(), 1 + r.nextInt(3));
      long[][] limits = {{0, -1}, {17, 100_000}, {n / 2, 300}, {0, 5}};
      for (long[] lim : limits) {
        Path spillDir = Files.createTempDirectory(tmp, "spill");
        ExecContext ctx = new ExecContext(ExecOptions.defaults().withBatchSize(batchSize)
            .withMemoryBytes(64 << 10).withSpillDirectory(spillDir), null);
        String what = "seed " + seed + ", " + shape + ", keys " + keys + ", offset " + lim[0]
            + ", fetch " + lim[1] + ", batch " + batchSize;
        try {
          check(what, ALL, input, keys, lim[0], lim[1], ctx);
          if (lim[1] < 0) {
            assertNotNull(ctx.spill().directory(), what + ": nothing spilled");
          }
        } finally {
          ctx.close();
        }
        try (var s = Files.list(spillDir)) {
          assertEquals(0, s.count(), what + ": spill directory left behind");
        }
        assertEquals(0, ctx.memory().used(), what + ": memory still reserved");
      }
    }
  }

  @Test
  void manyRunsAreMergedInSeveralPasses() throws Exception {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    List<FieldType> types = List.of(I64, STR);
    List<Object[]> input = rows(r, types, 60_000, OperatorHarness.Shape.UNIFORM, 0.05);
    List<SortNode.Key> keys = List.of(new SortNode.Key(1, true, false),
        new SortNode.Key(0, false, true));
    Path spillDir = Files.createTempDirectory(tmp, "spill");
    try (ExecContext ctx = new ExecContext(ExecOptions.defaults().withBatchSize(500)
        .withMemoryBytes(16 << 10).withSpillDirectory(spillDir), null)) {
      check("seed " + seed, types, input, keys, 0, -1, ctx);
      assertTrue(ctx.memory().peak() > 0, "seed " + seed);
    }
    try (var s = Files.list(spillDir)) {
      assertEquals(0, s.count(), "seed " + seed + ": spill directory left behind");
    }
  }

  @Test
  void closingMidwayDeletesRunsAndReleasesMemory() throws Exception {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    List<Object[]> input = rows(r, ALL, 10_000, OperatorHarness.Shape.UNIFORM, 0.1);
    Path spillDir = Files.createTempDirectory(tmp, "spill");
    ExecContext ctx = new ExecContext(ExecOptions.defaults().withBatchSize(100)
        .withMemoryBytes(32 << 10).withSpillDirectory(spillDir), null);
    SortNode node = new SortNode(new RowsNode(ALL, input),
        List.of(new SortNode.Key(6, false, false)), 0, -1);
    boolean[] needed = new boolean[ALL.size()];
    Arrays.fill(needed, true);
    try (Operator op = node.open(ctx, needed)) {
      assertNotNull(op.next(), "seed " + seed);
      Path dir = ctx.spill().directory();
      assertNotNull(dir, "seed " + seed + ": nothing spilled");
    }
    assertEquals(0, ctx.memory().used(), "seed " + seed + ": memory still reserved");
    try (var s = Files.list(ctx.spill().directory())) {
      assertEquals(0, s.count(), "seed " + seed + ": runs left after close");
    }
    ctx.close();
    try (var s = Files.list(spillDir)) {
      assertEquals(0, s.count(), "seed " + seed + ": spill directory left after ctx.close()");
    }
  }

  @Test
  void cancelStopsTheSort() {
    long seed = new Random().nextLong();
    List<Object[]> input = rows(new Random(seed), ALL, 5000, OperatorHarness.Shape.UNIFORM, 0.1);
    AtomicBoolean cancel = new AtomicBoolean();
    for (int when = 0; when < 2; when++) {
      cancel.set(false);
      try (ExecContext ctx = new ExecContext(ExecOptions.defaults().withBatchSize(100)
          .withMemoryBytes(32 << 10), cancel)) {
        SortNode node = new SortNode(new RowsNode(ALL, input),
            List.of(new SortNode.Key(0, false, false)), 0, -1);
        boolean[] needed = new boolean[ALL.size()];
        Arrays.fill(needed, true);
        try (Operator op = node.open(ctx, needed)) {
          if (when == 1) {
            assertNotNull(op.next(), "seed " + seed);
          }
          cancel.set(true);
          assertThrows(CurataException.class, op::next, "seed " + seed + ", when " + when);
        }
        assertEquals(0, ctx.memory().used(), "seed " + seed + ": memory still reserved");
      }
    }
  }

  @Test
  void unneededColumnsAreNotRead() {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    List<Object[]> input = rows(r, ALL, 3000, OperatorHarness.Shape.FEW_DISTINCT, 0.1);
    SortNode node = new SortNode(new RowsNode(ALL, input),
        List.of(new SortNode.Key(2, true, true), new SortNode.Key(6, false, false)), 0, -1);
    boolean[] needed = new boolean[ALL.size()];
    needed[0] = true;
    needed[2] = true;
    try (ExecContext ctx = new ExecContext(ExecOptions.defaults().withBatchSize(64)
        .withMemoryBytes(16 << 10), null); Operator op = node.open(ctx, needed)) {
      List<Long> got = new ArrayList<>();
      for (Batch b = op.next(); b != null; b = op.next()) {
        for (int i = 0; i < b.selected; i++) {
          ColumnVector v = b.columns[2];
          int p = b.selection[i];
          got.add(v.nulls[p] ? null : v.longs[p]);
        }
      }
      List<Long> expected = new ArrayList<>();
      for (Object[] row : input) {
        expected.add((Long) row[2]);
      }
      expected.sort(Comparator.nullsFirst(Comparator.<Long>reverseOrder()));
      assertEquals(expected, got, "seed " + seed);
    }
  }

  @Test
  void stringOrderIsUtf16CodeUnitOrder() {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    for (int i = 0; i < 20_000; i++) {
      String a = randomString(r);
      String b = randomString(r);
      int expected = Integer.signum(a.compareTo(b));
      int got = Integer.signum(SortOrder.compareUtf8AsUtf16(a.getBytes(StandardCharsets.UTF_8),
          b.getBytes(StandardCharsets.UTF_8)));
      assertEquals(expected, got, "seed " + seed + ": [" + a + "] vs [" + b + "]");
      long pa = SortOrder.stringPrefix(a.getBytes(StandardCharsets.UTF_8));
      long pb = SortOrder.stringPrefix(b.getBytes(StandardCharsets.UTF_8));
      if (pa != pb) {
        assertEquals(expected, Long.signum(Long.compare(pa, pb)),
            "seed " + seed + ": prefixes of [" + a + "] vs [" + b + "]");
      }
    }
    assertTrue(SortOrder.compareUtf8AsUtf16("\uE000".getBytes(StandardCharsets.UTF_8),
        "\uD83D\uDE00".getBytes(StandardCharsets.UTF_8)) > 0, "U+E000 after U+1F600");
    assertFalse(SortOrder.compareUtf8AsUtf16("\uD7FF".getBytes(StandardCharsets.UTF_8),
        "\uD800\uDC00".getBytes(StandardCharsets.UTF_8)) > 0, "U+D7FF before U+10000");
  }

  private static String randomString(Random r) {
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      int kind = r.nextInt(6);
      int cp;
      switch (kind) {
        case 0: cp = r.nextInt(0x80); break;
        case 1: cp = 0x80 + r.nextInt(0x800 - 0x80); break;
        case 2: cp = 0x800 + r.nextInt(0xD800 - 0x800); break;
        case 3: cp = 0xE000 + r.nextInt(0x2000); break;
        default: cp = 0x10000 + r.nextInt(0x110000 - 0x10000); break;
      }
      b.appendCodePoint(cp);
    }
    return b.toString();
  }

  @Test
  void radixSortOrdersSignedLongs() {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    for (int round = 0; round < 20; round++) {
      int m = 1 + r.nextInt(5000);
      long[] key = new long[m];
      int[] ids = new int[m];
      for (int i = 0; i < m; i++) {
        key[i] = round % 3 == 0 ? r.nextLong() : round % 3 == 1 ? r.nextInt(100) - 50
            : (r.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE);
        ids[i] = i;
      }
      long[] original = key.clone();
      RowSorter.radixSort(key, ids, m);
      long[] expected = original.clone();
      Arrays.sort(expected);
      assertTrue(Arrays.equals(expected, key), "seed " + seed + ", round " + round);
      for (int i = 0; i < m; i++) {
        assertEquals(original[ids[i]], key[i], "seed " + seed + ": id follows its key");
      }
    }
  }
}
