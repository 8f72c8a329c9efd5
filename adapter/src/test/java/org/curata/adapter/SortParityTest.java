package org.curata.adapter;

import static org.curata.adapter.ParitySupport.connection;
import static org.curata.adapter.ParitySupport.diff;
import static org.curata.adapter.ParitySupport.plainCalcite;
import static org.curata.adapter.ParitySupport.put;
import static org.curata.adapter.ParitySupport.putDouble;
import static org.curata.adapter.ParitySupport.putString;
import static org.curata.adapter.ParitySupport.rows;
import static org.curata.adapter.ParitySupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.curata.adapter.ParitySupport.ArrayTable;
import org.curata.adapter.exec.ExecOptions;
import org.curata.storage.CategoricalKey;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ORDER BY, LIMIT and OFFSET through Curata's native sort agree with plain Calcite over the same
 * rows held in Java arrays: every column type in both directions and NULL orders, strings that
 * UTF-8 byte order would misplace (U+E000.. against supplementary characters), doubles with
 * -0.0, NaN and infinities, categoricals with unlabelled codes, timestamps with sub-millisecond
 * digits, paging, sorts in subqueries, and the same with a budget so small that the sort spills.
 * EXPLAIN shows one CurataSort.
 */
final class SortParityTest {
  private static final long SEED = 20_261_121L;
  private static final int ROWS = 6000;
  private static final CategoricalKey KEY = new CategoricalKey(FieldKind.INT8,
      Map.of(0L, "", 1L, "zeta", 2L, "Alpha", 3L, "\uE000x", 4L, "\uD83D\uDE00", 5L, "alpha"));
  private static final String[] PIECES = {"", "a", "B", "ab", "\u00e9", "\u4e2d", "\uE000",
      "\uFFFD", "\uFF21", "\uD83D\uDE00", "\uD800\uDC00", "z", "abcdefgh"};

  private static final List<FieldSpec> S = List.of(
      new FieldSpec("id", FieldType.of(FieldKind.INT32), false),
      FieldSpec.of("b", FieldType.of(FieldKind.BOOL)),
      FieldSpec.of("i8", FieldType.of(FieldKind.INT8)),
      FieldSpec.of("i64", FieldType.of(FieldKind.INT64)),
      FieldSpec.of("u32", FieldType.of(FieldKind.UINT32)),
      FieldSpec.of("f32", FieldType.of(FieldKind.FLOAT32)),
      FieldSpec.of("f64", FieldType.of(FieldKind.FLOAT64)),
      FieldSpec.of("cat", FieldType.categorical(KEY)),
      FieldSpec.of("fs", FieldType.fixedString(6)),
      FieldSpec.of("s", FieldType.of(FieldKind.STRING)),
      FieldSpec.of("ts", FieldType.of(FieldKind.TIMESTAMP)),
      FieldSpec.of("d", FieldType.of(FieldKind.DATE)));

  private static final String[] COLUMNS = {"b", "i8", "i64", "u32", "f32", "f64", "cat", "fs",
      "s", "ts", "d"};

  @TempDir
  Path dir;

  /** Queries whose ORDER BY fixes every row's place (id breaks every tie). */
  private static List<String> queries() {
    List<String> q = new ArrayList<>();
    for (String c : COLUMNS) {
      q.add("select id, " + c + " from s order by " + c + ", id");
      q.add("select id, " + c + " from s order by " + c + " desc, id desc");
      q.add("select id, " + c + " from s order by " + c + " nulls first, id");
      q.add("select id, " + c + " from s order by " + c + " desc nulls last, id limit 37");
      q.add("select * from s order by " + c + " desc nulls first, id limit 25 offset 100");
    }
    q.add("select * from s order by s, f64 desc, cat nulls first, id");
    q.add("select id, s, cat from s order by cat desc, s, id offset 5990");
    q.add("select id from s order by i8, id limit 10 offset 5");
    q.add("select id from s order by id limit 0");
    q.add("select id from s order by id offset 7000");
    q.add("select * from (select id, s from s order by s desc, id limit 100) order by id");
    q.add("select id, f64 from (select * from s where i8 > 0 order by f64, id limit 50 offset 3)"
        + " order by f64 desc nulls last, id");
    q.add("select count(*), min(id), max(id) from (select id from s order by ts, id limit 777)");
    q.add("select s, count(*) c from s group by s order by c desc, s limit 20");
    q.add("select id, i64 from s where id in (select id from s order by i64 desc, id limit 30)"
        + " order by id");
    return q;
  }

  /** LIMIT/OFFSET without ORDER BY: only the row count (and that rows come from s) is defined. */
  private static List<String> unordered() {
    return List.of("select count(*) from (select id from s limit 123 offset 77)",
        "select count(*) from (select * from s offset 5900)",
        "select count(*) from (select id from s where b limit 40)");
  }

  @ParameterizedTest
  @CsvSource({"4096, 268435456", "3, 268435456", "1000, 65536", "1, 32768"})
  void ordersAndPagesAgreeWithPlainCalcite(int batchSize, long memory) throws Exception {
    List<Object[]> rows = new ArrayList<>();
    Dataset ds = Stores.DISK.create(dir, 500);
    write(ds, rows);
    ExecOptions options = ExecOptions.defaults().withBatchSize(batchSize)
        .withMemoryBytes(memory).withSpillDirectory(dir.resolve("spill"));
    try (Connection curata = connection(new CurataSchema(ds, options));
        Connection plain = plainCalcite(Map.of("s", new ArrayTable(S, rows)))) {
      List<String> failures = new ArrayList<>();
      for (String sql : queries()) {
        List<String> expected = run(plain, sql);
        List<String> got = run(curata, sql);
        if (!expected.isEmpty() && expected.get(0).startsWith("ERROR ")) {
          failures.add(sql + "\n  the reference fails (fix the query): " + expected.get(0));
        } else if (!expected.equals(got)) {
          failures.add(sql + "\n  " + diff(expected, got));
        }
      }
      for (String sql : unordered()) {
        List<String> expected = run(plain, sql);
        List<String> got = run(curata, sql);
        Collections.sort(expected);
        Collections.sort(got);
        if (!expected.equals(got)) {
          failures.add(sql + "\n  " + diff(expected, got));
        }
      }
      assertEquals(List.of(), failures, "seed " + SEED + ", batch " + batchSize + ", memory "
          + memory);
    }
  }

