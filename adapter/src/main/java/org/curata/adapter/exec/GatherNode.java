package org.curata.adapter.exec;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;

/**
 * Runs a pipeline (a scan with the filters and projections above it) on several threads at once:
 * each worker opens its own copy of the pipeline, the copies' scans share out the row runs
 * (blocks) among themselves (morsel-driven), and the consumer takes the workers' batches as they
 * come. Row order is not kept, so only operators that do not depend on their input's order
 * (hash aggregation, sort, hash join) sit above a gather. A worker hands over its batch and waits
 * until the consumer asks for the next one, so batches are never copied.
 */
public final class GatherNode implements ExecNode {
  /** Below this batch size the hand-over between threads costs more than the work it spreads. */
  static final int MIN_BATCH = 64;

  private final ExecNode pipeline;

  /** Gathers the output of {@code pipeline}, run on {@link ExecContext#threads()} threads. */
  public GatherNode(ExecNode pipeline) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
  }

  @Override
  public List<org.curata.storage.FieldType> columnTypes() {
    return pipeline.columnTypes();
  }

  @Override
  public Operator open(ExecContext ctx, boolean[] needed) {
    if (ctx.threads() <= 1 || ctx.batchSize() < MIN_BATCH) {
      return pipeline.open(ctx, needed);
    }
    return new GatherOperator(ctx, needed);
  }

  /** A message from a worker: a batch, its end, or its failure. */
  private record Message(int worker, Batch batch, Throwable error) {
  }

  /** The consumer's side of a running gather. */
  private final class GatherOperator implements Operator {
    private final Thread[] threads;
    private final Semaphore[] handBack;
    private final BlockingQueue<Message> queue;
    private volatile boolean stopped;
    private int ended;
    private int lastWorker = -1;

    GatherOperator(ExecContext ctx, boolean[] needed) {
      int n = ctx.threads();
      ExecContext workers = ctx.forWorkers();
      this.threads = new Thread[n];
      this.handBack = new Semaphore[n];
      this.queue = new ArrayBlockingQueue<>(2 * n);
      Operator[] ops = new Operator[n];
      try {
        for (int w = 0; w < n; w++) {
          ops[w] = pipeline.open(workers, needed);
        }
      } catch (RuntimeException | Error e) {
        for (Operator op : ops) {
          if (op != null) {
            op.close();
          }
        }
        throw e;
      }
      for (int w = 0; w < n; w++) {
        handBack[w] = new Semaphore(0);
        int id = w;
        Operator op = ops[w];
        threads[w] = new Thread(() -> work(id, op), "curata-worker-" + w);
        threads[w].setDaemon(true);
      }
      for (Thread t : threads) {
        t.start();
      }
    }

    private void work(int id, Operator op) {
      Throwable failure = null;
      try {
        Batch b;
        while (!stopped && (b = op.next()) != null) {
          queue.put(new Message(id, b, null));
          handBack[id].acquire();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Throwable t) {
        failure = t;
      } finally {
        try {
          op.close();
        } catch (Throwable t) {
          failure = failure == null ? t : failure;
        }
        if (!stopped) {
          queue.offer(new Message(id, null, failure));
        }
      }
    }

    @Override
    public Batch next() {
      if (lastWorker >= 0) {
        handBack[lastWorker].release();
        lastWorker = -1;
      }
      while (ended < threads.length) {
        Message m;
        try {
          m = queue.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CurataException(ErrorCode.CANCELLED, "the statement was interrupted", e);
        }
        if (m.batch() != null) {
          lastWorker = m.worker();
          return m.batch();
        }
        ended++;
        if (m.error() != null) {
          Throwable e = m.error();
          if (e instanceof RuntimeException r) {
            throw r;
          }
          if (e instanceof Error err) {
            throw err;
          }
          throw new CurataException(ErrorCode.INTERNAL, "a worker failed: " + e, e);
        }
      }
      return null;
    }

    @Override
    public void close() {
      stopped = true;
      for (Semaphore s : handBack) {
        s.release(Integer.MAX_VALUE / 2);
      }
      queue.clear();
      boolean interrupted = false;
      for (Thread t : threads) {
        while (t.isAlive()) {
          queue.clear();
          try {
            t.join(10);
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
