package org.curata.adapter.exec;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;

/**
 * Runs a pipeline (a scan with the filters and projections above it) on several threads at once:
 * it opens one copy of the pipeline per thread, the copies' scans share out the row runs (blocks)
 * among themselves (morsel-driven), and the consumer takes the copies' batches as they come. Each
 * copy is a task on the connection's {@link WorkerPool}. When the consumer has nothing to take
 * and a task is still queued (the pool is busy with other queries, or closed), it takes that task
 * back and runs the copy on its own thread: it only ever waits for tasks that are running, so
 * several queries, or parallel pipelines nested in one another, cannot deadlock on a small pool. Row order is not
 * kept, so only operators that do not depend on their input's order (hash aggregation, sort, hash
 * join) sit above a gather. A worker hands over its batch and waits until the consumer asks for
 * the next one, so batches are never copied.
 */
public final class GatherNode implements ExecNode {
  /** Below this batch size the hand-over between threads costs more than the work it spreads. */
  static final int MIN_BATCH = 64;

  /**
   * How long the consumer waits for the pool to start its tasks before it runs one itself: long
   * enough for an idle worker to wake, short against a query's time when the pool is busy.
   */
  private static final long CLAIM_AFTER_NANOS = 1_000_000;

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

  /** A task's life: queued, taken by a worker, or taken back by the consumer. */
  private static final int PENDING = 0;
  private static final int RUNNING = 1;
  private static final int CLAIMED = 2;

  /** The consumer's side of a running gather. */
  private final class GatherOperator implements Operator {
    private final ExecContext workers;
    private final Task[] tasks;
    private final BlockingQueue<Message> queue;
    private volatile boolean stopped;
    /** The copy the consumer runs itself (a task it took back), or null. */
    private Operator current;
    private int nextClaim;
    private int ended;
    private int lastWorker = -1;
    private boolean closed;

    GatherOperator(ExecContext ctx, boolean[] needed) {
      int n = ctx.threads();
      this.workers = ctx.forWorkers();
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
      this.tasks = new Task[n];
      // each task has at most one batch and its end in the queue: puts never block
      this.queue = new ArrayBlockingQueue<>(2 * n);
      for (int w = 0; w < n; w++) {
        tasks[w] = new Task(w, ops[w]);
      }
      WorkerPool pool = workers.workers();
      for (Task t : tasks) {
        if (!pool.execute(t)) {
          // the pool is closed: the consumer runs what is left itself
          break;
        }
      }
    }

    @Override
    public Batch next() {
      if (lastWorker >= 0) {
        tasks[lastWorker].handBack.release();
        lastWorker = -1;
      }
      while (true) {
        Message m = queue.poll();
        if (m == null && current != null) {
          Batch b = current.next();
          if (b != null) {
            return b;
          }
          Operator done = current;
          current = null;
          done.close();
          continue;
        }
        if (m == null) {
          if (ended == tasks.length) {
            return null;
          }
          try {
            m = queue.poll(CLAIM_AFTER_NANOS, TimeUnit.NANOSECONDS);
            if (m == null) {
              // a task no worker has taken by now waits behind other work: run it here
              current = claim();
              if (current != null) {
                continue;
              }
              m = queue.take();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CurataException(ErrorCode.CANCELLED, "the statement was interrupted", e);
          }
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
    }

    /** Takes back the next task no worker has started; its copy is then the consumer's. */
    private Operator claim() {
      while (nextClaim < tasks.length) {
        Task t = tasks[nextClaim++];
        if (t.state.compareAndSet(PENDING, CLAIMED)) {
          workers.workers().withdraw(t);
          // the consumer closes the copy it runs; nothing is left for close() to wait for
          t.done.countDown();
          ended++;
          return t.op;
        }
      }
      return null;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      stopped = true;
      workers.abandon();
      RuntimeException failure = null;
      if (current != null) {
        try {
          current.close();
        } catch (RuntimeException e) {
          failure = e;
        }
        current = null;
      }
      for (Task t : tasks) {
        t.handBack.release(Integer.MAX_VALUE / 2);
        if (t.state.compareAndSet(PENDING, CLAIMED)) {
          workers.workers().withdraw(t);
          try {
            t.op.close();
          } catch (RuntimeException e) {
            failure = failure == null ? e : failure;
          }
          t.done.countDown();
        }
      }
      queue.clear();
      boolean interrupted = false;
      for (Task t : tasks) {
        while (true) {
          try {
            if (t.done.await(10, TimeUnit.MILLISECONDS)) {
              break;
            }
          } catch (InterruptedException e) {
            interrupted = true;
          }
          queue.clear();
        }
      }
      queue.clear();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (failure != null) {
        throw failure;
      }
    }

    /** One copy of the pipeline, run by a pool worker unless the consumer takes it back. */
    private final class Task implements Runnable {
      private final int id;
      private final Operator op;
      private final AtomicInteger state = new AtomicInteger(PENDING);
      private final Semaphore handBack = new Semaphore(0);
      private final CountDownLatch done = new CountDownLatch(1);

      Task(int id, Operator op) {
        this.id = id;
        this.op = op;
      }

      @Override
      public void run() {
        if (!state.compareAndSet(PENDING, RUNNING)) {
          return;
        }
        Throwable failure = null;
        try {
          Batch b;
          while (!stopped && (b = op.next()) != null) {
            queue.put(new Message(id, b, null));
            handBack.acquire();
          }
        } catch (InterruptedException e) {
          // the pool is shutting down (its connection closed)
          failure = new CurataException(ErrorCode.CANCELLED,
              "the statement's connection was closed while it ran", e);
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
          done.countDown();
        }
      }
    }
  }
}
