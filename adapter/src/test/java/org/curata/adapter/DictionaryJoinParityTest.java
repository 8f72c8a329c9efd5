package org.curata.adapter;

import static org.curata.adapter.ParitySupport.connection;
import static org.curata.adapter.ParitySupport.plainCalcite;
import static org.curata.adapter.ParitySupport.put;
import static org.curata.adapter.ParitySupport.putString;
import static org.curata.adapter.ParitySupport.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.calcite.schema.Table;
import org.curata.adapter.ParitySupport.ArrayTable;
import org.curata.adapter.exec.ExecOptions;
import org.curata.storage.DataFrame;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.OpenOptions;
import org.curata.storage.Snapshot;
import org.curata.storage.StringEncoding;
import org.curata.storage.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Joins on string keys stored with dictionaries (the shape of the benchmark's Q4: a repeating
 * foreign key, dictionary-encoded, joined to a unique key stored plain; two repeating fields with
 * dictionaries of their own; a field joined to itself through one dictionary) agree with plain
 * Calcite over the same data, for every join type, with batch sizes 3 and 1024, two threads, and
 * a budget small enough to make the joins spill. EXPLAIN shows that the Curata join ran.
 */
final class DictionaryJoinParityTest {
  private static final long SEED = 20_261_122L;

  private static final List<FieldSpec> PATIENTS = List.of(
      FieldSpec.of("id", FieldType.of(FieldKind.STRING)),
      FieldSpec.of("name", FieldType.of(FieldKind.STRING)),
      FieldSpec.of("age", FieldType.of(FieldKind.INT16)));

  private static final List<FieldSpec> ASSESSMENTS = List.of(
      new FieldSpec("id", FieldType.of(FieldKind.INT64), false),
      FieldSpec.of("patient_id", FieldType.of(FieldKind.STRING)),
      FieldSpec.of("fever", FieldType.of(FieldKind.INT8)),
      FieldSpec.of("name", FieldType.of(FieldKind.STRING)));

  private static final List<String> QUERIES = List.of(
      "select p.name, count(*) from assessments a join patients p on a.patient_id = p.id"
          + " where a.fever = 1 group by p.name",
      "select a.id, a.patient_id, p.id, p.age from assessments a"
          + " join patients p on a.patient_id = p.id",
      "select a.id, p.id, p.name from assessments a left join patients p"
          + " on a.patient_id = p.id",
      "select a.id, p.id from assessments a right join patients p on a.patient_id = p.id",
      "select a.id, a.fever, p.id, p.age from assessments a full join patients p"
          + " on a.patient_id = p.id",
      "select p.id, p.age from patients p"
          + " where p.id in (select patient_id from assessments where fever = 1)",
      "select p.id from patients p"
          + " where exists (select 1 from assessments a where a.patient_id = p.id)",
      "select p.id, p.name from patients p"
          + " where not exists (select 1 from assessments a where a.patient_id = p.id)",
      "select a.id, p.id from assessments a join patients p on a.name = p.name"
          + " where a.id < 700",
      "select a.id, p.id from assessments a full join patients p on a.name = p.name"
          + " where a.id < 500 or a.id is null",
      "select a.id, b.id from assessments a join assessments b on a.patient_id = b.patient_id"
          + " where a.id < 400",
      "select count(*), count(p.name) from assessments a join patients p"
          + " on a.patient_id = p.id and a.name = p.name");

  @TempDir
  Path dir;

