package org.curata.adapter;

import static org.curata.adapter.ParitySupport.connection;
import static org.curata.adapter.ParitySupport.plainCalcite;
import static org.curata.adapter.ParitySupport.put;
import static org.curata.adapter.ParitySupport.putString;
import static org.curata.adapter.ParitySupport.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.calcite.schema.Table;
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

/**
 * Joins through Curata's own join operators agree with plain Calcite over the same generated
 * data (assessments of patients, the shape of the benchmark's Q4): inner joins with a grouped
 * count above, outer joins whose sides have NULL keys and unmatched rows, IN / EXISTS (planned as
 * SEMI joins) and NOT EXISTS or an IS NULL test after a LEFT join (planned as ANTI joins), and the
 * shapes that must not become SEMI or ANTI joins (IS NOT DISTINCT FROM, grouping sets, a right
 * column that may be NULL in a match), categorical keys joined to strings and to a categorical
 * with another key, timestamp, float and multi-column keys, an inner join with a non-equi rest, with
 * batch sizes 3 and 1024 and with a budget small enough to make the joins spill. EXPLAIN shows
 * that the Curata join ran.
 */
final class JoinParityTest {
  private static final long SEED = 20_261_121L;
  private static final CategoricalKey COUNTRY = new CategoricalKey(FieldKind.INT8,
      Map.of(0L, "", 1L, "GB", 2L, "SE", 3L, "US", 4L, "FR"));
  private static final CategoricalKey COUNTRY_CODES = new CategoricalKey(FieldKind.UINT16,
      Map.of(10L, "US", 20L, "GB", 30L, "DE", 40L, ""));

  private static final List<FieldSpec> PATIENTS = List.of(
      new FieldSpec("id", FieldType.of(FieldKind.INT32), false),
      FieldSpec.of("country", FieldType.categorical(COUNTRY)),
      FieldSpec.of("age", FieldType.of(FieldKind.INT16)),
      FieldSpec.of("name", FieldType.of(FieldKind.STRING)));

  private static final List<FieldSpec> ASSESSMENTS = List.of(
      new FieldSpec("id", FieldType.of(FieldKind.INT64), false),
      FieldSpec.of("patient_id", FieldType.of(FieldKind.UINT16)), // INTEGER, as patients.id
      FieldSpec.of("fever", FieldType.of(FieldKind.INT8)),
      FieldSpec.of("age", FieldType.of(FieldKind.UINT8)),
      FieldSpec.of("temp", FieldType.of(FieldKind.FLOAT64)),
      FieldSpec.of("ts", FieldType.of(FieldKind.TIMESTAMP)),
      FieldSpec.of("country_code", FieldType.of(FieldKind.STRING)));

  private static final List<FieldSpec> COUNTRIES = List.of(
      FieldSpec.of("name", FieldType.fixedString(2)),
      FieldSpec.of("code", FieldType.categorical(COUNTRY_CODES)),
      FieldSpec.of("population", FieldType.of(FieldKind.INT64)));

  /**
   * A query, whether EXPLAIN must show a Curata join, and text EXPLAIN must show (or null).
   */
  private record Query(String sql, boolean native_, String shows) {
    Query(String sql, boolean native_) {
      this(sql, native_, null);
    }
  }

  private static final String SEMI = "joinType=[semi]";
  private static final String ANTI = "joinType=[anti]";

