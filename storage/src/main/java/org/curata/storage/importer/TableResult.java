package org.curata.storage.importer;

import java.nio.file.Path;
import java.util.List;

/**
 * What the import did with one CSV file.
 *
 * @param table the dataframe written
 * @param file the CSV file read
 * @param rows data rows written
 * @param bytesRead bytes of the file read (its size)
 * @param rejectedCells bad values stored as NULL (lenient mode)
 * @param rejectedRows rows skipped for a wrong number of cells (lenient mode)
 * @param ignoredColumns CSV columns not in the schema and not imported
 * @param missingColumns optional schema fields absent from the CSV header (imported as all NULL)
 */
public record TableResult(String table, Path file, long rows, long bytesRead, long rejectedCells,
    long rejectedRows, List<String> ignoredColumns, List<String> missingColumns) {
  public TableResult {
    ignoredColumns = List.copyOf(ignoredColumns);
    missingColumns = List.copyOf(missingColumns);
  }
}
