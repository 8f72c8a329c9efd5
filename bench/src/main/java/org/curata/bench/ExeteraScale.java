package org.curata.bench;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.OpenOptions;
import org.curata.storage.Snapshot;
import org.curata.storage.exetera.ExeteraDataset;
import org.curata.storage.exetera.ExeteraFiles;
import org.curata.storage.importer.DataFrameCopy;

/**
 * The ExeTera scale benchmark: writes an ExeTera-layout HDF5 file of any size with jhdf's writer,
 * then imports it into a Curata dataset (under whatever heap cap the JVM runs with) and times a
 * filtered count queried in place and after the import. See bench/README.md.
 */
public final class ExeteraScale {
  static final String USAGE = """
      Usage:
        java -Xmx8g -cp curata-bench.jar:lib/* org.curata.bench.ExeteraScale generate \\
            --rows N --out FILE.hdf5 [--seed S] [--chunk ROWS]
        java -Xmx512m -cp curata-bench.jar:lib/* org.curata.bench.ExeteraScale measure \\
            --file FILE.hdf5 --dir DATASET [--runs R]

      generate  writes a dataframe 'assessments' of N rows in ExeTera's layout (chunked arrays of
                ROWS rows, default 1024, as ExeTera writes them): patient_id (fixed string), a
                timestamp, a float32 temperature with its _valid flag, an int32 year with its
                _valid flag, two int8 categoricals with their keys and an indexed string. jhdf
                holds the arrays in memory until the file is closed: give it a large heap.
      measure   imports FILE into the new dataset DATASET (deleted first if it exists) and
                reports rows/s and the peak heap used, then times filtered counts on FILE in
                place and on DATASET (1 warm-up, R timed runs, default 5, median).
      """;

  /** The filtered counts timed in place and after the import. */
  static final List<String> QUERIES = List.of(
      "SELECT COUNT(*) FROM assessments WHERE temperature > 38.5",
      "SELECT COUNT(*) FROM assessments WHERE tested_covid_positive = 'yes'");

  private static final String[] RESULTS = {"", "no", "yes", "waiting"};
  private static final String[] FATIGUE = {"", "no", "mild", "severe"};
  private static final String[] NOTES = {"", "", "", "", "", "", "", "felt better", "cough",
      "héadache, mild"};
  private static final double START_SECONDS = 1_585_699_200.0; // 2020-04-01T00:00:00Z

  private ExeteraScale() {
  }

