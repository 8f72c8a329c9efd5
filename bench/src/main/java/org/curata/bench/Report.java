package org.curata.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of a run as Markdown (printed and written to results-&lt;timestamp&gt;.md) and CSV
 * (results-&lt;timestamp&gt;.csv). Ratios are Curata's median time over the other engine's: above
 * 1 Curata is slower. No ratio is taken for an engine whose answer mismatched the reference.
 */
final class Report {
  private final List<String> header;
  private final List<String> engines;
  private final List<ImportResult> imports = new ArrayList<>();
  private final Map<String, String> importFailures = new LinkedHashMap<>();
  private final Map<Query, List<QueryResult>> queries = new LinkedHashMap<>();

  Report(List<String> header, List<String> engines) {
    this.header = List.copyOf(header);
    this.engines = List.copyOf(engines);
  }

  void addImport(ImportResult r) {
    imports.add(r);
  }

  void addImportFailure(String engine, String message) {
    importFailures.put(engine, message);
  }

  void addQuery(Query q, List<QueryResult> results) {
    queries.put(q, List.copyOf(results));
  }

  /** Engines that could not import or connect, with the reason. */
  Map<String, String> failedEngines() {
    return Map.copyOf(importFailures);
  }

  /** All query results, in order. */
  List<QueryResult> results() {
    List<QueryResult> all = new ArrayList<>();
    queries.values().forEach(all::addAll);
    return all;
  }

  private static String num(double v, int decimals) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "-";
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static String seconds(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    return v >= 10 ? num(v, 1) : v >= 0.1 ? num(v, 3) : num(v, 4);
  }

  private static String ratio(double num, double den) {
    return Double.isNaN(num) || Double.isNaN(den) || den <= 0 ? "-" : num(num / den, 2);
  }

  private ImportResult importOf(String engine) {
    return imports.stream().filter(i -> i.engine().equals(engine)).findFirst().orElse(null);
  }

  /** The median of an engine whose answer was right; a wrong answer gets no ratio. */
  private static double median(List<QueryResult> rs, String engine) {
    return rs.stream().filter(r -> r.engine().equals(engine) && r.matches())
        .mapToDouble(QueryResult::median).findFirst().orElse(Double.NaN);
  }

  /** The import section alone. */
  String importMarkdown() {
    StringBuilder b = new StringBuilder("## Import\n\n");
    b.append("| engine | what | seconds | rows/s | CSV MB/s | MB on disk | time Curata / DuckDB |\n");
    b.append("|---|---|---:|---:|---:|---:|---:|\n");
    ImportResult curata = importOf("curata");
    ImportResult duck = importOf("duckdb");
    for (String e : engines) {
      ImportResult r = importOf(e);
      if (r == null) {
        b.append("| ").append(e).append(" | FAIL: ")
            .append(importFailures.getOrDefault(e, "not run")).append(" | - | - | - | - | - |\n");
        continue;
      }
      b.append("| ").append(e).append(" | ").append(r.what()).append(" | ")
          .append(seconds(r.seconds())).append(" | ").append(num(r.rowsPerSecond(), 0))
          .append(" | ").append(num(r.megabytesPerSecond(), 1)).append(" | ")
          .append(r.diskBytes() < 0 ? "-" : num(r.diskBytes() / 1e6, 1)).append(" | ")
          .append(e.equals("curata") && duck != null ? ratio(curata.seconds(), duck.seconds()) : "")
          .append(" |\n");
    }
    for (Map.Entry<String, String> f : importFailures.entrySet()) {
      if (importOf(f.getKey()) != null) {
        b.append("\n").append(f.getKey()).append(": imported, but FAILED to connect: ")
            .append(f.getValue()).append('\n');
      }
    }
    return b.append('\n').toString();
  }

  /** One query's table. */
  String queryMarkdown(Query q) {
    List<QueryResult> rs = queries.get(q);
    StringBuilder b = new StringBuilder("## ").append(q.id()).append(": ").append(q.title())
        .append("\n\n```sql\n").append(q.sql()).append(";\n```\n\n");
    b.append("| engine | status | median s | min s | runs | rows | Curata / DuckDB | "
        + "Curata / Calcite | check |\n");
    b.append("|---|---|---:|---:|---:|---:|---:|---:|---|\n");
    double cur = median(rs, "curata");
    for (QueryResult r : rs) {
      boolean isCurata = r.engine().equals("curata");
      b.append("| ").append(r.engine()).append(" | ").append(r.status())
          .append(" | ").append(seconds(r.median())).append(" | ").append(seconds(r.min()))
          .append(" | ").append(r.runs()).append(" | ").append(r.rows() < 0 ? "-" : r.rows())
          .append(" | ").append(isCurata ? ratio(cur, median(rs, "duckdb")) : "")
          .append(" | ").append(isCurata ? ratio(cur, median(rs, "calcite")) : "")
          .append(" | ").append(r.status() == Outcome.Status.OK ? r.check() : r.message())
          .append(" |\n");
    }
    return b.append('\n').toString();
  }

