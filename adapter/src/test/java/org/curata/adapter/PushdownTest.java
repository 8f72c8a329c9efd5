package org.curata.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.curata.storage.CategoricalKey;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.Transaction;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Typed predicate pushdown, block skipping, native aggregates and what EXPLAIN shows of them. */
final class PushdownTest {
  private static final CategoricalKey COVID = new CategoricalKey(FieldKind.INT8,
      Map.of(0L, "", 1L, "waiting", 2L, "no", 3L, "yes"));

  @TempDir
  Path dir;

  /**
   * 40 rows in blocks of 4: id 0..39 (sorted); score = id * 1.5, NULL when id % 5 == 0; status
   * code id % 4 (code 3 = 'yes'), NULL when id % 7 == 0; name "n" + id; day = id days.
   */
  private Dataset write(Stores store) {
    Dataset ds = store.create(dir, 4);
    try (Transaction tx = ds.beginWrite("test data")) {
      DataFrameAppender a = tx.createDataFrame("a", List.of(
          new FieldSpec("id", FieldType.of(FieldKind.INT64), false),
          FieldSpec.of("score", FieldType.of(FieldKind.FLOAT64)),
          FieldSpec.of("status", FieldType.categorical(COVID)),
          FieldSpec.of("name", FieldType.of(FieldKind.STRING)),
          FieldSpec.of("ts", FieldType.of(FieldKind.TIMESTAMP))), List.of("id"), List.of("id"));
      for (int id = 0; id < 40; id++) {
        a.field(0).appendLong(id);
        if (id % 5 == 0) {
          a.field(1).appendNull();
        } else {
          a.field(1).appendDouble(id * 1.5);
        }
        if (id % 7 == 0) {
          a.field(2).appendNull();
        } else {
          a.field(2).appendLong(id % 4);
        }
        a.field(3).appendString("n" + id);
        a.field(4).appendLong(id * 1_000_500L); // id seconds + id*500 micros
      }
      tx.commit();
    }
    return ds;
  }

  private static final List<String> SYMPTOMS = List.of("fever", "cough", "fatigue", "headache",
      "nausea", "chills");

  /**
   * Shaped like the benchmark's assessments: 12 fields, sorted by created_at, primary key id,
   * categoricals among int8 symptom fields that are mostly NULL. 60 rows in blocks of 8: id
   * "a" + i; patient "p" + i % 7; created_at i minutes; tested = i % 4 (NULL when i % 9 == 0);
   * symptom k present (value i % 2) when i % (3 + k) == 0; location = i % 3.
   */
  private Dataset writeAssessments(Stores store, CategoricalKey tested) {
    Dataset ds = store.create(dir, 8);
    CategoricalKey loc = new CategoricalKey(FieldKind.INT8, Map.of(0L, "home", 1L, "hospital",
        2L, "icu"));
    List<FieldSpec> fields = new java.util.ArrayList<>(List.of(
        new FieldSpec("id", FieldType.of(FieldKind.STRING), false),
        FieldSpec.of("patient_id", FieldType.of(FieldKind.STRING)),
        new FieldSpec("created_at", FieldType.of(FieldKind.TIMESTAMP), false),
        FieldSpec.of("tested_covid_positive", FieldType.categorical(tested)),
        FieldSpec.of("temperature", FieldType.of(FieldKind.FLOAT64))));
    for (String s : SYMPTOMS) {
      fields.add(FieldSpec.of(s, FieldType.of(FieldKind.INT8)));
    }
    fields.add(FieldSpec.of("location", FieldType.categorical(loc)));
    try (Transaction tx = ds.beginWrite("assessments")) {
      DataFrameAppender a = tx.createDataFrame("assessments", fields, List.of("created_at"),
          List.of("id"));
      for (int i = 0; i < 60; i++) {
        a.field(0).appendString("a" + i);
        a.field(1).appendString("p" + i % 7);
        a.field(2).appendLong(i * 60_000_000L);
        if (i % 9 == 0) {
          a.field(3).appendNull();
        } else {
          a.field(3).appendLong(i % 4);
        }
        a.field(4).appendDouble(36 + i % 5 / 2.0);
        for (int k = 0; k < SYMPTOMS.size(); k++) {
          if (i % (3 + k) == 0) {
            a.field(5 + k).appendLong(i % 2);
          } else {
            a.field(5 + k).appendNull();
          }
        }
        a.field(11).appendLong(i % 3);
      }
      tx.commit();
    }
    return ds;
  }

