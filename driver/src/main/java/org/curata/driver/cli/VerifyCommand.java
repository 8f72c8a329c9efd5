package org.curata.driver.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.curata.storage.Dataset;
import org.curata.storage.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code curata verify}: reads every file of every retained version and checks it. */
@Command(name = "verify",
    description = {
        "Checks every file of a dataset for corruption.",
        "",
        "Reads every manifest and every block of every retained version and checks their"
            + " checksums and structure. Prints what was checked and every problem found;"
            + " exits with 3 if there is any problem, 0 when the dataset is clean.",
        ""},
    footer = ExitCodes.FOOTER)
final class VerifyCommand implements Callable<Integer> {
  private final Streams streams;

  @Mixin
  private HelpOption help;

  @Parameters(index = "0", paramLabel = "DATASET", description = "The dataset directory.")
  private Path dataset;

  VerifyCommand(Streams streams) {
    this.streams = Objects.requireNonNull(streams, "streams");
  }

  @Override
  public Integer call() {
    PrintWriter out = streams.outWriter();
    long start = System.nanoTime();
    VerifyReport report;
    try (Dataset ds = DatasetPaths.open(dataset, true)) {
      out.println("Verifying " + ds.directory());
      report = ds.verify();
    }
    long nanos = System.nanoTime() - start;
    out.println("Checked " + report.versionsChecked() + plural(report.versionsChecked(), " version")
        + ", " + report.filesChecked() + plural(report.filesChecked(), " file") + ", "
        + Units.count(report.blocksChecked()) + plural(report.blocksChecked(), " block")
        + " in " + Units.seconds(nanos) + ".");
    if (report.ok()) {
      out.println("OK: no problems found.");
      return ExitCodes.OK;
    }
    for (String p : report.problems()) {
      out.println("PROBLEM: " + p);
    }
    out.flush();
    int n = report.problems().size();
    streams.errWriter().println("curata verify: " + n + plural(n, " problem")
        + " found in " + dataset.toAbsolutePath().normalize()
        + "; the affected data cannot be trusted (restore it from a copy or re-import it)");
    return ExitCodes.CORRUPTION;
  }

  private static String plural(long n, String word) {
    return n == 1 ? word : word + "s";
  }
}