  /** Runs {@code generate} or {@code measure}; exit code 2 for bad arguments. */
  public static void main(String[] args) throws Exception {
    if (args.length == 0 || Arrays.asList(args).contains("--help")) {
      System.out.println(USAGE);
      return;
    }
    try {
      switch (args[0]) {
        case "generate" -> {
          long rows = Long.parseLong(option(args, "--rows", null));
          int chunk = Integer.parseInt(option(args, "--chunk", "1024"));
          long seed = Long.parseLong(option(args, "--seed", "42"));
          Path out = Path.of(option(args, "--out", null));
          long t0 = System.nanoTime();
          generate(out, Math.toIntExact(rows), chunk, seed);
          System.out.printf(Locale.ROOT, "wrote %,d rows to %s (%,d bytes) in %.1f s%n", rows,
              out, Files.size(out), (System.nanoTime() - t0) / 1e9);
        }
        case "measure" -> measure(Path.of(option(args, "--file", null)),
            Path.of(option(args, "--dir", null)),
            Integer.parseInt(option(args, "--runs", "5")), System.out);
        default -> throw new IllegalArgumentException("unknown command '" + args[0]
            + "' (generate or measure)");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("exetera-scale: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    }
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 1; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    if (fallback == null) {
      throw new IllegalArgumentException("missing " + name);
    }
    return fallback;
  }

  /** A patient id as ExeTera's fixtures have them: 32 lowercase hex digits. */
  static String patientId(long patient) {
    long h = patient * 0x9E3779B97F4A7C15L;
    long l = (patient + 1) * 0xC2B2AE3D27D4EB4FL;
    return String.format(Locale.ROOT, "%016x%016x", h, l);
  }

  /** Writes an ExeTera-layout file of {@code rows} assessments. */
  static void generate(Path out, int rows, int chunk, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int patients = Math.max(1, rows / 10);
    String[] ids = new String[patients];
    int[] years = new int[patients];
    for (int p = 0; p < patients; p++) {
      ids[p] = patientId(p);
      years[p] = rnd.nextInt(20) == 0 ? 0 : 1930 + rnd.nextInt(75);
    }
    String[] patientId = new String[rows];
    double[] createdAt = new double[rows];
    float[] temperature = new float[rows];
    byte[] temperatureValid = new byte[rows];
    int[] year = new int[rows];
    byte[] yearValid = new byte[rows];
    byte[] result = new byte[rows];
    byte[] fatigue = new byte[rows];
    long[] notesIndex = new long[rows + 1];
    java.io.ByteArrayOutputStream notes = new java.io.ByteArrayOutputStream();
    for (int r = 0; r < rows; r++) {
      int p = rnd.nextInt(patients);
      patientId[r] = ids[p];
      createdAt[r] = START_SECONDS + rnd.nextInt(365 * 86_400) + rnd.nextInt(1000) / 1000.0;
      boolean hasTemp = rnd.nextInt(10) != 0;
      temperature[r] = hasTemp ? 35.5f + rnd.nextInt(60) / 10f : 0f;
      temperatureValid[r] = (byte) (hasTemp ? 1 : 0);
      year[r] = years[p];
      yearValid[r] = (byte) (years[p] != 0 ? 1 : 0);
      result[r] = (byte) (rnd.nextInt(50) == 0 ? 2 : rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(2) * 2 + 1);
      fatigue[r] = (byte) rnd.nextInt(FATIGUE.length);
      byte[] note = NOTES[rnd.nextInt(NOTES.length)].getBytes(StandardCharsets.UTF_8);
      notes.writeBytes(note);
      notesIndex[r + 1] = notesIndex[r] + note.length;
    }
    DatasetCreationOptions chunked = DatasetCreationOptions.builder().chunkDimensions(chunk)
        .build();
    try {
      Files.deleteIfExists(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (WritableHdfFile f = HdfFile.write(out)) {
      WritableGroup df = f.putGroup("assessments");
      // jhdf writes a String[] as NUL-terminated fixed strings one byte wider than the longest
      WritableGroup pid = field(df, "patient_id", "fixedstring,33");
      pid.putAttribute("strlen", 33L);
      pid.putDataset("values", patientId, chunked);
      field(df, "created_at", "timestamp").putDataset("values", createdAt, chunked);
      numeric(df, "temperature", "float32").putDataset("values", temperature, chunked);
      numeric(df, "temperature_valid", "bool").putDataset("values", temperatureValid, chunked);
      numeric(df, "year_of_birth", "int32").putDataset("values", year, chunked);
      numeric(df, "year_of_birth_valid", "bool").putDataset("values", yearValid, chunked);
      categorical(df, "tested_covid_positive", RESULTS).putDataset("values", result, chunked);
      categorical(df, "fatigue", FATIGUE).putDataset("values", fatigue, chunked);
      WritableGroup n = field(df, "notes", "indexedstring");
      n.putDataset("index", notesIndex, chunked);
      n.putDataset("values", notes.toByteArray(), DatasetCreationOptions.builder()
          .chunkDimensions(Math.max(1, Math.min(chunk * 8, notes.size()))).unsigned().build());
    }
  }

  private static WritableGroup field(WritableGroup df, String name, String fieldType) {
    WritableGroup g = df.putGroup(name);
    g.putAttribute("fieldtype", fieldType);
    g.putAttribute("chunksize", 1_048_576L);
    g.putAttribute("timestamp", 1_048_576L);
    return g;
  }

  private static WritableGroup numeric(WritableGroup df, String name, String nformat) {
    WritableGroup g = field(df, name, "numeric," + nformat);
    g.putAttribute("nformat", nformat);
    return g;
  }

  private static WritableGroup categorical(WritableGroup df, String name, String[] labels) {
    WritableGroup g = field(df, name, "categorical,int8");
    g.putAttribute("nformat", "int8");
    byte[] keys = new byte[labels.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = (byte) i;
    }
    g.putDataset("key_values", keys);
    g.putDataset("key_names", labels);
    return g;
  }

  /** Imports {@code file} into {@code dir}, then times the filtered counts in both places. */
  static void measure(Path file, Path dir, int runs, PrintStream out) throws IOException,
      SQLException {
    CurataEngine.deleteRecursively(dir);
    long maxHeap = Runtime.getRuntime().maxMemory();
    resetPeaks();
    long t0 = System.nanoTime();
    DataFrameCopy.Result result;
    try (ExeteraDataset source = ExeteraFiles.open(file); Snapshot s = source.snapshot();
         Dataset target = Datasets.open(dir, OpenOptions.defaults().withCreate(true))) {
      long[] last = {System.nanoTime()};
      result = DataFrameCopy.run(s, target, DataFrameCopy.Options.defaults().withListener(p -> {
        long now = System.nanoTime();
        if (now - last[0] > 5_000_000_000L) {
          last[0] = now;
          System.err.printf(Locale.ROOT, "  import: %s.%s, %.0f%% of values%n", p.dataFrame(),
              p.field(), 100.0 * p.valuesCopied() / Math.max(1, p.totalValues()));
        }
      }));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long peak = peakHeapUsed();
    out.printf(Locale.ROOT, "file        %s (%,d bytes)%n", file, Files.size(file));
    out.printf(Locale.ROOT, "import      %,d rows in %.1f s = %,.0f rows/s; peak heap used %,d MiB"
        + " of a %,d MiB maximum%n", result.rows(), seconds, result.rows() / seconds,
        peak >> 20, maxHeap >> 20);
    out.printf(Locale.ROOT, "dataset     %s (%,d bytes)%n", dir, ImportResult.sizeOnDisk(dir));
    out.println();
    out.printf(Locale.ROOT, "%-70s %12s %12s %8s%n", "query (median of " + runs + " runs)",
        "in place", "imported", "ratio");
    for (String q : QUERIES) {
      Timed hdf = time("jdbc:curata:" + file.toAbsolutePath(), q, runs);
      Timed native_ = time("jdbc:curata:" + dir.toAbsolutePath(), q, runs);
      if (hdf.count() != native_.count()) {
        throw new IllegalStateException(q + ": " + hdf.count() + " rows in place but "
            + native_.count() + " after the import");
      }
      out.printf(Locale.ROOT, "%-70s %10.1f ms %10.1f ms %8.1f   (count %,d)%n", q,
          hdf.millis(), native_.millis(), hdf.millis() / native_.millis(), hdf.count());
    }
  }

  /** The median time of a count query and its answer. */
  record Timed(double millis, long count) {
  }

  private static Timed time(String url, String sql, int runs) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      long count = count(s, sql);
      double[] ms = new double[runs];
      for (int i = 0; i < runs; i++) {
        long t = System.nanoTime();
        long again = count(s, sql);
        ms[i] = (System.nanoTime() - t) / 1e6;
        if (again != count) {
          throw new IllegalStateException(sql + " gave " + count + ", then " + again);
        }
      }
      Arrays.sort(ms);
      return new Timed(ms[runs / 2], count);
    }
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  /** The sum of the heap pools' peak use since {@link #resetPeaks()}: an upper bound. */
  private static long peakHeapUsed() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