  /**
   * Regression: a scan narrowed by the field trimmer reported the table's sort key and primary
   * key in dataframe field numbers, so the trimmer's second pass asked for a column the scan did
   * not have (IndexOutOfBoundsException in CurataTableScan.project).
   */
  @ParameterizedTest
  @EnumSource(Stores.class)
  void narrowedScansOfASortedTable(Stores store) throws Exception {
    try (Sql sql = new Sql(writeAssessments(store, COVID), 3)) {
      // tested: NULL at i % 9 == 0 (7 rows); else i % 4 -> '' 13, waiting 13, no 13, yes 14
      assertEquals(List.of("yes, 14", ", 13", "no, 13", "waiting, 13", "null, 7"),
          sql.rows("select tested_covid_positive as test_result, count(*) as assessments"
              + " from assessments group by tested_covid_positive"
              + " order by assessments desc, test_result nulls last"));
      assertEquals(List.of("null, 7", ", 13", "no, 13", "waiting, 13", "yes, 14"),
          sql.rows("select tested_covid_positive, count(*) from assessments"
              + " group by tested_covid_positive order by tested_covid_positive nulls first"));
      // fever = 1 at odd multiples of 3; tested not NULL: 3, 15, 21, 33, 39, 51, 57
      assertEquals(List.of("waiting, 3", "yes, 4"),
          sql.rows("select tested_covid_positive, count(*) from assessments where fever = 1"
              + " and tested_covid_positive is not null group by tested_covid_positive"
              + " order by tested_covid_positive"));
      // temperature 36 + (i % 5) / 2 is above 37 at i % 5 >= 3
      assertEquals(List.of("icu, yes, a59, 1970-01-01 00:59:00.0",
              "hospital, no, a58, 1970-01-01 00:58:00.0"),
          sql.rows("select location, tested_covid_positive, id, created_at from assessments"
              + " where temperature > 37 and created_at > timestamp '1970-01-01 00:50:00'"
              + " order by created_at desc limit 2"));
      assertEquals(List.of("a59, 1970-01-01 00:59:00.0, p3", "a58, 1970-01-01 00:58:00.0, p2"),
          sql.rows("select id, created_at, patient_id from assessments order by created_at desc"
              + " limit 2"));
      // a narrowed scan must not inherit the primary key (id) on another column
      assertEquals("7", sql.value("select count(*) from (select distinct patient_id"
          + " from assessments)"));
      assertEquals("7", sql.value("select count(distinct patient_id) from assessments"));
      assertEquals(List.of("p0, 9", "p1, 9"), sql.rows("select patient_id, count(*)"
          + " from assessments group by patient_id order by patient_id limit 2"));
      assertEquals("60", sql.value("select count(*) from (select distinct id from assessments)"));
    }
  }

  /**
   * Benchmark Q1 on numeric labels: Calcite compares CAST(label AS INTEGER) with 3; the cast is
   * evaluated on the key at plan time and pushed as a code set under a native aggregate. A label
   * that is not a number (code 4, 'unknown', used by no row) cannot match and no row raises.
   */
  /** -0.0 and 0.0 are equal in SQL: a block holding both must not be skipped for x = 0. */
  @ParameterizedTest
  @EnumSource(Stores.class)
  void negativeZeroDoesNotHideZeroFromBlockSkipping(Stores store) throws Exception {
    Dataset ds = store.create(dir, 4);
    try (Transaction tx = ds.beginWrite("zeros")) {
      DataFrameAppender z = tx.createDataFrame("z", List.of(
          FieldSpec.of("x", FieldType.of(FieldKind.FLOAT64))), List.of(), List.of());
      for (double v : new double[] {-0.0, 0.0, -0.0, 0.0, 1.0, -0.0}) {
        z.field(0).appendDouble(v);
      }
      tx.commit();
    }
    try (Sql sql = new Sql(ds, 3)) {
      assertEquals("5", sql.value("select count(*) from z where x = 0"));
      assertEquals("6", sql.value("select count(*) from z where x >= 0"));
      assertEquals("5", sql.value("select count(*) from z where x <= 0"));
      assertEquals("0", sql.value("select count(*) from z where x < 0"));
      assertEquals("5", sql.value("select count(*) from z where x in (0, 2)"));
    }
  }