  private static final List<Query> QUERIES = List.of(
      new Query("SELECT p.country, count(*) FROM assessments a JOIN patients p"
          + " ON a.patient_id = p.id WHERE a.fever = 1 GROUP BY p.country", true),
      new Query("select a.id, a.patient_id, p.id, p.name from assessments a"
          + " join patients p on a.patient_id = p.id", true),
      new Query("select a.id, p.id, p.name, p.country from assessments a"
          + " left join patients p on a.patient_id = p.id", true),
      new Query("select a.id, p.id, p.name from assessments a"
          + " right join patients p on a.patient_id = p.id", true),
      new Query("select a.id, a.temp, p.id, p.age from assessments a"
          + " full join patients p on a.patient_id = p.id", true),
      new Query("select p.id, p.name from patients p"
          + " where p.id in (select patient_id from assessments where fever = 1)", true, SEMI),
      new Query("select p.id from patients p"
          + " where exists (select 1 from assessments a where a.patient_id = p.id)", true, SEMI),
      new Query("select p.id, p.country from patients p"
          + " where not exists (select 1 from assessments a where a.patient_id = p.id)", true,
          ANTI),
      new Query("select count(*) from patients p where exists (select 1 from assessments a"
          + " where a.patient_id = p.id and a.age = p.age)", true, SEMI),
      // ANTI, or LEFT with the IS NULL filter, whichever the estimates make cheaper
      new Query("select p.country, count(*) from patients p where not exists (select 1"
          + " from assessments a where a.patient_id = p.id and a.fever = 1) group by p.country",
          true),
      new Query("select a.id from assessments a where a.country_code in"
          + " (select name from patients)", true, SEMI),
      new Query("select a.id, a.country_code from assessments a where not exists (select 1"
          + " from patients p where p.name = a.country_code and p.age > 40)", true, ANTI),
      new Query("select p.id from patients p where not exists (select 1 from assessments a"
          + " where a.patient_id = p.id and a.temp > p.age)", false),
      new Query("select p.id, q.id from patients p left join patients q on p.id = q.id + 1"
          + " where q.id is null", true, ANTI),
      // IS NOT DISTINCT FROM matches NULL keys: not a SEMI join of plain = keys
      new Query("select count(*), count(a.patient_id) from assessments a join (select distinct"
          + " patient_id from assessments where fever = 1) d"
          + " on a.patient_id is not distinct from d.patient_id", false),
      // every row of a grouping-sets distinct has a NULL key: the join matches nothing
      new Query("select count(*) from assessments a join (select patient_id, age from"
          + " assessments group by grouping sets ((patient_id), (age))) d"
          + " on a.patient_id = d.patient_id and a.age = d.age", false),
      // a left-only condition in the ON clause, two IS NULL tests: an ANTI join with a non-equi
      // rest, which Calcite runs
      new Query("select p.id from patients p left join assessments a on a.patient_id = p.id"
          + " and p.age > 30 where a.id is null and a.patient_id is null", false, ANTI),
      // temp may be NULL in a matched row: this filter is not an ANTI join
      new Query("select p.id, a.id from patients p left join assessments a"
          + " on a.patient_id = p.id where a.temp is null", true),
      new Query("select p.id from patients p"
          + " where p.id not in (select patient_id from assessments where fever = 0)", false),
      // countries.name is VARCHAR(2): Calcite casts it to VARCHAR in a projection below the join
      new Query("select a.id, c.name, c.population from assessments a"
          + " join countries c on a.country_code = c.name", false),
      new Query("select p.id, c.name from patients p join countries c on p.country = c.name",
          false),
      new Query("select a.id, p.id, p.name from assessments a join patients p"
          + " on a.country_code = p.name", true),
      new Query("select p.id, a.id from patients p left join assessments a"
          + " on p.country = a.country_code where p.id < 200", true),
      new Query("select p.id, c.code from patients p join countries c on p.country = c.code",
          true),
      new Query("select c.code, p.id from countries c left join patients p"
          + " on c.code = p.country", true),
      new Query("select a.id, p.id from assessments a join patients p"
          + " on a.patient_id = p.id and a.age = p.age", true),
      new Query("select a.id, p.id from assessments a join patients p"
          + " on a.patient_id = p.id and a.temp > p.age", false),
      new Query("select a.id, b.id from assessments a join assessments b on a.ts = b.ts"
          + " where a.id < 400", true),
      new Query("select a.id, b.id from assessments a join assessments b on a.temp = b.temp"
          + " where a.id < 300", true),
      new Query("select count(*), count(q.name) from patients p join patients q on p.age = q.age",
          true),
      new Query("select a.id, b.fever, b.temp from assessments a join assessments b"
          + " on a.id = b.id where b.fever = 1", true),
      new Query("select p.id, q.id, q.name from patients p full join patients q on p.id = q.id"
          + " and p.age = q.age", true),
      new Query("select p.id, p.name, q.id from patients p left join patients q"
          + " on p.id = q.id where q.age > 30 or p.age < 20", true));

