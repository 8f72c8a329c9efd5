package org.curata.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.sql.SqlExplainLevel;
import org.curata.adapter.exec.ExecOptions;
import org.curata.adapter.rel.CurataCost;
import org.curata.storage.CategoricalKey;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cost model: {@link CurataCost}'s arithmetic and order, the choices the planner makes by
 * cost flipping as the estimates change (hash join build side, ordered merge / hash /
 * sort-merge join, full sort / top-k / late materialisation, streaming / hash aggregate) with the
 * same answers either way, distinct counts from block statistics, the EXPLAIN estimate (absent
 * from planner digests), and the benchmark's query shapes staying native under any budget.
 */
final class CostModelTest {
  private static final long SEED = 20_261_121L;
  private static final ExecOptions LARGE = ExecOptions.defaults().withBatchSize(64)
      .withMemoryBytes(1L << 30);
  private static final ExecOptions TINY = ExecOptions.defaults().withBatchSize(64)
      .withMemoryBytes(64 << 10);
  private static final CategoricalKey KIND = new CategoricalKey(FieldKind.INT8,
      Map.of(0L, "a", 1L, "b", 2L, "c", 3L, "d"));

  /** 2000 rows sorted by id; k in 0..499 unsorted; wide strings. */
  private static final List<FieldSpec> BIG = List.of(
      new FieldSpec("id", FieldType.of(FieldKind.INT32), false),
      FieldSpec.of("k", FieldType.of(FieldKind.INT32)),
      FieldSpec.of("c", FieldType.categorical(KIND)),
      FieldSpec.of("s1", FieldType.of(FieldKind.STRING)),
      FieldSpec.of("s2", FieldType.of(FieldKind.STRING)),
      FieldSpec.of("v", FieldType.of(FieldKind.FLOAT64)));
  /** 2000 rows referencing big.id in random order. */
  private static final List<FieldSpec> OTHER = List.of(
      new FieldSpec("oid", FieldType.of(FieldKind.INT64), false),
      FieldSpec.of("bid", FieldType.of(FieldKind.INT32)),
      FieldSpec.of("t1", FieldType.of(FieldKind.STRING)),
      FieldSpec.of("t2", FieldType.of(FieldKind.STRING)));
  /** 300 rows sorted by a non-unique day. */
  private static final List<FieldSpec> DAILY = List.of(
      new FieldSpec("vday", FieldType.of(FieldKind.INT32), false),
      FieldSpec.of("n", FieldType.of(FieldKind.INT32)));
  /** 20 rows. */
  private static final List<FieldSpec> SMALL = List.of(
      new FieldSpec("sid", FieldType.of(FieldKind.INT32), false),
      FieldSpec.of("name", FieldType.of(FieldKind.STRING)));

  private static final CategoricalKey GENDER = new CategoricalKey(FieldKind.INT8,
      Map.of(0L, "F", 1L, "M", 2L, "X"));
  private static final CategoricalKey COUNTRY = new CategoricalKey(FieldKind.INT8,
      Map.of(0L, "GB", 1L, "US", 2L, "SE"));
  private static final CategoricalKey POSITIVE = new CategoricalKey(FieldKind.INT8,
      Map.of(0L, "0", 1L, "1", 2L, "2", 3L, "3"));
  private static final List<FieldSpec> PATIENTS = List.of(
      new FieldSpec("id", FieldType.of(FieldKind.STRING), false),
      FieldSpec.of("created_at", FieldType.of(FieldKind.TIMESTAMP)),
      FieldSpec.of("year_of_birth", FieldType.of(FieldKind.INT32)),
      FieldSpec.of("gender", FieldType.categorical(GENDER)),
      FieldSpec.of("bmi", FieldType.of(FieldKind.FLOAT64)),
      FieldSpec.of("country", FieldType.categorical(COUNTRY)));
  private static final List<FieldSpec> ASSESSMENTS = List.of(
      new FieldSpec("id", FieldType.of(FieldKind.STRING), false),
      FieldSpec.of("patient_id", FieldType.of(FieldKind.STRING)),
      FieldSpec.of("created_at", FieldType.of(FieldKind.TIMESTAMP)),
      FieldSpec.of("tested_covid_positive", FieldType.categorical(POSITIVE)),
      FieldSpec.of("temperature", FieldType.of(FieldKind.FLOAT64)),
      FieldSpec.of("fever", FieldType.of(FieldKind.INT8)));

