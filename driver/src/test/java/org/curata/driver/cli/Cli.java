package org.curata.driver.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Runs {@code curata} in-process with captured streams, as the tests' stand-in for a shell. */
final class Cli {
  private Cli() {
  }

  /** What a run printed and returned. */
  record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** Runs the command line with empty standard input. */
  static Result run(String... args) {
    return runWithInput("", args);
  }

  /** Runs the command line with {@code stdin} as standard input. */
  static Result runWithInput(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Streams streams = Streams.of(
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err);
    int code = Main.run(streams, args);
    streams.out().flush();
    streams.err().flush();
    return new Result(code, normalize(out), normalize(err));
  }

  private static String normalize(ByteArrayOutputStream b) {
    return b.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }
}
