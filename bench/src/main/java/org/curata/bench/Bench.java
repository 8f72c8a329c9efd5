package org.curata.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;

/**
 * The benchmark runner: generates (or reuses) the data, imports it into each engine, runs the
 * queries (one warm-up with a result check, then timed runs, interleaved across engines) and
 * reports median times and the ratios Curata / DuckDB and Curata / Calcite. See bench/README.md.
 */
public final class Bench {
  /** DuckDB's thread count, as BENCHMARK.md fixes it. */
  static final int DUCKDB_THREADS = 2;

  private final BenchOptions options;
  private final PrintStream out;
  private final PrintStream log;

  Bench(BenchOptions options, PrintStream out, PrintStream log) {
    this.options = Objects.requireNonNull(options, "options");
    this.out = Objects.requireNonNull(out, "out");
    this.log = Objects.requireNonNull(log, "log");
  }

  /** Runs the benchmark; exit code 0, 1 when any result mismatches, 2 for bad options. */
  public static void main(String[] args) {
    if (Arrays.asList(args).contains("--help")) {
      System.out.println(BenchOptions.USAGE);
      return;
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    int code;
    try {
      Report r = new Bench(options, System.out, System.err).run();
      code = r != null && r.results().stream().anyMatch(x -> x.check().startsWith("MISMATCH")) ? 1 : 0;
    } catch (Exception e) {
      System.err.println("bench: failed: " + EngineSession.messageOf(e));
      e.printStackTrace(System.err);
      code = 3;
    }
    System.exit(code);
  }

  /** Runs everything and writes the result files; returns the report (null with --generate-only). */
  Report run() throws Exception {
    if (!TimeZone.getDefault().getID().equals("UTC") && !TimeZone.getDefault().getID().equals("Etc/UTC")) {
      log.println("WARNING: the JVM time zone is " + TimeZone.getDefault().getID()
          + "; run with -Duser.timezone=UTC so that timestamps compare equal across engines");
    }
    BenchData data = DataGenerator.ensure(
        BenchData.under(options.dataDir(), options.scaleFactor(), options.seed()),
        Math.min(2, Runtime.getRuntime().availableProcessors()), log);
    if (options.generateOnly()) {
      return null;
    }
    List<Query> queries = Queries.select(data, options.queries());
    String stamp = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Report report = new Report(header(data, stamp), options.engines());
    List<Engine> engines = new ArrayList<>();
    List<EngineSession> sessions = new ArrayList<>();
    try {
      for (String name : options.engines()) {
        Engine e = create(name, options);
        engines.add(e);
        log.println(name + ": " + (name.equals("calcite") ? "loading into Java arrays" : "importing")
            + " ...");
        try {
          ImportResult r = e.prepare(data, options.skipImport(), log);
          report.addImport(r);
          log.printf(Locale.ROOT, "%s: %s in %.2f s%n", name, r.what(), r.seconds());
          sessions.add(new EngineSession(e, log));
        } catch (Exception | OutOfMemoryError ex) {
          String msg = EngineSession.messageOf(ex);
          report.addImportFailure(name, msg);
          log.println("FAIL: " + name + " could not import/connect; its queries are skipped: " + msg);
        }
      }
      out.print(report.importMarkdown());
      for (Query q : queries) {
        List<QueryResult> results = runQuery(q, sessions, report.failedEngines());
        report.addQuery(q, results);
        out.print(report.queryMarkdown(q));
        for (QueryResult r : results) {
          if (r.check().startsWith("MISMATCH")) {
            log.println("!!! RESULT MISMATCH: " + q.id() + " on " + r.engine() + ": " + r.check());
          }
        }
      }
    } finally {
      for (EngineSession s : sessions) {
        s.close();
      }
      for (Engine e : engines) {
        try {
          e.close();
        } catch (Exception ex) {
          log.println(e.name() + ": close failed: " + EngineSession.messageOf(ex));
        }
      }
    }
    out.print(report.summaryMarkdown());
    Path md = report.write(options.outDir(), stamp);
    log.println("results written to " + md + " and " + md.resolveSibling(
        md.getFileName().toString().replace(".md", ".csv")));
    return report;
  }

  private static Engine create(String name, BenchOptions options) {
    switch (name) {
      case "curata":
        return new CurataEngine(options.curataProperties());
      case "duckdb":
        return new DuckDbEngine(DUCKDB_THREADS);
      case "calcite":
        return new CalciteEngine();
      default:
        throw new IllegalArgumentException("unknown engine " + name);
    }
  }

  private List<String> header(BenchData data, String stamp) throws Exception {
    long pBytes = Files.size(data.csv(BenchSchema.PATIENTS));
    long aBytes = Files.size(data.csv(BenchSchema.ASSESSMENTS));
    Runtime rt = Runtime.getRuntime();
    return List.of(
        "run " + stamp + " UTC",
        String.format(Locale.ROOT, "SF %s, seed %d: patients %,d rows (%.1f MB), assessments %,d rows"
            + " (%.1f MB), data in %s", BenchData.sfText(data.scaleFactor()), data.seed(),
            data.patientRows(), pBytes / 1e6, data.assessmentRows(), aBytes / 1e6, data.dir()),
        "options: --sf " + BenchData.sfText(options.scaleFactor()) + " --seed " + options.seed()
            + " --queries " + options.queries() + " --runs " + options.runs() + " --engines "
            + String.join(",", options.engines()) + " --timeout " + options.timeoutSeconds()
            + (options.skipImport() ? " --skip-import" : "") + "; DuckDB threads=" + DUCKDB_THREADS,
        "1 warm-up (result check) + " + options.runs() + " timed runs per query and engine, "
            + "interleaved; median reported; timeout " + options.timeoutSeconds() + " s per execution",
        "Java " + System.getProperty("java.version") + ", " + rt.availableProcessors()
            + " cores visible, max heap " + rt.maxMemory() / (1 << 20) + " MB; the machine is shared:"
            + " read the ratios, not the seconds");
  }

  private List<QueryResult> runQuery(Query q, List<EngineSession> sessions,
      Map<String, String> unavailable) {
    log.println(q.id() + ": " + q.title());
    Map<String, Outcome> warm = new LinkedHashMap<>();
    Map<String, Outcome> failed = new LinkedHashMap<>();
    Map<String, List<Double>> times = new LinkedHashMap<>();
    for (EngineSession s : sessions) {
      String e = s.engine().name();
      Outcome o = s.execute(q, true, options.timeoutSeconds());
      warm.put(e, o);
      times.put(e, new ArrayList<>());
      log.printf(Locale.ROOT, "  %-8s warm-up %8.3f s  %s%n", e, o.seconds(),
          o.status() == Outcome.Status.OK ? o.rows() + " rows" : o.status() + ": " + o.message());
      if (o.status() != Outcome.Status.OK) {
        failed.put(e, o);
      }
    }
    for (int run = 1; run <= options.runs(); run++) {
      for (EngineSession s : sessions) {
        String e = s.engine().name();
        if (failed.containsKey(e)) {
          continue;
        }
        Outcome o = s.execute(q, false, options.timeoutSeconds());
        if (o.status() == Outcome.Status.OK) {
          times.get(e).add(o.seconds());
        } else {
          failed.put(e, Outcome.failed(o.status(), o.seconds(), "timed run " + run + ": " + o.message()));
          log.println("  " + e + " run " + run + ": " + o.status() + ": " + o.message());
        }
      }
    }
    ResultDigest ref = null;
    String refEngine = null;
    for (String e : List.of("duckdb", "calcite", "curata")) {
      Outcome o = warm.get(e);
      if (o != null && o.status() == Outcome.Status.OK) {
        ref = o.digest();
        refEngine = e;
        break;
      }
    }
    List<QueryResult> results = new ArrayList<>();
    for (Map.Entry<String, String> u : unavailable.entrySet()) {
      results.add(new QueryResult(q, u.getKey(), Outcome.Status.SKIPPED, Double.NaN, Double.NaN, 0,
          -1, "-", "engine unavailable: " + u.getValue()));
    }
    for (EngineSession s : sessions) {
      String e = s.engine().name();
      Outcome w = warm.get(e);
      List<Double> t = times.get(e);
      Outcome f = failed.get(e);
      String check;
      if (w.status() != Outcome.Status.OK) {
        check = "-";
      } else if (e.equals(refEngine)) {
        check = "ref";
      } else {
        check = w.digest().compareTo(ref);
        if (!check.equals("OK")) {
          check += " (vs " + refEngine + ")";
        }
      }
      if (f != null) {
        results.add(new QueryResult(q, e, f.status(), Double.NaN, Double.NaN, t.size(),
            w.status() == Outcome.Status.OK ? w.rows() : -1, check, f.message()));
      } else {
        double[] sorted = t.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        results.add(new QueryResult(q, e, Outcome.Status.OK, median, sorted[0], n, w.rows(),
            check, ""));
      }
    }
    results.sort(Comparator.comparingInt(r -> BenchOptions.ALL_ENGINES.indexOf(r.engine())));
    return results;
  }
}