  @TempDir
  Path dir;

  private Dataset write() {
    Dataset ds = Stores.DISK.create(dir.resolve("costs"), 500);
    Random r = new Random(SEED);
    try (Transaction tx = ds.beginWrite("cost model")) {
      DataFrameAppender big = tx.createDataFrame("big", BIG, List.of("id"), List.of("id"));
      for (int i = 0; i < 2000; i++) {
        big.field(0).appendLong(i);
        ParitySupport.put(big, 1, r.nextInt(20) == 0 ? null : (long) r.nextInt(500));
        ParitySupport.put(big, 2, (long) r.nextInt(4));
        ParitySupport.putString(big, 3, "s" + r.nextInt(100_000) + "-padding-padding-padding");
        ParitySupport.putString(big, 4, r.nextInt(10) == 0 ? null : "t" + r.nextInt(1000)
            + "-more-padding-more-padding");
        ParitySupport.putDouble(big, 5, r.nextInt(10) == 0 ? null : r.nextInt(1000) / 8.0);
      }
      DataFrameAppender other = tx.createDataFrame("other", OTHER, List.of(), List.of("oid"));
      for (int i = 0; i < 2000; i++) {
        other.field(0).appendLong(i);
        ParitySupport.put(other, 1, r.nextInt(30) == 0 ? null : (long) r.nextInt(2100));
        ParitySupport.putString(other, 2, "u" + r.nextInt(100_000) + "-padding-padding");
        ParitySupport.putString(other, 3, "w" + r.nextInt(100_000) + "-padding-padding");
      }
      DataFrameAppender daily = tx.createDataFrame("daily", DAILY, List.of("vday"), List.of());
      for (int i = 0; i < 300; i++) {
        daily.field(0).appendLong(i / 7);
        ParitySupport.put(daily, 1, r.nextInt(9) == 0 ? null : (long) r.nextInt(50));
      }
      DataFrameAppender small = tx.createDataFrame("small", SMALL, List.of("sid"),
          List.of("sid"));
      for (int i = 0; i < 20; i++) {
        small.field(0).appendLong(i * 7L);
        ParitySupport.putString(small, 1, "n" + i);
      }
      DataFrameAppender p = tx.createDataFrame("patients", PATIENTS, List.of(), List.of("id"));
      for (int i = 0; i < 300; i++) {
        p.field(0).appendString(String.format("%032x", i * 7919L));
        p.field(1).appendLong(1_585_000_000_000_000L + r.nextInt(1_000_000) * 1_000_000L);
        ParitySupport.put(p, 2, r.nextInt(20) == 0 ? null : 1920L + r.nextInt(87));
        ParitySupport.put(p, 3, (long) r.nextInt(3));
        ParitySupport.putDouble(p, 4, r.nextInt(3) == 0 ? null : 14 + r.nextInt(4600) / 100.0);
        ParitySupport.put(p, 5, (long) r.nextInt(3));
      }
      DataFrameAppender a = tx.createDataFrame("assessments", ASSESSMENTS, List.of(),
          List.of("id"));
      for (int i = 0; i < 3000; i++) {
        a.field(0).appendString(String.format("%032x", i * 104_729L));
        a.field(1).appendString(String.format("%032x", r.nextInt(300) * 7919L));
        a.field(2).appendLong(1_585_000_000_000_000L + r.nextInt(1_000_000) * 1_000_000L);
        ParitySupport.put(a, 3, (long) r.nextInt(4));
        ParitySupport.putDouble(a, 4, r.nextInt(10) < 7 ? null : 34 + r.nextInt(80) / 10.0);
        ParitySupport.put(a, 5, r.nextInt(10) < 8 ? null : (long) r.nextInt(2));
      }
      tx.commit();
    }
    return ds;
  }