  @TempDir
  Path dir;

  @Test
  void joinsAgreeWithPlainCalcite() throws Exception {
    Random r = new Random(SEED);
    Dataset ds = Stores.DISK.create(dir, 500);
    List<Object[]> patients = new ArrayList<>();
    List<Object[]> assessments = new ArrayList<>();
    List<Object[]> countries = new ArrayList<>();
    try (Transaction tx = ds.beginWrite("join data")) {
      DataFrameAppender p = tx.createDataFrame("patients", PATIENTS, List.of("id"),
          List.of("id"));
      for (int i = 0; i < 1500; i++) {
        patients.add(writePatient(p, i, r));
      }
      DataFrameAppender a = tx.createDataFrame("assessments", ASSESSMENTS, List.of("id"),
          List.of("id"));
      for (int i = 0; i < 5000; i++) {
        assessments.add(writeAssessment(a, i, r));
      }
      DataFrameAppender c = tx.createDataFrame("countries", COUNTRIES, List.of(), List.of());
      String[] names = {"GB", "US", "SE", "DE", "", null, "GB"};
      long[] codes = {20, 10, 11, 30, 40, 10, 20};
      for (int i = 0; i < names.length; i++) {
        countries.add(writeCountry(c, names[i], codes[i], i));
      }
      tx.commit();
    }
    Map<String, Table> tables = Map.of("patients", new ArrayTable(PATIENTS, patients),
        "assessments", new ArrayTable(ASSESSMENTS, assessments),
        "countries", new ArrayTable(COUNTRIES, countries));
    List<String> failures = new ArrayList<>();
    try (Connection plain = plainCalcite(tables)) {
      for (ExecOptions options : List.of(ExecOptions.defaults().withBatchSize(1024),
          ExecOptions.defaults().withBatchSize(3),
          ExecOptions.defaults().withBatchSize(256).withMemoryBytes(32 << 10)
              .withSpillDirectory(dir.resolve("spill")))) {
        CurataSchema schema = new CurataSchema(ds, options);
        try (Connection curata = connection(schema)) {
          for (Query q : QUERIES) {
            List<String> expected = rows(plain, q.sql());
            List<String> got = rows(curata, q.sql());
            Collections.sort(expected);
            Collections.sort(got);
            if (!expected.equals(got)) {
              failures.add(options + ": " + q.sql() + "\n  expected " + expected.size()
                  + " rows, got " + got.size() + firstDifference(expected, got));
            }
            String plan = String.join("\n", rows(curata, "explain plan for " + q.sql()));
            if (q.native_() && !plan.contains("CurataJoin") && !plan.contains("CurataMergeJoin")) {
              failures.add(q.sql() + "\n  does not run a Curata join:\n" + plan);
            }
            if (q.shows() != null && !plan.contains(q.shows())) {
              failures.add(q.sql() + "\n  does not show " + q.shows() + ":\n" + plan);
            }
          }
        } finally {
          schema.close();
        }
      }
    }
    assertEquals(List.of(), failures, "seed " + SEED);
  }

