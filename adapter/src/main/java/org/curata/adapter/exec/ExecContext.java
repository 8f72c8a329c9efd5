package org.curata.adapter.exec;

import java.util.concurrent.atomic.AtomicBoolean;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;

/**
 * The state of one execution of a plan: the batch size, the statement's cancel flag, the query's
 * memory budget and spill space, the threads it may use and the pool they run on. Closing it
 * deletes the spill files.
 */
public final class ExecContext implements AutoCloseable {
  private final int batchSize;
  private final AtomicBoolean cancelFlag;
  private final MemoryBudget memory;
  private final SpillSpace spill;
  private final int threads;
  private final java.util.Map<ScanNode, java.util.concurrent.atomic.AtomicInteger> morsels;
  private final boolean owner;
  private final long deadline;
  private final long timeoutMillis;
  private final WorkerPool workers;
  /** Set when the consumer of a parallel pipeline gave up on it (workers' contexts only). */
  private final AtomicBoolean abandoned;
  private final ExecContext parent;

  /**
   * Creates the state of one execution.
   *
   * @param options batch size, memory budget, threads and spill directory
   * @param cancelFlag set when the statement is cancelled, or null
   */
  public ExecContext(ExecOptions options, AtomicBoolean cancelFlag) {
    this(options, cancelFlag, 0);
  }

  /**
   * Creates the state of one execution with a time limit.
   *
   * @param options batch size, memory budget, threads and spill directory
   * @param cancelFlag set when the statement is cancelled, or null
   * @param timeoutMillis the statement's query timeout from now, or 0 for none
   */
  public ExecContext(ExecOptions options, AtomicBoolean cancelFlag, long timeoutMillis) {
    this.batchSize = options.batchSize();
    this.cancelFlag = cancelFlag;
    this.memory = new MemoryBudget(options.memoryBytes());
    this.spill = new SpillSpace(options.spillDirectory());
    this.threads = options.threads();
    this.morsels = null;
    this.owner = true;
    this.timeoutMillis = Math.max(0, timeoutMillis);
    this.deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
    this.workers = options.workers() != null ? options.workers() : WorkerPool.perTask();
    this.abandoned = null;
    this.parent = null;
  }

  private ExecContext(ExecContext parent) {
    this.batchSize = parent.batchSize;
    this.cancelFlag = parent.cancelFlag;
    this.memory = parent.memory;
    this.spill = parent.spill;
    this.threads = parent.threads;
    this.morsels = new java.util.concurrent.ConcurrentHashMap<>();
    this.owner = false;
    this.timeoutMillis = parent.timeoutMillis;
    this.deadline = parent.deadline;
    this.workers = parent.workers;
    this.abandoned = new AtomicBoolean();
    this.parent = parent;
  }

  /**
   * The context of the workers of one parallel pipeline ({@link GatherNode}): the same budget,
   * spill space, cancel flag and worker pool, and scans that share out their blocks among the
   * workers instead of each reading all of them.
   */
  ExecContext forWorkers() {
    return new ExecContext(this);
  }

  /** The pool that runs the copies of parallel pipelines. */
  WorkerPool workers() {
    return workers;
  }

  /**
   * Makes {@link #checkCancel} throw in this workers' context (and those nested in it): the
   * consumer of the parallel pipeline stopped early, so its workers stop at their next batch.
   */
  void abandon() {
    if (abandoned != null) {
      abandoned.set(true);
    }
  }

  /**
   * For a scan opened by a worker of a parallel pipeline, the counter from which its workers claim
   * row runs (blocks); null outside parallel pipelines.
   */
  java.util.concurrent.atomic.AtomicInteger morsels(ScanNode scan) {
    return morsels == null ? null
        : morsels.computeIfAbsent(scan, s -> new java.util.concurrent.atomic.AtomicInteger());
  }

  /** An execution with default budget and threads and the given batch size (for tests). */
  public ExecContext(int batchSize, AtomicBoolean cancelFlag) {
    this(ExecOptions.defaults().withBatchSize(batchSize), cancelFlag);
  }

  /** Rows per batch. */
  public int batchSize() {
    return batchSize;
  }

  /** The statement's cancel flag, or null. */
  public AtomicBoolean cancelFlag() {
    return cancelFlag;
  }

  /** The query's memory budget. */
  public MemoryBudget memory() {
    return memory;
  }

  /** The query's spill directory. */
  public SpillSpace spill() {
    return spill;
  }

  /** The threads the query may use. */
  public int threads() {
    return threads;
  }

  /**
   * Throws when the statement was cancelled or ran over its query timeout; operators call it
   * once per batch.
   */
  public void checkCancel() {
    if (cancelFlag != null && cancelFlag.get()) {
      throw new CurataException(ErrorCode.CANCELLED, "the statement was cancelled");
    }
    if (timeoutMillis > 0 && System.nanoTime() - deadline > 0) {
      throw new CurataException(ErrorCode.CANCELLED, "the statement ran over its query timeout of "
          + timeoutMillis + " ms");
    }
    for (ExecContext c = this; c != null && c.abandoned != null; c = c.parent) {
      if (c.abandoned.get()) {
        throw new CurataException(ErrorCode.CANCELLED,
            "the parallel pipeline was closed before its end");
      }
    }
  }

  /** Deletes the spill files (a workers' context leaves them to the query's context). */
  @Override
  public void close() {
    if (owner) {
      spill.close();
    }
  }
}