  @ParameterizedTest
  @EnumSource(Stores.class)
  void q1OnNumericLabelsIsACodeSet(Stores store) throws Exception {
    CategoricalKey numeric = new CategoricalKey(FieldKind.INT8, Map.of(0L, "0", 1L, "1", 2L, "2",
        3L, "3", 4L, "unknown"));
    try (Sql sql = new Sql(writeAssessments(store, numeric), 3)) {
      String q1 = "select count(*) from assessments where tested_covid_positive = 3";
      assertEquals("14", sql.value(q1));
      String plan = sql.explain(q1);
      // the unused sort key may stay in the scan's fields (Calcite's trimmer keeps collation
      // columns); execution reads only the columns the aggregate and the filter use
      String[] lines = plan.split("\n");
      assertEquals(3, lines.length, plan);
      assertEquals("CurataToEnumerableConverter", ParitySupport.withoutEstimates(lines[0]), plan);
      assertEquals("  CurataAggregate(group=[{}], EXPR$0=[COUNT()])",
          ParitySupport.withoutEstimates(lines[1]), plan);
      assertTrue(lines[2].startsWith("    CurataTableScan(table=[[main, assessments]]")
          && lines[2].contains("filter=[=(CAST(tested_covid_positive AS INTEGER), 3)"
          + " [codes IN {3}, error on codes {4}]], blocks=[kept 8 of 8], est=["), plan);
      assertEquals("39", sql.value("select count(*) from assessments"
          + " where tested_covid_positive <> 3"));
      assertEquals("27", sql.value("select count(*) from assessments"
          + " where tested_covid_positive > 1"));
      assertEquals("26", sql.value("select count(*) from assessments"
          + " where tested_covid_positive in (0, 2)"));
      assertEquals("39", sql.value("select count(*) from assessments"
          + " where not (tested_covid_positive = 3)"));
    }
  }

