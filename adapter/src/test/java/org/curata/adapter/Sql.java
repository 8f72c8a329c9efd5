package org.curata.adapter;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.curata.storage.Dataset;

/** Test helper: a Calcite connection with a dataset registered as schema "main". */
final class Sql implements AutoCloseable {
  final Connection connection;
  final CurataSchema schema;

  Sql(Dataset dataset, int batchSize) throws SQLException {
    this(dataset, org.curata.adapter.exec.ExecOptions.defaults().withBatchSize(batchSize));
  }

  Sql(Dataset dataset, org.curata.adapter.exec.ExecOptions options) throws SQLException {
    schema = new CurataSchema(dataset, options);
    connection = ParitySupport.connection(schema);
  }

  /** Rows as strings, columns joined by ", " (JDBC getObject's toString, "null" for NULL). */
  List<String> rows(String sql) throws SQLException {
    return ParitySupport.rows(connection, sql);
  }

  /** The single value of a one-row one-column query, as a string. */
  String value(String sql) throws SQLException {
    List<String> r = rows(sql);
    if (r.size() != 1) {
      throw new AssertionError("expected one row from " + sql + ", got " + r);
    }
    return r.get(0);
  }

  String explain(String sql) throws SQLException {
    return String.join("\n", rows("EXPLAIN PLAN FOR " + sql));
  }

  int update(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      return s.executeUpdate(sql);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
    schema.close();
  }
}
