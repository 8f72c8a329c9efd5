package org.curata.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.curata.storage.exetera.ExeteraDataset;
import org.curata.storage.exetera.ExeteraFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated ExeTera-layout file reads as ExeTera data, and the measurement runs. */
final class ExeteraScaleTest {
  @TempDir
  Path tmp;

  @Test
  void generatesAFileCurataReadsAndMeasuresIt() throws Exception {
    Path file = tmp.resolve("scale.hdf5");
    ExeteraScale.generate(file, 3000, 64, 7);
    try (ExeteraDataset ds = ExeteraFiles.open(file)) {
      assertEquals(java.util.List.of(), ds.warnings(), "a clean ExeTera layout");
    }
    try (Connection c = DriverManager.getConnection("jdbc:curata:" + file);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(temperature),"
             + " COUNT(DISTINCT patient_id), MIN(CHAR_LENGTH(patient_id)),"
             + " COUNT(year_of_birth), SUM(CASE WHEN notes = 'héadache, mild' THEN 1 ELSE 0 END),"
             + " COUNT(DISTINCT tested_covid_positive) FROM assessments")) {
      rs.next();
      assertEquals(3000, rs.getLong(1));
      long temps = rs.getLong(2);
      assertTrue(temps > 2400 && temps < 3000, "about 1 in 10 temperatures flagged invalid: " + temps);
      assertTrue(rs.getLong(3) <= 300 && rs.getLong(3) > 250, "ids of 300 patients");
      assertEquals(32, rs.getInt(4), "ids are 32 characters, NUL padding dropped");
      assertTrue(rs.getLong(5) < 3000, "missing years are NULL");
      assertTrue(rs.getLong(6) > 0, "indexed strings decode as UTF-8");
      assertEquals(4, rs.getLong(7), "categorical labels through the key");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ExeteraScale.measure(file, tmp.resolve("imported"), 1,
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String report = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(report.contains("import      3,000 rows"), report);
    for (String q : ExeteraScale.QUERIES) {
      assertTrue(report.contains(q), report);
    }
  }
}
