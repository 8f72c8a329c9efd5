package org.curata.driver.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.curata.storage.Dataset;
import org.curata.storage.Snapshot;
import org.curata.storage.exetera.ExeteraDataset;
import org.curata.storage.exetera.ExeteraFiles;
import org.curata.storage.importer.ColumnSchema;
import org.curata.storage.importer.CsvImport;
import org.curata.storage.importer.CsvSource;
import org.curata.storage.importer.DataFrameCopy;
import org.curata.storage.importer.ImportOptions;
import org.curata.storage.importer.ImportResult;
import org.curata.storage.importer.ImportSchema;
import org.curata.storage.importer.TableResult;
import org.curata.storage.importer.TableSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code curata import}: loads CSV files, or the dataframes of an ExeTera HDF5 file, into new
 * dataframes of a dataset, in one commit.
 */
@Command(name = "import",
    description = {
        "Imports CSV files, or an ExeTera HDF5 file, into a dataset.",
        "",
        "Each file becomes a new dataframe (table), all in one commit: either every file is"
            + " imported or nothing is. Creates the dataset if it does not exist.",
        "",
        "Types come from an ExeTera import schema (--schema) or are inferred from the first"
            + " rows; the inferred schema is printed (save it with --save-schema, edit it and"
            + " pass it back with --schema). CSV: UTF-8, a header line, RFC 4180 quoting; an"
            + " empty cell is NULL.",
        "",
        "By default the first bad value stops the import with a message naming the file,"
            + " line, field and value, and nothing is committed. With --lenient a bad value"
            + " becomes NULL and a malformed row is skipped; each is counted, and listed in"
            + " --reject-report if given.",
        "",
        "With --from-exetera FILE.hdf5 the dataframes of an ExeTera dataset file are copied"
            + " instead (all of them, or those named by --dataframes), streaming block by block"
            + " in bounded memory; types, NULLs (from ExeTera's _valid/_set flags) and categorical"
            + " labels are read as 'curata sql FILE.hdf5' shows them (docs/EXETERA.md).",
        ""},
    footer = {
        "%nExamples:",
        "  curata import cohort patients=patients.csv assessments=assessments.csv",
        "  curata import --schema schema.json cohort patients.csv",
        "  curata import --lenient --reject-report rejects.csv cohort patients.csv",
        "  curata import cohort --from-exetera covid.hdf5 --dataframes patients,tests",
        ExitCodes.FOOTER})
final class ImportCommand implements Callable<Integer> {
  private final Streams streams;

