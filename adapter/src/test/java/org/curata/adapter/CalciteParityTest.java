package org.curata.adapter;

import static org.curata.adapter.ParitySupport.diff;
import static org.curata.adapter.ParitySupport.plainCalcite;
import static org.curata.adapter.ParitySupport.put;
import static org.curata.adapter.ParitySupport.putDouble;
import static org.curata.adapter.ParitySupport.putString;
import static org.curata.adapter.ParitySupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.curata.adapter.ParitySupport.ArrayTable;
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

/**
 * The same SQL over the same data, once through Curata and once through plain Calcite over Java
 * arrays (a ScannableTable with the same row type): every answer must be identical. 20,000 rows
 * of every storage type in blocks of 1,000, a second table to join, and queries of every shape
 * (expressions, sorts, paging, grouping on each type, DISTINCT, joins, subqueries, set
 * operations, CASE, LIKE, window functions). The data comes from a fixed seed.
 */
final class CalciteParityTest {
  private static final long SEED = 20_240_611L;
  private static final int ROWS = 20_000;
  private static final CategoricalKey KEY = new CategoricalKey(FieldKind.INT8,
      Map.of(0L, "", 1L, "no", 2L, "yes", 3L, "maybe"));

  private static final List<FieldSpec> T = List.of(
      new FieldSpec("id", FieldType.of(FieldKind.INT32), false),
      FieldSpec.of("b", FieldType.of(FieldKind.BOOL)),
      FieldSpec.of("i8", FieldType.of(FieldKind.INT8)),
      FieldSpec.of("i16", FieldType.of(FieldKind.INT16)),
      FieldSpec.of("i32", FieldType.of(FieldKind.INT32)),
      FieldSpec.of("i64", FieldType.of(FieldKind.INT64)),
      FieldSpec.of("u8", FieldType.of(FieldKind.UINT8)),
      FieldSpec.of("u16", FieldType.of(FieldKind.UINT16)),
      FieldSpec.of("u32", FieldType.of(FieldKind.UINT32)),
      FieldSpec.of("f32", FieldType.of(FieldKind.FLOAT32)),
      FieldSpec.of("f64", FieldType.of(FieldKind.FLOAT64)),
      FieldSpec.of("cat", FieldType.categorical(KEY)),
      FieldSpec.of("fs", FieldType.fixedString(4)),
      FieldSpec.of("s", FieldType.of(FieldKind.STRING)),
      FieldSpec.of("ts", FieldType.of(FieldKind.TIMESTAMP)),
      FieldSpec.of("d", FieldType.of(FieldKind.DATE)));

  private static final List<FieldSpec> U = List.of(
      new FieldSpec("k", FieldType.of(FieldKind.INT32), false),
      FieldSpec.of("name", FieldType.of(FieldKind.STRING)),
      FieldSpec.of("cat", FieldType.categorical(KEY)));

  /** A query and whether its ORDER BY fixes the order of every row. */
  record Query(String sql, boolean ordered) {
  }

  static Query ordered(String sql) {
    return new Query(sql, true);
  }

  static Query any(String sql) {
    return new Query(sql, false);
  }

