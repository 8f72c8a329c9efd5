package org.curata.adapter;

import static org.curata.adapter.ParitySupport.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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
 * The benchmark's aggregate shapes (Q2, Q3, Q6) and others plan as native {@link
 * org.curata.adapter.rel.CurataAggregate} nodes, stream when the input is sorted on the keys,
 * and give plain Calcite's answers (over the same rows in Java arrays) with batch sizes 1, 3 and
 * 4096.
 */
final class AggregatePlanTest {
  private static final CategoricalKey COUNTRY = new CategoricalKey(FieldKind.INT8,
      Map.of(0L, "GB", 1L, "US", 2L, "SE"));
  private static final CategoricalKey GENDER = new CategoricalKey(FieldKind.INT8,
      Map.of(0L, "f", 1L, "m", 2L, "x"));

  private static final List<FieldSpec> PATIENTS = List.of(
      new FieldSpec("id", FieldType.of(FieldKind.STRING), false),
      FieldSpec.of("country", FieldType.categorical(COUNTRY)),
      FieldSpec.of("gender", FieldType.categorical(GENDER)),
      FieldSpec.of("bmi", FieldType.of(FieldKind.FLOAT64)));
  private static final List<FieldSpec> ASSESSMENTS = List.of(
      new FieldSpec("id", FieldType.of(FieldKind.STRING), false),
      FieldSpec.of("patient_id", FieldType.of(FieldKind.STRING)),
      new FieldSpec("created_at", FieldType.of(FieldKind.TIMESTAMP), false),
      FieldSpec.of("temperature", FieldType.of(FieldKind.FLOAT64)));
  private static final List<FieldSpec> VISITS = List.of(
      new FieldSpec("vday", FieldType.of(FieldKind.DATE), false),
      FieldSpec.of("kind", FieldType.of(FieldKind.STRING)),
      FieldSpec.of("n", FieldType.of(FieldKind.INT32)));

  @TempDir
  Path dir;

  private final Map<String, List<Object[]>> plainRows = new java.util.HashMap<>();

  private static String patient(int i) {
    return "p" + (char) ('a' + i / 26) + (char) ('a' + i % 26);
  }

  /**
   * patients: id "p??" (sorted), country i % 4 (code 3 has no label), gender i % 3, bmi 20 + i %
   * 10 (NULL when i % 6 == 0); assessments: patient_id one of 50 patients, created_at j hours
   * (and some microseconds) from 2020-05-30, temperature NULL when j % 3 == 0; visits sorted on
   * (vday, kind), 7 rows a day. The same rows, as plain Calcite holds them, go to plainRows.
   */
  private Dataset write() {
    Dataset ds = Stores.DISK.create(dir, 16);
    List<Object[]> pr = new ArrayList<>();
    List<Object[]> ar = new ArrayList<>();
    List<Object[]> vr = new ArrayList<>();
    try (Transaction tx = ds.beginWrite("benchmark shapes")) {
      DataFrameAppender p = tx.createDataFrame("patients", PATIENTS, List.of("id"),
          List.of("id"));
      for (int i = 0; i < 100; i++) {
        Double bmi = i % 6 == 0 ? null : 20.0 + i % 10;
        p.field(0).appendString(patient(i));
        p.field(1).appendLong(i % 4);
        p.field(2).appendLong(i % 3);
        if (bmi == null) {
          p.field(3).appendNull();
        } else {
          p.field(3).appendDouble(bmi);
        }
        pr.add(new Object[] {patient(i), COUNTRY.label(i % 4), GENDER.label(i % 3), bmi});
      }
      DataFrameAppender a = tx.createDataFrame("assessments", ASSESSMENTS, List.of(),
          List.of("id"));
      long start = 1_590_796_800_000_000L; // 2020-05-30 00:00:00 UTC
      for (int j = 0; j < 500; j++) {
        Double t = j % 3 == 0 ? null : 36 + (j % 7) / 10.0;
        long micros = start + (j / 2) * 3_600_000_000L + (j % 2) * 400;
        a.field(0).appendString("a" + j);
        a.field(1).appendString(patient((j * 7) % 50));
        a.field(2).appendLong(micros);
        if (t == null) {
          a.field(3).appendNull();
        } else {
          a.field(3).appendDouble(t);
        }
        ar.add(new Object[] {"a" + j, patient((j * 7) % 50), Math.floorDiv(micros, 1000L), t});
      }
      DataFrameAppender v = tx.createDataFrame("visits", VISITS, List.of("vday", "kind"),
          List.of());
      for (int k = 0; k < 300; k++) {
        v.field(0).appendLong(k / 7);
        v.field(1).appendString(k % 7 < 3 ? "a" : "b");
        v.field(2).appendLong(k);
        vr.add(new Object[] {k / 7, k % 7 < 3 ? "a" : "b", k});
      }
      tx.commit();
    }
    plainRows.put("patients", pr);
    plainRows.put("assessments", ar);
    plainRows.put("visits", vr);
    return ds;
  }

