package org.curata.adapter;

import static org.curata.adapter.CalciteParityTest.any;
import static org.curata.adapter.CalciteParityTest.ordered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Projections and filters with computed expressions (arithmetic, CASE, COALESCE, NULLIF, CAST,
 * EXTRACT, FLOOR/CEIL, LIKE, CHAR_LENGTH, IN, three-valued logic) give the same answers through
 * Curata's vectorised expressions as through plain Calcite, over {@link CalciteParityTest}'s data;
 * and EXPLAIN shows which nodes run natively.
 */
final class ExpressionParityTest {
  private static final List<CalciteParityTest.Query> QUERIES = List.of(
      ordered("select id, i32 + id, i32 - i64, i32 * 3, i32 / 7, mod(i32, 7), -i32, -i64,"
          + " i64 * 2 + 1, i64 / -3, mod(i64, 1000) from t order by id"),
      ordered("select id, f64 + i32, f64 / 3, f32 * 2, f32 + f32, f32 / 3, -f64, -f32,"
          + " f32 + 1.5, f64 * 0.5, f32 - i16, f64 / 0e0 from t where id < 5000 order by id"),
      ordered("select id, i32 / nullif(i16, 0), mod(i64, nullif(i32, 0)),"
          + " case when i32 <> 0 then 1000 / i32 else -1 end from t order by id"),
      ordered("select id, u8 + u16, u32 + 1, u8 * 2, u16 - u8, i16 + i32, i8 + i64 from t"
          + " order by id"),
      ordered("select id, case when i8 > 0 then 'pos' when i8 < 0 then 'negative' else 'other'"
          + " end, case cat when 'yes' then 1 when 'no' then 0 end, case when b then s else 'x'"
          + " end, case when b then ts end, case when not b then d end from t order by id"),
      ordered("select id, coalesce(i8, i16, -1), coalesce(s, fs, 'none'), coalesce(f32, f64),"
          + " coalesce(cat, s), nullif(i32, 5), nullif(s, 'a1') from t order by id"),
      ordered("select id, cast(i64 as double), cast(f64 as integer), cast(f32 as bigint),"
          + " cast(i8 as smallint), cast(i32 as real), cast(u32 as double), cast(f64 as real),"
          + " cast(i16 as bigint), cast(cat as varchar), cast(f32 as double) from t order by id"),
      ordered("select id, i32 > i16, f64 <= f32, s < fs, cat = 'yes', cat <> s, i64 = i32,"
          + " ts > timestamp '2020-03-01 00:00:00', d = date '2000-01-01', b = true, s >= 'm',"
          + " f32 < i32, u32 > i64 from t order by id"),
      ordered("select id, b and i32 > 0, b or i32 > 0, not b, (i8 > 0) is true,"
          + " (i8 > 0) is not false, (i8 > 0) is false, (i8 > 0) is not true, b is null,"
          + " s is not null, cat is null, (b and i8 > 0) or f64 > 0 from t order by id"),
      ordered("select id, extract(year from ts), extract(month from ts), extract(day from d),"
          + " extract(hour from ts), extract(minute from ts), extract(second from ts),"
          + " extract(dow from d), extract(doy from ts), extract(quarter from d),"
          + " extract(year from d), extract(dow from ts) from t order by id"),
      ordered("select id, extract(second from ts), extract(minute from ts), extract(hour from ts),"
          + " floor(ts to second), ceil(ts to minute), ceil(ts to month), ceil(ts to day),"
          + " floor(ts to quarter), ceil(d to quarter), floor(d to day) from t order by id"),
      ordered("select id, floor(ts to day), floor(ts to month), ceil(ts to hour), floor(d to year),"
          + " floor(ts to year), ceil(d to month), floor(ts to minute) from t order by id"),
      ordered("select id, s like 'a%', s like '%7', s like '%1%', fs like 'ab', s not like 'q%',"
          + " cat like 'y%', s like '%', char_length(s), char_length(fs), char_length(cat)"
          + " from t order by id"),
      ordered("select id, (case when i8 = 1 then 1 else 0 end) + (case when b then 1 else 0 end)"
          + " + (case when cat = 'yes' then 1 else 0 end) + (case when i16 > 100 then 1 else 0"
          + " end) as n from t order by id"),
      ordered("select id, i16 in (1, 2, 3), s in ('a1', 'm2'), i32 between -10 and 10,"
          + " cat in ('yes', 'no') from t order by id"),
      ordered("select id, i8 / 2 + i8 / 3, f64 > 100.1 from t order by id"),
      any("select sum(i32) / count(i32), sum(f64) / count(f64), sum(i64) / count(*) from t"),
      any("select cat, sum(i32) / count(i32), count(*) from t group by cat"),
      any("select n, count(*) from (select (case when i8 > 0 then 1 else 0 end)"
          + " + (case when b then 1 else 0 end) as n from t) group by n"),
      ordered("select id from t where i32 + i16 > 100 order by id"),
      ordered("select id from t where i32 * 2 = i16 order by id"),
      ordered("select id, s from t where mod(id, 3) = 0 and s like 'a%' order by id"),
      ordered("select id from t where case when b then i32 else i16 end > 10 order by id"),
      ordered("select id from t where coalesce(i8, 0) > 5 order by id"),
      ordered("select id from t where extract(year from ts) = 2020 and extract(hour from ts) = 3"
          + " order by id"),
      ordered("select id from t where f64 / 2 > f32 order by id"),
      ordered("select id from t where i32 > i16 or b order by id"),
      ordered("select id from t where case when i32 <> 0 then 1000 / i32 > 3 else false end"
          + " order by id"),
      ordered("select id, s, fs from t where s < fs order by id"),
      ordered("select id from t where (b or i8 > 0) is not true order by id"),
      ordered("select id from t where not (b and i8 > 0) order by id"),
      ordered("select id from t where cat = s or cat is null and i32 > 900 order by id"),
      ordered("select id, i32 - i16 from t where i32 > 0 and i32 - i16 < 0 and cat <> 'no'"
          + " order by id"),
      any("select count(*) from t where char_length(s) = 3"),
      any("select count(*) from t where floor(ts to day) = timestamp '2020-01-05 00:00:00'"),
      any("select count(*), sum(i32 * 2) from t where f32 * 2 > f64 or i64 < 0"));

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(value = Stores.class, names = {"DISK", "FAKE_SPARSE"})
  void expressionsAgreeWithPlainCalcite(Stores store) throws Exception {
    assertEquals(List.of(), CalciteParityTest.failures(dir, store, QUERIES), store.toString());
  }

