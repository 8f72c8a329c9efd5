package org.curata.bench;

import java.util.Objects;

/**
 * What one engine did with one query over all its runs.
 *
 * @param query the query
 * @param engine the engine's name
 * @param status OK when every run succeeded; otherwise the first failure
 * @param median median seconds of the timed runs (NaN unless OK)
 * @param min fastest timed run (NaN unless OK)
 * @param runs timed runs completed
 * @param rows rows returned
 * @param check the result check against the reference engine ("ref", "OK", "MISMATCH: ...", "-")
 * @param message the failure message, or empty
 */
record QueryResult(Query query, String engine, Outcome.Status status, double median, double min,
    int runs, long rows, String check, String message) {
  QueryResult {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(message, "message");
  }

  /** The same result with another check text. */
  QueryResult withCheck(String c) {
    return new QueryResult(query, engine, status, median, min, runs, rows, c, message);
  }

  /** True for a successful result whose answer matches the reference. */
  boolean matches() {
    return status == Outcome.Status.OK && (check.equals("ref") || check.startsWith("OK"));
  }
}
