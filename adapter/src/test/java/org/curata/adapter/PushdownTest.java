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
          + " filter=[>=(id, 36)], blocks=[kept 1 of 10])"), plan);
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
