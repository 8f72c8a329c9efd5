package org.curata.bench;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The runner's command-line options.
 *
 * @param scaleFactor SF (patients = 1,000,000 x SF)
 * @param seed the generator's seed
 * @param queries comma-separated query ids, or "all"
 * @param runs timed runs per query and engine (after one warm-up)
 * @param engines engines to run, in report order
 * @param timeoutSeconds per execution of a query
 * @param dataDir where generated data sets are cached
 * @param outDir where the result files are written
 * @param skipImport reuse the Curata dataset and DuckDB file of an earlier run when present
 * @param generateOnly stop after generating the data
 * @param curataProperties appended to Curata's JDBC URL (e.g. {@code ;memory=256m;threads=2}), or ""
 */
record BenchOptions(BigDecimal scaleFactor, long seed, String queries, int runs,
    List<String> engines, int timeoutSeconds, Path dataDir, Path outDir, boolean skipImport,
    boolean generateOnly, String curataProperties) {

  static final List<String> ALL_ENGINES = List.of("curata", "duckdb", "calcite");

  BenchOptions {
    Objects.requireNonNull(scaleFactor, "scaleFactor");
    Objects.requireNonNull(queries, "queries");
    engines = List.copyOf(engines);
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(outDir, "outDir");
    Objects.requireNonNull(curataProperties, "curataProperties");
  }

  static final String USAGE = String.join("\n",
      "usage: Bench [options]",
      "  --sf <n>           scale factor, may be fractional (default 0.1): 1,000,000 x SF patients,",
      "                     10,000,000 x SF assessments",
      "  --seed <n>         generator seed (default 42)",
      "  --queries <list>   Q1,Q2,... or all (default all)",
      "  --runs <n>         timed runs per query and engine after one warm-up (default 5)",
      "  --engines <list>   any of curata,duckdb,calcite (default all three)",
      "  --timeout <s>      per execution of a query (default 120)",
      "  --data-dir <dir>   cache of generated data (default bench/target/data)",
      "  --out-dir <dir>    where results-<timestamp>.md/.csv go (default bench/target)",
      "  --skip-import      reuse the Curata dataset and DuckDB file of an earlier run",
      "  --generate-only    generate (or find) the data, then stop",
      "  --curata <props>   connection properties for Curata, e.g. memory=256m;threads=2",
      "  --help");

  /** Parses the command line; throws IllegalArgumentException with a message on bad input. */
  static BenchOptions parse(String[] args) {
    Path base = Files.isRegularFile(Path.of("bench", "pom.xml")) ? Path.of("bench", "target")
        : Path.of("target");
    BigDecimal sf = new BigDecimal("0.1");
    long seed = 42;
    String queries = "all";
    int runs = 5;
    List<String> engines = ALL_ENGINES;
    int timeout = 120;
    Path dataDir = base.resolve("data");
    Path outDir = base;
    boolean skipImport = false;
    boolean generateOnly = false;
    String curata = "";
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--sf":
          sf = new BigDecimal(value(args, ++i, a));
          break;
        case "--seed":
          seed = Long.parseLong(value(args, ++i, a));
          break;
        case "--queries":
          queries = value(args, ++i, a);
          break;
        case "--runs":
          runs = Integer.parseInt(value(args, ++i, a));
          break;
        case "--engines":
          engines = engines(value(args, ++i, a));
          break;
        case "--timeout":
          timeout = Integer.parseInt(value(args, ++i, a));
          break;
        case "--data-dir":
          dataDir = Path.of(value(args, ++i, a));
          break;
        case "--out-dir":
          outDir = Path.of(value(args, ++i, a));
          break;
        case "--skip-import":
          skipImport = true;
          break;
        case "--generate-only":
          generateOnly = true;
          break;
        case "--curata":
          curata = value(args, ++i, a).strip();
          if (!curata.isEmpty() && !curata.startsWith(";")) {
            curata = ";" + curata;
          }
          break;
        default:
          throw new IllegalArgumentException("unknown option '" + a + "'\n" + USAGE);
      }
    }
    if (sf.signum() <= 0) {
      throw new IllegalArgumentException("--sf must be > 0, got " + sf);
    }
    if (runs < 1 || timeout < 1) {
      throw new IllegalArgumentException("--runs and --timeout must be at least 1");
    }
    return new BenchOptions(sf, seed, queries, runs, engines, timeout, dataDir, outDir,
        skipImport, generateOnly, curata);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
    }
    return args[i];
  }

  private static List<String> engines(String list) {
    List<String> out = new ArrayList<>();
    for (String e : list.split(",")) {
      String name = e.trim().toLowerCase(Locale.ROOT);
      if (!ALL_ENGINES.contains(name)) {
        throw new IllegalArgumentException("--engines: unknown engine '" + e.trim()
            + "'; known: " + String.join(",", ALL_ENGINES));
      }
      if (!out.contains(name)) {
        out.add(name);
      }
    }
    // Report order is fixed (curata, duckdb, calcite) whatever the order given.
    out.sort((x, y) -> ALL_ENGINES.indexOf(x) - ALL_ENGINES.indexOf(y));
    return out;
  }
}