  private static final List<Query> QUERIES = List.of(
      ordered("select * from t order by id"),
      any("select id, s, cat from t where i8 > 0 union all select id, s, cat from t where i8 <= 0"),
      any("select cat, count(*) from (select cat from t union all select cat from u) group by cat"),
      ordered("select k from (select id as k from t union all select k from u"
          + " union all select id from t where b) order by k"),
      any("select s from t union select s from t"),
      ordered("select id, i32 + i16, f64 * 2, i64 - u32, s || '!', upper(fs), char_length(s)"
          + " from t where id < 3000 order by id"),
      ordered("select id, case when i8 > 0 then 'pos' when i8 < 0 then 'neg' else 'other' end,"
          + " case cat when 'yes' then 1 when 'no' then 0 end from t order by id"),
      ordered("select id, s from t where s like 'a%' order by id"),
      ordered("select id, s from t where s like '%7_' or fs like 'a_' order by id"),
      ordered("select id, s from t order by s desc nulls first, id limit 20 offset 30"),
      ordered("select id, f64 from t order by f64 nulls last, id limit 50"),
      ordered("select id, ts, d from t order by ts desc, id fetch next 40 rows only"),
      ordered("select id, i64 from t order by abs(i64) desc nulls last, id limit 15"),
      ordered("select id from t order by id desc limit 10 offset 19995"),
      any("select cat, count(*) from t group by cat"),
      any("select s, count(*), sum(i32), min(f64), max(ts), avg(cast(i16 as integer)) from t group by s"),
      any("select ts, count(*) from t group by ts"),
      any("select d, count(*), max(s) from t group by d"),
      any("select f64, count(*) from t group by f64"),
      any("select f32, count(*), sum(f32) from t group by f32"),
      any("select fs, b, count(*), min(i8), max(u8) from t group by fs, b"),
      any("select distinct cat, b from t"),
      any("select distinct s from t"),
      any("select count(distinct s), count(distinct cat), count(distinct i8) from t"),
      any("select count(*), count(i8), sum(i64), avg(f64), min(d), max(d), sum(u32) from t"),
      any("select b, i8, count(*) from t group by b, i8"),
      any("select u8, count(*), sum(u16) from t group by u8"),
      any("select cat, count(*) from t group by cat having count(*) > 3000"),
      any("select mod(id, 7), count(*), sum(f64), min(f32) from t group by mod(id, 7)"),
      any("select coalesce(i8, -1), count(*) from t group by coalesce(i8, -1)"),
      any("select extract(year from ts), count(*) from t group by extract(year from ts)"),
      any("select min(s), max(s), min(cat), max(cat), min(fs), max(fs) from t"),
      any("select t.id, u.name from t join u on t.i16 = u.k where t.id < 2000"),
      any("select count(*), sum(t.i32) from t join u on t.s = u.name"),
      any("select u.k, count(t.id) from u left join t on t.cat = u.cat and t.i16 = u.k"
          + " group by u.k"),
      any("select count(*) from t a join t b on a.id = b.id + 1 where a.cat = b.cat"),
      any("select count(*) from t where i32 in (select k from u where k < 50)"),
      ordered("select id, f64 from t where f64 > (select avg(f64) from t) order by id limit 10"),
      any("select count(*) from u where exists (select 1 from t where t.i16 = u.k and t.b)"),
      any("select s from t where i8 > 100 union select name from u"),
      any("select count(*) from (select id from t where b union all select id from t where not b)"),
      any("select cat from t where i8 < 0 intersect select cat from u"),
      ordered("select id, row_number() over (partition by cat order by id) from t"
          + " order by id limit 300"),
      any("select id, sum(i32) over (partition by b), count(*) over (partition by cat) from t"
          + " where id < 500"),
      any("select count(*) from t where ts between timestamp '2020-01-01 00:00:00'"
          + " and timestamp '2020-02-01 00:00:00.5'"),
      any("select count(*) from t where d >= date '1975-01-01' and d < date '2001-01-01'"),
      any("select count(*) from t where cat = 'yes' or i8 is null"),
      any("select count(*) from t where i16 not in (1, 2, 3) and cat <> 'no'"),
      any("select count(*) from t where f32 is not null and u32 > 1000000000"),
      any("select count(*) from t where s >= 'm' and s < 'q'"),
      any("select count(*), min(id) from t where fs = 'ab' or fs = ''"),
      any("select count(*) from t where cast(i16 as double) > 100.5"),
      any("select count(*) from t where b"),
      any("select count(*) from t where not b"),
      any("select count(*) from t where i64 > 0.5 and f64 < 100 and cat in ('yes', 'maybe')"),
      any("select max(c) from (select s, count(*) c from t group by s)"),
      any("select count(*) from t where u16 between 100 and 30000 and i8 is not null"),
      any("select cat, b, d, count(*), sum(i32), avg(f64), min(s), max(fs) from t"
          + " group by cat, b, d"),
      any("select ts, s, count(*), min(cat), max(cat), min(b), max(b) from t group by ts, s"),
      any("select i64, f32, count(i8), sum(f32), avg(i32), min(ts), max(d) from t"
          + " group by i64, f32"),
      any("select s, cat, count(distinct i8), sum(distinct i32), count(*) from t group by s, cat"),
      any("select fs, count(distinct s), count(distinct ts), avg(distinct i32), max(s) from t"
          + " group by fs"),
      any("select count(distinct s), count(distinct f64), sum(distinct u8), count(*) from t"),
      any("select cat, count(*) filter (where b), sum(i32) filter (where b),"
          + " max(s) filter (where b) from t group by cat"),
      any("select s, count(*) from t group by s having count(*) > 12 and min(cat) = 'no'"),
      any("select u32, count(*) from t where u32 is not null group by u32 having count(*) > 1"),
      any("select d, ts, count(*) from t where id < 100 group by d, ts"),
      any("select min(ts), max(ts), min(d), max(d), min(b), max(b), min(u32), max(u32),"
          + " min(f32), max(f32), avg(i8), avg(u32) from t where id > 25000"),
      any("select id / 1000, count(*), min(s), max(s) from t group by id / 1000"));

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(value = Stores.class, names = {"DISK", "DISK_DENSE", "DISK_SPARSE", "FAKE_SPARSE"})
  void everyQueryAgreesWithPlainCalcite(Stores store) throws Exception {
    assertEquals(List.of(), failures(dir, store, QUERIES), "seed " + SEED + ", " + store);
  }