  /**
   * Q1 on word labels ('', 'waiting', 'no', 'yes'): SQL's CAST('yes' AS INTEGER) fails, so the
   * query raises a clear error instead of counting nothing; the plan is still native.
   */
  @ParameterizedTest
  @EnumSource(Stores.class)
  void q1OnWordLabelsIsAClearError(Stores store) throws Exception {
    try (Sql sql = new Sql(writeAssessments(store, COVID), 3)) {
      String q1 = "select count(*) from assessments where tested_covid_positive = 3";
      String plan = sql.explain(q1);
      String[] lines = plan.split("\n");
      assertEquals(3, lines.length, plan);
      assertEquals("  CurataAggregate(group=[{}], EXPR$0=[COUNT()])",
          ParitySupport.withoutEstimates(lines[1]), plan);
      assertTrue(lines[2].startsWith("    CurataTableScan(table=[[main, assessments]]"), plan);
      assertTrue(plan.contains("filter=[=(CAST(tested_covid_positive AS INTEGER), 3) [codes IN {},"
          + " error on codes {0, 1, 2, 3}]]"), plan);
      java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(
          java.sql.SQLException.class, () -> sql.value(q1));
      org.curata.storage.CurataException cause = null;
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof org.curata.storage.CurataException c) {
          cause = c;
        }
      }
      assertTrue(cause != null, e.toString());
      assertEquals(org.curata.storage.ErrorCode.INVALID_INPUT, cause.code());
      assertTrue(cause.getMessage().contains("categorical field 'tested_covid_positive'")
          && cause.getMessage().contains("'yes'") && cause.getMessage().contains("INTEGER"),
          cause.getMessage());
      // the label compared as a string is what the user meant
      assertEquals("14", sql.value("select count(*) from assessments"
          + " where tested_covid_positive = 'yes'"));
      // rows whose labels never reach the CAST do not raise: only NULL labels here
      assertEquals("0", sql.value("select count(*) from assessments"
          + " where tested_covid_positive is null and tested_covid_positive = 3"));
    }
  }

  @ParameterizedTest
  @EnumSource(Stores.class)
  void categoricalLabels(Stores store) throws Exception {
    try (Sql sql = new Sql(write(store), 3)) {
      // ids with id % 4 == 3 and id % 7 != 0: 3,11,15,19,23,27,31,39 (7 and 35 are NULL)
      assertEquals("8", sql.value("select count(*) from a where status = 'yes'"));
      assertEquals("0", sql.value("select count(*) from a where status = 'maybe'"));
      assertEquals("17", sql.value("select count(*) from a where status in ('yes', 'no')"));
      assertEquals("6", sql.value("select count(*) from a where status is null"));
      assertEquals("26", sql.value("select count(*) from a where status <> 'yes'"));
      assertEquals(List.of("null, 6", ", 8", "no, 9", "waiting, 9", "yes, 8"),
          sql.rows("select status, count(*) from a group by status order by status nulls first"));
      // label order, not code order: '' < 'no' < 'waiting' < 'yes'
      assertEquals("17", sql.value("select count(*) from a where status < 'p'"));
      String plan = sql.explain("select count(*) from a where status = 'yes'");
      assertTrue(plan.contains("CurataAggregate"), plan);
      assertTrue(plan.contains("filter=[=(status, 'yes':VARCHAR) [codes IN {3}]]"), plan);
    }
  }

  @ParameterizedTest
  @EnumSource(Stores.class)
  void comparisonsBetweenOrAndRemainder(Stores store) throws Exception {
    try (Sql sql = new Sql(write(store), 3)) {
      assertEquals(List.of("11", "12", "13", "14"),
          sql.rows("select id from a where id between 11 and 14 order by id"));
      assertEquals(List.of("1", "38", "39"),
          sql.rows("select id from a where id < 2 and score is not null or id >= 38 order by id"));
      assertEquals(List.of("12, 18.0"),
          sql.rows("select id, score from a where score > 17.0 and score <= 18.0"));
      // remainder: LIKE is not pushed, the id range is
      String q = "select id from a where id > 20 and name like '%5'";
      assertEquals(List.of("25", "35"), sql.rows(q + " order by id"));
      String plan = sql.explain(q);
      assertTrue(plan.contains("filter=[>(id, 20)]") && plan.contains("LIKE"), plan);
      // NOT is pushed to the leaves; NULL stays not selected
      assertEquals("29", sql.value("select count(*) from a where not (score < 6.0)"));
      assertEquals("3", sql.value("select count(*) from a where id in (1, 2, 300, 3)"));
      assertEquals("20", sql.value("select count(*) from a where id > 19.5"));
      assertEquals("0", sql.value("select count(*) from a where id = 19.5"));
      assertEquals("2", sql.value("select count(*) from a where name in ('n1', 'n39')"));
      assertEquals("5", sql.value("select count(*) from a where name >= 'n5'"));
    }
  }

  @ParameterizedTest
  @EnumSource(Stores.class)
  void timestampsCompareAsTruncatedMillis(Stores store) throws Exception {
    try (Sql sql = new Sql(write(store), 3)) {
      // id 2: 2.001000 s exactly; id 3: 3.001500 s reads as 3.001
      assertEquals("2", sql.value("select id from a where ts = timestamp '1970-01-01 00:00:02.001'"));
      assertEquals("3", sql.value("select id from a where ts = timestamp '1970-01-01 00:00:03.001'"));
      assertEquals("4", sql.value("select count(*) from a where ts <= timestamp '1970-01-01 00:00:03.001'"));
      assertEquals("3", sql.value("select count(*) from a where ts < timestamp '1970-01-01 00:00:03.001'"));
      assertEquals("36", sql.value("select count(*) from a where ts > timestamp '1970-01-01 00:00:03.001'"));
      assertEquals("1970-01-01 00:00:03.001", sql.value("select ts from a where id = 3"));
    }
  }

  @ParameterizedTest
  @EnumSource(Stores.class)
  void blocksAreSkippedAndExplained(Stores store) throws Exception {
    try (Sql sql = new Sql(write(store), 3)) {
      String plan = sql.explain("select id, score from a where id >= 36");
      assertTrue(plan.contains("CurataTableScan(table=[[main, a]], version=[" + sql.schema.versionId()
          + "], fields=[[id, score]],"
          + " filter=[>=(id, 36)], blocks=[kept 1 of 10], est=["), plan);
      assertEquals(List.of("36, 54.0", "37, 55.5", "38, 57.0", "39, 58.5"),
          sql.rows("select id, score from a where id >= 36 order by id"));
      // OR keeps the union of blocks; IS NULL keeps blocks with NULLs only
      assertTrue(sql.explain("select id from a where id < 2 or id > 37")
          .contains("blocks=[kept 2 of 10]"));
      assertTrue(sql.explain("select id from a where id = 17 and status is null")
          .contains("blocks=[kept 0 of 10]"));
      assertEquals(List.of(), sql.rows("select id from a where id = 17 and status is null"));
      assertTrue(sql.explain("select id from a where id = 21 and status is null")
          .contains("blocks=[kept 1 of 10]"));
      assertEquals(List.of("21"), sql.rows("select id from a where id = 21 and status is null"));
    }
  }

  @ParameterizedTest
  @EnumSource(Stores.class)
  void nativeAggregates(Stores store) throws Exception {
    try (Sql sql = new Sql(write(store), 3)) {
      String q = "select count(*), count(score), sum(id), min(score), max(score) from a where id > 30";
      assertEquals("9, 8, 315, 46.5, 58.5", sql.value(q));
      assertTrue(sql.explain(q).contains("CurataAggregate"), sql.explain(q));
      assertEquals("0, 0, null, null", sql.value(
          "select count(*), count(score), sum(id), min(score) from a where id > 300"));
      assertEquals(List.of("no, 9, 31.285714285714285", "waiting, 9, 29.785714285714285"),
          sql.rows("select status, count(*), avg(score) from a where status in ('no', 'waiting')"
              + " group by status order by status"));
      String having = "select status, count(*) from a group by status having count(*) > 8";
      assertEquals(List.of("no, 9", "waiting, 9"), sql.rows(having + " order by status"));
      assertTrue(sql.explain(having).contains("CurataFilter"), sql.explain(having));
    }
  }
}
