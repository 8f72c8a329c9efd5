package org.curata.storage.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.curata.storage.FieldSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports the CSVs and schema that ExeTera itself imported (shared fixtures, see
 * /work/shared/fixtures/exetera/README.md) and checks every cell against the CSV read independently,
 * with the rules verify_against_csv.py observed, translated to NULLs.
 */
final class ExeTeraFixtureTest {
  @TempDir
  Path dir;

  private final FakeDataset ds = new FakeDataset();
  private ImportResult result;
  private List<NamedCsvRecord> patients;
  private List<NamedCsvRecord> assessments;

  static Path copy(Path dir, String name) throws IOException {
    Path p = dir.resolve(name);
    try (InputStream in = ExeTeraFixtureTest.class.getResourceAsStream("exetera/" + name)) {
      Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
    }
    return p;
  }

  static List<NamedCsvRecord> read(Path p) throws IOException {
    List<NamedCsvRecord> rows = new ArrayList<>();
    try (CsvReader<NamedCsvRecord> r = CsvReader.builder().ofNamedCsvRecord(p)) {
      r.forEach(rows::add);
    }
    return rows;
  }

  @BeforeEach
  void importFixtures() throws IOException {
    Path p = copy(dir, "patients.csv");
    Path a = copy(dir, "assessments.csv");
    ImportSchema schema = ImportSchema.parse(ImportSchemaTest.resource("schema.json"), "schema.json");
    result = CsvImport.run(ds, List.of(new CsvSource("patients", p), new CsvSource("assessments", a)),
        ImportOptions.defaults().withSchema(schema));
    patients = read(p);
    assessments = read(a);
  }