  @Test
  void joinsOnDictionaryKeysAgreeWithPlainCalcite() throws Exception {
    Random r = new Random(SEED);
    List<Object[]> patients = new ArrayList<>();
    List<Object[]> assessments = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    try (Dataset ds = Datasets.open(dir.resolve("data"), OpenOptions.defaults()
        .withCreate(true).withBlockRows(500).withStringEncoding(StringEncoding.AUTO))) {
      try (Transaction tx = ds.beginWrite("dictionary join data")) {
        DataFrameAppender p = tx.createDataFrame("patients", PATIENTS, List.of(), List.of());
        for (int i = 0; i < 1500; i++) {
          patients.add(writePatient(p, i, r));
        }
        DataFrameAppender a = tx.createDataFrame("assessments", ASSESSMENTS, List.of("id"),
            List.of("id"));
        for (int i = 0; i < 6000; i++) {
          assessments.add(writeAssessment(a, i, r));
        }
        tx.commit();
      }
      try (Snapshot s = ds.snapshot()) {
        DataFrame p = s.dataFrame("patients").orElseThrow();
        DataFrame a = s.dataFrame("assessments").orElseThrow();
        assertNull(p.field("id").orElseThrow().dictionary(), "unique patients.id should be stored plain");
        assertNotNull(p.field("name").orElseThrow().dictionary(), "patients.name is not dictionary-encoded");
        assertNotNull(a.field("patient_id").orElseThrow().dictionary(),
            "assessments.patient_id is not dictionary-encoded");
        assertNotNull(a.field("name").orElseThrow().dictionary(), "assessments.name is not dictionary-encoded");
      }
      Map<String, Table> tables = Map.of("patients", new ArrayTable(PATIENTS, patients),
          "assessments", new ArrayTable(ASSESSMENTS, assessments));
      try (Connection plain = plainCalcite(tables)) {
        for (ExecOptions options : List.of(ExecOptions.defaults().withBatchSize(1024),
            ExecOptions.defaults().withBatchSize(3),
            ExecOptions.defaults().withBatchSize(1024).withThreads(2),
            ExecOptions.defaults().withBatchSize(256).withMemoryBytes(32 << 10)
                .withSpillDirectory(dir.resolve("spill")))) {
          CurataSchema schema = new CurataSchema(ds, options);
          try (Connection curata = connection(schema)) {
            for (String q : QUERIES) {
              List<String> expected = ParitySupport.sorted(rows(plain, q));
              List<String> got = ParitySupport.sorted(rows(curata, q));
              if (!expected.equals(got)) {
                failures.add(options + ": " + q + "\n  " + ParitySupport.diff(expected, got));
              }
              String plan = String.join("\n", rows(curata, "explain plan for " + q));
              if (!plan.contains("CurataJoin")) {
                failures.add(options + ": " + q + "\n  does not run a Curata hash join:\n" + plan);
              }
            }
          } finally {
            schema.close();
          }
        }
      }
    }
    assertEquals(List.of(), failures, "seed " + SEED);
  }

  private static String patientId(int i) {
    return "p" + Integer.toHexString(0x100000 + i * 7919);
  }

  private static Object[] writePatient(DataFrameAppender a, int i, Random r) {
    String id = patientId(i);
    putString(a, 0, id);
    String name = r.nextInt(10) == 0 ? null : "n" + r.nextInt(300);
    putString(a, 1, name);
    Long age = r.nextInt(15) == 0 ? null : (long) r.nextInt(90);
    put(a, 2, age);
    return new Object[] {id, name, age == null ? null : (short) (long) age};
  }

  private static Object[] writeAssessment(DataFrameAppender a, int i, Random r) {
    a.field(0).appendLong(i);
    // half from a few frequent patients, some naming no patient, some NULL
    String pid;
    int c = r.nextInt(20);
    if (c == 0) {
      pid = null;
    } else if (c == 1) {
      pid = "missing-" + r.nextInt(50);
    } else {
      pid = patientId(c < 10 ? r.nextInt(60) : r.nextInt(1600)); // 1500..1599 do not exist
    }
    putString(a, 1, pid);
    Long fever = r.nextInt(8) == 0 ? null : (long) r.nextInt(2);
    put(a, 2, fever);
    String name = r.nextInt(10) == 0 ? null : "n" + r.nextInt(400);
    putString(a, 3, name);
    return new Object[] {(long) i, pid, fever == null ? null : (byte) (long) fever, name};
  }
}
