package org.curata.driver.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.curata.adapter.CurataTypes;
import org.curata.storage.BlockInfo;
import org.curata.storage.DataFrame;
import org.curata.storage.Dataset;
import org.curata.storage.Encoding;
import org.curata.storage.Field;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;
import org.curata.storage.Snapshot;
import org.curata.storage.VersionInfo;
import org.curata.storage.exetera.ExeteraDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code curata info}: the dataframes, fields, blocks and versions of a dataset. */
@Command(name = "info",
    description = {
        "Shows a dataset's dataframes, fields, blocks and versions.",
        "",
        "DATASET may also be an ExeTera HDF5 file: its dataframes and fields are shown as"
            + " Curata reads them (docs/EXETERA.md), with notes on what ExeTera wrote"
            + " oddly (wrapped categorical keys, fields of unequal length, skipped groups)."
            + " An HDF5 file records no NULL counts, so they are counted by reading the fields.",
        "",
        "For each dataframe (table): its fields (columns) with ExeTera and SQL types, row and"
            + " NULL counts, blocks (dense or sparse) and bytes on disk, the labels of"
            + " categorical fields and the dictionary sizes of dictionary-encoded string"
            + " fields; then the retained versions (id, time, user, message)."
            + " Reads only the manifest, so it is fast at any size; it does not check the"
            + " data (use 'curata verify' for that).",
        ""},
    footer = ExitCodes.FOOTER)
final class InfoCommand implements Callable<Integer> {
  /** How commit times are shown. */
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final Streams streams;

  @Parameters(index = "0", paramLabel = "DATASET",
      description = "The dataset directory, or an ExeTera HDF5 file.")
  private Path dataset;

  @Option(names = "--version", paramLabel = "N",
      description = "Describe retained version N instead of the latest.")
  private Long versionId;

  @Mixin
  private HelpOption help;

  InfoCommand(Streams streams) {
    this.streams = Objects.requireNonNull(streams, "streams");
  }

  @Override
  public Integer call() {
    PrintWriter out = streams.outWriter();
    try (Dataset ds = DatasetPaths.open(dataset, true)) {
      List<VersionInfo> versions = ds.versions();
      try (Snapshot snap = versionId == null ? ds.snapshot() : ds.snapshot(versionId)) {
        VersionInfo v = snap.version();
        boolean latest = !versions.isEmpty() && versions.get(versions.size() - 1).id() == v.id();
        out.println((ds instanceof ExeteraDataset ? "ExeTera   " : "Dataset   ")
            + ds.directory() + (ds instanceof ExeteraDataset ? " (HDF5, read-only)" : ""));
        out.println("Version   " + v.id() + (latest ? " (latest)" : " (not the latest)")
            + ", committed " + TIME.format(v.committedAt()) + " by " + v.user()
            + (v.message() == null || v.message().isEmpty() ? "" : ": " + v.message()));
        long[] disk = directorySize(ds.directory());
        out.println("On disk   " + Units.bytes(disk[1]) + " in " + disk[0] + " files"
            + " (all retained versions)");
        List<DataFrame> frames = snap.dataFrames();
        if (frames.isEmpty()) {
          out.println();
          out.println("No dataframes yet (add some with 'curata import').");
        }
        for (DataFrame df : frames) {
          out.println();
          describe(df, out);
        }
        if (ds instanceof ExeteraDataset e && !e.warnings().isEmpty()) {
          out.println();
          out.println("Notes on the ExeTera file");
          for (String w : e.warnings()) {
            out.println("  " + w);
          }
        }
      }
      out.println();
      out.println("Versions (" + versions.size() + " retained)");
      TextTable vt = TextTable.of("r", "id", "committed", "user", "message");
      for (VersionInfo vi : versions) {
        vt.add(vi.id(), TIME.format(vi.committedAt()), vi.user(), vi.message());
      }
      vt.print(out, false);
    }
    return ExitCodes.OK;
  }