  /** An ExeTera datetime as verify_against_csv.py parses it, in micros. */
  static long micros(String s) {
    s = s.strip();
    if (s.endsWith("UTC")) {
      LocalDateTime t = LocalDateTime.parse(s.substring(0, s.length() - 4),
          DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS"));
      return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;
    }
    if (s.length() == 32) {
      OffsetDateTime t = OffsetDateTime.parse(s, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx"));
      return t.toEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }
    return LocalDateTime.parse(s, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")).toEpochSecond(ZoneOffset.UTC)
        * 1_000_000L;
  }

  private static Object orNull(String s, Object v) {
    return s.isEmpty() ? null : v;
  }

  @Test
  void oneCommitTwoTablesAndTheUnknownColumnKept() {
    assertEquals(1, ds.commits);
    assertEquals(1000, patients.size());
    assertEquals(5000, assessments.size());
    TableResult p = result.tables().get(0);
    TableResult a = result.tables().get(1);
    assertEquals(1000, p.rows());
    assertEquals(5000, a.rows());
    assertEquals(0, result.rejected());
    assertEquals(List.of(), p.ignoredColumns());
    assertEquals(List.of(), a.ignoredColumns(), "ExeTera warns about 'notes' and imports it as a string");
    assertTrue(ds.specs.get("assessments").stream().anyMatch(s -> s.name().equals("notes")));
    assertEquals(List.of("id", "name", "year_of_birth", "height_cm", "weight_kg", "gender", "blood_group",
        "blood_group_freetext", "country_code", "is_smoker", "created_at", "last_asked_at", "date_of_test"),
        ds.specs.get("patients").stream().map(FieldSpec::name).toList());
    assertEquals(List.of("id"), ds.primaryKeys.get("patients"));
  }

  @Test
  void everyPatientCellMatchesTheCsv() {
    Map<String, Long> smoker = Map.of("True", 1L, "yes", 1L, "1", 1L, "False", 0L, "no", 0L, "0", 0L);
    Map<String, Long> gender = Map.of("", 0L, "female", 1L, "male", 2L, "other", 3L);
    Map<String, Long> blood = Map.of("", 0L, "a", 1L, "b", 2L, "ab", 3L, "o", 4L);
    for (int i = 0; i < patients.size(); i++) {
      NamedCsvRecord r = patients.get(i);
      String at = "row " + i;
      assertEquals(r.getField("id"), ds.values("patients", "id").get(i), at);
      assertEquals(orNull(r.getField("name"), r.getField("name")), ds.values("patients", "name").get(i), at);
      String yob = r.getField("year_of_birth");
      assertEquals(orNull(yob, yob.isEmpty() ? null : Long.parseLong(yob)), ds.values("patients", "year_of_birth").get(i), at);
      String h = r.getField("height_cm");
      Object hv = h.isEmpty() || h.equals("n/a") ? null : (double) Float.parseFloat(h);
      assertEquals(hv, ds.values("patients", "height_cm").get(i), at);
      String w = r.getField("weight_kg");
      assertEquals(orNull(w, w.isEmpty() ? null : Double.parseDouble(w)), ds.values("patients", "weight_kg").get(i), at);
      assertEquals(gender.get(r.getField("gender")), ds.values("patients", "gender").get(i), at);
      String b = r.getField("blood_group");
      assertEquals(blood.get(b), ds.values("patients", "blood_group").get(i), at);
      assertEquals(blood.containsKey(b) ? null : b, ds.values("patients", "blood_group_freetext").get(i), at);
      String cc = r.getField("country_code");
      assertEquals(orNull(cc, cc), ds.values("patients", "country_code").get(i), at);
      assertEquals(smoker.get(r.getField("is_smoker")), ds.values("patients", "is_smoker").get(i), at);
      assertEquals(micros(r.getField("created_at")), ds.values("patients", "created_at").get(i), at);
      String la = r.getField("last_asked_at");
      assertEquals(la.isEmpty() ? null : micros(la), ds.values("patients", "last_asked_at").get(i), at);
      String dt = r.getField("date_of_test");
      assertEquals(dt.isEmpty() ? null : LocalDate.parse(dt).toEpochDay(), ds.values("patients", "date_of_test").get(i), at);
    }
  }

  @Test
  void everyAssessmentCellMatchesTheCsv() {
    Map<String, Long> fatigue = Map.of("", 0L, "no", 1L, "mild", 2L, "severe", 3L);
    Map<String, Long> tested = Map.of("", 0L, "waiting", 1L, "no", 2L, "yes", 3L);
    int newlines = 0;
    int quotes = 0;
    int commas = 0;
    for (int i = 0; i < assessments.size(); i++) {
      NamedCsvRecord r = assessments.get(i);
      String at = "row " + i;
      assertEquals(r.getField("patient_id"), ds.values("assessments", "patient_id").get(i), at);
      assertEquals(micros(r.getField("created_at")), ds.values("assessments", "created_at").get(i), at);
      String t = r.getField("temperature");
      assertEquals(t.isEmpty() ? null : (double) Float.parseFloat(t), ds.values("assessments", "temperature").get(i), at);
      assertEquals(r.getField("temperature_unit").isEmpty() ? 0L : 1L, ds.values("assessments", "temperature_unit").get(i));
      assertEquals(fatigue.get(r.getField("fatigue")), ds.values("assessments", "fatigue").get(i), at);
      assertEquals(tested.get(r.getField("tested_covid_positive")),
          ds.values("assessments", "tested_covid_positive").get(i), at);
      String s = r.getField("other_symptoms");
      assertEquals(orNull(s, s), ds.values("assessments", "other_symptoms").get(i), at);
      newlines += s.contains("\n") ? 1 : 0;
      quotes += s.contains("\"") ? 1 : 0;
      commas += s.contains(",") ? 1 : 0;
    }
    assertTrue(newlines > 0 && quotes > 0 && commas > 0, "the fixture holds the awkward cases");
  }

  @Test
  void nullCountsAndExactRows() {
    long yobNulls = patients.stream().filter(r -> r.getField("year_of_birth").isEmpty()).count();
    assertEquals(yobNulls, ds.values("patients", "year_of_birth").stream().filter(v -> v == null).count());
    assertTrue(yobNulls > 0);
    long freetext = ds.values("patients", "blood_group_freetext").stream().filter(v -> v != null).count();
    assertEquals(freetext, ds.values("patients", "blood_group").stream().filter(v -> v == null).count());
    assertTrue(freetext > 0);

    assertEquals("Carol Müller", ds.values("patients", "name").get(0));
    assertEquals(1982L, ds.values("patients", "year_of_birth").get(0));
    assertEquals((double) 191.4f, ds.values("patients", "height_cm").get(0));
    assertEquals(124.61, ds.values("patients", "weight_kg").get(0));
    assertEquals(3L, ds.values("patients", "gender").get(0));
    assertEquals(1L, ds.values("patients", "is_smoker").get(0));
    assertEquals(1_588_484_716_000_000L, ds.values("patients", "created_at").get(0), "2020-05-03 05:45:16.000000+00:00");
    assertEquals(1_588_661_362_000_000L, ds.values("patients", "created_at").get(1), "2020-05-05 06:49:22.000 UTC");
    assertEquals(1_592_498_715_000_000L, ds.values("patients", "created_at").get(2), "2020-06-18 16:45:15");
    assertNull(ds.values("patients", "last_asked_at").get(1));
    assertEquals("Grace Müller, jr", ds.values("patients", "name").get(3));
    assertEquals(LocalDate.of(2020, 6, 28).toEpochDay(), ds.values("patients", "date_of_test").get(3));
    assertNull(ds.values("patients", "blood_group").get(13));
    assertEquals("B neg", ds.values("patients", "blood_group_freetext").get(13));
    assertEquals(0L, ds.values("patients", "gender").get(6), "empty gender is the code of \"\"");
    assertNull(ds.values("patients", "is_smoker").get(12));
  }
}
