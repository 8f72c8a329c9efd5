package org.curata.adapter.exec;

/**
 * A running operator of one execution: produces batches until it returns null. Not thread-safe;
 * a batch is valid until the next call.
 */
public interface Operator extends AutoCloseable {
  /** The next batch with at least one selected row, or null at the end. */
  Batch next();

  @Override
  void close();
}