  private static final String Q2 = "SELECT country, gender, count(*), avg(bmi) FROM patients"
      + " GROUP BY country, gender";
  private static final String Q3 = "SELECT patient_id, max(temperature) FROM assessments"
      + " WHERE temperature IS NOT NULL GROUP BY patient_id ORDER BY 2 DESC, 1 LIMIT 100";
  private static final String Q6 = "SELECT count(DISTINCT patient_id) FROM assessments"
      + " WHERE created_at >= TIMESTAMP '2020-06-01 00:00:00'";
  private static final String STREAMED = "select vday, count(*), sum(n), min(kind), max(kind)"
      + " from visits group by vday";

  private static final List<String> QUERIES = List.of(Q2, Q3, Q6, STREAMED,
      "select kind, vday, count(*), sum(n) from visits group by kind, vday",
      "select created_at, count(*) from assessments group by created_at",
      "select patient_id, count(*) from assessments group by patient_id having count(*) > 10",
      "select country, min(gender), max(gender), min(id), max(id), min(bmi) from patients"
          + " group by country",
      "select patient_id, min(created_at), max(created_at), avg(temperature) from assessments"
          + " group by patient_id",
      "select country, count(distinct gender), count(distinct bmi), sum(distinct bmi)"
          + " from patients group by country",
      "select gender, country, count(bmi), sum(bmi), avg(bmi) from patients"
          + " where bmi > 100 group by gender, country",
      "select count(*), sum(bmi), min(id), max(country) from patients where bmi > 100",
      "select bmi, count(*) from patients group by bmi",
      "select max(n), min(vday), count(distinct kind) from visits");

  @Test
  void benchmarkShapesAreNative() throws Exception {
    try (Sql sql = new Sql(write(), 7)) {
      String q2 = sql.explain(Q2);
      assertTrue(q2.contains("CurataAggregate(group=[{0, 1}], EXPR$2=[COUNT()]"), q2);
      assertFalse(q2.contains("EnumerableAggregate"), q2);
      String q3 = sql.explain(Q3);
      assertTrue(q3.contains("CurataAggregate(group=[{0}], EXPR$1=[MAX($1)], est=["), q3);
      assertFalse(q3.contains("EnumerableAggregate"), q3);
      String q6 = sql.explain(Q6);
      // one aggregate with a DISTINCT call (cheaper than Calcite's expansion into two)
      assertTrue(q6.contains("CurataAggregate(group=[{}], EXPR$0=[COUNT(DISTINCT $0)], est=["), q6);
      assertFalse(q6.contains("EnumerableAggregate"), q6);
      String streamed = sql.explain(STREAMED);
      assertTrue(streamed.contains("streaming=[sorted input]"), streamed);
      assertFalse(q3.contains("streaming"), q3);
    }
  }

  @Test
  void answersAgreeWithPlainCalcite() throws Exception {
    Dataset ds = write();
    for (int batch : new int[] {1, 3, 4096}) {
      try (Sql sql = new Sql(ds, batch); Connection plain = plainCalcite()) {
        for (String q : QUERIES) {
          List<String> expected = new ArrayList<>(rows(plain, q));
          List<String> got = new ArrayList<>(sql.rows(q));
          Collections.sort(expected);
          Collections.sort(got);
          assertEquals(expected, got, q + " with batch size " + batch);
        }
      }
    }
  }

  /** A tiny memory budget makes the aggregates spill; answers stay the same, nothing is left. */
  @Test
  void answersAgreeWhenSpilling() throws Exception {
    Dataset ds = write();
    Path spill = dir.resolve("spill");
    List<String> queries = List.of(
        "select id, count(*), max(temperature), min(created_at) from assessments group by id",
        "select created_at, patient_id, count(*), sum(temperature) from assessments"
            + " group by created_at, patient_id",
        "select count(distinct id), count(distinct created_at), count(*) from assessments",
        "select patient_id, count(distinct id), max(id) from assessments group by patient_id");
    for (int batch : new int[] {3, 4096}) {
      ExecOptions options = ExecOptions.defaults().withBatchSize(batch).withMemoryBytes(8 << 10)
          .withSpillDirectory(spill);
      CurataSchema schema = new CurataSchema(ds, options);
      try (Connection curata = ParitySupport.connection(schema);
          Connection plain = plainCalcite()) {
        for (String q : queries) {
          List<String> expected = new ArrayList<>(rows(plain, q));
          List<String> got = new ArrayList<>(rows(curata, q));
          Collections.sort(expected);
          Collections.sort(got);
          assertEquals(expected, got, q + " with batch size " + batch);
        }
      } finally {
        schema.close();
      }
      // the spill parent exists only once something spilled (Files.list fails otherwise)
      try (java.util.stream.Stream<Path> left = java.nio.file.Files.list(spill)) {
        assertEquals(List.of(), left.collect(java.util.stream.Collectors.toList()),
            "spill directories left behind");
      }
    }
  }

  /** Plain Calcite over the rows write() kept. */
  private Connection plainCalcite() throws SQLException {
    return ParitySupport.plainCalcite(Map.of(
        "patients", new ArrayTable(PATIENTS, plainRows.get("patients")),
        "assessments", new ArrayTable(ASSESSMENTS, plainRows.get("assessments")),
        "visits", new ArrayTable(VISITS, plainRows.get("visits"))));
  }
}