  /** The summary of ratios, one line per query. */
  String summaryMarkdown() {
    StringBuilder b = new StringBuilder("## Summary: Curata's median time / the other engine's "
        + "(above 1 = Curata slower; no ratio where an answer is wrong)\n\n");
    b.append("| query | Curata / DuckDB | Curata / Calcite | results |\n|---|---:|---:|---|\n");
    for (Map.Entry<Query, List<QueryResult>> e : queries.entrySet()) {
      List<QueryResult> rs = e.getValue();
      double cur = median(rs, "curata");
      StringBuilder checks = new StringBuilder();
      for (QueryResult r : rs) {
        checks.append(checks.length() == 0 ? "" : ", ").append(r.engine()).append(' ')
            .append(r.status() != Outcome.Status.OK ? r.status().toString()
                : r.check().startsWith("MISMATCH") ? "MISMATCH" : r.check());
      }
      b.append("| ").append(e.getKey().id()).append(" | ").append(ratio(cur, median(rs, "duckdb")))
          .append(" | ").append(ratio(cur, median(rs, "calcite"))).append(" | ").append(checks)
          .append(" |\n");
    }
    return b.append('\n').toString();
  }

  /** The whole report. */
  String markdown() {
    StringBuilder b = new StringBuilder("# Curata benchmark\n\n");
    for (String h : header) {
      b.append("- ").append(h).append('\n');
    }
    b.append('\n').append(importMarkdown()).append(summaryMarkdown());
    for (Query q : queries.keySet()) {
      b.append(queryMarkdown(q));
    }
    return b.toString();
  }

  /** The results as CSV, one line per import and per query and engine. */
  String csv() {
    StringBuilder b = new StringBuilder(
        "kind,query,engine,status,median_s,min_s,runs,rows,mb_per_s,disk_mb,curata_over_duckdb,"
            + "curata_over_calcite,check,message\n");
    ImportResult curata = importOf("curata");
    ImportResult duck = importOf("duckdb");
    for (String e : engines) {
      ImportResult r = importOf(e);
      if (r == null) {
        b.append("import,,").append(e).append(",FAIL,,,,,,,,,,")
            .append(csvText(importFailures.getOrDefault(e, "not run"))).append('\n');
        continue;
      }
      b.append("import,,").append(e).append(",OK,").append(blank(num(r.seconds(), 4))).append(",,1,")
          .append(r.rows()).append(',').append(blank(num(r.megabytesPerSecond(), 2))).append(',')
          .append(r.diskBytes() < 0 ? "" : num(r.diskBytes() / 1e6, 2)).append(',')
          .append(e.equals("curata") && curata != null && duck != null
              ? blank(ratio(curata.seconds(), duck.seconds())) : "")
          .append(",,").append(csvText(r.what())).append(",\n");
    }
    for (Map.Entry<Query, List<QueryResult>> en : queries.entrySet()) {
      double cur = median(en.getValue(), "curata");
      for (QueryResult r : en.getValue()) {
        boolean isCurata = r.engine().equals("curata");
        b.append("query,").append(r.query().id()).append(',').append(r.engine()).append(',')
            .append(r.status()).append(',').append(blank(num(r.median(), 6))).append(',')
            .append(blank(num(r.min(), 6))).append(',').append(r.runs()).append(',')
            .append(r.rows() < 0 ? "" : Long.toString(r.rows())).append(",,,")
            .append(isCurata ? blank(ratio(cur, median(en.getValue(), "duckdb"))) : "").append(',')
            .append(isCurata ? blank(ratio(cur, median(en.getValue(), "calcite"))) : "").append(',')
            .append(csvText(r.check())).append(',').append(csvText(r.message())).append('\n');
      }
    }
    return b.toString();
  }

  private static String blank(String s) {
    return s.equals("-") ? "" : s;
  }

  private static String csvText(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /** Writes results-&lt;stamp&gt;.md and .csv; returns the Markdown file. */
  Path write(Path outDir, String stamp) throws IOException {
    Files.createDirectories(outDir);
    Path md = outDir.resolve("results-" + stamp + ".md");
    Files.writeString(md, markdown());
    Files.writeString(outDir.resolve("results-" + stamp + ".csv"), csv());
    return md;
  }
}
