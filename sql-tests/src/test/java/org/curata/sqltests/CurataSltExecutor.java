package org.curata.sqltests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Objects;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.hydromatic.sqllogictest.ISqlTestOperation;
import net.hydromatic.sqllogictest.OptionsParser;
import net.hydromatic.sqllogictest.SltSqlStatement;
import net.hydromatic.sqllogictest.SltTestFile;
import net.hydromatic.sqllogictest.SqlTestQuery;
import net.hydromatic.sqllogictest.TestStatistics;
import net.hydromatic.sqllogictest.executors.JdbcExecutor;

/**
 * A sqllogictest-java executor that runs a script natively in Curata: each script gets a fresh
 * dataset directory opened through {@code jdbc:curata:<dir>;create=true}, so CREATE TABLE, INSERT
 * and DROP TABLE go into Curata storage and queries run through the Calcite adapter.
 *
 * <p>Parsing, skipif/onlyif (the library's policy: the PostgreSQL dialect), hash-threshold (the
 * library ignores it when checking, as SQLite's runner does: the file's own "N values hashing to"
 * or listed values decide), result rendering (I/R/T), sorting and MD5 hashing are the library's
 * ({@link JdbcExecutor#validate}). This class only replaces the per-script loop so that it can use
 * a fresh dataset instead of dropping tables, record what the library only prints, stop on a
 * time limit, and treat index statements as below.
 *
 * <p>Index statements: Curata has no secondary indexes and SQLite's answers never depend on them,
 * so {@code CREATE [UNIQUE] INDEX} and {@code DROP INDEX} succeed without effect. The executor
 * remembers index names and their tables, so creating an existing index, dropping an unknown one
 * (or one whose table was dropped) or reindexing an unknown name fails as in SQLite, and it checks
 * that the indexed table exists. {@code REINDEX} of a known index or table succeeds without effect.
 */
final class CurataSltExecutor extends JdbcExecutor {
  /** The name the executor is registered under with the library's {@link OptionsParser}. */
  static final String NAME = "curata";

