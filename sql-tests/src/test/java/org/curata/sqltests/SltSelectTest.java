package org.curata.sqltests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SQLite's {@code select1.test} and {@code select2.test} (from sqllogictest-java's corpus) run
 * natively in Curata; every query must pass.
 */
final class SltSelectTest {
  /** Generous: both scripts take seconds; the limit only stops a hang from blocking the build. */
  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(10);

  @TempDir
  Path work;

  @ParameterizedTest
  @ValueSource(strings = {"test/select1.test", "test/select2.test"})
  void allQueriesPass(String script) {
    SltSuiteRunner runner = new SltSuiteRunner(work, BlockSize.DEFAULT, SCRIPT_TIMEOUT, System.out);
    SltFileResult r = runner.run(List.of(script)).get(0);
    StringBuilder why = new StringBuilder(r.summary());
    r.statementFailures().forEach(f -> why.append(System.lineSeparator()).append(f));
    r.failureTexts().forEach(f -> why.append(System.lineSeparator()).append(f));
    System.out.println(why);
    assertTrue(r.queriesInFile() > 0, () -> script + " holds no queries for this engine");
    assertTrue(r.allPassed(), why::toString);
  }
}
