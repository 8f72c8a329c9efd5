package org.curata.storage.importer;

import java.nio.file.Path;
import java.util.Objects;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;

/**
 * How to import.
 *
 * @param schema the ExeTera import schema, or null to infer the types from a sample of rows
 * @param lenient false (default): the first bad value fails the import and nothing is committed;
 *     true: a bad value is stored as NULL, a row with the wrong number of cells is skipped, and
 *     each is counted and written to the reject report
 * @param rejectReport where lenient mode writes the rejected cells (CSV with the header
 *     {@code file,line,field,value,reason}), or null for none
 * @param listener receives progress (never null; {@link ImportProgressListener#NONE})
 * @param sampleRows rows read to infer types when there is no schema
 * @param keepUnknownColumns true (default): CSV columns that the schema does not name are
 *     imported as strings, as ExeTera does, so nothing in the file is lost; false: they are
 *     ignored and listed in the result
 * @param replaceExisting drop a dataframe of the same name first (in the same transaction)
 * @param message the commit message, or null for "import <tables>"
 */
public record ImportOptions(ImportSchema schema, boolean lenient, Path rejectReport,
    ImportProgressListener listener, int sampleRows, boolean keepUnknownColumns,
    boolean replaceExisting, String message) {

  /** Rows read to infer types unless told otherwise. */
  public static final int DEFAULT_SAMPLE_ROWS = 10_000;

  public ImportOptions {
    Objects.requireNonNull(listener, "listener");
    if (sampleRows < 1) {
      throw new CurataException(ErrorCode.INVALID_INPUT, "the sample for type inference needs at least 1 row, got "
          + sampleRows);
    }
  }

  /** Strict, no schema (inferred types), no report, no progress, unknown columns kept. */
  public static ImportOptions defaults() {
    return new ImportOptions(null, false, null, ImportProgressListener.NONE, DEFAULT_SAMPLE_ROWS,
        true, false, null);
  }

  /** The same options with a schema (null to infer). */
  public ImportOptions withSchema(ImportSchema s) {
    return new ImportOptions(s, lenient, rejectReport, listener, sampleRows, keepUnknownColumns, replaceExisting, message);
  }

  /** The same options, lenient or strict. */
  public ImportOptions withLenient(boolean l) {
    return new ImportOptions(schema, l, rejectReport, listener, sampleRows, keepUnknownColumns, replaceExisting, message);
  }

  /** The same options with a reject report file (null for none). */
  public ImportOptions withRejectReport(Path p) {
    return new ImportOptions(schema, lenient, p, listener, sampleRows, keepUnknownColumns, replaceExisting, message);
  }

  /** The same options with a progress listener. */
  public ImportOptions withListener(ImportProgressListener l) {
    return new ImportOptions(schema, lenient, rejectReport, l, sampleRows, keepUnknownColumns, replaceExisting, message);
  }

  /** The same options with another inference sample size. */
  public ImportOptions withSampleRows(int n) {
    return new ImportOptions(schema, lenient, rejectReport, listener, n, keepUnknownColumns, replaceExisting, message);
  }

  /** The same options, keeping or ignoring columns the schema does not name. */
  public ImportOptions withKeepUnknownColumns(boolean k) {
    return new ImportOptions(schema, lenient, rejectReport, listener, sampleRows, k, replaceExisting, message);
  }

  /** The same options, replacing existing dataframes or not. */
  public ImportOptions withReplaceExisting(boolean r) {
    return new ImportOptions(schema, lenient, rejectReport, listener, sampleRows, keepUnknownColumns, r, message);
  }

  /** The same options with a commit message. */
  public ImportOptions withMessage(String m) {
    return new ImportOptions(schema, lenient, rejectReport, listener, sampleRows, keepUnknownColumns, replaceExisting, m);
  }
}
