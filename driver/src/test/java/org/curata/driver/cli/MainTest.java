package org.curata.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests of the top-level command: help, version, usage errors and exit codes. */
final class MainTest {
  private static final List<String> COMMANDS =
      List.of("import", "sql", "info", "verify", "vacuum", "demo");

  @Test
  void helpListsEveryCommandAndTheExitCodes() {
    Cli.Result r = Cli.run("--help");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("Usage: curata "), r::toString);
    for (String c : COMMANDS) {
      assertTrue(r.out().contains("\n  " + c + " "), () -> "missing " + c + ":\n" + r);
    }
    assertTrue(r.out().contains("Exit codes:"), r::toString);
    assertTrue(r.out().contains("  3  corruption"), r::toString);
    assertEquals("", r.err());
  }

  @Test
  void everyCommandHasItsOwnHelpWithExitCodes() {
    for (String c : COMMANDS) {
      Cli.Result r = Cli.run(c, "--help");
      assertEquals(0, r.code(), r::toString);
      assertTrue(r.out().startsWith("Usage: curata " + c), r::toString);
      assertTrue(r.out().contains("Exit codes:"), r::toString);
      assertTrue(r.out().contains("-h, --help"), r::toString);
      assertEquals("", r.err());
      Cli.Result viaHelp = Cli.run("help", c);
      assertEquals(0, viaHelp.code(), viaHelp::toString);
      assertEquals(r.out(), viaHelp.out());
    }
  }

  @Test
  void helpDocumentsEachCommandsOptions() {
    assertTrue(Cli.run("import", "--help").out().contains("--reject-report=FILE"));
    assertTrue(Cli.run("import", "--help").out().contains("TABLE=FILE.csv"));
    assertTrue(Cli.run("sql", "--help").out().contains("-e, --execute=SQL"));
    assertTrue(Cli.run("sql", "--help").out().contains("-f, --file=FILE"));
    assertTrue(Cli.run("info", "--help").out().contains("--version=N"));
    assertTrue(Cli.run("vacuum", "--help").out().contains("--keep=N"));
    String demo = Cli.run("demo", "--help").out();
    for (String o : List.of("--dir=DIR", "--participants=N", "--assessments-per-participant=K",
        "--seed=S")) {
      assertTrue(demo.contains(o), () -> o + " missing from\n" + demo);
    }
  }

  @Test
  void versionNamesCurataAndJava() {
    Cli.Result r = Cli.run("--version");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("curata "), r::toString);
    assertTrue(r.out().contains("Java 17") || r.out().contains("Java "), r::toString);
  }

  @Test
  void usageErrorsExitWithTwo() {
    Cli.Result none = Cli.run();
    assertEquals(2, none.code(), none::toString);
    assertTrue(none.err().contains("Usage: curata"), none::toString);

    Cli.Result unknown = Cli.run("frobnicate");
    assertEquals(2, unknown.code(), unknown::toString);
    assertTrue(unknown.err().contains("Unmatched argument"), unknown::toString);
    assertTrue(unknown.err().contains("Try 'curata --help'"), unknown::toString);

    Cli.Result missing = Cli.run("info");
    assertEquals(2, missing.code(), missing::toString);
    assertTrue(missing.err().startsWith("curata info: Missing required parameter: 'DATASET'"),
        missing::toString);

    Cli.Result badOption = Cli.run("sql", "x", "--bogus");
    assertEquals(2, badOption.code(), badOption::toString);
    assertTrue(badOption.err().contains("Unknown option: '--bogus'"), badOption::toString);
  }

  @Test
  void aMissingDatasetIsAUserError() {
    for (String c : List.of("info", "verify", "vacuum", "sql")) {
      Cli.Result r = Cli.run(c, "/nonexistent/curata-test-dataset");
      assertEquals(1, r.code(), r::toString);
      assertEquals("curata " + c + ": no dataset at /nonexistent/curata-test-dataset: the"
          + " directory does not exist (create one with 'curata import' or 'curata demo')\n",
          r.err());
      assertEquals("", r.out());
    }
  }
}
