package org.curata.bench;

/** The kinds of column in the benchmark tables, and how each engine declares them. */
enum ColumnType {
  /** 32 lower-case hex characters. */
  ID("VARCHAR"),
  /** Milliseconds since 1970 UTC, written {@code yyyy-MM-dd HH:mm:ss.SSS}. */
  TIMESTAMP("TIMESTAMP"),
  /** A 32-bit integer. */
  INT32("INTEGER"),
  /** A small integer (the symptom flags, 0/1). */
  INT8("TINYINT"),
  /** A categorical written as its integer code ("0".."3"). */
  CATEGORY_CODE("TINYINT"),
  /** A categorical written as its label ("GB", "US", ...). */
  CATEGORY_LABEL("VARCHAR"),
  /** A double written with a fixed number of decimals. */
  FLOAT64("DOUBLE"),
  /** A boolean written {@code true} / {@code false}. */
  BOOL("BOOLEAN");

  private final String duckDbType;

  ColumnType(String duckDbType) {
    this.duckDbType = duckDbType;
  }

  /** The DuckDB type the column is created and read as. */
  String duckDbType() {
    return duckDbType;
  }
}
