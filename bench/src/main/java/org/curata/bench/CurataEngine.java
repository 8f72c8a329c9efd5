package org.curata.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.curata.storage.DataFrame;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.OpenOptions;
import org.curata.storage.Snapshot;
import org.curata.storage.importer.CsvImport;
import org.curata.storage.importer.CsvSource;
import org.curata.storage.importer.ImportOptions;
import org.curata.storage.importer.ImportSchema;

/**
 * Curata: the CSVs imported in-process with {@link CsvImport} (what {@code curata import
 * --schema curata-schema.json} runs) into a fresh dataset, then queried through
 * {@code jdbc:curata:<dataset-dir>}.
 */
final class CurataEngine implements Engine {
  private final String properties;
  private Path dataset;

  /** An engine whose connections add {@code properties} (";key=value..." or "") to the URL. */
  CurataEngine(String properties) {
    this.properties = properties;
  }

  @Override
  public String name() {
    return "curata";
  }

  @Override
  public ImportResult prepare(BenchData data, boolean reuse, PrintStream log) throws Exception {
    Path dir = data.curataDataset().toAbsolutePath();
    long bytes = Files.size(data.csv(BenchSchema.PATIENTS)) + Files.size(data.csv(BenchSchema.ASSESSMENTS));
    long rows = data.patientRows() + data.assessmentRows();
    if (reuse && hasAllRows(dir, data)) {
      log.println("curata: reusing " + dir);
      dataset = dir;
      return new ImportResult(name(), Double.NaN, rows, bytes, "reused", ImportResult.sizeOnDisk(dir));
    }
    deleteRecursively(dir);
    ImportSchema schema = ImportSchema.read(data.curataSchema());
    List<CsvSource> sources = List.of(
        new CsvSource(BenchSchema.PATIENTS.name(), data.csv(BenchSchema.PATIENTS)),
        new CsvSource(BenchSchema.ASSESSMENTS.name(), data.csv(BenchSchema.ASSESSMENTS)));
    long t0 = System.nanoTime();
    org.curata.storage.importer.ImportResult r;
    try (Dataset ds = Datasets.open(dir, OpenOptions.defaults().withCreate(true))) {
      r = CsvImport.run(ds, sources, ImportOptions.defaults().withSchema(schema)
          .withMessage("bench import sf " + BenchData.sfText(data.scaleFactor())));
    }
    double s = (System.nanoTime() - t0) / 1e9;
    if (r.rows() != rows || r.rejected() != 0) {
      throw new IllegalStateException("curata: imported " + r.rows() + " rows (" + r.rejected()
          + " rejected), expected " + rows);
    }
    dataset = dir;
    return new ImportResult(name(), s, rows, bytes, "import", ImportResult.sizeOnDisk(dir));
  }

  private static boolean hasAllRows(Path dir, BenchData data) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Dataset ds = Datasets.open(dir, OpenOptions.defaults().withReadOnly(true));
         Snapshot snap = ds.snapshot()) {
      for (TableDef t : BenchSchema.tables()) {
        Optional<DataFrame> df = snap.dataFrame(t.name());
        if (df.isEmpty() || df.get().rowCount() != data.rows(t)) {
          return false;
        }
      }
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Deletes a directory and everything in it; nothing when it does not exist. */
  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  @Override
  public Connection connect() throws SQLException {
    if (dataset == null) {
      throw new IllegalStateException("curata: prepare() first");
    }
    return DriverManager.getConnection("jdbc:curata:" + dataset + properties);
  }

  @Override
  public void close() {
    dataset = null;
  }
}
