package org.curata.adapter.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.curata.storage.Dictionary;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Grouping on a string key read with dictionary codes (groups found by code, their keys kept as
 * codes and hashed only when a row without a code needs the hash table) against the same
 * aggregate over plain strings, whose answers {@link AggregateNodeTest} checks against its
 * row-by-row oracle: one dictionary, several dictionaries and plain batches mixed batch by batch,
 * GROUP BY the string and COUNT(DISTINCT) of it, streaming over sorted keys, a merge over a
 * partial aggregate's coded output (the two phases of a parallel aggregate), a tiny budget that
 * makes the aggregate spill; NULL keys, empty input, all-equal keys, skew, batch sizes 1, 3 and
 * 4096.
 */
final class CodedAggregateTest {
  @TempDir
  Path tmp;

  private static final FieldType STRING = FieldType.of(FieldKind.STRING);
  private static final FieldType INT64 = FieldType.of(FieldKind.INT64);
  private static final List<FieldType> TYPES = List.of(STRING, INT64);

  static Stream<Arguments> cases() {
    long base = System.nanoTime();
    List<Arguments> out = new ArrayList<>();
    int k = 0;
    for (int batch : new int[] {1, 3, 4096}) {
      for (OperatorHarness.Shape shape : OperatorHarness.Shape.values()) {
        out.add(Arguments.of(batch, shape, base + k++));
      }
    }
    return out.stream();
  }

  private static List<AggregateNode.Call> calls() {
    return List.of(
        new AggregateNode.Call(AggregateNode.Kind.COUNT_STAR, -1, INT64),
        new AggregateNode.Call(AggregateNode.Kind.MIN, 1, INT64),
        new AggregateNode.Call(AggregateNode.Kind.SUM, 1, INT64));
  }

  @ParameterizedTest(name = "batch={0} {1} seed={2}")
  @MethodSource("cases")
  void codedKeysGroupAsPlainStrings(int batch, OperatorHarness.Shape shape, long seed) {
    Random rnd = new Random(seed);
    for (int size : new int[] {0, 1, 37, 700}) {
      List<String> words = words(rnd, 1 + rnd.nextInt(300));
      List<Object[]> rows = rows(rnd, shape, words, size);
      for (boolean mixed : new boolean[] {false, true}) {
        String what = "seed " + seed + " " + shape + " rows " + size + " mixed=" + mixed
            + " batch " + batch;
        ExecNode coded = coded(rnd, rows, words, mixed);
        RowsNode plain = new RowsNode(TYPES, rows);
        // GROUP BY the string
        assertEquals(run(new AggregateNode(plain, new int[] {0}, calls()), batch),
            run(new AggregateNode(coded, new int[] {0}, calls()), batch), what);
        // COUNT(DISTINCT string), alone and per group of the number
        List<AggregateNode.Call> distinct = List.of(
            new AggregateNode.Call(AggregateNode.Kind.COUNT, 0, -1, true, INT64));
        assertEquals(run(new AggregateNode(plain, new int[0], distinct), batch),
            run(new AggregateNode(coded, new int[0], distinct), batch), what + " distinct");
        assertEquals(run(new AggregateNode(plain, new int[] {1}, distinct), batch),
            run(new AggregateNode(coded, new int[] {1}, distinct), batch),
            what + " distinct per group");
      }
    }
  }

  @ParameterizedTest(name = "batch={0} {1} seed={2}")
  @MethodSource("cases")
  void streamingOverSortedCodedKeys(int batch, OperatorHarness.Shape shape, long seed) {
    Random rnd = new Random(seed);
    List<String> words = words(rnd, 1 + rnd.nextInt(200));
    List<Object[]> rows = rows(rnd, shape, words, rnd.nextInt(600));
    // NULLs first, then by the string's bytes: the order a sort on the key gives
    Comparator<byte[]> bytes = Arrays::compareUnsigned;
    rows.sort(Comparator.comparing(r -> (byte[]) r[0], Comparator.nullsFirst(bytes)));
    for (boolean mixed : new boolean[] {false, true}) {
      String what = "seed " + seed + " " + shape + " mixed=" + mixed + " batch " + batch;
      assertEquals(run(new AggregateNode(new RowsNode(TYPES, rows), new int[] {0}, calls()),
              batch),
          run(new AggregateNode(coded(rnd, rows, words, mixed), new int[] {0}, calls(), true),
              batch), what);
    }
  }