  private static final AtomicLong SCRIPTS = new AtomicLong();
  /** Watches per-query time limits; one daemon thread for all executors. */
  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "slt query watchdog");
    t.setDaemon(true);
    return t;
  });
  /** How long a query that was cancelled at its time limit gets before its thread is interrupted. */
  private static final long CANCEL_GRACE_MILLIS = 2_000;
  private static final Pattern CREATE_INDEX = Pattern.compile(
      "(?is)\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\S+)\\s+ON\\s+([^\\s(]+).*");
  private static final Pattern DROP_INDEX =
      Pattern.compile("(?is)\\s*DROP\\s+INDEX\\s+(IF\\s+EXISTS\\s+)?(\\S+?)\\s*;?\\s*");
  private static final Pattern REINDEX = Pattern.compile("(?is)\\s*REINDEX\\s*(\\S*?)\\s*;?\\s*");
  private static final Pattern DROP_TABLE =
      Pattern.compile("(?is)\\s*DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(\\S+?)\\s*;?\\s*");

  private final Path datasetDirectory;
  private final Variant variant;
  /** Index name to the name of its table, both lower-cased (SQLite's names ignore case). */
  private final Map<String, String> indexes = new HashMap<>();
  private volatile Statement running;
  private Duration queryTimeout = Duration.ZERO;
  /** Set when the connection could not be reopened after a query timed out: the script stops. */
  private boolean broken;

  /**
   * An executor for one script.
   *
   * @param datasetDirectory a directory that does not exist yet; the script's dataset
   */
  CurataSltExecutor(OptionsParser.SuppliedOptions options, Path datasetDirectory, Variant variant) {
    super(options, TestDatasets.url(datasetDirectory), "", "");
    this.datasetDirectory = Objects.requireNonNull(datasetDirectory, "datasetDirectory");
    this.variant = Objects.requireNonNull(variant, "variant");
  }

  /**
   * Registers the executor with the library's command-line parser: {@code -e curata} then makes a
   * fresh executor, with a fresh dataset under {@code workDirectory}, each time one is asked for
   * (the library's {@code TestLoader} asks once per script). A {@code -b} bugs file is honoured.
   */
  static void register(OptionsParser parser, Path workDirectory, Variant variant) {
    parser.registerExecutor(NAME, () -> {
      OptionsParser.SuppliedOptions options = parser.getOptions();
      CurataSltExecutor executor = new CurataSltExecutor(options,
          workDirectory.resolve("slt-" + SCRIPTS.incrementAndGet()), variant);
      try {
        executor.avoid(options.readBugsFile());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the bugs file " + options.bugsFile, e);
      }
      return executor;
    });
  }

  /**
   * Sets a time limit per query (zero: none). A query that runs longer is cancelled, then its
   * thread interrupted; it counts as a failed query, the connection is reopened on the same
   * dataset, and the script goes on.
   */
  void queryTimeout(Duration limit) {
    this.queryTimeout = Objects.requireNonNull(limit, "limit");
  }

  /** The script's dataset directory. */
  Path datasetDirectory() {
    return datasetDirectory;
  }

  @Override
  public void establishConnection() throws SQLException {
    this.connection = TestDatasets.connect(datasetDirectory, variant);
  }

  /** Cancels the statement or query running now, if any (called from another thread on timeout). */
  void cancelRunning() {
    Statement s = running;
    if (s != null) {
      try {
        s.cancel();
      } catch (SQLException | RuntimeException ignored) {
        // Best effort: the runner abandons the script's thread anyway.
      }
    }
  }

  @Override
  public TestStatistics execute(SltTestFile file, OptionsParser.SuppliedOptions options) throws SQLException {
    SltFileResult result =
        new SltFileResult(file.toString(), file.getTestCount(), options.stopAtFirstError, options.verbosity);
    run(file, options, result);
    return result;
  }

  /**
   * Runs a parsed script in this executor's (new) dataset, recording into {@code result} as it goes
   * (so that a runner that gives up on a slow script still has the counts so far). Only the queries
   * {@code result} marks as sampled are checked; statements run up to the last sampled query, where
   * the script stops.
   *
   * @throws SQLException when the dataset cannot be opened
   */
  void run(SltTestFile file, OptionsParser.SuppliedOptions options, SltFileResult result) throws SQLException {
    if (Files.exists(datasetDirectory)) {
      throw new IllegalStateException("an executor runs one script in a fresh dataset, but "
          + datasetDirectory + " exists");
    }
    long start = System.nanoTime();
    startTest();
    try {
      establishConnection();
    } finally {
      result.millis((System.nanoTime() - start) / 1_000_000);
    }
    int lastSampled = result.lastSampledOrdinal();
    int queryOrdinal = 0;
    try {
      for (ISqlTestOperation operation : file.fileContents) {
        if (queryOrdinal > lastSampled) {
          // Every sampled query has been checked: the rest of the script is not needed.
          break;
        }
        if (broken) {
          result.stop(SltFileResult.Stop.CONNECT_FAILED);
          break;
        }
        if (Thread.currentThread().isInterrupted()) {
          result.stop(SltFileResult.Stop.TIMEOUT);
          break;
        }
        SltSqlStatement statement = operation.as(SltSqlStatement.class);
        if (statement != null) {
          if (!runStatement(statement, result)) {
            result.stop(SltFileResult.Stop.STATEMENT_FAILED);
            break;
          }
        } else if (!result.isSampled(queryOrdinal++)) {
          options.message("Not sampled: " + operation, 2);
        } else if (runQuery(operation.to(options.err, SqlTestQuery.class), result)) {
          result.stop(SltFileResult.Stop.STOP_AT_FIRST_ERROR);
          break;
        }
      }
    } finally {
      try {
        closeConnection();
      } catch (SQLException | RuntimeException e) {
        result.addStatementFailure("closing the connection failed: " + e);
      }
      result.millis((System.nanoTime() - start) / 1_000_000);
      options.message(elapsedTime(file.getTestCount()), 1);
    }
  }

  /** Runs one statement; returns false when the script cannot go on (a statement ok failed). */
  private boolean runStatement(SltSqlStatement statement, SltFileResult result) {
    String sql = statement.statement;
    options.message(statementsExecuted + ": " + sql, 2);
    if (buggyOperations.contains(sql) || options.doNotExecute) {
      options.message("Skipping " + sql, 2);
      return true;
    }
    statementsExecuted++;
    result.statementRun();
    String error;
    try {
      error = indexStatement(sql, result);
      if (error == null) {
        try (Statement s = getConnection().createStatement()) {
          running = s;
          ScriptRunner.drain(s, s.execute(sql));
        } finally {
          running = null;
        }
        tableDropped(sql);
      } else if (error.isEmpty()) {
        error = null;
      }
    } catch (SQLException | RuntimeException e) {
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
    } catch (StackOverflowError e) {
      error = "StackOverflowError";
    }
    if (statement.shouldPass && error != null) {
      result.addStatementFailure("statement ok failed: " + sql + System.lineSeparator() + "\t" + error);
      options.message("Error '" + error + "' in SQL statement " + sql, 1);
      return false;
    }
    if (!statement.shouldPass && error == null) {
      result.addStatementFailure("statement error succeeded: " + sql);
      options.message("Statement should have failed: " + sql, 1);
    }
    return true;
  }

  /**
   * Handles index statements without sending them to Curata.
   *
   * @return null when the statement is not an index statement; "" when it succeeded; otherwise the
   *     error SQLite would report
   */
  private String indexStatement(String sql, SltFileResult result) throws SQLException {
    Matcher create = CREATE_INDEX.matcher(sql);
    if (create.matches()) {
      result.indexStatementIgnored();
      String index = create.group(1).toLowerCase(Locale.ROOT);
      checkTableExists(create.group(2));
      return indexes.putIfAbsent(index, create.group(2).toLowerCase(Locale.ROOT)) == null
          ? "" : "index " + index + " already exists";
    }
    Matcher drop = DROP_INDEX.matcher(sql);
    if (drop.matches()) {
      result.indexStatementIgnored();
      String index = drop.group(2).toLowerCase(Locale.ROOT);
      return indexes.remove(index) != null || drop.group(1) != null ? "" : "no such index: " + index;
    }
    Matcher reindex = REINDEX.matcher(sql);
    if (reindex.matches()) {
      result.indexStatementIgnored();
      String name = reindex.group(1);
      if (!name.isEmpty() && !indexes.containsKey(name.toLowerCase(Locale.ROOT))) {
        checkTableExists(name);
      }
      return "";
    }
    return null;
  }

  /** After a DROP TABLE that succeeded, forgets the table's indexes, as SQLite drops them with it. */
  private void tableDropped(String sql) {
    Matcher dropTable = DROP_TABLE.matcher(sql);
    if (dropTable.matches()) {
      String table = dropTable.group(1).toLowerCase(Locale.ROOT);
      indexes.values().removeIf(table::equals);
    }
  }

  /** Throws the engine's error when a table does not exist (what SQLite checks for index DDL). */
  private void checkTableExists(String table) throws SQLException {
    try (Statement s = getConnection().createStatement()) {
      running = s;
      s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0").close();
    } finally {
      running = null;
    }
  }

  /** Runs one query and checks its result; returns true when the script must stop (-x). */
  private boolean runQuery(SqlTestQuery query, SltFileResult result) {
    if (buggyOperations.contains(query.getQuery()) || options.doNotExecute) {
      result.incIgnored();
      options.message("Skipping " + query.getQuery(), 2);
      return false;
    }
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledFuture<?> watch = null;
    try (Statement s = getConnection().createStatement()) {
      running = s;
      if (!queryTimeout.isZero()) {
        Thread worker = Thread.currentThread();
        watch = WATCHDOG.schedule(() -> stopQuery(s, worker, timedOut), queryTimeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      try (ResultSet rs = s.executeQuery(query.getQuery())) {
        // If the limit hit just as the query finished, its checked answer stands.
        return validate(query, rs, query.outputDescription, result);
      }
    } catch (ThreadDeath e) {
      if (!timedOut.get()) {
        throw e;
      }
      return queryTimedOut(query, result, new SQLException("stopped with Thread.stop after cancel and interrupt failed"));
    } catch (SQLException | NoSuchAlgorithmException | RuntimeException | StackOverflowError e) {
      if (timedOut.get()) {
        return queryTimedOut(query, result, e);
      }
      // As the library does: an exception is a failed query, not a failed script.
      return result.addFailure(new TestStatistics.FailedTestDescription(query, null, "", e));
    } finally {
      synchronized (timedOut) {
        running = null;
      }
      if (watch != null) {
        watch.cancel(false);
      }
      if (timedOut.get()) {
        Thread.interrupted();
      }
    }
  }

  /**
   * At a query's time limit: cancels it; interrupts its thread if it has not stopped soon after; and
   * as a last resort stops the thread ({@link Thread#stop}), because a query spinning inside one
   * {@code next()} (e.g. a correlated subquery re-scanning a table per row) checks neither: the
   * harness would otherwise leave a thread burning a core for the rest of the run. The connection
   * is reopened after it, so no engine object the thread was using is used again by the script.
   */
  @SuppressWarnings({"deprecation", "removal"})
  private void stopQuery(Statement s, Thread worker, AtomicBoolean timedOut) {
    synchronized (timedOut) {
      if (running != s) {
        return;
      }
      timedOut.set(true);
    }
    try {
      s.cancel();
    } catch (SQLException | RuntimeException ignored) {
      // The interrupt below is the fallback.
    }
    WATCHDOG.schedule(() -> {
      synchronized (timedOut) {
        if (running == s) {
          worker.interrupt();
        }
      }
    }, CANCEL_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    WATCHDOG.schedule(() -> {
      synchronized (timedOut) {
        if (running == s) {
          worker.stop();
        }
      }
    }, 2 * CANCEL_GRACE_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Records a query stopped at its time limit as failed, clears the interrupt it may have had, and
   * reopens the connection (an interrupt can close the dataset's files) so the script can go on.
   */
  private boolean queryTimedOut(SqlTestQuery query, SltFileResult result, Throwable e) {
    running = null;
    Thread.interrupted();
    result.queryTimedOut();
    boolean stop = result.addFailure(new TestStatistics.FailedTestDescription(query, null,
        "query stopped at the per-query time limit of " + queryTimeout.toSeconds() + " s", e));
    try {
      closeConnection();
    } catch (SQLException | RuntimeException ignored) {
      // A new connection is opened below either way.
    }
    try {
      establishConnection();
    } catch (SQLException | RuntimeException reopen) {
      result.addStatementFailure("cannot reopen the script's dataset after a query timed out: " + reopen);
      broken = true;
    }
    return stop;
  }
}
