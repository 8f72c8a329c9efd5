package org.curata.sqltests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the pass-rate report of a corpus run: per directory as markdown and CSV, per script as
 * CSV, and the failures as text. The pass rate is passed queries over the queries chosen to be
 * checked (all the scripts hold for this engine, or a sample of them; see {@link SltSampling}), so
 * chosen queries that never ran (the script stopped) count against it; queries left out by sampling
 * are reported apart as "not sampled" and do not.
 */
final class SltReport {
  private static final int FAILURES_PER_SCRIPT = 20;

  /** Counts for a directory (or the whole run). */
  private static final class Totals {
    int filesInCorpus;
    int files;
    int stoppedEarly;
    int timedOut;
    long queries;
    long sampled;
    long notSampled;
    long passed;
    long failed;
    long skipped;
    long notRun;
    long statementFailures;
    long queriesTimedOut;
    long millis;

    void add(SltFileResult r) {
      files++;
      if (r.stopReason() != SltFileResult.Stop.NONE) {
        stoppedEarly++;
      }
      if (r.stopReason() == SltFileResult.Stop.TIMEOUT) {
        timedOut++;
      }
      queries += r.queriesInFile();
      sampled += r.queriesSampled();
      notSampled += r.queriesNotSampled();
      passed += r.getPassedTestCount();
      failed += r.getFailedTestCount();
      skipped += r.getIgnoredTestCount();
      notRun += r.queriesNotRun();
      statementFailures += r.statementFailures().size();
      queriesTimedOut += r.queriesTimedOut();
      millis += r.millis();
    }

    double rate() {
      return sampled == 0 ? 0 : 100.0 * passed / sampled;
    }
  }

  private SltReport() {
  }

  /**
   * Writes {@code slt-report.md}, {@code slt-report.csv}, {@code slt-files.csv} and
   * {@code slt-failures.txt} into a directory.
   *
   * @return the markdown text
   */
  static String write(Path directory, List<SltFileResult> results, long wallMillis, String command)
      throws IOException {
    Map<String, Integer> inCorpus = new TreeMap<>();
    results.forEach(r -> inCorpus.merge(r.directory(), 1, Integer::sum));
    return write(directory, results, inCorpus, SltSampling.NONE, wallMillis, command);
  }

  /**
   * Writes the report of a run that may be sampled.
   *
   * @param scriptsInCorpus per directory, how many scripts the corpus (after slt.include) holds
   * @param sampling how the scripts and queries were chosen, described in the markdown
   * @return the markdown text
   */
  static String write(Path directory, List<SltFileResult> results, Map<String, Integer> scriptsInCorpus,
      SltSampling sampling, long wallMillis, String command) throws IOException {
    Files.createDirectories(directory);
    Map<String, Totals> byDirectory = new TreeMap<>();
    Totals all = new Totals();
    for (Map.Entry<String, Integer> e : scriptsInCorpus.entrySet()) {
      byDirectory.computeIfAbsent(e.getKey(), d -> new Totals()).filesInCorpus = e.getValue();
      all.filesInCorpus += e.getValue();
    }
    for (SltFileResult r : results) {
      byDirectory.computeIfAbsent(r.directory(), d -> new Totals()).add(r);
      all.add(r);
    }

    StringBuilder csv = new StringBuilder(
        "directory,files_in_corpus,files,files_stopped_early,files_timed_out,queries,sampled,not_sampled,passed,"
            + "failed,queries_timed_out,skipped,not_run,statement_failures,pass_rate_percent,seconds\n");
    StringBuilder md = new StringBuilder("# sqllogictest corpus on Curata\n\n");
    md.append("Command: `").append(command).append("`  \n");
    md.append(String.format(Locale.ROOT, "Wall time: %.1f s; %d of %d scripts run; %d of %d checked queries passed"
            + " (%.2f %%)%s.%n%n",
        wallMillis / 1000.0, all.files, all.filesInCorpus, all.passed, all.sampled, all.rate(),
        sampling.isSampled() ? String.format(Locale.ROOT, "; %d of the %d queries those scripts hold were not sampled",
            all.notSampled, all.queries) : ""));
    if (sampling.isSampled()) {
      md.append("**This is a sampled run: every pass rate is over a sample, not over the whole corpus.** ")
          .append(sampling.describe()).append(" Scripts not run are counted in neither column; a script's ")
          .append("queries left out are \"not sampled\" and do not count for or against the pass rate.\n\n");
    }
    md.append("Pass rate = passed / checked queries (\"sampled\": every query the scripts run hold for this "
        + "engine, or those chosen by sampling); checked queries never run (script stopped by a failed "
        + "`statement ok` or the time limit) count as not passed (\"not run\").\n\n");
    md.append("| directory | files run / in corpus | stopped early | timed out | queries in files run | sampled "
        + "| not sampled | passed | failed (of which timed out) | skipped | not run | statement failures | pass rate "
        + "| seconds |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    Map<String, Totals> rows = new LinkedHashMap<>(byDirectory);
    rows.put("TOTAL", all);
    for (Map.Entry<String, Totals> e : rows.entrySet()) {
      Totals t = e.getValue();
      csv.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%.2f,%.1f%n", e.getKey(),
          t.filesInCorpus, t.files, t.stoppedEarly, t.timedOut, t.queries, t.sampled, t.notSampled, t.passed,
          t.failed, t.queriesTimedOut, t.skipped, t.notRun, t.statementFailures, t.rate(), t.millis / 1000.0));
      md.append(String.format(Locale.ROOT,
          "| %s | %d / %d | %d | %d | %d | %d | %d | %d | %d (%d) | %d | %d | %d | %.2f %% | %.1f |%n",
          e.getKey(), t.files, t.filesInCorpus, t.stoppedEarly, t.timedOut, t.queries, t.sampled, t.notSampled,
          t.passed, t.failed, t.queriesTimedOut, t.skipped, t.notRun, t.statementFailures, t.rate(), t.millis / 1000.0));
    }

    StringBuilder files = new StringBuilder(
        "file,queries,sampled,not_sampled,passed,failed,skipped,not_run,statements,statement_failures,"
            + "index_statements_ignored,stop,seconds\n");
    StringBuilder failures = new StringBuilder();
    for (SltFileResult r : results) {
      files.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%s,%.1f%n", r.file(),
          r.queriesInFile(), r.queriesSampled(), r.queriesNotSampled(), r.getPassedTestCount(),
          r.getFailedTestCount(), r.getIgnoredTestCount(), r.queriesNotRun(),
          r.statementsRun(), r.statementFailures().size(), r.indexStatementsIgnored(), r.stopReason(),
          r.millis() / 1000.0));
      if (!r.allPassed()) {
        failures.append("=== ").append(r.summary()).append('\n');
        r.statementFailures().forEach(f -> failures.append(f).append('\n'));
        r.failureTexts().stream().limit(FAILURES_PER_SCRIPT).forEach(f -> failures.append(f).append('\n'));
        if (r.failureTexts().size() > FAILURES_PER_SCRIPT) {
          failures.append("... ").append(r.failureTexts().size() - FAILURES_PER_SCRIPT)
              .append(" more failures\n");
        }
      }
    }
    Files.writeString(directory.resolve("slt-report.md"), md, StandardCharsets.UTF_8);
    Files.writeString(directory.resolve("slt-report.csv"), csv, StandardCharsets.UTF_8);
    Files.writeString(directory.resolve("slt-files.csv"), files, StandardCharsets.UTF_8);
    Files.writeString(directory.resolve("slt-failures.txt"), failures, StandardCharsets.UTF_8);
    return md.toString();
  }
}