  /**
   * Runs queries on Curata and plain Calcite over this class's data (written under {@code dir})
   * and returns one line per disagreement.
   */
  static List<String> failures(Path dir, Stores store, List<Query> queries) throws Exception {
    Random r = new Random(SEED);
    List<Object[]> tRows = new ArrayList<>();
    List<Object[]> uRows = new ArrayList<>();
    Dataset ds = store.create(dir, 1000);
    try (Transaction tx = ds.beginWrite("parity data")) {
      DataFrameAppender t = tx.createDataFrame("t", T, List.of("id"), List.of("id"));
      for (int i = 0; i < ROWS; i++) {
        tRows.add(writeT(t, i, r));
      }
      DataFrameAppender u = tx.createDataFrame("u", U, List.of(), List.of("k"));
      for (int k = 0; k < 500; k++) {
        uRows.add(writeU(u, k, r));
      }
      tx.commit();
    }
    int batch = store == Stores.FAKE_SPARSE ? 7 : 1024;
    try (Sql curata = new Sql(ds, batch); Connection plain = plainCalcite(
        Map.of("t", new ArrayTable(T, tRows), "u", new ArrayTable(U, uRows)))) {
      List<String> failures = new ArrayList<>();
      for (Query q : queries) {
        List<String> expected = run(plain, q.sql());
        List<String> got = run(curata.connection, q.sql());
        if (!expected.isEmpty() && expected.get(0).startsWith("ERROR ")) {
          failures.add(q.sql() + "\n  the reference fails (fix the query): " + expected.get(0));
          continue;
        }
        if (!q.ordered()) {
          Collections.sort(expected);
          Collections.sort(got);
        }
        if (!expected.equals(got)) {
          failures.add(q.sql() + "\n  " + diff(expected, got));
        }
      }
      return failures;
    }
  }

  /** Appends row i of t and returns it as Calcite holds it (labels, millis, days). */
  private static Object[] writeT(DataFrameAppender a, int i, Random r) {
    Object[] row = new Object[T.size()];
    a.field(0).appendLong(i);
    row[0] = i;
    Long b = maybe(r, 0.15, r.nextBoolean() ? 1L : 0L);
    put(a, 1, b);
    row[1] = b == null ? null : b == 1;
    Long i8 = maybe(r, 0.9, (long) (r.nextInt(256) - 128));
    put(a, 2, i8);
    row[2] = i8 == null ? null : (byte) (long) i8;
    Long i16 = maybe(r, 0.1, (long) (r.nextInt(600) - 50));
    put(a, 3, i16);
    row[3] = i16 == null ? null : (short) (long) i16;
    Long i32 = maybe(r, 0.2, (long) (r.nextInt(2001) - 1000));
    put(a, 4, i32);
    row[4] = i32 == null ? null : (int) (long) i32;
    Long i64 = maybe(r, 0.1, r.nextLong() >> 22);
    put(a, 5, i64);
    row[5] = i64;
    Long u8 = maybe(r, 0.1, (long) r.nextInt(256));
    put(a, 6, u8);
    row[6] = u8 == null ? null : (short) (long) u8;
    Long u16 = maybe(r, 0.1, (long) r.nextInt(65536));
    put(a, 7, u16);
    row[7] = u16 == null ? null : (int) (long) u16;
    Long u32 = maybe(r, 0.1, (r.nextInt() & 0xFFFFFFFFL));
    put(a, 8, u32);
    row[8] = u32;
    Double f32 = r.nextDouble() < 0.1 ? null : (r.nextInt(2001) - 1000) / 4.0;
    putDouble(a, 9, f32);
    row[9] = f32 == null ? null : (float) (double) f32;
    Double f64 = r.nextDouble() < 0.1 ? null : (r.nextInt(200_001) - 100_000) / 8.0;
    putDouble(a, 10, f64);
    row[10] = f64;
    Long code = maybe(r, 0.1, (long) r.nextInt(5)); // code 4 is not in the key: reads NULL
    put(a, 11, code);
    row[11] = code == null ? null : KEY.label(code);
    String fs = r.nextDouble() < 0.1 ? null
        : new String[] {"ab", "abcd", "x", "", "zz", "a\u00e9"}[r.nextInt(6)];
    putString(a, 12, fs);
    row[12] = fs;
    String s = r.nextDouble() < 0.1 ? null : word(r);
    putString(a, 13, s);
    row[13] = s;
    Long ts = maybe(r, 0.1, 1_577_836_800_000_000L + (r.nextInt(4000) - 500) * 3_600_000_000L
        + r.nextInt(3) * 500L);
    put(a, 14, ts);
    row[14] = ts == null ? null : Math.floorDiv(ts, 1000L);
    Long d = maybe(r, 0.1, (long) (r.nextInt(20_000) - 2000));
    put(a, 15, d);
    row[15] = d == null ? null : (int) (long) d;
    return row;
  }

  private static Object[] writeU(DataFrameAppender a, int k, Random r) {
    a.field(0).appendLong(k);
    String name = r.nextDouble() < 0.1 ? null : word(r);
    putString(a, 1, name);
    long code = r.nextInt(4);
    a.field(2).appendLong(code);
    return new Object[] {k, name, KEY.label(code)};
  }

  private static String word(Random r) {
    int n = r.nextInt(400);
    return new String[] {"a", "m", "q", "z", "\u00e9"}[n % 5] + n;
  }

  private static Long maybe(Random r, double nullFraction, long value) {
    return r.nextDouble() < nullFraction ? null : value;
  }
}
