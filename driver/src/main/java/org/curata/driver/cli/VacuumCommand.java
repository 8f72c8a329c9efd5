package org.curata.driver.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.curata.storage.Dataset;
import org.curata.storage.VacuumResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code curata vacuum}: expires old versions and deletes the files nothing needs any more. */
@Command(name = "vacuum",
    description = {
        "Frees disk space held by old versions.",
        "",
        "Expires all but the newest N versions and deletes every file that no retained"
            + " version references (dropped fields and dataframes, replaced data, leftovers of"
            + " interrupted writes). Expired versions can no longer be queried. Prints the"
            + " files deleted and the bytes freed.",
        ""},
    footer = ExitCodes.FOOTER)
final class VacuumCommand implements Callable<Integer> {
  private final Streams streams;

  @Mixin
  private HelpOption help;

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DATASET", description = "The dataset directory.")
  private Path dataset;

  @Option(names = "--keep", paramLabel = "N", defaultValue = "1",
      description = "Versions to keep, newest first (default: ${DEFAULT-VALUE}).")
  private int keep;

  VacuumCommand(Streams streams) {
    this.streams = Objects.requireNonNull(streams, "streams");
  }

  @Override
  public Integer call() {
    if (keep < 1) {
      throw new ParameterException(spec.commandLine(),
          "--keep must be at least 1 (the latest version is always kept), got " + keep);
    }
    PrintWriter out = streams.outWriter();
    VacuumResult r;
    try (Dataset ds = DatasetPaths.open(dataset, false)) {
      out.println("Vacuuming " + ds.directory() + ", keeping the newest " + keep
          + (keep == 1 ? " version" : " versions"));
      r = ds.vacuum(keep);
    }
    if (r.expiredVersions().isEmpty()) {
      out.println("Expired no versions.");
    } else {
      out.println("Expired versions: " + r.expiredVersions().stream().map(String::valueOf)
          .collect(Collectors.joining(", ")));
    }
    out.println("Deleted " + r.filesDeleted() + (r.filesDeleted() == 1 ? " file" : " files")
        + ", freed " + Units.bytes(r.bytesFreed()) + " (" + Units.count(r.bytesFreed())
        + " bytes).");
    return ExitCodes.OK;
  }
}