  @ParameterizedTest(name = "batch={0} {1} seed={2}")
  @MethodSource("cases")
  void mergeOfCodedPartialsGroupsAsOnePhase(int batch, OperatorHarness.Shape shape, long seed) {
    Random rnd = new Random(seed);
    List<String> words = words(rnd, 1 + rnd.nextInt(300));
    List<Object[]> rows = rows(rnd, shape, words, rnd.nextInt(900));
    for (boolean mixed : new boolean[] {false, true}) {
      String what = "seed " + seed + " " + shape + " mixed=" + mixed + " batch " + batch;
      // the partial groups by the string; the merge sums its counts per string again
      ExecNode partial = new AggregateNode(coded(rnd, rows, words, mixed), new int[] {0},
          List.of(new AggregateNode.Call(AggregateNode.Kind.COUNT_STAR, -1, INT64)));
      ExecNode merge = new AggregateNode(new UnionAllNode(List.of(partial, partial)),
          new int[] {0}, List.of(new AggregateNode.Call(AggregateNode.Kind.SUM0, 1, INT64)));
      List<Object[]> twice = new ArrayList<>(rows);
      twice.addAll(rows);
      assertEquals(run(new AggregateNode(new RowsNode(TYPES, twice), new int[] {0},
          List.of(new AggregateNode.Call(AggregateNode.Kind.COUNT_STAR, -1, INT64))), batch),
          run(merge, batch), what);
    }
  }

  @Test
  void aPartialHandsItsCodesToTheMerge() {
    Random rnd = new Random(7);
    List<String> words = words(rnd, 50);
    List<Object[]> rows = rows(rnd, OperatorHarness.Shape.UNIFORM, words, 400);
    Dictionary dict = CodedRowsNode.shuffled(rnd, words, 3);
    ExecNode partial = new AggregateNode(new CodedRowsNode(TYPES, rows, 0, List.of(dict), false,
        11), new int[] {0}, calls());
    boolean[] all = {true, true, true, true};
    int seen = 0;
    try (ExecContext ctx = new ExecContext(64, null); Operator op = partial.open(ctx, all)) {
      for (Batch b = op.next(); b != null; b = op.next()) {
        ColumnVector keys = b.columns[0];
        assertSame(dict, keys.dictionary);
        for (int i = 0; i < b.selected; i++) {
          int p = b.selection[i];
          if (keys.nulls[p]) {
            assertEquals(-1, keys.codes[p]);
          } else {
            assertTrue(Arrays.equals(dict.bytes(keys.codes[p]), keys.bytes[p]));
          }
          seen++;
        }
      }
    }
    assertTrue(seen > 40, "groups seen: " + seen);
    // plain input carries no codes on
    ExecNode plainPartial = new AggregateNode(new RowsNode(TYPES, rows), new int[] {0}, calls());
    try (ExecContext ctx = new ExecContext(64, null); Operator op = plainPartial.open(ctx, all)) {
      assertNull(op.next().columns[0].dictionary);
    }
    // batches of two dictionaries and plain bytes: keys come out coded only where all are
    ExecNode mixed = new AggregateNode(new CodedRowsNode(TYPES, rows, 0, List.of(dict,
        CodedRowsNode.shuffled(rnd, words, 0)), true, 12), new int[] {0}, calls());
    int uncoded = 0;
    try (ExecContext ctx = new ExecContext(16, null); Operator op = mixed.open(ctx, all)) {
      for (Batch b = op.next(); b != null; b = op.next()) {
        ColumnVector keys = b.columns[0];
        if (keys.dictionary == null) {
          uncoded++;
          continue;
        }
        for (int i = 0; i < b.selected; i++) {
          int p = b.selection[i];
          assertTrue(keys.nulls[p] ? keys.codes[p] == -1
              : Arrays.equals(keys.dictionary.bytes(keys.codes[p]), keys.bytes[p]));
        }
      }
    }
    assertTrue(uncoded > 0, "no batch of groups found through the hash table");
  }

  @Test
  void aCodeBeyondItsDictionaryIsNotTheNullGroup() {
    Dictionary dict = CodedRowsNode.shuffled(new Random(3), List.of("a", "b"), 0);
    try (ExecContext ctx = new ExecContext(8, null)) {
      GroupTable table = new GroupTable(List.of(STRING), ctx.memory(), 0, true);
      ColumnVector v = new ColumnVector(STRING, 4);
      v.codes = new int[4];
      v.dictionary = dict;
      v.bytes[0] = "zz".getBytes(StandardCharsets.UTF_8);
      v.codes[0] = dict.size(); // no entry of the dictionary: grouped by its bytes
      v.nulls[1] = true;
      v.codes[1] = -1;
      v.bytes[2] = dict.bytes(0);
      v.codes[2] = 0;
      v.nulls[3] = true;
      v.codes[3] = -1;
      table.prepare(new ColumnVector[] {v}, new int[] {0, 1, 2, 3}, 4, false);
      int[] g = {table.find(0), table.find(1), table.find(2), table.find(3)};
      assertEquals(3, table.size(), Arrays.toString(g));
      assertEquals(g[1], g[3], "NULL keys share one group: " + Arrays.toString(g));
      assertTrue(g[0] != g[1] && g[0] != g[2] && g[1] != g[2], Arrays.toString(g));
      table.release();
      assertEquals(0, ctx.memory().used());
    }
  }

