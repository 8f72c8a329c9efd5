package org.curata.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the whole benchmark at SF=0.001 on all three engines and requires that answers agree. */
final class BenchSmokeTest {
  @Test
  void allEnginesGiveTheSameAnswersAtATinyScale(@TempDir Path tmp) throws Exception {
    BenchOptions options = BenchOptions.parse(new String[] {
        "--sf", "0.001", "--seed", "7", "--runs", "1", "--timeout", "60",
        "--data-dir", tmp.resolve("data").toString(), "--out-dir", tmp.resolve("out").toString()});
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(buf, true, StandardCharsets.UTF_8);
    Report report = new Bench(options, print, print).run();
    String output = buf.toString(StandardCharsets.UTF_8);

    List<QueryResult> results = report.results();
    assertEquals(7 * 3, results.size(), output);
    StringBuilder wrong = new StringBuilder();
    for (QueryResult r : results) {
      if (!r.matches()) {
        wrong.append(r.query().id()).append(" on ").append(r.engine()).append(": ")
            .append(r.status()).append(' ').append(r.check()).append(' ').append(r.message())
            .append('\n');
      }
    }
    assertTrue(wrong.length() == 0, () -> "answers that differ or failed:\n" + wrong + "\n" + output);
    try (var files = Files.list(tmp.resolve("out"))) {
      assertEquals(2, files.filter(f -> f.getFileName().toString().startsWith("results-")).count());
    }
  }
}
