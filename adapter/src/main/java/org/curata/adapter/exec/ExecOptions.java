package org.curata.adapter.exec;

import java.nio.file.Path;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;

/**
 * How the statements of a connection execute: rows per batch, the memory budget of one query
 * (beyond it sorts, aggregates and joins spill), the worker threads a query may use, and where
 * spill files go.
 *
 * @param batchSize rows per vector batch
 * @param memoryBytes the budget of one query's buffered rows, in bytes
 * @param threads the threads one query may use (1 runs everything on the caller's thread)
 * @param spillDirectory the directory under which each query makes its spill directory, or null
 *     for {@code java.io.tmpdir}
 * @param workers the connection's pool of worker threads, shared by its queries, or null (each
 *     parallel pipeline then starts threads of its own)
 */
public record ExecOptions(int batchSize, long memoryBytes, int threads, Path spillDirectory,
    WorkerPool workers) {
  /** Rows per batch unless configured otherwise. */
  public static final int DEFAULT_BATCH_SIZE = 4096;

  /** Options without a shared worker pool. */
  public ExecOptions(int batchSize, long memoryBytes, int threads, Path spillDirectory) {
    this(batchSize, memoryBytes, threads, spillDirectory, null);
  }

  public ExecOptions {
    if (batchSize < 1) {
      throw new CurataException(ErrorCode.INVALID_INPUT,
          "batch size must be at least 1, got " + batchSize);
    }
    if (memoryBytes < 1) {
      throw new CurataException(ErrorCode.INVALID_INPUT,
          "memory budget must be positive, got " + memoryBytes + " bytes");
    }
    if (threads < 1) {
      throw new CurataException(ErrorCode.INVALID_INPUT,
          "threads must be at least 1, got " + threads);
    }
  }

  /** The defaults: 4096-row batches, 40% of the maximum heap, every available core. */
  public static ExecOptions defaults() {
    return new ExecOptions(DEFAULT_BATCH_SIZE, defaultMemory(), defaultThreads(), null);
  }

  /** The default query budget: 40% of the maximum heap. */
  public static long defaultMemory() {
    return Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 10 * 4);
  }

  /** The default parallelism: the available processors. */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** These options with another batch size. */
  public ExecOptions withBatchSize(int rows) {
    return new ExecOptions(rows, memoryBytes, threads, spillDirectory, workers);
  }

  /** These options with another memory budget. */
  public ExecOptions withMemoryBytes(long bytes) {
    return new ExecOptions(batchSize, bytes, threads, spillDirectory, workers);
  }

  /** These options with another thread count. */
  public ExecOptions withThreads(int n) {
    return new ExecOptions(batchSize, memoryBytes, n, spillDirectory, workers);
  }

  /** These options with another spill directory. */
  public ExecOptions withSpillDirectory(Path dir) {
    return new ExecOptions(batchSize, memoryBytes, threads, dir, workers);
  }

  /** These options with another shared worker pool (null: none). */
  public ExecOptions withWorkers(WorkerPool pool) {
    return new ExecOptions(batchSize, memoryBytes, threads, spillDirectory, pool);
  }

  /**
   * Parses a size such as {@code 256m}, {@code 2g}, {@code 512k} or a plain byte count.
   *
   * @param what the property's name, for the error message
   */
  public static long parseSize(String what, String text) {
    String s = text.trim().toLowerCase(java.util.Locale.ROOT);
    long unit = 1;
    if (s.endsWith("b")) {
      s = s.substring(0, s.length() - 1);
    }
    if (!s.isEmpty()) {
      switch (s.charAt(s.length() - 1)) {
        case 'k': unit = 1L << 10; break;
        case 'm': unit = 1L << 20; break;
        case 'g': unit = 1L << 30; break;
        case 't': unit = 1L << 40; break;
        default: break;
      }
    }
    if (unit != 1) {
      s = s.substring(0, s.length() - 1);
    }
    try {
      long v = Long.parseLong(s.trim());
      if (v <= 0 || v > Long.MAX_VALUE / unit) {
        throw new NumberFormatException();
      }
      return v * unit;
    } catch (NumberFormatException e) {
      throw new CurataException(ErrorCode.INVALID_INPUT, what + ": [" + text
          + "] is not a positive size; write e.g. 256m, 2g or a byte count");
    }
  }
}