  @ParameterizedTest(name = "batch={0} {1} seed={2}")
  @MethodSource("cases")
  void tinyBudgetSpillsCodedGroupsAndCleansUp(int batch, OperatorHarness.Shape shape,
      long seed) {
    if (batch == 1) {
      return; // spilling row by row adds nothing here and is slow
    }
    Random rnd = new Random(seed);
    List<String> words = words(rnd, 3000);
    List<Object[]> rows = rows(rnd, shape, words, 8000);
    for (boolean mixed : new boolean[] {false, true}) {
      String what = "seed " + seed + " " + shape + " mixed=" + mixed + " batch " + batch;
      List<List<Object>> expected = run(new AggregateNode(new RowsNode(TYPES, rows),
          new int[] {0}, calls()), batch);
      ExecContext ctx = new ExecContext(ExecOptions.defaults().withBatchSize(batch)
          .withMemoryBytes(48 << 10).withSpillDirectory(tmp), null);
      List<List<Object>> got = sorted(OperatorHarness.run(new AggregateNode(
          coded(rnd, rows, words, mixed), new int[] {0}, calls()), ctx));
      Path dir = ctx.spill().directory();
      if (shape == OperatorHarness.Shape.UNIFORM) {
        assertNotNull(dir, what + ": expected the aggregate to spill");
      }
      assertEquals(0, ctx.memory().used(), what + ": memory still reserved");
      ctx.close();
      if (dir != null) {
        assertFalse(Files.exists(dir), what + ": spill directory left behind");
      }
      assertEquals(expected, got, what);
    }
  }

  private static List<List<Object>> run(ExecNode node, int batch) {
    try (ExecContext ctx = new ExecContext(ExecOptions.defaults().withBatchSize(batch), null)) {
      List<List<Object>> out = OperatorHarness.run(node, ctx);
      assertEquals(0, ctx.memory().used(), "memory still reserved");
      return sorted(out);
    }
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>();
    for (List<Object> r : rows) {
      List<Object> c = new ArrayList<>();
      for (Object o : r) {
        c.add(o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : o);
      }
      out.add(c);
    }
    out.sort(Comparator.comparing(Object::toString));
    return out;
  }

  /**
   * The rows as a coded input: one dictionary holding every word (with entries no row holds), or
   * batch by batch one of two dictionaries or plain bytes.
   */
  private static ExecNode coded(Random rnd, List<Object[]> rows, List<String> words,
      boolean mixed) {
    List<Dictionary> dicts = mixed
        ? List.of(CodedRowsNode.shuffled(rnd, words, 5), CodedRowsNode.shuffled(rnd, words, 0))
        : List.of(CodedRowsNode.shuffled(rnd, words, 1 + rnd.nextInt(20)));
    return new CodedRowsNode(TYPES, rows, 0, dicts, mixed, rnd.nextLong());
  }

  /** Rows of (string key drawn by {@code shape}, NULL one time in 8; a number or NULL). */
  private static List<Object[]> rows(Random rnd, OperatorHarness.Shape shape, List<String> words,
      int n) {
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String w;
      switch (shape) {
        case ALL_EQUAL:
          w = words.get(0);
          break;
        case SKEWED:
          w = rnd.nextInt(10) < 8 ? words.get(0) : words.get(rnd.nextInt(words.size()));
          break;
        case FEW_DISTINCT:
          w = words.get(rnd.nextInt(Math.min(3, words.size())));
          break;
        default:
          w = words.get(rnd.nextInt(words.size()));
          break;
      }
      byte[] key = rnd.nextInt(8) == 0 ? null : w.getBytes(StandardCharsets.UTF_8);
      Long value = rnd.nextInt(10) == 0 ? null : (long) rnd.nextInt(1000) - 500;
      out.add(new Object[] {key, value});
    }
    return out;
  }

  /** {@code n} distinct random strings, some of them non-ASCII. */
  private static List<String> words(Random rnd, int n) {
    return CodedHashJoinTest.words(rnd, n, "k");
  }
}