  @Test
  void explainShowsNativeExpressions() throws Exception {
    Dataset ds = Stores.DISK.create(dir, 2);
    Fixtures.writeAllTypes(ds);
    try (Sql sql = new Sql(ds, 3)) {
      String project = sql.explain("select id * 2 + i64, case when cat = 'yes' then 1 else 0 end"
          + " from t");
      assertTrue(project.contains("CurataProject"), project);
      assertTrue(project.contains("CASE("), project);
      assertFalse(project.contains("EnumerableCalc"), project);

      String filter = sql.explain("select id from t where i64 + id > 3 and id < 5");
      assertTrue(filter.contains("CurataFilter"), filter);
      assertTrue(filter.contains("expr="), filter);
      // the translatable conjunct is still pushed into the scan, where it can skip blocks
      assertTrue(filter.contains("filter=[<(id, 5)]"), filter);
      assertFalse(filter.contains("EnumerableCalc"), filter);

      // TINYINT arithmetic is not run natively: that projection stays in Enumerable
      String fallback = sql.explain("select i8 + i8 from t");
      assertTrue(fallback.contains("EnumerableCalc"), fallback);

      assertEquals(List.of("5000000002, 1", "3, 0", "null, 0", "8, 0", "52, 0"),
          sql.rows("select id * 2 + i64, case when cat = 'yes' then 1 else 0 end from t"
              + " order by id"));
      assertEquals(List.of("1", "4", "5"),
          sql.rows("select id from t where i64 + id > 3 order by id"));
      // row 2's timestamp is -1500 micros: -2 ms, two milliseconds before 1970
      assertEquals("59, 1969-12-31 23:59:59.0, 1969-12-31 00:00:00.0",
          sql.value("select extract(second from ts), floor(ts to second), floor(ts to day)"
              + " from t where id = 2"));
    }
  }

  /**
   * Symptom counts over categoricals whose labels are numbers ({@code fever = 1} is
   * {@code CAST(fever AS INTEGER) = 1} in Calcite): computed natively from per-code values; a row
   * whose label is not a number raises an error naming the field, as Calcite's CAST would.
   */
  @Test
  void symptomCountsOverNumericLabels() throws Exception {
    CategoricalKey flag = new CategoricalKey(FieldKind.INT8, Map.of(0L, "0", 1L, "1",
        2L, " 1", 3L, "unknown"));
    Dataset ds = Stores.DISK.create(dir, 3);
    try (Transaction tx = ds.beginWrite("symptoms")) {
      DataFrameAppender a = tx.createDataFrame("s", List.of(
          new FieldSpec("id", FieldType.of(FieldKind.INT32), false),
          FieldSpec.of("fever", FieldType.categorical(flag)),
          FieldSpec.of("headache", FieldType.categorical(flag))), List.of("id"), List.of("id"));
      long[][] rows = {{0, 1, 1}, {1, 0, 1}, {2, -1, 2}, {3, 2, 0}, {4, 9, 0}, {5, 3, 1}};
      for (long[] r : rows) {
        a.field(0).appendLong(r[0]);
        if (r[1] < 0) {
          a.field(1).appendNull();
        } else {
          a.field(1).appendLong(r[1]);
        }
        a.field(2).appendLong(r[2]);
      }
      tx.commit();
    }
    try (Sql sql = new Sql(ds, 2)) {
      String q = "select id, (case when fever = 1 then 1 else 0 end)"
          + " + (case when headache = 1 then 1 else 0 end) as n from s where id < 5 order by id";
      String plan = sql.explain(q);
      assertTrue(plan.contains("CAST(fever AS INTEGER)"), plan);
      assertFalse(plan.contains("EnumerableCalc"), plan);
      // row 2: fever NULL, headache ' 1' (trimmed, as Calcite does); row 4: code 9 reads NULL
      assertEquals(List.of("0, 2", "1, 1", "2, 1", "3, 1", "4, 0"), sql.rows(q));
      Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
          () -> sql.rows("select id, cast(fever as integer) from s"));
      String message = String.valueOf(e.getMessage()) + e.getCause();
      assertTrue(message.contains("fever") && message.contains("'unknown'"), message);
    }
  }
}
