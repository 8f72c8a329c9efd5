package org.curata.sqltests;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import net.hydromatic.sqllogictest.OptionsParser;
import net.hydromatic.sqllogictest.SltTestFile;
import net.hydromatic.sqllogictest.executors.SqlSltTestExecutor;

/**
 * Runs sqllogictest scripts from the library's corpus through {@link CurataSltExecutor}, one
 * fresh dataset and one worker thread per script, each under a time limit.
 *
 * <p>Options are parsed by the library's {@link OptionsParser} ({@code -e curata} plus any of its
 * own flags: {@code -v}, {@code -x}, {@code -b bugs-file}); scripts are parsed by the library's
 * {@link SltTestFile}. A problem in the harness itself (a script that does not parse, no JDBC
 * driver for {@code jdbc:curata:}, an exception outside a statement or query) is thrown as a
 * {@link HarnessException}; everything Curata does wrong is counted in the script's result.
 */
final class SltSuiteRunner {
  /** How long a timed-out script's thread gets to notice the cancel before it is abandoned. */
  private static final Duration GRACE = Duration.ofSeconds(10);

  private final OptionsParser.SuppliedOptions options;
  private final Path workDirectory;
  private final Duration scriptTimeout;
  private final PrintStream log;
  private final SltSampling sampling;
  private Duration queryTimeout = Duration.ZERO;

  /** Thrown when the harness, not Curata, fails. */
  static final class HarnessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HarnessException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * A runner.
   *
   * @param workDirectory where the scripts' datasets are made (each deleted after its script)
   * @param libraryArgs extra arguments for the library's option parser, e.g. {@code "-v"}
   */
  SltSuiteRunner(Path workDirectory, Variant variant, Duration scriptTimeout, PrintStream log,
      String... libraryArgs) {
    this(workDirectory, variant, scriptTimeout, SltSampling.NONE, log, libraryArgs);
  }

  /**
   * A runner that checks only the queries {@code sampling} chooses from each script.
   *
   * @param workDirectory where the scripts' datasets are made (each deleted after its script)
   * @param libraryArgs extra arguments for the library's option parser, e.g. {@code "-v"}
   */
  SltSuiteRunner(Path workDirectory, Variant variant, Duration scriptTimeout, SltSampling sampling,
      PrintStream log, String... libraryArgs) {
    this.sampling = Objects.requireNonNull(sampling, "sampling");
    this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
    this.scriptTimeout = Objects.requireNonNull(scriptTimeout, "scriptTimeout");
    this.log = Objects.requireNonNull(log, "log");
    OptionsParser parser = new OptionsParser(false, log, log);
    CurataSltExecutor.register(parser, workDirectory, variant);
    List<String> args = new ArrayList<>(List.of("-e", CurataSltExecutor.NAME));
    args.addAll(List.of(libraryArgs));
    this.options = parser.parse(args.toArray(new String[0]));
    if (options.exitCode != 0) {
      throw new HarnessException("sqllogictest options " + args + " were rejected", null);
    }
  }

  /** Sets a time limit per query (zero, the default: none); see {@link CurataSltExecutor#queryTimeout}. */
  SltSuiteRunner queryTimeout(Duration limit) {
    this.queryTimeout = Objects.requireNonNull(limit, "limit");
    return this;
  }

  /** Runs the given corpus scripts (resource paths such as {@code test/select1.test}) in order. */
  List<SltFileResult> run(List<String> scripts) {
    List<SltFileResult> results = new ArrayList<>();
    for (String script : scripts) {
      SltFileResult r = runOne(script);
      log.println(r.summary());
      results.add(r);
      if (options.stopAtFirstError && !r.allPassed()) {
        break;
      }
    }
    return results;
  }

  /**
   * Runs one script. At the time limit the running statement is cancelled and the thread
   * interrupted; a thread still running {@link #GRACE} later (CPU-bound inside one engine call that
   * checks neither) is stopped with {@link Thread#stop}, so that it does not burn a core for the rest
   * of the run; one that survives even that is abandoned.
   */
  @SuppressWarnings({"deprecation", "removal"})
  SltFileResult runOne(String script) {
    SltTestFile file;
    try {
      file = new SltTestFile(script);
      file.parse(options);
    } catch (Exception | AssertionError e) {
      throw new HarnessException("sqllogictest cannot parse " + script, e);
    }
    SqlSltTestExecutor made = options.getExecutor();
    if (!(made instanceof CurataSltExecutor)) {
      throw new HarnessException("the library did not make a Curata executor for " + script, null);
    }
    CurataSltExecutor executor = (CurataSltExecutor) made;
    executor.queryTimeout(queryTimeout);
    SltFileResult result =
        new SltFileResult(script, file.getTestCount(), sampling, options.stopAtFirstError, options.verbosity);
    AtomicReference<Throwable> crash = new AtomicReference<>();
    Thread worker = new Thread(() -> {
      try {
        executor.run(file, options, result);
      } catch (SQLException e) {
        if ("08001".equals(e.getSQLState()) || String.valueOf(e.getMessage()).contains("No suitable driver")) {
          crash.set(e);
        } else {
          result.addStatementFailure("cannot open the script's dataset: " + e.getMessage());
          result.stop(SltFileResult.Stop.CONNECT_FAILED);
        }
      } catch (ThreadDeath e) {
        // Stopped by the runner at the time limit (see below); the result records the timeout.
      } catch (Throwable e) {
        crash.set(e);
      }
    }, "slt " + script);
    worker.setDaemon(true);
    worker.start();
    boolean abandoned = false;
    try {
      worker.join(scriptTimeout.toMillis());
      if (worker.isAlive()) {
        executor.cancelRunning();
        worker.interrupt();
        worker.join(GRACE.toMillis());
        if (worker.isAlive()) {
          worker.stop();
          worker.join(GRACE.toMillis());
        }
        abandoned = worker.isAlive();
        result.stop(SltFileResult.Stop.TIMEOUT);
        result.millis(scriptTimeout.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted while running " + script, e);
    }
    if (crash.get() != null) {
      throw new HarnessException("the harness failed on " + script + ": " + crash.get(), crash.get());
    }
    if (abandoned) {
      result.addStatementFailure("timed out after " + scriptTimeout.toSeconds()
          + " s and did not stop when cancelled; its thread was abandoned");
    } else {
      TestDatasets.deleteRecursively(executor.datasetDirectory());
    }
    return result;
  }

  /** The directory the scripts' datasets are made in. */
  Path workDirectory() {
    return workDirectory;
  }
}
