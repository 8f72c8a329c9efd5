package org.curata.bench;

import java.util.List;
import java.util.Objects;

/**
 * A benchmark table: its name and columns in CSV order.
 *
 * @param name the table name (CSV file stem, SQL table, Curata dataframe)
 * @param columns the columns, in CSV order
 */
record TableDef(String name, List<Column> columns) {
  TableDef {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
  }

  /** The position of a column, or -1. */
  int indexOf(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    return -1;
  }

  /** The CSV header line, without the newline. */
  String header() {
    StringBuilder b = new StringBuilder();
    for (Column c : columns) {
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(c.name());
    }
    return b.toString();
  }
}
