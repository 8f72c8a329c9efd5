package org.curata.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/** Plain Calcite: the Enumerable convention over the tables held in Java arrays. */
final class CalciteEngine implements Engine {
  private Map<String, Table> tables;

  @Override
  public String name() {
    return "calcite";
  }

  @Override
  public ImportResult prepare(BenchData data, boolean reuse, PrintStream log) throws Exception {
    long t0 = System.nanoTime();
    ColumnarTable patients = ColumnarTable.load(BenchSchema.PATIENTS,
        data.csv(BenchSchema.PATIENTS), data.patientRows(), Map.of());
    ColumnarTable assessments = ColumnarTable.load(BenchSchema.ASSESSMENTS,
        data.csv(BenchSchema.ASSESSMENTS), data.assessmentRows(),
        Map.of("patient_id", patients.internTable("id")));
    double s = (System.nanoTime() - t0) / 1e9;
    tables = Map.of("patients", new ArrayTable(patients), "assessments", new ArrayTable(assessments));
    long bytes = Files.size(data.csv(BenchSchema.PATIENTS)) + Files.size(data.csv(BenchSchema.ASSESSMENTS));
    return new ImportResult(name(), s, data.patientRows() + data.assessmentRows(), bytes,
        "load into Java arrays (not an import)", -1);
  }

  @Override
  public Connection connect() throws SQLException {
    if (tables == null) {
      throw new IllegalStateException("calcite: prepare() first");
    }
    Properties info = new Properties();
    info.setProperty("lex", "JAVA");
    info.setProperty("timeZone", "UTC");
    Connection c = DriverManager.getConnection("jdbc:calcite:", info);
    CalciteConnection cc = c.unwrap(CalciteConnection.class);
    Map<String, Table> t = tables;
    cc.getRootSchema().add("bench", new AbstractSchema() {
      @Override
      protected Map<String, Table> getTableMap() {
        return t;
      }
    });
    cc.setSchema("bench");
    return c;
  }

  @Override
  public void close() {
    tables = null;
  }
}
