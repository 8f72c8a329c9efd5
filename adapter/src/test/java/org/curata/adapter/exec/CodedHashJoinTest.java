package org.curata.adapter.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.curata.storage.CategoricalKey;
import org.curata.storage.Dictionary;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hash join on a string key read with dictionary codes (probe rows found through a
 * code-to-match cache, build rows hashed once per code) against the nested-loop oracle of
 * {@link HashJoinNodeTest}: every join type, either build side, both sides coded with one shared
 * dictionary, with different dictionaries, batch by batch mixed dictionaries and plain batches,
 * coded against plain and against a categorical; NULL keys, codes of strings the other side does
 * not hold, dictionary entries no row holds, empty sides, all-equal keys, skew, sparse
 * selections, batch sizes 1, 3 and 4096, and a tiny budget that makes the join spill.
 */
final class CodedHashJoinTest {
  @TempDir
  Path tmp;

  /** How each side's key batches carry codes. */
  private enum Coding {
    /** Both sides coded with one dictionary object (a self-join of a field). */
    SHARED,
    /** Each side coded with a dictionary of its own. */
    OWN,
    /** The left coded, the right plain. */
    LEFT_ONLY,
    /** The right coded, the left plain. */
    RIGHT_ONLY,
    /** Each batch coded with one of two dictionaries of the side, or plain. */
    MIXED
  }

  private static final List<FieldType> LEFT = List.of(FieldType.of(FieldKind.STRING),
      FieldType.of(FieldKind.INT32));
  private static final List<FieldType> RIGHT = List.of(FieldType.of(FieldKind.INT64),
      FieldType.of(FieldKind.STRING));