  @Test
  void costsAddScaleAndCompareByTheirWeightedSum() {
    CurataCost cpuHeavy = new CurataCost(10, 1000, 0, 0);
    CurataCost ioHeavy = new CurataCost(1000, 0, 1000, 0);
    assertEquals(1000 * CurataCost.CPU_NS, cpuHeavy.value(), 1e-9);
    assertEquals(1000 * CurataCost.IO_NS, ioHeavy.value(), 1e-9);
    // rows are reported, not weighted: fewer rows do not make the cpu-heavy cost cheaper
    assertTrue(ioHeavy.isLt(cpuHeavy));
    assertFalse(cpuHeavy.isLe(ioHeavy));
    RelOptCost sum = cpuHeavy.plus(ioHeavy);
    assertEquals(1010, sum.getRows(), 1e-9);
    assertEquals(cpuHeavy.value() + ioHeavy.value(), ((CurataCost) sum).value(), 1e-9);
    assertEquals(2 * cpuHeavy.value(), ((CurataCost) cpuHeavy.multiplyBy(2)).value(), 1e-9);
    assertEquals(cpuHeavy.value() / ioHeavy.value(), cpuHeavy.divideBy(ioHeavy), 1e-9);
    assertTrue(((CurataCost) sum.minus(ioHeavy)).isEqWithEpsilon(cpuHeavy));
    CurataCost memory = new CurataCost(0, 0, 0, 1000);
    assertEquals(1000 * CurataCost.MEMORY_NS, memory.value(), 1e-9);

    // Calcite's three-dimension costs count boxed rows: each is BOXED_ROW_NS of cpu
    RelOptCost calcite = CurataCost.FACTORY.makeCost(100, 50, 0);
    assertEquals(100 * CurataCost.BOXED_ROW_NS + 50, calcite.getCpu(), 1e-9);
    assertEquals(100, calcite.getRows(), 1e-9);
    RelOptCost infinite = CurataCost.FACTORY.makeInfiniteCost();
    assertTrue(infinite.isInfinite());
    assertTrue(CurataCost.FACTORY.makeHugeCost().isLt(infinite));
    assertTrue(cpuHeavy.isLt(CurataCost.FACTORY.makeHugeCost()));
    assertTrue(CurataCost.FACTORY.makeZeroCost().isLt(CurataCost.FACTORY.makeTinyCost()));
    assertTrue(cpuHeavy.plus(infinite).isInfinite());
    // a cost of another class compares as boxed rows, cpu and io
    VolcanoPlanner volcano = new VolcanoPlanner();
    RelOptCostFactory calciteFactory = volcano.getCostFactory();
    assertTrue(cpuHeavy.isLt(calciteFactory.makeCost(100, 0, 0)));
    assertFalse(cpuHeavy.isLt(calciteFactory.makeCost(10, 0, 0)));

    // under Calcite's default factory the scalar is folded into its rows, in boxed rows
    RelOptCost folded = CurataCost.make(volcano, 10, 2500, 0, 0);
    assertFalse(folded instanceof CurataCost, folded.getClass().getName());
    assertEquals(2500 / CurataCost.BOXED_ROW_NS, folded.getRows(), 1e-9);
    assertTrue(cpuHeavy.toString().contains("ns: 1.00k cpu"), cpuHeavy.toString());
  }

  @Test
  void hashJoinBuildsTheSideWithFewerRows() throws Exception {
    Dataset ds = write();
    try (Sql sql = new Sql(ds, LARGE)) {
      String right = sql.explain("select b.id, s.name from big b join small s on b.k = s.sid");
      assertTrue(right.contains("build=[right], strategy=[hash]"), right);
      String left = sql.explain("select b.id, s.name from small s join big b on s.sid = b.k");
      assertTrue(left.contains("build=[left], strategy=[hash]"), left);
      assertEquals(ParitySupport.sorted(sql.rows(
          "select b.id, s.name from big b join small s on b.k = s.sid")),
          ParitySupport.sorted(sql.rows(
              "select b.id, s.name from small s join big b on s.sid = b.k")),
          "seed " + SEED);
    }
  }

