package org.curata.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.curata.storage.Block;
import org.curata.storage.Field;
import org.curata.storage.Snapshot;
import org.curata.storage.exetera.ExeteraDataset;
import org.curata.storage.exetera.ExeteraFiles;
import org.junit.jupiter.api.Test;

/** SQL over an ExeTera HDF5 file through {@code jdbc:curata:<file.hdf5>}, against its CSVs. */
final class ExeteraSqlTest {
  private static final Path FIXTURES = Path.of("..", "fixtures", "exetera").toAbsolutePath().normalize();

  private static List<Map<String, String>> csv(String name) throws IOException {
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

  private static Connection connect(String suffix) throws SQLException {
    return DriverManager.getConnection("jdbc:curata:" + FIXTURES.resolve("dataset.hdf5") + suffix);
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getLong(1);
    }
  }

  @Test
  void countsFiltersAndAJoinMatchTheCsvs() throws Exception {
    List<Map<String, String>> p = csv("patients.csv");
    List<Map<String, String>> a = csv("assessments.csv");
    Set<String> ids = new HashSet<>();
    for (Map<String, String> r : p) {
      ids.add(r.get("id"));
    }
    long female = p.stream().filter(r -> r.get("gender").equals("female")).count();
    long noYob = p.stream().filter(r -> r.get("year_of_birth").isEmpty()).count();
    long old = p.stream().filter(r -> !r.get("year_of_birth").isEmpty()
        && Integer.parseInt(r.get("year_of_birth")) < 1960).count();
    long joined = a.stream().filter(r -> ids.contains(r.get("patient_id"))).count();
    long hot = a.stream().filter(r -> !r.get("temperature").isEmpty()
        && Float.parseFloat(r.get("temperature")) > 38.0f).count();
    long freetext = p.stream().filter(r -> !Set.of("", "a", "b", "ab", "o")
        .contains(r.get("blood_group"))).count();
    for (String suffix : new String[] {"", ";batchSize=3", ";batchSize=1", ";threads=4"}) {
      try (Connection c = connect(suffix); Statement s = c.createStatement()) {
        String ctx = "suffix '" + suffix + "'";
        assertEquals(1000, count(s, "SELECT COUNT(*) FROM patients"), ctx);
        assertEquals(5000, count(s, "SELECT COUNT(*) FROM assessments"), ctx);
        assertEquals(female, count(s, "SELECT COUNT(*) FROM patients WHERE gender = 'female'"),
            ctx);
        assertEquals(noYob, count(s,
            "SELECT COUNT(*) FROM patients WHERE year_of_birth IS NULL"), ctx);
        assertEquals(1000 - noYob, count(s,
            "SELECT COUNT(*) FROM patients WHERE year_of_birth IS NOT NULL"), ctx);
        assertEquals(old, count(s, "SELECT COUNT(*) FROM patients WHERE year_of_birth < 1960"),
            ctx);
        assertEquals(freetext, count(s,
            "SELECT COUNT(*) FROM patients WHERE blood_group IS NULL"), ctx);
        assertEquals(hot, count(s, "SELECT COUNT(*) FROM assessments WHERE temperature > 38"), ctx);
        assertEquals(joined, count(s, "SELECT COUNT(*) FROM assessments a JOIN patients p"
            + " ON a.patient_id = p.id"), ctx);
      }
    }
  }

  @Test
  void filtersArePushedIntoTheCurataScan() throws Exception {
    try (Connection c = connect(""); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR SELECT COUNT(*) FROM patients"
            + " WHERE year_of_birth IS NULL")) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(rs.getString(1));
      }
      // blocks not read yet have unknown statistics: the pruner must keep them
      assertTrue(plan.toString().contains("CurataTableScan")
          && plan.toString().contains("filter=[IS NULL(year_of_birth)]")
          && plan.toString().contains("kept 1 of 1"), plan.toString());
    }
  }

  @Test
  void groupingOnACategoricalGivesItsLabels() throws Exception {
    Map<String, Long> expected = new TreeMap<>();
    for (Map<String, String> r : csv("assessments.csv")) {
      expected.merge(r.get("fatigue"), 1L, Long::sum);
    }
    Map<String, Long> got = new TreeMap<>();
    try (Connection c = connect(""); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT fatigue, COUNT(*) FROM assessments GROUP BY fatigue")) {
      while (rs.next()) {
        got.put(rs.getString(1), rs.getLong(2));
      }
    }
    assertEquals(expected, got);
  }

  @Test
  void timestampsReadAsSqlTimestamps() throws Exception {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      assertEquals(1000, count(s, "SELECT COUNT(*) FROM patients"
          + " WHERE j_valid_from = TIMESTAMP '2020-08-01 00:00:00'"));
      long withDate = 0;
      for (Map<String, String> r : csv("patients.csv")) {
        if (!r.get("date_of_test").isEmpty()) {
          withDate++;
        }
      }
      assertEquals(withDate, count(s, "SELECT COUNT(*) FROM patients"
          + " WHERE CAST(CAST(date_of_test AS DATE) AS VARCHAR) = date_of_test_day"));
    }
  }

  /** A field of ops.hdf5 read through the storage API: label/long/double/string per row. */
  private static List<Object> opsField(String frame, String field) {
    try (ExeteraDataset ds = ExeteraFiles.open(FIXTURES.resolve("ops.hdf5"));
        Snapshot s = ds.snapshot()) {
      Field f = s.dataFrame(frame).orElseThrow().field(field).orElseThrow();
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < f.blocks().size(); i++) {
        Block b = f.block(i);
        for (int r = 0; r < b.rowCount(); r++) {
          out.add(f.type().kind().isString() ? b.getString(r)
              : f.type().kind().isFloating() ? (Object) b.getDouble(r) : (Object) b.getLong(r));
        }
      }
      return out;
    }
  }

  @Test
  void groupByAnswersEqualExeterasOwn() throws Exception {
    List<Object> ids = opsField("assessments_count_by_patient", "patient_id");
    List<Object> counts = opsField("assessments_count_by_patient", "count");
    List<Object> maxIds = opsField("assessments_max_temp_by_patient", "patient_id");
    List<Object> maxes = opsField("assessments_max_temp_by_patient", "temperature_max");
    Map<String, Long> expectedCounts = new TreeMap<>();
    for (int i = 0; i < ids.size(); i++) {
      expectedCounts.put((String) ids.get(i), (Long) counts.get(i));
    }
    Map<String, Double> expectedMax = new TreeMap<>();
    for (int i = 0; i < maxIds.size(); i++) {
      expectedMax.put((String) maxIds.get(i), (Double) maxes.get(i));
    }
    Map<String, Long> gotCounts = new TreeMap<>();
    Map<String, Double> gotMax = new TreeMap<>();
    try (Connection c = connect(""); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT patient_id, COUNT(*), MAX(temperature)"
            + " FROM assessments GROUP BY patient_id")) {
      while (rs.next()) {
        gotCounts.put(rs.getString(1), rs.getLong(2));
        double max = rs.getDouble(3);
        // ExeTera's max runs over the stored values, where a missing temperature is 0.0
        gotMax.put(rs.getString(1), rs.wasNull() ? 0.0 : max);
      }
    }
    assertEquals(expectedCounts, gotCounts);
    assertEquals(expectedMax, gotMax);
  }

  @Test
  void writesAreRefused() throws Exception {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class,
          () -> s.executeUpdate("INSERT INTO patients (id) VALUES ('x')"));
      assertEquals("0A000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("read-only"), e.getMessage());
    }
  }
}
