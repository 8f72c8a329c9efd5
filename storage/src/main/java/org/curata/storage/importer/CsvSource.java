package org.curata.storage.importer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One CSV file to import and the table (dataframe) it becomes.
 *
 * @param table the dataframe name (and, with a schema, the schema's table name)
 * @param file the CSV file: UTF-8 (a BOM is skipped), a header line, RFC 4180 quoting
 */
public record CsvSource(String table, Path file) {
  public CsvSource {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(file, "file");
  }
}
