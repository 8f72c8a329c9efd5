package org.curata.sqltests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SQLite's {@code select1.test} and {@code select2.test} (from sqllogictest-java's corpus) run
 * natively in Curata under execution batches of the default size, 1 and 3 rows; every query must
 * pass under each.
 */
final class SltSelectTest {
  /** Generous: both scripts take seconds; the limit only stops a hang from blocking the build. */
  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(10);

  @TempDir
  Path work;

  /** Each script under each execution batch size. */
  static Stream<Arguments> scripts() {
    return Stream.of("test/select1.test", "test/select2.test").flatMap(s ->
        Variant.BATCH_VARIANTS.stream().map(v -> Arguments.of(s, v)));
  }

  @ParameterizedTest(name = "{0} [{1}]")
  @MethodSource("scripts")
  void allQueriesPass(String script, Variant variant) {
    SltSuiteRunner runner = new SltSuiteRunner(work, variant, SCRIPT_TIMEOUT, System.out);
    SltFileResult r = runner.run(List.of(script)).get(0);
    StringBuilder why = new StringBuilder(r.summary());
    r.statementFailures().forEach(f -> why.append(System.lineSeparator()).append(f));
    r.failureTexts().forEach(f -> why.append(System.lineSeparator()).append(f));
    System.out.println(why);
    assertTrue(r.queriesInFile() > 0, () -> script + " holds no queries for this engine");
    assertTrue(r.allPassed(), why::toString);
  }
}
