package org.curata.bench;

import java.util.Objects;

/**
 * How long an engine took to take in the CSVs.
 *
 * @param engine the engine's name
 * @param seconds wall time of the import, or NaN when an existing database was reused
 * @param rows rows of both tables
 * @param csvBytes bytes of both CSV files
 * @param what what was measured ("import", "load into Java arrays (not an import)", "reused")
 * @param diskBytes bytes the engine's database occupies on disk, or -1 (held in memory)
 */
record ImportResult(String engine, double seconds, long rows, long csvBytes, String what,
    long diskBytes) {
  ImportResult {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(what, "what");
  }

  /** Bytes of all regular files under a path (a file or a directory). */
  static long sizeOnDisk(java.nio.file.Path p) throws java.io.IOException {
    if (!java.nio.file.Files.exists(p)) {
      return 0;
    }
    try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.walk(p)) {
      long total = 0;
      for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) s::iterator) {
        if (java.nio.file.Files.isRegularFile(f)) {
          total += java.nio.file.Files.size(f);
        }
      }
      return total;
    }
  }

  /** Rows per second, or NaN. */
  double rowsPerSecond() {
    return rows / seconds;
  }

  /** Megabytes (10^6) of CSV per second, or NaN. */
  double megabytesPerSecond() {
    return csvBytes / 1e6 / seconds;
  }
}