  @Mixin
  private HelpOption help;

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DATASET",
      description = "The dataset directory (created if missing).")
  private Path dataset;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "TABLE=FILE.csv",
      description = "A table and the CSV file to load into it; a bare FILE.csv loads into a"
          + " table named after the file. Not with --from-exetera.")
  private List<String> tables = new ArrayList<>();

  @Option(names = "--from-exetera", paramLabel = "FILE.hdf5",
      description = "Copy the dataframes of this ExeTera HDF5 file instead of reading CSV files.")
  private Path exetera;

  @Option(names = "--dataframes", paramLabel = "A,B", split = ",",
      description = "With --from-exetera, the dataframes to copy (default: all).")
  private List<String> dataFrames = new ArrayList<>();

  @Option(names = "--schema", paramLabel = "S.json",
      description = "An ExeTera import schema giving each table's field types.")
  private Path schema;

  @Option(names = "--lenient",
      description = "Store bad values as NULL and skip malformed rows instead of failing.")
  private boolean lenient;

  @Option(names = "--reject-report", paramLabel = "FILE",
      description = "With --lenient, write every rejected cell to FILE as CSV"
          + " (file,line,field,value,reason).")
  private Path rejectReport;

  @Option(names = "--replace",
      description = "Replace dataframes that already exist (in the same commit).")
  private boolean replace;

  @Option(names = {"-m", "--message"}, paramLabel = "TEXT",
      description = "The commit message (default: \"import <tables>\").")
  private String message;

  @Option(names = "--save-schema", paramLabel = "FILE",
      description = "Write the inferred schema as ExeTera schema JSON to FILE.")
  private Path saveSchema;

  @Option(names = "--sample-rows", paramLabel = "N", defaultValue = "10000",
      description = "Rows read to infer types without --schema (default: ${DEFAULT-VALUE}).")
  private int sampleRows;

  ImportCommand(Streams streams) {
    this.streams = Objects.requireNonNull(streams, "streams");
  }

  @Override
  public Integer call() throws IOException {
    if (exetera != null) {
      return fromExetera();
    }
    if (!dataFrames.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--dataframes needs --from-exetera");
    }
    if (tables.isEmpty()) {
      throw new ParameterException(spec.commandLine(),
          "give CSV files to import (TABLE=FILE.csv), or --from-exetera FILE.hdf5");
    }
    if (rejectReport != null && !lenient) {
      throw new ParameterException(spec.commandLine(),
          "--reject-report needs --lenient (a strict import stops at the first bad value)");
    }
    if (saveSchema != null && schema != null) {
      throw new ParameterException(spec.commandLine(),
          "--save-schema writes an inferred schema; it cannot be used with --schema");
    }
    List<CsvSource> sources = sources();
    ImportSchema importSchema = schema == null ? null : ImportSchema.read(schema);
    Path dir = dataset.toAbsolutePath().normalize();
    PrintWriter out = streams.outWriter();
    long start = System.nanoTime();
    ImportResult result = intoDataset(dir, " MB", 1L << 20, (ds, progress) -> {
      ImportOptions options = ImportOptions.defaults()
          .withSchema(importSchema)
          .withLenient(lenient)
          .withRejectReport(rejectReport)
          .withReplaceExisting(replace)
          .withMessage(message)
          .withSampleRows(sampleRows)
          .withListener(p -> {
            progress.note(p.table() + " (" + (p.tableIndex() + 1) + "/" + p.tableCount() + "): "
                + Units.count(p.rows()) + " rows");
            progress.maxHint(p.allTotalBytes());
            progress.stepTo(p.allBytesRead());
          });
      return CsvImport.run(ds, sources, options);
    });
    long nanos = System.nanoTime() - start;
    if (result.inferredSchema() != null) {
      printSchema(result.inferredSchema(), out);
      if (saveSchema != null) {
        Files.writeString(saveSchema, result.inferredSchema().toJson() + System.lineSeparator());
        out.println("Saved the inferred schema to " + saveSchema.toAbsolutePath().normalize()
            + " (edit it and pass it back with --schema).");
      } else {
        out.println("(Save it with --save-schema FILE, edit it and pass it back with --schema.)");
      }
      out.println();
    }
    TextTable t = TextTable.of("__rrrr", "table", "file", "rows", "size", "rejected cells",
        "skipped rows");
    long bytes = 0;
    for (TableResult tr : result.tables()) {
      bytes += tr.bytesRead();
      t.add(tr.table(), tr.file(), Units.count(tr.rows()), Units.bytes(tr.bytesRead()),
          Units.count(tr.rejectedCells()), Units.count(tr.rejectedRows()));
    }
    t.print(out, false);
    for (TableResult tr : result.tables()) {
      if (!tr.ignoredColumns().isEmpty()) {
        out.println("Note: " + tr.file() + ": columns not in the schema were not imported: "
            + String.join(", ", tr.ignoredColumns()));
      }
      if (!tr.missingColumns().isEmpty()) {
        out.println("Note: " + tr.file() + ": optional fields absent from the CSV are all NULL: "
            + String.join(", ", tr.missingColumns()));
      }
    }
    out.println("Imported " + Units.count(result.rows()) + " rows, " + Units.bytes(bytes)
        + " in " + Units.seconds(nanos) + " (" + Units.rate(result.rows(), nanos) + " rows/s), "
        + Units.count(result.rejected()) + " rejected; committed version "
        + result.version().id() + " of " + dir + ".");
    if (lenient && result.rejected() > 0) {
      out.println(rejectReport != null
          ? "Rejected cells are listed in " + rejectReport.toAbsolutePath().normalize() + "."
          : "Rejected cells were stored as NULL (list them with --reject-report FILE).");
    }
    return ExitCodes.OK;
  }

  /** Copies dataframes of an ExeTera file: the --from-exetera form. */
  private int fromExetera() {
    if (!tables.isEmpty()) {
      throw new ParameterException(spec.commandLine(),
          "--from-exetera imports an HDF5 file; CSV files cannot be given with it: "
              + String.join(" ", tables));
    }
    for (String option : new String[] {"--schema", "--lenient", "--reject-report",
        "--save-schema", "--sample-rows"}) {
      if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
        throw new ParameterException(spec.commandLine(),
            option + " applies to CSV files, not to --from-exetera");
      }
    }
    Path file = exetera.toAbsolutePath().normalize();
    Path dir = dataset.toAbsolutePath().normalize();
    PrintWriter out = streams.outWriter();
    long start = System.nanoTime();
    List<String> warnings = new ArrayList<>();
    DataFrameCopy.Result result = intoDataset(dir, " values", 1, (ds, progress) -> {
      try (ExeteraDataset source = ExeteraFiles.open(file);
           Snapshot snap = source.snapshot()) {
        warnings.addAll(source.warnings());
        DataFrameCopy.Options options = DataFrameCopy.Options.defaults()
            .withDataFrames(dataFrames)
            .withReplaceExisting(replace)
            .withMessage(message != null ? message : "import " + file.getFileName())
            .withListener(p -> {
              progress.note(p.dataFrame() + " (" + (p.dataFrameIndex() + 1) + "/"
                  + p.dataFrameCount() + ")" + (p.field().isEmpty() ? "" : ": " + p.field()));
              progress.maxHint(p.totalValues());
              progress.stepTo(p.valuesCopied());
            });
        return DataFrameCopy.run(snap, ds, options);
      }
    });
    long nanos = System.nanoTime() - start;
    TextTable t = TextTable.of("_rr", "table", "rows", "fields");
    for (DataFrameCopy.Copied c : result.dataFrames()) {
      t.add(c.dataFrame(), Units.count(c.rows()), c.fields());
    }
    t.print(out, false);
    for (String w : warnings) {
      out.println("Note: " + w);
    }
    out.println("Imported " + Units.count(result.rows()) + " rows from " + file + " in "
        + Units.seconds(nanos) + " (" + Units.rate(result.rows(), nanos) + " rows/s);"
        + " committed version " + result.version().id() + " of " + dir + ".");
    return ExitCodes.OK;
  }

  private List<CsvSource> sources() {
    List<CsvSource> sources = new ArrayList<>();
    for (String t : tables) {
      int eq = t.indexOf('=');
      String table;
      Path file;
      if (eq < 0) {
        file = Path.of(t);
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        table = dot > 0 ? name.substring(0, dot) : name;
      } else {
        table = t.substring(0, eq);
        file = Path.of(t.substring(eq + 1));
      }
      if (table.isEmpty() || file.toString().isEmpty()) {
        throw new ParameterException(spec.commandLine(),
            "'" + t + "' is not TABLE=FILE.csv (or FILE.csv)");
      }
      sources.add(new CsvSource(table, file));
    }
    return sources;
  }

  private static void printSchema(ImportSchema schema, PrintWriter out) {
    out.println("Inferred schema:");
    for (TableSchema ts : schema.tables()) {
      TextTable t = TextTable.of("", "field", "type", "sql type");
      for (ColumnSchema c : ts.columns()) {
        t.add(c.name(), InfoCommand.exeteraType(c.type()), InfoCommand.sqlType(c.type()));
      }
      out.println(ts.name() + ":");
      t.print(out, false);
    }
  }

  /**
   * Opens (or creates) the dataset at {@code dir} and runs {@code write} on it with a progress
   * bar; when the write fails, removes the dataset this command created.
   */
  private <R> R intoDataset(Path dir, String unit, long unitSize,
      BiFunction<Dataset, Progress, R> write) {
    boolean existed = Files.exists(dir);
    boolean wasEmpty = existed && DatasetPaths.isEmptyDirectory(dir);
    boolean ok = false;
    try {
      R result;
      try (Dataset ds = DatasetPaths.openOrCreate(dir);
           Progress progress = Progress.start(streams, "import", -1, unit, unitSize)) {
        result = write.apply(ds, progress);
      }
      ok = true;
      return result;
    } finally {
      if (!ok && (!existed || wasEmpty)) {
        deleteCreated(dir, existed);
      }
    }
  }

  /**
   * Removes the empty dataset this command created for an import that then failed, and the
   * directory too unless it was there before.
   */
  private static void deleteCreated(Path dir, boolean keepDirectory) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        if (!(keepDirectory && p.equals(dir))) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      // Best effort: the dataset holds no committed version, so what is left is harmless.
    }
  }
}
