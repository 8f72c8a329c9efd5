package org.curata.sqltests;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import net.hydromatic.sqllogictest.TestStatistics;

/**
 * The outcome of one sqllogictest script: the library's query counts plus what the library does
 * not keep in a readable form — each failure's description, statements that broke, whether the
 * script stopped early, and how long it ran.
 */
final class SltFileResult extends TestStatistics {
  /** Why a script stopped before its end, if it did. */
  enum Stop {
    /** It ran to its end. */
    NONE,
    /** A {@code statement ok} failed; SQLite's runner (and the library's) cannot go on after that. */
    STATEMENT_FAILED,
    /** The per-script time limit ran out. */
    TIMEOUT,
    /** The library's stop-at-first-error option (-x) stopped it. */
    STOP_AT_FIRST_ERROR,
    /** The script's dataset could not be created or opened. */
    CONNECT_FAILED
  }

  private final String file;
  private final int queriesInFile;
  private final boolean[] sampled;
  private final int queriesSampled;
  private final List<String> failureTexts = new ArrayList<>();
  private final List<String> statementFailures = new ArrayList<>();
  private int statementsRun;
  private int indexStatementsIgnored;
  private int queriesTimedOut;
  private Stop stop = Stop.NONE;
  private long millis;

  SltFileResult(String file, int queriesInFile, boolean stopAtFirstError, int verbosity) {
    this(file, queriesInFile, SltSampling.NONE, stopAtFirstError, verbosity);
  }

  /**
   * The result of a script of which only the queries {@code sampling} chooses are checked.
   *
   * @param queriesInFile the queries the script holds for this engine
   */
  SltFileResult(String file, int queriesInFile, SltSampling sampling, boolean stopAtFirstError, int verbosity) {
    super(stopAtFirstError, verbosity);
    this.file = file;
    this.queriesInFile = queriesInFile;
    this.sampled = sampling.chooseQueries(queriesInFile);
    int n = 0;
    for (boolean b : sampled) {
      n += b ? 1 : 0;
    }
    this.queriesSampled = n;
    incFiles();
  }

  @Override
  public boolean addFailure(FailedTestDescription failure) {
    String text = failure.toString(0);
    if (failure.details != null && !failure.details.isEmpty()) {
      text += System.lineSeparator() + failure.details.strip();
    }
    failureTexts.add(text);
    return super.addFailure(failure);
  }

  /** Records a statement whose outcome was not the expected one (the text says what happened). */
  void addStatementFailure(String description) {
    statementFailures.add(description);
  }

  void statementRun() {
    statementsRun++;
  }

  void indexStatementIgnored() {
    indexStatementsIgnored++;
  }

  /** Records a query stopped at the per-query time limit (it is also recorded as a failure). */
  void queryTimedOut() {
    queriesTimedOut++;
  }

  /** Queries stopped at the per-query time limit (each also counted as failed). */
  int queriesTimedOut() {
    return queriesTimedOut;
  }

  void stop(Stop reason) {
    this.stop = reason;
  }

  void millis(long elapsed) {
    this.millis = elapsed;
  }

  /** The script's resource path, e.g. {@code test/select1.test}. */
  String file() {
    return file;
  }

  /** The directory of the script, e.g. {@code test/index/between/10}. */
  String directory() {
    int slash = file.lastIndexOf('/');
    return slash < 0 ? "." : file.substring(0, slash);
  }

  /** Queries the script holds for this engine (after skipif/onlyif). */
  int queriesInFile() {
    return queriesInFile;
  }

  /** Whether the query with this ordinal (0-based, among the script's queries) is to be checked. */
  boolean isSampled(int queryOrdinal) {
    return queryOrdinal < sampled.length && sampled[queryOrdinal];
  }

  /** The ordinal of the last query to be checked, or -1 when there is none. */
  int lastSampledOrdinal() {
    for (int i = sampled.length - 1; i >= 0; i--) {
      if (sampled[i]) {
        return i;
      }
    }
    return -1;
  }

  /** Queries chosen to be checked (all of them when the run is not sampled). */
  int queriesSampled() {
    return queriesSampled;
  }

  /** Queries left out by sampling: neither run nor counted against the pass rate. */
  int queriesNotSampled() {
    return queriesInFile - queriesSampled;
  }

  /** Sampled queries never run because the script stopped early. */
  int queriesNotRun() {
    return Math.max(0, queriesSampled - totalTests());
  }

  List<String> failureTexts() {
    return Collections.unmodifiableList(failureTexts);
  }

  List<String> statementFailures() {
    return Collections.unmodifiableList(statementFailures);
  }

  int statementsRun() {
    return statementsRun;
  }

  int indexStatementsIgnored() {
    return indexStatementsIgnored;
  }

  Stop stopReason() {
    return stop;
  }

  long millis() {
    return millis;
  }

  /** True when every query passed, none was skipped or left unrun, and every statement behaved. */
  boolean allPassed() {
    return getFailedTestCount() == 0 && getIgnoredTestCount() == 0 && queriesNotRun() == 0
        && statementFailures.isEmpty() && stop == Stop.NONE;
  }

  /** One line of counts, e.g. for a test log. */
  String summary() {
    return String.format(Locale.ROOT,
        "%s: %d queries, %d sampled, %d passed, %d failed, %d skipped, %d not run; %d statements, %d failed;"
            + " %d index statements ignored; %d queries timed out; stop=%s; %.1f s",
        file, queriesInFile, queriesSampled, getPassedTestCount(), getFailedTestCount(), getIgnoredTestCount(),
        queriesNotRun(), statementsRun, statementFailures.size(), indexStatementsIgnored, queriesTimedOut, stop,
        millis / 1000.0);
  }
}
