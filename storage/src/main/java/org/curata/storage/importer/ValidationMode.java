package org.curata.storage.importer;

/**
 * ExeTera's {@code validation_mode} of a numeric field: which cells are bad values. Curata stores
 * NULL where ExeTera stores {@code invalid_value} and a false flag field.
 */
public enum ValidationMode {
  /** An empty cell and an unparsable cell are both bad values. */
  STRICT,
  /** An empty cell is NULL; an unparsable cell is a bad value (ExeTera's default). */
  ALLOW_EMPTY,
  /** An empty or unparsable cell is NULL, silently. */
  RELAXED;

  /** The schema-file spelling. */
  public String exeteraName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
