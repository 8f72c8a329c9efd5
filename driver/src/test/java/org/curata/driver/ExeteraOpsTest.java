package org.curata.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.OpenOptions;
import org.curata.storage.Snapshot;
import org.curata.storage.importer.DataFrameCopy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SQL equivalent of every operation whose result ExeTera wrote into {@code ops.hdf5} (sorts,
 * a filter, unordered and ordered merges, group-by count and max, distinct), run on
 * {@code dataset.hdf5} in place and after {@code curata import --from-exetera}, gives ExeTera's
 * rows.
 *
 * <p>ExeTera's rows are decoded from {@code ops.hdf5} with jhdf directly
 * ({@link ExeteraRawDecoder}), not through the backend under test, so a decoding bug shared by
 * both files cannot cancel out. That decoder gives ExeTera's raw view, with no NULL.
 *
 * <p>One difference is stated, never hidden: ExeTera has no NULL. A missing value is stored as 0
 * (or 0.0, an empty string, false, the categorical key's code 0, or 0.0 s for a timestamp) beside
 * a flag field, and its operations use the stored value: a merge fills unmatched rows with 0, a
 * max over a patient whose temperatures are all missing is 0.0, {@code year_of_birth < 1960}
 * keeps the rows whose year is missing, and a sort or filter carries the stored 0 along with its
 * {@code _valid} / {@code _set} flag. In SQL these are NULL, and {@code NULL < 1960} is not true.
 * Each case below names the columns where a SQL NULL stands for ExeTera's stored default, and
 * counts them from the CSVs. Timestamps are compared as UTC milliseconds.
 */
final class ExeteraOpsTest {
  private static final Path FIXTURES =
      Path.of("..", "fixtures", "exetera").toAbsolutePath().normalize();

  @TempDir
  static Path tmp;

  private static Path imported;

  @BeforeAll
  static void importDataset() {
    imported = tmp.resolve("imported");
    try (Dataset hdf = Datasets.open(FIXTURES.resolve("dataset.hdf5"));
         Snapshot s = hdf.snapshot();
         Dataset ds = Datasets.open(imported, OpenOptions.defaults().withCreate(true))) {
      DataFrameCopy.run(s, ds, DataFrameCopy.Options.defaults());
    }
  }

  /** Where the SQL runs: the HDF5 file in place, or the imported Curata dataset. */
  static Stream<String> sources() {
    return Stream.of("hdf5", "imported");
  }

  private static Connection connect(String source) throws SQLException {
    Path p = source.equals("hdf5") ? FIXTURES.resolve("dataset.hdf5") : imported;
    return DriverManager.getConnection("jdbc:curata:" + p + ";threads=1");
  }

  /** A result set as rows of display strings ("NULL" for NULL) and the types of its columns. */
  private record Rows(List<String> columns, int[] types, List<List<String>> rows) {
  }

  private static Rows query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> columns = new ArrayList<>();
      int[] types = new int[md.getColumnCount()];
      for (int i = 1; i <= types.length; i++) {
        columns.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
        types[i - 1] = md.getColumnType(i);
      }
      List<List<String>> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= types.length; i++) {
          if (types[i - 1] == Types.TIMESTAMP) {
            Timestamp t = rs.getTimestamp(i, UTC);
            row.add(t == null ? "NULL" : Long.toString(t.getTime()));
            continue;
          }
          Object v = rs.getObject(i);
          row.add(v == null ? "NULL" : v instanceof Number n && isFloat(types[i - 1])
              ? Double.toString(n.doubleValue()) : v.toString());
        }
        rows.add(row);
      }
      return new Rows(columns, types, rows);
    }
  }

  private static final Calendar UTC =
      Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);

  private static boolean isFloat(int type) {
    return type == Types.REAL || type == Types.FLOAT || type == Types.DOUBLE;
  }

  /**
   * One operation.
   *
   * @param frame the dataframe of ops.hdf5 holding ExeTera's result
   * @param columns the columns compared (ExeTera's row-index maps are left out)
   * @param sql the SQL equivalent, selecting those columns in that order
   * @param sortKeys columns whose sequence must equal ExeTera's, row for row (the rest of a row
   *     may come in any order among equal keys); empty when the whole result is a multiset
   * @param nullIsStoredDefault columns where a SQL NULL is ExeTera's stored 0 / 0.0 / "" / false /
   *     code 0 / 0.0 s
   * @param defaultsSubstituted how many cells that applies to (the difference, counted from the
   *     CSVs ExeTera imported, independently of Curata)
   */
  private record Op(String frame, List<String> columns, String sql, List<String> sortKeys,
      Set<String> nullIsStoredDefault, long defaultsSubstituted) {
    @Override
    public String toString() {
      return frame;
    }
  }

  private static final String PATIENTS = "blood_group, blood_group_freetext, country_code,"
      + " created_at, created_at_day, date_of_test, date_of_test_day, date_of_test_set, gender,"
      + " height_cm, height_cm_ok, id, is_smoker, is_smoker_valid, j_valid_from, j_valid_to,"
      + " last_asked_at, last_asked_at_set, name, weight_kg, year_of_birth, year_of_birth_valid";
  private static final String ASSESSMENTS = "created_at, fatigue, id, j_valid_from, j_valid_to,"
      + " notes, other_symptoms, patient_id, temperature, temperature_unit, temperature_valid,"
      + " tested_covid_positive";

  private static List<String> list(String columns) {
    return Arrays.asList(columns.split(",\\s*"));
  }

  /**
   * What the CSVs say about missing values, counted without Curata: a temperature or year that
   * does not parse as a number is missing (ExeTera stores 0 and a false {@code _valid} flag).
   */
  private record Missing(long unmatched, long temps, long matchedTemps, long matchedYears,
      long patientsWithoutTemps, long patientFlags, long lt1960Flags) {
    static Missing count() throws IOException {
      Map<String, Boolean> yearMissing = new HashMap<>();
      long patientFlags = 0;
      long lt1960Flags = 0;
      for (Map<String, String> r : csv("patients.csv")) {
        boolean noYear = !isNumber(r.get("year_of_birth"));
        yearMissing.put(r.get("id"), noYear);
        // the flagged columns the sorts and the filter carry: year_of_birth (_valid),
        // is_smoker (_valid), date_of_test and last_asked_at (_set)
        long flags = (noYear ? 1 : 0) + (r.get("is_smoker").isEmpty() ? 1 : 0)
            + (r.get("date_of_test").isEmpty() ? 1 : 0)
            + (r.get("last_asked_at").isEmpty() ? 1 : 0);
        patientFlags += flags;
        if (noYear || Double.parseDouble(r.get("year_of_birth")) < 1960) {
          lt1960Flags += flags;
        }
      }
      long unmatched = 0;
      long temps = 0;
      long matchedTemps = 0;
      long matchedYears = 0;
      Map<String, Boolean> anyTemp = new HashMap<>();
      for (Map<String, String> r : csv("assessments.csv")) {
        String pid = r.get("patient_id");
        boolean noTemp = !isNumber(r.get("temperature"));
        anyTemp.merge(pid, !noTemp, Boolean::logicalOr);
        temps += noTemp ? 1 : 0;
        if (!yearMissing.containsKey(pid)) {
          unmatched++;
        } else {
          matchedTemps += noTemp ? 1 : 0;
          matchedYears += yearMissing.get(pid) ? 1 : 0;
        }
      }
      long without = anyTemp.values().stream().filter(b -> !b).count();
      return new Missing(unmatched, temps, matchedTemps, matchedYears, without, patientFlags,
          lt1960Flags);
    }

    private static boolean isNumber(String s) {
      try {
        Double.parseDouble(s);
        return true;
      } catch (NumberFormatException e) {
        return false;
      }
    }
  }

  private static List<Map<String, String>> csv(String name) throws IOException {
    List<Map<String, String>> rows = new ArrayList<>();
    try (CsvReader<NamedCsvRecord> r = CsvReader.builder()
        .ofNamedCsvRecord(FIXTURES.resolve(name), StandardCharsets.UTF_8)) {
      for (NamedCsvRecord rec : r) {
        rows.add(rec.getFieldsAsMap());
      }
    }
    return rows;
  }

  static Stream<Arguments> operations() throws IOException {
    Missing m = Missing.count();
    Set<String> patientFlagged = Set.of("year_of_birth", "is_smoker", "date_of_test",
        "last_asked_at");
    List<Op> ops = List.of(
        // sorts are stable in ExeTera; SQL leaves ties in any order, so the keys are compared
        // row for row and the rows as a multiset. A missing year is 0 to ExeTera, so first;
        // NULLS FIRST puts it there in SQL.
        new Op("patients_sorted_by_yob", list(PATIENTS),
            "SELECT " + PATIENTS + " FROM patients ORDER BY year_of_birth NULLS FIRST",
            List.of("year_of_birth"), patientFlagged, m.patientFlags()),
        new Op("patients_sorted_by_id", list(PATIENTS),
            "SELECT " + PATIENTS + " FROM patients ORDER BY id", List.of("id"), patientFlagged,
            m.patientFlags()),
        new Op("assessments_sorted_by_patient", list(ASSESSMENTS),
            "SELECT " + ASSESSMENTS + " FROM assessments ORDER BY patient_id",
            List.of("patient_id"), Set.of("temperature"), m.temps()),
        // ExeTera's filter compared the stored 0 of a missing year: in SQL that is IS NULL
        // (yearFilterDiffersOnlyByMissingYears shows the plain SQL filter drops those rows)
        new Op("patients_yob_lt_1960", list(PATIENTS),
            "SELECT " + PATIENTS + " FROM patients"
                + " WHERE year_of_birth < 1960 OR year_of_birth IS NULL",
            List.of(), patientFlagged, m.lt1960Flags()),
        // merges: an unmatched row gets the right side's stored defaults in ExeTera, NULLs in
        // SQL; a missing temperature or year is NULL in SQL, 0 in a merge's output (ExeTera
        // does not carry the flag fields into it)
        new Op("assessments_left_patients",
            list("fatigue, gender, id, name, patient_id, temperature, valid_r, year_of_birth"),
            "SELECT a.fatigue, p.gender, a.id, p.name, a.patient_id, a.temperature,"
                + " p.id IS NOT NULL AS valid_r, p.year_of_birth"
                + " FROM assessments a LEFT JOIN patients p ON a.patient_id = p.id",
            List.of(), Set.of("gender", "name", "temperature", "year_of_birth"),
            3 * m.unmatched() + m.temps() + m.matchedYears()),
        new Op("assessments_inner_patients_ordered",
            list("country_code, id, patient_id, temperature, year_of_birth"),
            "SELECT p.country_code, a.id, a.patient_id, a.temperature, p.year_of_birth"
                + " FROM assessments a JOIN patients p ON a.patient_id = p.id"
                + " ORDER BY a.patient_id",
            List.of("patient_id"), Set.of("temperature", "year_of_birth"),
            m.matchedTemps() + m.matchedYears()),
        new Op("assessments_left_patients_ordered",
            list("country_code, id, patient_id, temperature, year_of_birth"),
            "SELECT p.country_code, a.id, a.patient_id, a.temperature, p.year_of_birth"
                + " FROM assessments a LEFT JOIN patients p ON a.patient_id = p.id"
                + " ORDER BY a.patient_id",
            List.of("patient_id"), Set.of("country_code", "temperature", "year_of_birth"),
            2 * m.unmatched() + m.temps() + m.matchedYears()),
        // group-by output is ordered by key in ExeTera
        new Op("assessments_count_by_patient", list("count, patient_id"),
            "SELECT COUNT(*) AS \"count\", patient_id FROM assessments GROUP BY patient_id"
                + " ORDER BY patient_id",
            List.of("patient_id"), Set.of(), 0),
        new Op("assessments_max_temp_by_patient", list("patient_id, temperature_max"),
            "SELECT patient_id, MAX(temperature) AS temperature_max FROM assessments"
                + " GROUP BY patient_id ORDER BY patient_id",
            List.of("patient_id"), Set.of("temperature_max"), m.patientsWithoutTemps()),
        new Op("patients_distinct_country", list("country_code"),
            "SELECT DISTINCT country_code FROM patients", List.of(), Set.of(), 0));
    List<Arguments> args = new ArrayList<>();
    for (String source : sources().toList()) {
      for (Op op : ops) {
        args.add(Arguments.of(source, op));
      }
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("operations")
  void sqlGivesExeterasResult(String source, Op op) throws SQLException {
    List<ExeteraRawDecoder.Column> columns =
        ExeteraRawDecoder.decode(FIXTURES.resolve("ops.hdf5"), op.frame(), op.columns());
    List<List<String>> expected = new ArrayList<>();
    for (int r = 0; r < columns.get(0).values().size(); r++) {
      List<String> row = new ArrayList<>();
      for (ExeteraRawDecoder.Column c : columns) {
        row.add(c.values().get(r));
      }
      expected.add(row);
    }
    Rows got;
    try (Connection c = connect(source)) {
      got = query(c, op.sql());
    }
    assertEquals(op.columns(), got.columns(), op + ": columns");
    assertEquals(expected.size(), got.rows().size(), op + ": rows");
    // SQL NULL where ExeTera stored its default, in the columns the operation names
    long substituted = 0;
    List<List<String>> gotRows = new ArrayList<>();
    for (List<String> row : got.rows()) {
      List<String> r = new ArrayList<>(row);
      for (int i = 0; i < r.size(); i++) {
        if (r.get(i).equals("NULL") && op.nullIsStoredDefault().contains(op.columns().get(i))) {
          r.set(i, columns.get(i).storedDefault());
          substituted++;
        }
      }
      gotRows.add(r);
    }
    assertEquals(op.defaultsSubstituted(), substituted,
        op + ": SQL NULLs standing for ExeTera's stored defaults");
    if (!op.nullIsStoredDefault().isEmpty()) {
      assertTrue(substituted > 0, op + ": the NULL/stored-default difference is exercised");
    }
    for (String key : op.sortKeys()) {
      int k = op.columns().indexOf(key);
      List<String> want = expected.stream().map(r -> r.get(k)).toList();
      List<String> have = gotRows.stream().map(r -> r.get(k)).toList();
      assertEquals(want, have, op + ": the sequence of " + key);
    }
    assertEquals(sorted(expected), sorted(gotRows), op + ": rows as a multiset");
  }

  private static List<String> sorted(List<List<String>> rows) {
    List<String> out = new ArrayList<>();
    for (List<String> r : rows) {
      out.add(String.join("\u0001", r));
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  @ParameterizedTest(name = "on {0}")
  @MethodSource("sources")
  void yearFilterDiffersOnlyByMissingYears(String source) throws SQLException {
    List<ExeteraRawDecoder.Column> valid = ExeteraRawDecoder.decode(
        FIXTURES.resolve("ops.hdf5"), "patients_yob_lt_1960", List.of("year_of_birth_valid"));
    long exeteraRows = valid.get(0).values().size();
    long exeteraWithYear = valid.get(0).values().stream().filter("true"::equals).count();
    try (Connection c = connect(source)) {
      Rows sql = query(c, "SELECT COUNT(*) FROM patients WHERE year_of_birth < 1960");
      Rows missing = query(c, "SELECT COUNT(*) FROM patients WHERE year_of_birth IS NULL");
      long sqlRows = Long.parseLong(sql.rows().get(0).get(0));
      long missingYears = Long.parseLong(missing.rows().get(0).get(0));
      assertEquals(442, exeteraRows, "ExeTera kept 442 rows");
      assertEquals(60, missingYears, "60 patients have no year of birth");
      assertEquals(exeteraRows - missingYears, sqlRows,
          "SQL's year_of_birth < 1960 keeps ExeTera's rows but those whose year is missing");
      assertEquals(exeteraWithYear, sqlRows);
    }
  }
}
