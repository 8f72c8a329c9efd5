package org.curata.driver.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The standard streams a command works with, injected so that tests run commands in-process.
 *
 * @param in standard input (the SQL shell reads it)
 * @param out standard output, for results
 * @param err standard error, for messages and progress
 * @param terminal true when a person is watching (progress bars are drawn only then)
 */
record Streams(InputStream in, PrintStream out, PrintStream err, boolean terminal) {
  Streams {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
  }

  /** The process's own streams; a terminal when the JVM has a console. */
  static Streams system() {
    return new Streams(System.in, System.out, System.err, System.console() != null);
  }

  /** Streams over the given byte sinks, never a terminal (for tests and embedding). */
  static Streams of(InputStream in, OutputStream out, OutputStream err) {
    return new Streams(in, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false);
  }

  /** A UTF-8 writer over standard output that flushes on println. */
  PrintWriter outWriter() {
    return new PrintWriter(out, true, StandardCharsets.UTF_8);
  }

  /** A UTF-8 writer over standard error that flushes on println. */
  PrintWriter errWriter() {
    return new PrintWriter(err, true, StandardCharsets.UTF_8);
  }
}
