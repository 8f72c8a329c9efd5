package org.curata.sqltests;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import net.hydromatic.sqllogictest.Main;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every script of the sqllogictest corpus through Curata, with a per-script time limit, writing a
 * pass-rate report to {@code target/slt-report/}. Not in the default build: run with
 * {@code -Pslt-full}. It fails only when the harness itself fails, never on a pass rate.
 *
 * <p>Settings (system properties, set by the profile, overridable with {@code -D}):
 * {@code slt.timeout.seconds} per script, {@code slt.queryTimeout.seconds} per query (0: none),
 * {@code slt.budget.minutes} after which no further script is started (0: none), {@code slt.include} comma-separated substrings of the
 * scripts to run (empty: all), {@code slt.report.dir}, {@code slt.work.dir}, and the sampling
 * settings of {@link SltSampling}: {@code slt.maxQueriesPerScript}, {@code slt.maxScriptsPerDirectory},
 * {@code slt.sampleMode}.
 */
@Tag("slt-full")
final class SltFullSuiteTest {
  @Test
  void wholeCorpus() throws IOException {
    Duration timeout = Duration.ofSeconds(Long.getLong("slt.timeout.seconds", 600));
    Duration queryTimeout = Duration.ofSeconds(Long.getLong("slt.queryTimeout.seconds", 0));
    Duration budget = Duration.ofMinutes(Long.getLong("slt.budget.minutes", 0));
    List<String> include = Arrays.stream(System.getProperty("slt.include", "").split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    Path reportDir = Path.of(System.getProperty("slt.report.dir", "target/slt-report"));
    Path workDir = Path.of(System.getProperty("slt.work.dir", "target/slt-work"));
    TestDatasets.deleteRecursively(workDir);
    Files.createDirectories(workDir);

    SltSampling sampling = SltSampling.fromSystemProperties();
    List<String> matching = Main.getTestList().stream()
        .filter(s -> include.isEmpty() || include.stream().anyMatch(s::contains))
        .sorted()
        .collect(Collectors.toList());
    assertFalse(matching.isEmpty(), () -> "no sqllogictest scripts match slt.include=" + include);
    List<String> scripts = sampling.chooseScripts(matching);
    System.out.println("Running " + scripts.size() + " of " + matching.size() + " sqllogictest scripts, "
        + timeout.toSeconds() + " s limit each"
        + (queryTimeout.isZero() ? "" : ", " + queryTimeout.toSeconds() + " s per query") + ". " + sampling.describe());

    long start = System.nanoTime();
    SltSuiteRunner runner = new SltSuiteRunner(workDir, Variant.DEFAULT, timeout, sampling, System.out)
        .queryTimeout(queryTimeout);
    List<SltFileResult> results = new ArrayList<>();
    int notStarted = 0;
    for (String script : sampling.isSampled() ? SltSampling.roundRobin(scripts) : scripts) {
      if (!budget.isZero() && System.nanoTime() - start > budget.toNanos()) {
        notStarted++;
        continue;
      }
      SltFileResult r = runner.runOne(script);
      System.out.println(r.summary());
      results.add(r);
      // Rewritten after every script, so that a run stopped part-way still leaves its report.
      SltReport.write(reportDir, results, SltSampling.scriptsPerDirectory(matching), sampling,
          (System.nanoTime() - start) / 1_000_000, "(in progress: " + results.size() + " of " + scripts.size()
              + " scripts run)");
    }
    long wall = (System.nanoTime() - start) / 1_000_000;

    String command = "cd /work/main && mvn -o -q -pl sql-tests -am test -Pslt-full -Dtest=SltFullSuiteTest"
        + " -Dsurefire.failIfNoSpecifiedTests=false"
        + (include.isEmpty() ? "" : " -Dslt.include=" + String.join(",", include))
        + sampling.commandLine()
        + " -Dslt.timeout.seconds=" + timeout.toSeconds()
        + (queryTimeout.isZero() ? "" : " -Dslt.queryTimeout.seconds=" + queryTimeout.toSeconds())
        + (budget.isZero() ? "" : " -Dslt.budget.minutes=" + budget.toMinutes());
    if (notStarted > 0) {
      command += "  \n**Budget of " + budget.toMinutes() + " min reached: " + notStarted + " of the " + scripts.size()
          + " chosen scripts were not started** (scripts run in rounds, one per directory per round, so every"
          + " directory had its first chosen script before any had a second).";
    }
    System.out.println(SltReport.write(reportDir, results, SltSampling.scriptsPerDirectory(matching), sampling,
        wall, command));
    System.out.println("Report written to " + reportDir.toAbsolutePath());
  }
}
