package org.curata.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.curata.storage.DataFrame;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests of {@code curata demo} at a tiny size. */
final class DemoCommandTest {
  @TempDir
  Path tmp;

  private Cli.Result demo(Path dir, String... more) {
    String[] args = new String[5 + more.length];
    args[0] = "demo";
    args[1] = "--dir";
    args[2] = dir.toString();
    args[3] = "--participants";
    args[4] = "300";
    System.arraycopy(more, 0, args, 5, more.length);
    return Cli.run(args);
  }

  @Test
  void generatesTheCohortDeterministicallyAndReusesIt() {
    Path dir = tmp.resolve("demo");
    Cli.Result r = demo(dir, "--assessments-per-participant", "4", "--no-queries");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("Generating a cohort of 300 participants and 1,200 assessments"
        + " (seed 42) in " + dir + " ...\nWrote 1,500 rows ("), r::toString);
    assertTrue(r.out().endsWith("Open the SQL shell on it:  ./curata sql " + dir + "\n"
        + "Describe it:               ./curata info " + dir + "\n"), r::toString);
    String info = Cli.run("info", dir.toString()).out();
    try (Dataset d = Datasets.open(dir); Snapshot s = d.snapshot()) {
      DataFrame p = s.dataFrame("patients").orElseThrow();
      DataFrame a = s.dataFrame("assessments").orElseThrow();
      assertEquals(300, p.rowCount());
      assertEquals(1200, a.rowCount());
      assertEquals(7, p.fields().size());
      assertTrue(a.field("temperature").orElseThrow().nullCount() > 700);
      assertTrue(a.field("chills_or_shivers").orElseThrow().nullCount() > 1000);
      assertEquals(java.util.List.of("created_at"), a.sortKeys());
    }

    Cli.Result again = demo(dir, "--assessments-per-participant", "4", "--no-queries");
    assertEquals(0, again.code(), again::toString);
    assertTrue(again.out().startsWith("Using the demo dataset in " + dir + " (version "),
        again::toString);

    Path other = tmp.resolve("other");
    assertEquals(0, demo(other, "--assessments-per-participant", "4", "--no-queries").code());
    assertEquals(info.replace(dir.toString(), "DIR").replaceAll("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ", "T"),
        Cli.run("info", other.toString()).out().replace(other.toString(), "DIR")
            .replaceAll("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ", "T"),
        "the same seed gives the same data");
  }

  @Test
  void otherParametersReplaceAnEarlierDemo() {
    Path dir = tmp.resolve("demo");
    assertEquals(0, demo(dir, "--assessments-per-participant", "2", "--no-queries").code());
    Cli.Result r = demo(dir, "--assessments-per-participant", "3", "--seed", "7", "--no-queries");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("Replacing the earlier demo with a cohort of 300 participants"
        + " and 900 assessments (seed 7)"), r::toString);
    try (Dataset d = Datasets.open(dir); Snapshot s = d.snapshot()) {
      assertEquals(900, s.dataFrame("assessments").orElseThrow().rowCount());
      assertEquals(1, d.versions().size(), "the replaced demo was vacuumed");
    }
    assertEquals(0, Cli.run("verify", dir.toString()).code());
  }

  @Test
  void refusesADirectoryThatHoldsSomethingElse() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("mine"));
    Files.writeString(dir.resolve("thesis.txt"), "precious");
    Cli.Result r = demo(dir, "--no-queries");
    assertEquals(1, r.code(), r::toString);
    assertTrue(r.err().startsWith("curata demo: " + dir + " holds files that are not a Curata"
        + " dataset"), r::toString);
    assertEquals("precious", Files.readString(dir.resolve("thesis.txt")));

    Path people = TestData.people(tmp.resolve("people"));
    Cli.Result other = demo(people, "--no-queries");
    assertEquals(1, other.code(), other::toString);
    assertTrue(other.err().contains("is not a Curata demo (it has dataframe 'people')"),
        other::toString);
  }

  @Test
  void runsTheExampleQueriesThroughJdbc() {
    Path dir = tmp.resolve("demo");
    Cli.Result r = demo(dir, "--assessments-per-participant", "5");
    assertEquals(0, r.code(), r::toString);
    String out = r.out();
    for (int i = 1; i <= DemoCommand.examples().size(); i++) {
      assertTrue(out.contains("\n-- " + i + ". "), () -> "example missing:\n" + out);
    }
    assertTrue(out.contains("\n country | participants | with_bmi | avg_bmi\n"), out);
    assertTrue(out.contains("\n GB      |"), out);
    assertTrue(out.contains("\n test_result | assessments\n"), out);
    assertTrue(out.contains("\n symptom             | answered | reported | pct_reported\n"),
        out);
    assertTrue(out.contains("\n positive_since_march_2021\n"), out);
    assertTrue(out.contains("\n(5 rows, "), out);
    assertTrue(out.contains("\n(1 row, "), out);
    assertTrue(out.endsWith("./curata sql " + dir + "\nDescribe it:               ./curata info "
        + dir + "\n"), out);
    assertEquals("", r.err());
  }
}
