package org.curata.storage;

import java.util.List;
import java.util.Optional;

/** A table of fields with a common row count, as of a pinned version. */
public interface DataFrame {
  /** The dataframe's name. */
  String name();

  /** Rows in the dataframe. */
  long rowCount();

  /** The fields, in declaration order. */
  List<Field> fields();

  /** A field by exact name. */
  Optional<Field> field(String name);

  /** Fields the rows are declared sorted by (ascending, NULLs first), or empty. */
  List<String> sortKeys();

  /** Fields declared as the primary key, or empty. */
  List<String> primaryKeys();
}
