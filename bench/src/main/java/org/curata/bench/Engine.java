package org.curata.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;

/** One of the engines compared: it loads the CSVs once, then hands out JDBC connections. */
interface Engine extends AutoCloseable {
  /** The engine's name in options and reports: curata, duckdb or calcite. */
  String name();

  /**
   * Imports (or loads) the data set.
   *
   * @param reuse keep an existing database from an earlier run instead of importing again
   */
  ImportResult prepare(BenchData data, boolean reuse, PrintStream log) throws Exception;

  /** A fresh connection on the prepared data, its default schema holding both tables. */
  Connection connect() throws SQLException;

  @Override
  void close() throws SQLException;
}
