package org.curata.storage;

import java.util.List;

/**
 * Appends rows to a dataframe within a {@link Transaction}, column by column: each row appends
 * exactly one value (or NULL) to every field. The commit checks that all fields have equal length.
 */
public interface DataFrameAppender {
  /** The dataframe's name. */
  String name();

  /** The fields, in declaration order. */
  List<FieldSpec> fields();

  /** The appender of the i-th field. */
  FieldAppender field(int index);

  /** The appender of a field by name. */
  FieldAppender field(String name);
}