  @Test
  void joinStrategyFollowsOrderAndBudget() throws Exception {
    Dataset ds = write();
    String q = "select b.id, b.s1, o.oid, o.t1 from big b join other o on b.id = o.bid";
    String outer = "select b.id, o.oid from big b left join other o on b.id = o.bid";
    try (Sql large = new Sql(ds, LARGE); Sql tiny = new Sql(ds, TINY)) {
      // both inputs sorted on the key: one ordered pass, whatever the budget
      String self = large.explain("select b.id, c.k from big b join big c on b.id = c.id");
      assertTrue(self.contains("strategy=[merge]"), self);
      assertFalse(self.contains("CurataSort"), self);
      // one input unsorted: a hash table fits a large budget ...
      String hash = large.explain(q);
      assertTrue(hash.contains("strategy=[hash]"), hash);
      assertFalse(hash.contains("CurataSort"), hash);
      // ... but under a tiny one, sorting the unsorted side and merging costs less than
      // spilling both sides of a grace hash join
      String sortMerge = tiny.explain(q);
      assertTrue(sortMerge.contains("strategy=[merge]"), sortMerge);
      assertEquals(1, count(sortMerge, "CurataSort("), sortMerge);
      assertFalse(sortMerge.contains("strategy=[hash]"), sortMerge);
      assertEquals(ParitySupport.sorted(large.rows(q)), ParitySupport.sorted(tiny.rows(q)),
          "seed " + SEED);
      assertEquals(ParitySupport.sorted(large.rows(outer)),
          ParitySupport.sorted(tiny.rows(outer)), "seed " + SEED);
    }
  }

  @Test
  void sortStrategyFollowsFetchAndBudget() throws Exception {
    Dataset ds = write();
    String full = "select * from big order by k desc nulls first, id";
    try (Sql large = new Sql(ds, LARGE); Sql tiny = new Sql(ds, TINY)) {
      String topK = large.explain("select * from big order by k, id limit 10");
      assertTrue(topK.contains("strategy=[top-k], late=[fetch non-key columns by row id]"),
          topK);
      // a FETCH of more than half the rows never cuts the buffer back: a full sort
      String most = large.explain("select * from big order by k, id limit 1500");
      assertTrue(most.contains("strategy=[sort]"), most);
      // all rows out: carrying whole rows is cheaper than fetching each by row id ...
      String whole = large.explain(full);
      assertTrue(whole.contains("strategy=[sort]"), whole);
      assertFalse(whole.contains("late="), whole);
      // ... unless they must spill: then sorting keys and row ids spills far fewer bytes
      String late = tiny.explain(full);
      assertTrue(late.contains("strategy=[sort], late=[fetch non-key columns by row id]"),
          late);
      assertEquals(large.rows(full), tiny.rows(full), "seed " + SEED);
      assertEquals(large.rows("select * from big order by k, id limit 10"),
          tiny.rows("select * from big order by k, id limit 10"), "seed " + SEED);
    }
  }

  @Test
  void aggregateStreamsOnlyOverSortedInputAndEstimatesGroupsFromStatistics()
      throws Exception {
    Dataset ds = write();
    try (Sql sql = new Sql(ds, LARGE)) {
      String sorted = sql.explain("select vday, count(*), sum(n) from daily group by vday");
      assertTrue(sorted.contains("streaming=[sorted input]"), sorted);
      // the same aggregate over the same rows unsorted hashes
      String hashed = sql.explain("select n, count(*), sum(vday) from daily group by n");
      assertFalse(hashed.contains("streaming"), hashed);
      String unsorted = sql.explain("select k, count(*) from big group by k");
      assertFalse(unsorted.contains("streaming"), unsorted);
      // k spans 0..499 in block statistics, plus one NULL group
      assertEquals(501, estimatedRows(unsorted, "CurataAggregate"), 0.5, unsorted);
      // a categorical has as many groups as labels
      String categorical = sql.explain("select c, count(*) from big group by c");
      assertEquals(4, estimatedRows(categorical, "CurataAggregate"), 0.5, categorical);
      // a range predicate keeps its share of the [min, max] of the block statistics
      String range = sql.explain("select count(*) from big where k < 100");
      double rows = estimatedRows(range, "CurataTableScan");
      assertTrue(rows > 300 && rows < 500, range);
      assertEquals(sql.rows("select k, count(*) from big group by k order by k"),
          sql.rows("select k, count(*) from (select k from big order by k) group by k"
              + " order by k"), "seed " + SEED);
    }
  }

