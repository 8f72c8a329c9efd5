package org.curata.adapter.exec;

import java.util.concurrent.atomic.AtomicBoolean;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;

/**
 * The state of one execution of a plan: the batch size and the statement's cancel flag.
 *
 * @param batchSize rows per batch
 * @param cancelFlag set when the statement is cancelled, or null
 */
public record ExecContext(int batchSize, AtomicBoolean cancelFlag) {
  public ExecContext {
    if (batchSize < 1) {
      throw new CurataException(ErrorCode.INVALID_INPUT, "batch size must be at least 1, got " + batchSize);
    }
  }

  /** Throws when the statement was cancelled; operators call it once per batch. */
  void checkCancel() {
    if (cancelFlag != null && cancelFlag.get()) {
      throw new CurataException(ErrorCode.INVALID_INPUT, "the statement was cancelled");
    }
  }
}