  @ParameterizedTest(name = "{0} batch={1} seed={2}")
  @MethodSource("org.curata.adapter.exec.MergeJoinNodeTest#cases")
  void codedStringKeysMatchTheOracle(JoinType type, int batch, long seed) {
    Random rnd = new Random(seed);
    for (OperatorHarness.Shape shape : OperatorHarness.Shape.values()) {
      for (int sizes = 0; sizes < 4; sizes++) {
        int domain = new int[] {1, 4, 40, 400}[rnd.nextInt(4)];
        List<String> words = words(rnd, domain, "k");
        List<String> leftOnly = words(rnd, 3, "l");
        List<String> rightOnly = words(rnd, 3, "r");
        int nl = sizes == 0 ? 0 : rnd.nextInt(300);
        int nr = sizes == 1 ? 0 : rnd.nextInt(300);
        List<Object[]> l = new ArrayList<>();
        List<Object[]> r = new ArrayList<>();
        for (int i = 0; i < nl; i++) {
          l.add(new Object[] {key(rnd, shape, words, leftOnly), (long) rnd.nextInt(1000)});
        }
        for (int i = 0; i < nr; i++) {
          r.add(new Object[] {(long) rnd.nextInt(1000), key(rnd, shape, words, rightOnly)});
        }
        for (Coding coding : Coding.values()) {
          for (boolean buildLeft : new boolean[] {false, true}) {
            String what = "seed " + seed + " " + shape + " sizes " + sizes + " domain " + domain
                + " " + coding + " buildLeft=" + buildLeft + " " + type + " batch " + batch;
            long nodeSeed = rnd.nextLong();
            ExecNode[] sides = coded(coding, rnd, l, r, words, leftOnly, rightOnly, nodeSeed);
            HashJoinNode join = new HashJoinNode(sides[0], sides[1], new int[] {0},
                new int[] {1}, type, buildLeft);
            List<List<Object>> got;
            try (ExecContext ctx = new ExecContext(ExecOptions.defaults().withBatchSize(batch),
                null)) {
              got = OperatorHarness.run(join, ctx);
              assertEquals(0, ctx.memory().used(), what + ": memory still reserved");
            }
            assertEquals(HashJoinNodeTest.sorted(HashJoinNodeTest.oracle(type, LEFT, RIGHT, l, r,
                new int[] {0}, new int[] {1})), HashJoinNodeTest.sorted(got), what);
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} batch={1} seed={2}")
  @MethodSource("org.curata.adapter.exec.MergeJoinNodeTest#cases")
  void codedStringAgainstCategoricalMatchesTheOracle(JoinType type, int batch, long seed) {
    Random rnd = new Random(seed);
    List<String> words = words(rnd, 12, "c");
    Map<Long, String> labels = new HashMap<>();
    for (int i = 0; i < 8; i++) { // the categorical knows 8 of the 12 strings, plus its own
      labels.put((long) (3 * i + 1), words.get(i));
    }
    labels.put(100L, "only-in-key");
    FieldType cat = FieldType.categorical(new CategoricalKey(FieldKind.INT16, labels));
    List<FieldType> rt = List.of(FieldType.of(FieldKind.INT64), cat);
    Long[] codes = labels.keySet().toArray(new Long[0]);
    for (OperatorHarness.Shape shape : OperatorHarness.Shape.values()) {
      List<Object[]> l = new ArrayList<>();
      List<Object[]> r = new ArrayList<>();
      for (int i = rnd.nextInt(200); i > 0; i--) {
        l.add(new Object[] {key(rnd, shape, words, List.of("x")), (long) i});
      }
      for (int i = rnd.nextInt(200); i > 0; i--) {
        long code = rnd.nextInt(10) == 0 ? 77L : codes[rnd.nextInt(codes.length)];
        r.add(new Object[] {(long) i, rnd.nextInt(8) == 0 ? null : code}); // 77: no label
      }
      for (boolean buildLeft : new boolean[] {false, true}) {
        String what = "seed " + seed + " " + shape + " buildLeft=" + buildLeft + " " + type
            + " batch " + batch;
        List<String> leftValues = new ArrayList<>(words);
        leftValues.add("x");
        ExecNode left = new CodedRowsNode(LEFT, l, 0, List.of(CodedRowsNode.shuffled(rnd,
            leftValues, 5)), true, rnd.nextLong());
        HashJoinNode join = new HashJoinNode(left, new RowsNode(rt, r), new int[] {0},
            new int[] {1}, type, buildLeft);
        List<List<Object>> got;
        try (ExecContext ctx = new ExecContext(ExecOptions.defaults().withBatchSize(batch),
            null)) {
          got = OperatorHarness.run(join, ctx);
        }
        assertEquals(HashJoinNodeTest.sorted(HashJoinNodeTest.oracle(type, LEFT, rt, l, r,
            new int[] {0}, new int[] {1})), HashJoinNodeTest.sorted(got), what);
      }
    }
  }

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("org.curata.adapter.exec.HashJoinNodeTest#types")
  void tinyBudgetSpillsCodedKeysAndCleansUp(JoinType type, long seed) {
    Random rnd = new Random(seed);
    List<String> words = words(rnd, 1500, "k");
    List<String> leftOnly = words(rnd, 50, "l");
    List<String> rightOnly = words(rnd, 50, "r");
    for (OperatorHarness.Shape shape : new OperatorHarness.Shape[] {
        OperatorHarness.Shape.UNIFORM, OperatorHarness.Shape.SKEWED}) {
      boolean skewed = shape == OperatorHarness.Shape.SKEWED;
      List<Object[]> l = new ArrayList<>();
      List<Object[]> r = new ArrayList<>();
      for (int i = skewed ? 500 : 2000; i > 0; i--) {
        l.add(new Object[] {key(rnd, shape, words, leftOnly), (long) i});
      }
      for (int i = skewed ? 300 : 2500; i > 0; i--) {
        r.add(new Object[] {(long) -i, key(rnd, shape, words, rightOnly)});
      }
      List<String> expected = HashJoinNodeTest.sorted(HashJoinNodeTest.oracle(type, LEFT, RIGHT,
          l, r, new int[] {0}, new int[] {1}));
      for (Coding coding : new Coding[] {Coding.OWN, Coding.SHARED, Coding.MIXED}) {
        for (boolean buildLeft : new boolean[] {false, true}) {
          // the skewed sides are small: only the smaller budget makes them spill
          for (long budget : skewed ? new long[] {8 << 10} : new long[] {64 << 10, 16 << 10}) {
            String what = "seed " + seed + " " + shape + " " + coding + " budget " + budget
                + " buildLeft=" + buildLeft + " " + type;
            ExecNode[] sides = coded(coding, rnd, l, r, words, leftOnly, rightOnly,
                rnd.nextLong());
            ExecContext ctx = new ExecContext(ExecOptions.defaults().withBatchSize(100)
                .withMemoryBytes(budget).withSpillDirectory(tmp), null);
            HashJoinNode join = new HashJoinNode(sides[0], sides[1], new int[] {0},
                new int[] {1}, type, buildLeft);
            List<List<Object>> got = OperatorHarness.run(join, ctx);
            Path dir = ctx.spill().directory();
            assertNotNull(dir, what + ": expected the join to spill");
            assertEquals(0, ctx.memory().used(), what + ": memory still reserved");
            ctx.close();
            assertFalse(Files.exists(dir), what + ": spill directory left behind");
            assertEquals(expected, HashJoinNodeTest.sorted(got), what);
          }
        }
      }
    }
  }

  /** The two inputs of a join of {@code l} and {@code r} with their keys coded as asked. */
  private static ExecNode[] coded(Coding coding, Random rnd, List<Object[]> l, List<Object[]> r,
      List<String> words, List<String> leftOnly, List<String> rightOnly, long seed) {
    List<String> leftValues = concat(words, leftOnly);
    List<String> rightValues = concat(words, rightOnly);
    int extra = 1 + rnd.nextInt(20);
    switch (coding) {
      case SHARED: {
        Dictionary d = CodedRowsNode.shuffled(rnd, concat(leftValues, rightOnly), extra);
        return new ExecNode[] {new CodedRowsNode(LEFT, l, 0, List.of(d), false, seed),
            new CodedRowsNode(RIGHT, r, 1, List.of(d), false, seed + 1)};
      }
      case OWN:
        return new ExecNode[] {
            new CodedRowsNode(LEFT, l, 0, List.of(CodedRowsNode.shuffled(rnd, leftValues,
                extra)), false, seed),
            new CodedRowsNode(RIGHT, r, 1, List.of(CodedRowsNode.shuffled(rnd, rightValues,
                extra)), false, seed + 1)};
      case LEFT_ONLY:
        return new ExecNode[] {
            new CodedRowsNode(LEFT, l, 0, List.of(CodedRowsNode.shuffled(rnd, leftValues,
                extra)), false, seed), new RowsNode(RIGHT, r)};
      case RIGHT_ONLY:
        return new ExecNode[] {new RowsNode(LEFT, l),
            new CodedRowsNode(RIGHT, r, 1, List.of(CodedRowsNode.shuffled(rnd, rightValues,
                extra)), false, seed + 1)};
      default:
        return new ExecNode[] {
            new CodedRowsNode(LEFT, l, 0, List.of(CodedRowsNode.shuffled(rnd, leftValues,
                extra), CodedRowsNode.shuffled(rnd, leftValues, 0)), true, seed),
            new CodedRowsNode(RIGHT, r, 1, List.of(CodedRowsNode.shuffled(rnd, rightValues,
                extra), CodedRowsNode.shuffled(rnd, rightValues, 0)), true, seed + 1)};
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    Set<String> s = new LinkedHashSet<>(a);
    s.addAll(b);
    return new ArrayList<>(s);
  }

  /** {@code n} distinct random strings with the prefix, some of them non-ASCII. */
  static List<String> words(Random rnd, int n, String prefix) {
    Set<String> s = new LinkedHashSet<>();
    while (s.size() < n) {
      s.add(prefix + Integer.toHexString(rnd.nextInt(1 << 20))
          + (rnd.nextInt(5) == 0 ? "\u00e9\u4e2d" : ""));
    }
    return new ArrayList<>(s);
  }

  /** A key drawn by {@code shape}: NULL one time in 8, sometimes a string of one side only. */
  private static byte[] key(Random rnd, OperatorHarness.Shape shape, List<String> words,
      List<String> ownOnly) {
    if (rnd.nextInt(8) == 0) {
      return null;
    }
    String w;
    switch (shape) {
      case ALL_EQUAL:
        w = words.get(0);
        break;
      case SKEWED:
        w = rnd.nextInt(10) < 8 ? words.get(0) : pick(rnd, words, ownOnly);
        break;
      case FEW_DISTINCT:
        w = words.get(rnd.nextInt(Math.min(3, words.size())));
        break;
      default:
        w = pick(rnd, words, ownOnly);
        break;
    }
    return w.getBytes(StandardCharsets.UTF_8);
  }

  private static String pick(Random rnd, List<String> words, List<String> ownOnly) {
    return rnd.nextInt(10) == 0 ? ownOnly.get(rnd.nextInt(ownOnly.size()))
        : words.get(rnd.nextInt(words.size()));
  }
}
