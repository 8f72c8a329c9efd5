package org.curata.bench;

/**
 * The result of one execution of a query on one engine.
 *
 * @param status OK, FAIL or TIMEOUT
 * @param seconds wall time from executeQuery to the last row read and the result set closed
 * @param rows rows read
 * @param digest the fingerprint of the rows, when one was asked for
 * @param message the error of a FAIL or TIMEOUT; empty otherwise
 */
record Outcome(Status status, double seconds, long rows, ResultDigest digest, String message) {
  /** How an execution ended. */
  enum Status { OK, FAIL, TIMEOUT, SKIPPED }

  static Outcome failed(Status status, double seconds, String message) {
    return new Outcome(status, seconds, -1, null, message);
  }
}
