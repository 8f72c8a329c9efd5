package org.curata.adapter.exec;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;

/**
 * The threads that run the copies of parallel pipelines ({@link GatherNode}): a bounded pool of
 * daemon threads named {@code curata-worker-N}, shared by the statements of one connection (its
 * {@code CurataSchema}) and shut down when that closes; idle threads end after a while, so a pool
 * that is never closed does not keep threads either. An execution without a shared pool gets one
 * that starts a fresh thread per task.
 *
 * <p>Callers never wait for a task that has not started: a task handed over may sit in the
 * queue behind other queries' tasks, so whoever submitted it takes it back ({@link #withdraw})
 * and runs the work itself. That is what keeps several queries, or parallel pipelines nested in
 * one another, from deadlocking on a small pool.
 */
public final class WorkerPool implements AutoCloseable {
  /** How long an idle pool thread waits for work before it ends. */
  private static final long KEEP_ALIVE_SECONDS = 30;
  /** How long {@link #close} waits for running tasks to see the interrupt and end. */
  private static final long CLOSE_WAIT_SECONDS = 10;

  private final ThreadPoolExecutor executor;
  private final int size;
  private final Set<Thread> live = ConcurrentHashMap.newKeySet();
  private final AtomicInteger numbers = new AtomicInteger();
  private volatile boolean closed;

  private WorkerPool(int size, boolean pooled) {
    if (size < 1) {
      throw new CurataException(ErrorCode.INVALID_INPUT,
          "a worker pool needs at least 1 thread, got " + size);
    }
    this.size = size;
    if (pooled) {
      executor = new ThreadPoolExecutor(size, size, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), this::newThread);
      executor.allowCoreThreadTimeOut(true);
    } else {
      executor = null;
    }
  }

  /** A pool of at most {@code size} threads, reused by every query that runs on it. */
  public static WorkerPool create(int size) {
    return new WorkerPool(size, true);
  }

  /** A pool that starts a new thread for each task (executions without a shared pool). */
  static WorkerPool perTask() {
    return new WorkerPool(1, false);
  }

  private Thread newThread(Runnable r) {
    Thread t = new Thread(() -> {
      try {
        r.run();
      } finally {
        live.remove(Thread.currentThread());
      }
    }, "curata-worker-" + numbers.getAndIncrement());
    t.setDaemon(true);
    live.add(t);
    return t;
  }

  /**
   * Hands a task to a worker; false when the pool is closed, in which case the caller runs the
   * work itself.
   */
  boolean execute(Runnable task) {
    if (closed) {
      return false;
    }
    if (executor == null) {
      try {
        newThread(task).start();
      } catch (OutOfMemoryError e) {
        // no native thread to be had: the caller does the work
        return false;
      }
      return true;
    }
    try {
      executor.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /** Takes a task that has not started out of the queue (the caller runs its work instead). */
  void withdraw(Runnable task) {
    if (executor != null) {
      executor.remove(task);
    }
  }

  /** The most threads the pool runs at once (1 for a pool that starts a thread per task). */
  public int size() {
    return size;
  }

  /** How many threads the pool has started since it was made (reuse keeps this small). */
  public int threadsStarted() {
    return numbers.get();
  }

  /** The pool's threads that are alive now (running a task or waiting for one). */
  public int liveThreads() {
    int n = 0;
    for (Thread t : live) {
      n += t.isAlive() ? 1 : 0;
    }
    return n;
  }

  /** True once {@link #close} was called. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Stops the pool: queued tasks are dropped (their queries run that work themselves), running
   * tasks are interrupted (their queries fail as cancelled), and the threads end; waits a few
   * seconds for them.
   */
  @Override
  public void close() {
    closed = true;
    if (executor == null) {
      return;
    }
    executor.shutdownNow();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_WAIT_SECONDS);
    try {
      executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
      // the executor counts as terminated a moment before its threads have ended
      for (Thread t : live) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left > 0) {
          t.join(left);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
