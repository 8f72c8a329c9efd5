package org.curata.storage.exetera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.curata.storage.DataFrame;
import org.curata.storage.Field;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;
import org.curata.storage.Snapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every field of the ExeTera fixtures (the repository's fixtures/exetera, read in place) against
 * the CSVs they were imported from and the values run_exetera.py wrote.
 */
final class ExeteraFixturesTest {
  static final Path FIXTURES = Path.of("..", "fixtures", "exetera").toAbsolutePath().normalize();
  private static final DateTimeFormatter OFFSET =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSXXX");
  private static final DateTimeFormatter UTC_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'");
  private static final DateTimeFormatter PLAIN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  static List<Map<String, String>> csv(String name) throws IOException {
    List<Map<String, String>> rows = new ArrayList<>();
    try (CsvReader<CsvRecord> r = CsvReader.builder()
        .ofCsvRecord(FIXTURES.resolve(name), StandardCharsets.UTF_8)) {
      List<String> header = null;
      for (CsvRecord rec : r) {
        if (header == null) {
          header = rec.getFields();
          continue;
        }
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
          m.put(header.get(i), rec.getField(i));
        }
        rows.add(m);
      }
    }
    return rows;
  }

  static long micros(String s) {
    Instant i;
    if (s.endsWith("UTC")) {
      i = LocalDateTime.parse(s, UTC_MILLIS).toInstant(ZoneOffset.UTC);
    } else if (s.length() == 32) {
      i = OffsetDateTime.parse(s, OFFSET).toInstant();
    } else {
      i = LocalDateTime.parse(s, PLAIN).toInstant(ZoneOffset.UTC);
    }
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
  }

  private static Long dayMicros(String s) {
    return s.isEmpty() ? null : LocalDate.parse(s).toEpochDay() * 86_400_000_000L;
  }

  private static final Map<String, Long> SMOKER = Map.of("True", 1L, "yes", 1L, "1", 1L,
      "False", 0L, "no", 0L, "0", 0L);

  /** Compares a field's rows with the expected value of each CSV row. */
  private static void check(DataFrame df, String field, FieldKind kind, List<Map<String, String>> rows,
      Function<Map<String, String>, Object> expected, Set<String> seen, String ctx) {
    Field f = df.field(field).orElseThrow(() -> new AssertionError(ctx + ": no field " + field));
    assertEquals(kind, f.type().kind(), ctx + ": kind of " + field);
    List<Object> got = FieldValues.of(f);
    assertEquals(rows.size(), got.size(), ctx + ": rows of " + field);
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(expected.apply(rows.get(i)), got.get(i), ctx + ": " + field + " row " + i);
    }
    seen.add(field);
  }

  @ParameterizedTest
  @ValueSource(ints = {1000, 333, ExeteraOptions.DEFAULT_BLOCK_ROWS})
  void patientsEqualTheCsv(int blockRows) throws IOException {
    List<Map<String, String>> p = csv("patients.csv");
    String ctx = "patients, blockRows " + blockRows;
    try (ExeteraDataset ds = ExeteraFiles.open(FIXTURES.resolve("dataset.hdf5"),
        ExeteraOptions.defaults().withBlockRows(blockRows));
        Snapshot s = ds.snapshot()) {
      assertEquals(List.of("assessments", "patients"),
          s.dataFrames().stream().map(DataFrame::name).toList());
      DataFrame df = s.dataFrame("patients").orElseThrow();
      assertEquals(1000, df.rowCount(), ctx);
      Set<String> seen = new TreeSet<>();
      check(df, "id", FieldKind.FIXED_STRING, p, r -> r.get("id"), seen, ctx);
      check(df, "name", FieldKind.STRING, p, r -> r.get("name"), seen, ctx);
      check(df, "year_of_birth", FieldKind.INT32, p, r -> r.get("year_of_birth").isEmpty() ? null
          : Long.valueOf(r.get("year_of_birth")), seen, ctx);
      check(df, "year_of_birth_valid", FieldKind.BOOL, p,
          r -> r.get("year_of_birth").isEmpty() ? 0L : 1L, seen, ctx);
      // flag_field_name '_ok' is schema-specific: by default the invalid value ExeTera stored
      // ('min' of float32 through integer bounds: -2147483648) reads as stored
      check(df, "height_cm", FieldKind.FLOAT32, p, r -> bad(r.get("height_cm"))
          ? (double) (float) -2147483648.0 : (double) Float.parseFloat(r.get("height_cm")), seen, ctx);
      check(df, "height_cm_ok", FieldKind.BOOL, p, r -> bad(r.get("height_cm")) ? 0L : 1L, seen, ctx);
      check(df, "weight_kg", FieldKind.FLOAT64, p, r -> r.get("weight_kg").isEmpty() ? -1.0
          : Double.parseDouble(r.get("weight_kg")), seen, ctx);
      check(df, "gender", FieldKind.CATEGORICAL, p, r -> r.get("gender"), seen, ctx);
      Set<String> groups = Set.of("", "a", "b", "ab", "o");
      check(df, "blood_group", FieldKind.CATEGORICAL, p,
          r -> groups.contains(r.get("blood_group")) ? r.get("blood_group") : null, seen, ctx);
      check(df, "blood_group_freetext", FieldKind.STRING, p,
          r -> groups.contains(r.get("blood_group")) ? "" : r.get("blood_group"), seen, ctx);
      check(df, "country_code", FieldKind.FIXED_STRING, p, r -> r.get("country_code"), seen, ctx);
      check(df, "is_smoker", FieldKind.BOOL, p, r -> SMOKER.get(r.get("is_smoker")), seen, ctx);
      check(df, "is_smoker_valid", FieldKind.BOOL, p, r -> r.get("is_smoker").isEmpty() ? 0L : 1L,
          seen, ctx);
      check(df, "created_at", FieldKind.TIMESTAMP, p, r -> micros(r.get("created_at")), seen, ctx);
      check(df, "created_at_day", FieldKind.FIXED_STRING, p,
          r -> r.get("created_at").substring(0, 10), seen, ctx);
      check(df, "last_asked_at", FieldKind.TIMESTAMP, p, r -> r.get("last_asked_at").isEmpty()
          ? null : micros(r.get("last_asked_at")), seen, ctx);
      check(df, "last_asked_at_set", FieldKind.BOOL, p,
          r -> r.get("last_asked_at").isEmpty() ? 0L : 1L, seen, ctx);
      check(df, "date_of_test", FieldKind.TIMESTAMP, p, r -> dayMicros(r.get("date_of_test")),
          seen, ctx);
      check(df, "date_of_test_day", FieldKind.FIXED_STRING, p, r -> r.get("date_of_test"), seen,
          ctx);
      check(df, "date_of_test_set", FieldKind.BOOL, p,
          r -> r.get("date_of_test").isEmpty() ? 0L : 1L, seen, ctx);
      long from = micros("2020-08-01 00:00:00");
      check(df, "j_valid_from", FieldKind.TIMESTAMP, p, r -> from, seen, ctx);
      check(df, "j_valid_to", FieldKind.TIMESTAMP, p, r -> 32_503_680_000_000_000L, seen, ctx);
      assertEquals(seen, names(df), ctx + ": every field checked");
    }
  }

  private static boolean bad(String height) {
    return height.isEmpty() || height.equals("n/a");
  }

  private static Set<String> names(DataFrame df) {
    Set<String> s = new TreeSet<>();
    for (Field f : df.fields()) {
      s.add(f.name());
    }
    return s;
  }

  @ParameterizedTest
  @ValueSource(ints = {1024, 77, ExeteraOptions.DEFAULT_BLOCK_ROWS})
  void assessmentsEqualTheCsv(int blockRows) throws IOException {
    List<Map<String, String>> a = csv("assessments.csv");
    String ctx = "assessments, blockRows " + blockRows;
    try (ExeteraDataset ds = ExeteraFiles.open(FIXTURES.resolve("dataset.hdf5"),
        ExeteraOptions.defaults().withBlockRows(blockRows));
        Snapshot s = ds.snapshot()) {
      DataFrame df = s.dataFrame("assessments").orElseThrow();
      assertEquals(5000, df.rowCount(), ctx);
      Set<String> seen = new TreeSet<>();
      check(df, "id", FieldKind.FIXED_STRING, a, r -> r.get("id"), seen, ctx);
      check(df, "patient_id", FieldKind.FIXED_STRING, a, r -> r.get("patient_id"), seen, ctx);
      check(df, "created_at", FieldKind.TIMESTAMP, a, r -> micros(r.get("created_at")), seen, ctx);
      check(df, "temperature", FieldKind.FLOAT32, a, r -> r.get("temperature").isEmpty() ? null
          : (double) Float.parseFloat(r.get("temperature")), seen, ctx);
      check(df, "temperature_valid", FieldKind.BOOL, a,
          r -> r.get("temperature").isEmpty() ? 0L : 1L, seen, ctx);
      check(df, "temperature_unit", FieldKind.CATEGORICAL, a, r -> r.get("temperature_unit"),
          seen, ctx);
      check(df, "fatigue", FieldKind.CATEGORICAL, a, r -> r.get("fatigue"), seen, ctx);
      check(df, "tested_covid_positive", FieldKind.CATEGORICAL, a,
          r -> r.get("tested_covid_positive"), seen, ctx);
      check(df, "other_symptoms", FieldKind.STRING, a, r -> r.get("other_symptoms"), seen, ctx);
      check(df, "notes", FieldKind.STRING, a, r -> r.get("notes"), seen, ctx);
      long from = micros("2020-08-01 00:00:00");
      check(df, "j_valid_from", FieldKind.TIMESTAMP, a, r -> from, seen, ctx);
      check(df, "j_valid_to", FieldKind.TIMESTAMP, a, r -> 32_503_680_000_000_000L, seen, ctx);
      assertEquals(seen, names(df), ctx + ": every field checked");
      assertTrue(ds.warnings().isEmpty(), ctx + ": " + ds.warnings());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4096})
  void aSchemaFlagSuffixMakesTheInvalidValuesNull(int blockRows) throws IOException {
    List<Map<String, String>> p = csv("patients.csv");
    try (ExeteraDataset ds = ExeteraFiles.open(FIXTURES.resolve("dataset.hdf5"),
        ExeteraOptions.defaults().withBlockRows(blockRows)
            .withFlagSuffixes(List.of("_valid", "_set", "_ok")));
        Snapshot s = ds.snapshot()) {
      Field f = s.dataFrame("patients").orElseThrow().field("height_cm").orElseThrow();
      List<Object> got = FieldValues.of(f);
      for (int i = 0; i < p.size(); i++) {
        String h = p.get(i).get("height_cm");
        assertEquals(bad(h) ? null : (double) Float.parseFloat(h), got.get(i),
            "height_cm row " + i + ", blockRows " + blockRows);
      }
    }
  }

  private static List<Object> longs(Object... v) {
    List<Object> out = new ArrayList<>();
    for (Object o : v) {
      out.add(o instanceof Integer i ? Long.valueOf(i) : o);
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4096})
  void apiFieldsEqualWhatExeteraWrote(int blockRows) {
    String ctx = "api_fields, blockRows " + blockRows;
    try (ExeteraDataset ds = ExeteraFiles.open(FIXTURES.resolve("api_fields.hdf5"),
        ExeteraOptions.defaults().withBlockRows(blockRows));
        Snapshot s = ds.snapshot()) {
      DataFrame t = s.dataFrame("t").orElseThrow();
      // fields differ in length (s: 5, ts and c16: 2, empty_*: 0, others 3): the longest wins
      assertEquals(5, t.rowCount(), ctx);
      Map<String, List<Object>> expected = new HashMap<>();
      expected.put("u8", longs(0, 1, 255, null, null));
      expected.put("i16", longs(-32768, 0, 32767, null, null));
      expected.put("u32", longs(0, 1, 4294967295L, null, null));
      expected.put("i64", longs(Long.MIN_VALUE, 0, Long.MAX_VALUE, null, null));
      expected.put("f32", longs(1.5, Double.NaN, Double.NEGATIVE_INFINITY, null, null));
      expected.put("b", longs(1, 0, 1, null, null));
      expected.put("fs", longs("ab", "", "xyz", null, null));
      expected.put("s", longs("", "héllo", "a,b\n\"c\"", "", "end"));
      expected.put("c8", longs("", "y", "x", null, null));
      expected.put("c16", longs("lo", null, null, null, null));
      expected.put("ts", longs(0, 1_596_240_000_500_000L, null, null, null));
      expected.put("empty_s", longs(null, null, null, null, null));
      expected.put("empty_n", longs(null, null, null, null, null));
      assertEquals(new TreeSet<>(expected.keySet()), names(t), ctx);
      for (Field f : t.fields()) {
        assertEquals(expected.get(f.name()), FieldValues.of(f), ctx + ": " + f.name());
        assertEquals(5, f.rowCount(), ctx + ": " + f.name());
      }
      Map<String, FieldType> types = Map.of(
          "u8", FieldType.of(FieldKind.UINT8), "i16", FieldType.of(FieldKind.INT16),
          "u32", FieldType.of(FieldKind.UINT32), "i64", FieldType.of(FieldKind.INT64),
          "f32", FieldType.of(FieldKind.FLOAT32), "b", FieldType.of(FieldKind.BOOL),
          "fs", FieldType.fixedString(3), "s", FieldType.of(FieldKind.STRING),
          "ts", FieldType.of(FieldKind.TIMESTAMP), "empty_n", FieldType.of(FieldKind.INT32));
      for (Map.Entry<String, FieldType> e : types.entrySet()) {
        assertEquals(e.getValue(), t.field(e.getKey()).orElseThrow().type(), ctx + ": " + e.getKey());
      }
      FieldType c16 = t.field("c16").orElseThrow().type();
      assertEquals(FieldKind.INT16, c16.key().codeKind(), ctx);
      assertEquals(Map.of(1L, "lo", 44L, "hi"), c16.key().labels(), ctx + ": ExeTera's own key");
      List<String> w = ds.warnings();
      assertTrue(w.stream().anyMatch(x -> x.contains("'c16'") && x.contains("code 300")
          && x.contains("key value 44")), ctx + ": " + w);
      assertTrue(w.stream().anyMatch(x -> x.contains("differ in length") && x.contains("empty_s (0)")
          && x.contains("ts (2)")), ctx + ": " + w);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"snap1.hdf5", "snap2.hdf5", "journal.hdf5", "ops.hdf5"})
  void everyOtherFixtureOpensAndVerifies(String file) {
    try (ExeteraDataset ds = ExeteraFiles.open(FIXTURES.resolve(file))) {
      var report = ds.verify();
      assertTrue(report.ok(), file + ": " + report.problems());
      assertTrue(report.blocksChecked() > 0, file);
      assertFalse(ds.snapshot().dataFrames().isEmpty(), file);
    }
  }

  @org.junit.jupiter.api.Test
  void aGroupOfBareArraysIsNotADataframe() {
    // journal_row_keys.hdf5 is not an ExeTera file: its arrays sit directly in the group
    try (ExeteraDataset ds = ExeteraFiles.open(FIXTURES.resolve("journal_row_keys.hdf5"))) {
      assertTrue(ds.snapshot().dataFrames().isEmpty());
      assertTrue(ds.warnings().stream().anyMatch(w -> w.contains("'patients'")
          && w.contains("no field groups")), ds.warnings().toString());
    }
  }
}
