package org.curata.bench;

import java.util.List;
import java.util.Objects;

/**
 * One column of a benchmark table.
 *
 * @param name the column name (CSV header, SQL name and Curata field name)
 * @param type what it holds
 * @param labels for categoricals, the label of each code in code order; empty otherwise
 */
record Column(String name, ColumnType type, List<String> labels) {
  Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    labels = List.copyOf(labels);
  }

  /** A column that is not categorical. */
  static Column of(String name, ColumnType type) {
    return new Column(name, type, List.of());
  }

  /** A categorical column. */
  static Column categorical(String name, ColumnType type, List<String> labels) {
    return new Column(name, type, labels);
  }
}
