package org.curata.adapter.exec;

import java.util.List;
import org.curata.storage.FieldType;

/** An immutable node of an execution plan; each execution opens its own {@link Operator}. */
public interface ExecNode {
  /** The storage type of each output column (values in its physical representation). */
  List<FieldType> columnTypes();

  /**
   * Starts an execution.
   *
   * @param ctx the execution's state
   * @param needed which output columns the consumer reads; others may be left unfilled
   */
  Operator open(ExecContext ctx, boolean[] needed);
}