  @Test
  void explainShowsOneCurataSortOverTheScan() throws Exception {
    List<Object[]> rows = new ArrayList<>();
    Dataset ds = Stores.DISK.create(dir, 500);
    write(ds, rows);
    try (Connection curata = connection(new CurataSchema(ds, ExecOptions.defaults()))) {
      String plan = String.join("\n",
          rows(curata, "explain plan for select * from s order by i64 limit 10 offset 5"));
      assertEquals(1, count(plan, "CurataSort"), plan);
      assertTrue(plan.contains("strategy=[top-k]"), plan);
      assertEquals(0, count(plan, "EnumerableSort") + count(plan, "EnumerableLimit"), plan);
      String[] lines = plan.split("\n");
      assertTrue(lines[0].contains("CurataToEnumerableConverter"), plan);
      assertTrue(lines[1].contains("CurataSort"), plan);
      assertTrue(lines[2].contains("CurataTableScan"), plan);

      String full = String.join("\n",
          rows(curata, "explain plan for select id, s from s order by s desc nulls first, id"));
      assertEquals(1, count(full, "CurataSort"), full);
      assertTrue(full.contains("strategy=[sort]"), full);
      assertEquals(0, count(full, "EnumerableSort"), full);

      String limit = String.join("\n", rows(curata, "explain plan for select id from s limit 3"));
      assertEquals(1, count(limit, "CurataSort"), limit);
      assertTrue(limit.contains("strategy=[limit]"), limit);
      assertEquals(0, count(limit, "EnumerableLimit"), limit);
    }
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  /** Writes the rows and keeps them as Calcite holds them (labels, millis, days). */
  private static void write(Dataset ds, List<Object[]> rows) {
    Random r = new Random(SEED);
    try (Transaction tx = ds.beginWrite("sort parity data")) {
      DataFrameAppender a = tx.createDataFrame("s", S, List.of("id"), List.of("id"));
      for (int i = 0; i < ROWS; i++) {
        rows.add(writeRow(a, i, r));
      }
      tx.commit();
    }
  }

  private static Object[] writeRow(DataFrameAppender a, int i, Random r) {
    Object[] row = new Object[S.size()];
    a.field(0).appendLong(i);
    row[0] = i;
    Long b = maybe(r, r.nextBoolean() ? 1L : 0L);
    put(a, 1, b);
    row[1] = b == null ? null : b == 1;
    Long i8 = maybe(r, (long) (r.nextInt(256) - 128));
    put(a, 2, i8);
    row[2] = i8 == null ? null : (byte) (long) i8;
    Long i64 = maybe(r, r.nextInt(4) == 0 ? r.nextLong() : r.nextInt(50) - 25);
    put(a, 3, i64);
    row[3] = i64;
    Long u32 = maybe(r, r.nextInt() & 0xFFFFFFFFL);
    put(a, 4, u32);
    row[4] = u32;
    Double f32 = r.nextDouble() < 0.1 ? null : special(r, (r.nextInt(201) - 100) / 4.0);
    putDouble(a, 5, f32);
    row[5] = f32 == null ? null : (float) (double) f32;
    Double f64 = r.nextDouble() < 0.1 ? null : special(r, (r.nextInt(2001) - 1000) / 8.0);
    putDouble(a, 6, f64);
    row[6] = f64;
    Long code = maybe(r, (long) r.nextInt(8)); // codes 6 and 7 have no label: they read NULL
    put(a, 7, code);
    row[7] = code == null ? null : KEY.label(code);
    String fs = r.nextDouble() < 0.1 ? null
        : new String[] {"ab", "abcd", "x", "", "zz", "a\u00e9", "ABC"}[r.nextInt(7)];
    putString(a, 8, fs);
    row[8] = fs;
    String s = r.nextDouble() < 0.1 ? null : word(r);
    putString(a, 9, s);
    row[9] = s;
    Long ts = maybe(r, 1_577_836_800_000_000L + (r.nextInt(400) - 50) * 3_600_000_000L
        + r.nextInt(3) * 500L);
    put(a, 10, ts);
    row[10] = ts == null ? null : Math.floorDiv(ts, 1000L);
    Long d = maybe(r, (long) (r.nextInt(2000) - 200));
    put(a, 11, d);
    row[11] = d == null ? null : (int) (long) d;
    return row;
  }

  private static double special(Random r, double v) {
    switch (r.nextInt(20)) {
      case 0: return -0.0;
      case 1: return Double.NaN;
      case 2: return Double.POSITIVE_INFINITY;
      case 3: return Double.NEGATIVE_INFINITY;
      default: return v;
    }
  }

  private static String word(Random r) {
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      b.append(PIECES[r.nextInt(PIECES.length)]);
    }
    return b.toString();
  }

  private static Long maybe(Random r, long value) {
    return r.nextDouble() < 0.12 ? null : value;
  }
}
