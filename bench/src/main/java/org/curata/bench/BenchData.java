package org.curata.bench;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where one generated data set lives ({@code <base>/sf<SF>-seed<S>/}) and how many rows it has.
 *
 * @param dir the data set's directory
 * @param scaleFactor SF: patients = 1,000,000 x SF, assessments = 10,000,000 x SF
 * @param seed the generator's seed
 */
record BenchData(Path dir, BigDecimal scaleFactor, long seed) {
  BenchData {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(scaleFactor, "scaleFactor");
  }

  /** The data set of a scale factor and seed under a base directory. */
  static BenchData under(Path baseDir, BigDecimal scaleFactor, long seed) {
    if (scaleFactor.signum() <= 0) {
      throw new IllegalArgumentException("--sf must be > 0, got " + scaleFactor.toPlainString());
    }
    return new BenchData(baseDir.resolve("sf" + sfText(scaleFactor) + "-seed" + seed),
        scaleFactor, seed);
  }

  /** The scale factor as written in directory names and reports (0.1, 1, 0.001). */
  static String sfText(BigDecimal sf) {
    return sf.stripTrailingZeros().toPlainString();
  }

  /** Rows of the patients table (at least 1). */
  long patientRows() {
    return Math.max(1, scaleFactor.multiply(BigDecimal.valueOf(1_000_000)).longValue());
  }

  /** Rows of the assessments table (at least 1). */
  long assessmentRows() {
    return Math.max(1, scaleFactor.multiply(BigDecimal.valueOf(10_000_000)).longValue());
  }

  /** Rows of a table. */
  long rows(TableDef t) {
    return t == BenchSchema.PATIENTS ? patientRows() : assessmentRows();
  }

  /** The CSV file of a table. */
  Path csv(TableDef t) {
    return dir.resolve(t.name() + ".csv");
  }

  /** Curata's ExeTera-style JSON import schema. */
  Path curataSchema() {
    return dir.resolve("curata-schema.json");
  }

  /** The DuckDB database file. */
  Path duckDbFile() {
    return dir.resolve("duckdb.db");
  }

  /** The Curata dataset directory. */
  Path curataDataset() {
    return dir.resolve("curata");
  }

  /** The marker written after the CSVs are complete. */
  Path completeMarker() {
    return dir.resolve(".complete");
  }
}