  @Test
  void explainShowsTypeKeysBuildSideAndStrategy() throws Exception {
    Dataset ds = Stores.FAKE_DENSE.create(dir, 100);
    try (Transaction tx = ds.beginWrite("small")) {
      DataFrameAppender p = tx.createDataFrame("patients", PATIENTS, List.of("id"),
          List.of("id"));
      Random r = new Random(SEED);
      for (int i = 0; i < 50; i++) {
        writePatient(p, i, r);
      }
      DataFrameAppender a = tx.createDataFrame("assessments", ASSESSMENTS, List.of("id"),
          List.of("id"));
      for (int i = 0; i < 400; i++) {
        writeAssessment(a, i, r);
      }
      tx.commit();
    }
    try (Sql sql = new Sql(ds, 1024)) {
      String plan = sql.explain("select a.id, p.name from assessments a left join patients p"
          + " on a.patient_id = p.id");
      assertTrue(plan.contains("CurataJoin(condition=[=($1, $2)], joinType=[left],"
          + " keys=[[left.patient_id = right.id]], build=[right], strategy=[hash], est=["), plan);
      String merge = sql.explain("select p.id, q.name from patients p join patients q"
          + " on p.id = q.id");
      assertTrue(merge.contains("CurataMergeJoin(condition=[=($0, $1)], joinType=[inner],"
          + " keys=[[left.id = right.id]], strategy=[merge], est=["), merge);
    }
  }

  private static String firstDifference(List<String> expected, List<String> got) {
    for (int i = 0; i < Math.min(expected.size(), got.size()); i++) {
      if (!expected.get(i).equals(got.get(i))) {
        return ", first difference at " + i + ": expected [" + expected.get(i) + "] got ["
            + got.get(i) + "]";
      }
    }
    return "";
  }

  private static Object[] writePatient(DataFrameAppender a, int i, Random r) {
    a.field(0).appendLong(i);
    Long code = r.nextInt(12) == 0 ? null : (long) r.nextInt(6); // 5 has no label: NULL
    put(a, 1, code);
    Long age = r.nextInt(15) == 0 ? null : (long) r.nextInt(90);
    put(a, 2, age);
    String name = r.nextInt(10) == 0 ? null : "n" + r.nextInt(700);
    putString(a, 3, name);
    return new Object[] {i, code == null ? null : COUNTRY.label(code),
        age == null ? null : (short) (long) age, name};
  }

  private static Object[] writeAssessment(DataFrameAppender a, int i, Random r) {
    a.field(0).appendLong(i);
    // some patients have none, some assessments name a patient that does not exist or NULL
    Long pid = r.nextInt(10) == 0 ? null : (long) r.nextInt(1700);
    put(a, 1, pid);
    Long fever = r.nextInt(8) == 0 ? null : (long) r.nextInt(2);
    put(a, 2, fever);
    Long age = r.nextInt(15) == 0 ? null : (long) r.nextInt(90);
    put(a, 3, age);
    Double temp;
    if (r.nextInt(10) == 0) {
      temp = null;
      a.field(4).appendNull();
    } else {
      temp = 35 + r.nextInt(40) / 8.0;
      a.field(4).appendDouble(temp);
    }
    Long ts = r.nextInt(10) == 0 ? null
        : 1_600_000_000_000_000L + r.nextInt(3000) * 1000L + r.nextInt(1000);
    put(a, 5, ts);
    String cc = r.nextInt(10) == 0 ? null : new String[] {"GB", "US", "SE", "DE", "", "XX"}[
        r.nextInt(6)];
    putString(a, 6, cc);
    return new Object[] {(long) i, pid == null ? null : (int) (long) pid, fever == null ? null : (byte) (long) fever,
        age == null ? null : (short) (long) age, temp,
        ts == null ? null : Math.floorDiv(ts, 1000L), cc};
  }

  private static Object[] writeCountry(DataFrameAppender a, String name, long code, int i) {
    putString(a, 0, name);
    a.field(1).appendLong(code);
    a.field(2).appendLong(1000L * i);
    return new Object[] {name, COUNTRY_CODES.label(code), 1000L * i};
  }
}
