package org.curata.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs queries on one engine's connection in a worker thread, so that a query past its timeout
 * can be cancelled ({@link Statement#setQueryTimeout} and, from a watchdog, {@link
 * Statement#cancel}) and, if it ignores the cancel, abandoned to a fresh connection and thread.
 */
final class EngineSession implements AutoCloseable {
  private static final long CANCEL_GRACE_SECONDS = 30;

  private final Engine engine;
  private final PrintStream log;
  private Connection connection;
  private ExecutorService worker;
  private int abandoned;

  EngineSession(Engine engine, PrintStream log) throws SQLException {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.log = Objects.requireNonNull(log, "log");
    this.connection = engine.connect();
    this.worker = newWorker();
  }

  private ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "bench-" + engine.name());
      t.setDaemon(true);
      return t;
    });
  }

  /** The engine. */
  Engine engine() {
    return engine;
  }

  /** Queries still running after a timeout and a cancel (they may disturb later timings). */
  int abandoned() {
    return abandoned;
  }

  /**
   * Executes a query, reads every row (every column through getObject) and closes the result.
   *
   * @param digest also fingerprint the rows (slower; used on the warm-up run only)
   */
  Outcome execute(Query q, boolean digest, int timeoutSeconds) {
    AtomicReference<Statement> current = new AtomicReference<>();
    Connection conn = connection;
    long t0 = System.nanoTime();
    Future<Outcome> f = worker.submit(() -> run(conn, q, digest, timeoutSeconds, current));
    try {
      return f.get(timeoutSeconds + 2L, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      double s = (System.nanoTime() - t0) / 1e9;
      Throwable cause = e.getCause();
      boolean timedOut = cause instanceof SQLTimeoutException || s >= timeoutSeconds;
      return Outcome.failed(timedOut ? Outcome.Status.TIMEOUT : Outcome.Status.FAIL, s,
          messageOf(cause));
    } catch (TimeoutException e) {
      return cancel(q, f, current.get(), t0, timeoutSeconds);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.failed(Outcome.Status.FAIL, 0, "interrupted");
    }
  }

  private static Outcome run(Connection conn, Query q, boolean digest, int timeoutSeconds,
      AtomicReference<Statement> current) throws SQLException {
    try (Statement st = conn.createStatement()) {
      current.set(st);
      try {
        st.setQueryTimeout(timeoutSeconds);
      } catch (SQLException | UnsupportedOperationException e) {
        // The watchdog in execute() still enforces the timeout.
      }
      long t0 = System.nanoTime();
      long rows = 0;
      ResultDigest d = null;
      try (ResultSet rs = st.executeQuery(q.sql())) {
        if (digest) {
          d = ResultDigest.of(q, rs);
          rows = d.rows();
        } else {
          int n = rs.getMetaData().getColumnCount();
          long nonNull = 0;
          while (rs.next()) {
            rows++;
            for (int i = 1; i <= n; i++) {
              if (rs.getObject(i) != null) {
                nonNull++;
              }
            }
          }
          if (nonNull < 0) {
            throw new IllegalStateException("unreachable");
          }
        }
      }
      return new Outcome(Outcome.Status.OK, (System.nanoTime() - t0) / 1e9, rows, d, "");
    }
  }

  private Outcome cancel(Query q, Future<Outcome> f, Statement st, long t0, int timeoutSeconds) {
    try {
      if (st != null) {
        st.cancel();
      }
    } catch (SQLException | RuntimeException e) {
      log.println(engine.name() + " " + q.id() + ": cancel failed: " + messageOf(e));
    }
    f.cancel(true);
    String msg = "no result after " + timeoutSeconds + " s; cancelled";
    try {
      worker.shutdown();
      if (!worker.awaitTermination(CANCEL_GRACE_SECONDS, TimeUnit.SECONDS)) {
        abandoned++;
        msg += "; still running " + CANCEL_GRACE_SECONDS
            + " s after the cancel: abandoned (later timings of this run may be disturbed)";
        log.println("WARNING: " + engine.name() + " " + q.id() + " " + msg);
      }
      Connection old = connection;
      connection = engine.connect();
      worker = newWorker();
      closeQuietly(old);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException e) {
      msg += "; reconnecting failed: " + messageOf(e);
    }
    return Outcome.failed(Outcome.Status.TIMEOUT, (System.nanoTime() - t0) / 1e9, msg);
  }

  private static void closeQuietly(Connection c) {
    Thread t = new Thread(() -> {
      try {
        c.close();
      } catch (SQLException | RuntimeException e) {
        // A connection with a runaway query may refuse to close; it is abandoned anyway.
      }
    }, "bench-close");
    t.setDaemon(true);
    t.start();
  }

  /** The messages of an exception and its causes, on one line. */
  static String messageOf(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null && b.length() < 600; t = t.getCause()) {
      String m = t.getMessage();
      String part = t.getClass().getSimpleName() + (m == null ? "" : ": " + m.strip());
      if (b.indexOf(part) < 0) {
        b.append(b.length() == 0 ? "" : " <- ").append(part);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    String s = b.toString().replace('\n', ' ').replace('|', '/');
    return s.length() > 600 ? s.substring(0, 600) + "..." : s;
  }

  @Override
  public void close() {
    worker.shutdownNow();
    closeQuietly(connection);
  }
}