  private static void describe(DataFrame df, PrintWriter out) {
    long bytes = 0;
    for (Field f : df.fields()) {
      bytes += f.byteSize();
    }
    StringBuilder head = new StringBuilder();
    head.append("Dataframe ").append(df.name()).append(": ")
        .append(Units.count(df.rowCount())).append(df.rowCount() == 1 ? " row, " : " rows, ")
        .append(df.fields().size()).append(df.fields().size() == 1 ? " field, " : " fields, ")
        .append(Units.bytes(bytes));
    if (!df.primaryKeys().isEmpty()) {
      head.append(", primary key (").append(String.join(", ", df.primaryKeys())).append(')');
    }
    if (!df.sortKeys().isEmpty()) {
      head.append(", sorted by (").append(String.join(", ", df.sortKeys())).append(')');
    }
    out.println(head);
    TextTable t = TextTable.of("___rrrrrrr", "field", "type", "sql type", "nulls", "null %",
        "blocks", "dense", "sparse", "bytes");
    StringBuilder keys = new StringBuilder();
    StringBuilder dictionaries = new StringBuilder();
    for (Field f : df.fields()) {
      if (f.dictionarySize() >= 0) {
        dictionaries.append("  ").append(f.name()).append(": ")
            .append(Units.count(f.dictionarySize()))
            .append(f.dictionarySize() == 1 ? " entry" : " entries").append(System.lineSeparator());
      }
      int dense = 0;
      int sparse = 0;
      for (BlockInfo b : f.blocks()) {
        if (b.encoding() == Encoding.SPARSE) {
          sparse++;
        } else {
          dense++;
        }
      }
      long rows = f.rowCount();
      String pct = rows == 0 ? "-" : String.format("%.1f%%", 100.0 * f.nullCount() / rows);
      boolean nullable = f.spec().nullable() || f.type().kind() == FieldKind.CATEGORICAL;
      t.add(f.name(), exeteraType(f.type()), sqlType(f.type()) + (nullable ? "" : " NOT NULL"),
          f.nullCount(), pct, f.blocks().size(), dense, sparse, Units.bytes(f.byteSize()));
      if (f.type().kind() == FieldKind.CATEGORICAL) {
        keys.append("  ").append(f.name()).append(':');
        for (Map.Entry<Long, String> e : f.type().key().labels().entrySet()) {
          keys.append(' ').append(e.getKey()).append("='").append(TextTable.printable(e.getValue()))
              .append('\'');
        }
        keys.append(System.lineSeparator());
      }
    }
    t.print(out, false);
    if (keys.length() > 0) {
      out.println("Categorical labels (code='label'; SQL shows and compares the label):");
      out.print(keys);
    }
    if (dictionaries.length() > 0) {
      out.println("Dictionary-encoded fields (blocks store codes into the field's dictionary of"
          + " distinct values):");
      out.print(dictionaries);
    }
  }

  /** The ExeTera name of a type: numeric kinds by value type, plus length or code type. */
  static String exeteraType(FieldType type) {
    switch (type.kind()) {
      case FIXED_STRING:
        return "fixed_string(" + type.length() + ")";
      case CATEGORICAL:
        return "categorical(" + type.key().codeKind().exeteraName() + ")";
      case STRING:
        return "indexed_string";
      case TIMESTAMP:
        return "timestamp";
      case DATE:
        return "date";
      default:
        return "numeric(" + type.kind().exeteraName() + ")";
    }
  }

  /** The SQL type a field has through the JDBC driver (the adapter's mapping). */
  static String sqlType(FieldType type) {
    String name = CurataTypes.sqlTypeName(type).getName();
    switch (type.kind()) {
      case FIXED_STRING:
        return name + "(" + type.length() + ")";
      case TIMESTAMP:
        return name + "(" + CurataTypes.TIMESTAMP_PRECISION + ")";
      default:
        return name;
    }
  }

  /** Files and bytes under a directory. */
  private static long[] directorySize(Path dir) {
    long[] r = new long[2];
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile).forEach(p -> {
        r[0]++;
        try {
          r[1] += Files.size(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return r;
  }
}
