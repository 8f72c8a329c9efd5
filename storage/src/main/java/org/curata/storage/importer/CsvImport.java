package org.curata.storage.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.curata.storage.CurataException;
import org.curata.storage.Dataset;
import org.curata.storage.ErrorCode;
import org.curata.storage.Snapshot;
import org.curata.storage.Transaction;
import org.curata.storage.VersionInfo;

/**
 * Imports CSV files into new dataframes of a dataset, all in one transaction: one new version
 * when every file was read, nothing at all otherwise. What {@code curata import} runs.
 *
 * <p>Files are streamed (memory stays bounded whatever their size: the storage appenders buffer
 * one block per field). Cells are parsed as ExeTera parses them; see {@link ImportSchema}, the
 * Column classes and {@link ValidationMode} for the rules and Curata's differences (NULLs instead of
 * flag fields).
 */
public final class CsvImport {
  private CsvImport() {
  }

  /**
   * Imports the files; each becomes a new dataframe named after its table.
   *
   * @return the committed version and what was read
   * @throws CurataException INVALID_INPUT naming file, line, field and value for a bad value
   *     (strict mode), a malformed row, a bad header or schema; NOT_FOUND for a missing file;
   *     ALREADY_EXISTS for an existing dataframe (unless replaceExisting); IO for read failures.
   *     Nothing is committed then.
   */
  public static ImportResult run(Dataset dataset, List<CsvSource> sources, ImportOptions options) {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(options, "options");
    if (sources.isEmpty()) {
      throw new CurataException(ErrorCode.INVALID_INPUT, "nothing to import: give at least one table and CSV file");
    }
    Set<String> names = new HashSet<>();
    long allBytes = 0;
    for (CsvSource s : sources) {
      if (!names.add(s.table())) {
        throw new CurataException(ErrorCode.INVALID_INPUT, "table '" + s.table() + "' is imported twice");
      }
      if (options.schema() != null && options.schema().table(s.table()).isEmpty()) {
        throw new CurataException(ErrorCode.INVALID_INPUT, "table '" + s.table() + "' is not in the schema; its tables are "
            + options.schema().tables().stream().map(TableSchema::name).collect(Collectors.toList()));
      }
      if (!Files.isRegularFile(s.file())) {
        throw new CurataException(ErrorCode.NOT_FOUND, "CSV file " + s.file() + " (table '" + s.table()
            + "') does not exist or is not a file");
      }
      try {
        allBytes += Files.size(s.file());
      } catch (IOException e) {
        throw new CurataException(ErrorCode.IO, "cannot read " + s.file() + ": " + e.getMessage(), e);
      }
    }
    String message = options.message() != null ? options.message()
        : "import " + sources.stream().map(CsvSource::table).collect(Collectors.joining(", "));
    TableImport.Progress progress = new TableImport.Progress(options.listener(), sources.size(), allBytes);
    List<TableResult> results = new ArrayList<>();
    List<TableSchema> inferred = new ArrayList<>();
    try (RejectReport report = new RejectReport(options.lenient() ? options.rejectReport() : null);
         Transaction tx = dataset.beginWrite(message)) {
      if (options.replaceExisting()) {
        try (Snapshot snap = dataset.snapshot()) {
          for (CsvSource s : sources) {
            if (snap.dataFrame(s.table()).isPresent()) {
              tx.dropDataFrame(s.table());
            }
          }
        }
      }
      for (int i = 0; i < sources.size(); i++) {
        CsvSource s = sources.get(i);
        TableSchema schema = options.schema() == null ? null : options.schema().table(s.table()).orElseThrow();
        results.add(new TableImport(s, options, report, progress).run(tx, schema, i, inferred));
      }
      VersionInfo version = tx.commit();
      return new ImportResult(version, results, options.schema() == null ? new ImportSchema(inferred) : null);
    }
  }
}