  @Test
  void explainShowsEstimatesThatDigestsLeaveOut() throws Exception {
    Dataset ds = write();
    String q = "select k, count(*) from big where v > 10 group by k";
    try (Sql sql = new Sql(ds, LARGE)) {
      String plan = sql.explain(q);
      for (String line : plan.split("\n")) {
        assertTrue(line.contains("est=[rows="), plan);
      }
      String all = String.join("\n", sql.rows("explain plan including all attributes for " + q));
      assertTrue(all.contains("cumulative cost = {"), all);
      assertTrue(all.contains(" ns: "), all);
      AtomicReference<RelNode> planned = new AtomicReference<>();
      try (Hook.Closeable h = Hook.PLAN_BEFORE_IMPLEMENTATION.addThread(
          (RelRoot root) -> planned.set(root.rel))) {
        sql.rows(q);
      }
      assertNotNull(planned.get());
      String digest = RelOptUtil.toString(planned.get(), SqlExplainLevel.DIGEST_ATTRIBUTES);
      assertTrue(digest.contains("CurataAggregate"), digest);
      assertFalse(digest.contains("est="), digest);
      assertFalse(planned.get().getInput(0).getDigest().contains("est="),
          planned.get().getInput(0).getDigest());
    }
  }

  /** The benchmark's query shapes (BENCHMARK.md Q1..Q7) at this scale. */
  private static final List<String> BENCHMARK = List.of(
      "SELECT count(*) FROM assessments WHERE tested_covid_positive = '3'",
      "SELECT country, gender, count(*), avg(bmi) FROM patients GROUP BY country, gender",
      "SELECT patient_id, max(temperature) FROM assessments WHERE temperature IS NOT NULL"
          + " GROUP BY patient_id ORDER BY 2 DESC, 1 LIMIT 100",
      "SELECT p.country, count(*) FROM assessments a JOIN patients p ON a.patient_id = p.id"
          + " WHERE a.fever = 1 GROUP BY p.country",
      "SELECT * FROM assessments ORDER BY created_at, id LIMIT 10 OFFSET 1500",
      "SELECT count(DISTINCT patient_id) FROM assessments"
          + " WHERE created_at >= TIMESTAMP '2020-06-01 00:00:00'",
      "SELECT * FROM patients ORDER BY year_of_birth, id");

  @Test
  void benchmarkShapesStayNativeUnderAnyBudget() throws Exception {
    Dataset ds = write();
    for (ExecOptions options : new ExecOptions[] {LARGE, TINY}) {
      try (Sql sql = new Sql(ds, options)) {
        for (String q : BENCHMARK) {
          String plan = sql.explain(q);
          String[] lines = plan.split("\n");
          assertTrue(lines[0].startsWith("CurataToEnumerableConverter"), plan);
          for (int i = 1; i < lines.length; i++) {
            assertFalse(lines[i].contains("Enumerable"), plan);
          }
        }
      }
    }
    try (Sql large = new Sql(ds, LARGE); Sql tiny = new Sql(ds, TINY)) {
      for (String q : BENCHMARK) {
        List<String> a = large.rows(q);
        List<String> b = tiny.rows(q);
        if (!q.contains("ORDER BY")) {
          a = ParitySupport.sorted(a);
          b = ParitySupport.sorted(b);
        }
        assertEquals(a, b, "seed " + SEED + ": " + q);
      }
    }
  }

  private static final Pattern EST = Pattern.compile("est=\\[rows=([0-9.]+)([kM]?)");

  /** The estimated rows EXPLAIN shows for the first rel named {@code rel}. */
  private static double estimatedRows(String plan, String rel) {
    for (String line : plan.split("\n")) {
      if (line.trim().startsWith(rel + "(")) {
        Matcher m = EST.matcher(line);
        assertTrue(m.find(), line);
        double v = Double.parseDouble(m.group(1));
        return m.group(2).equals("k") ? v * 1e3 : m.group(2).equals("M") ? v * 1e6 : v;
      }
    }
    throw new AssertionError("no " + rel + " in " + plan);
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
