package org.curata.storage.importer;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The import schema of one table (one CSV file): its columns and primary key.
 *
 * @param name the table (dataframe) name
 * @param columns the columns, in schema order
 * @param primaryKeys the fields declared as the primary key, or empty
 */
public record TableSchema(String name, List<ColumnSchema> columns, List<String> primaryKeys) {
  public TableSchema {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    primaryKeys = List.copyOf(primaryKeys);
  }

  /** A column by exact name. */
  public Optional<ColumnSchema> column(String columnName) {
    for (ColumnSchema c : columns) {
      if (c.name().equals(columnName)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
