package org.curata.driver;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;

/**
 * The answer to {@link DatabaseMetaData#getTypeInfo()}: the SQL types a Curata field can have
 * (Calcite's own answer lists every type Calcite knows). The result set is made by a VALUES
 * query, as pgjdbc answers its metadata with SQL, so that it is a real result set of this
 * connection with the 18 columns and types the JDBC specification gives.
 */
final class TypeInfo {
  /**
   * One row.
   *
   * @param name TYPE_NAME
   * @param jdbcType DATA_TYPE
   * @param precision PRECISION (maximum column size)
   * @param prefix LITERAL_PREFIX, or null
   * @param suffix LITERAL_SUFFIX, or null
   * @param createParams CREATE_PARAMS, or null
   * @param caseSensitive CASE_SENSITIVE
   * @param radix NUM_PREC_RADIX, or null
   * @param maxScale MAXIMUM_SCALE
   * @param curataType LOCAL_TYPE_NAME: the Curata field type stored
   */
  record Row(String name, int jdbcType, int precision, String prefix, String suffix,
      String createParams, boolean caseSensitive, Integer radix, int maxScale,
      String curataType) {
  }

  /** Curata's types, in DATA_TYPE order as the specification asks. */
  static final List<Row> ROWS = List.of(
      new Row("TINYINT", Types.TINYINT, 3, null, null, null, false, 10, 0, "int8"),
      new Row("BIGINT", Types.BIGINT, 19, null, null, null, false, 10, 0, "int64"),
      new Row("CHAR", Types.CHAR, Integer.MAX_VALUE, "'", "'", "length", true, null, 0,
          "fixed_string"),
      new Row("INTEGER", Types.INTEGER, 10, null, null, null, false, 10, 0, "int32"),
      new Row("SMALLINT", Types.SMALLINT, 5, null, null, null, false, 10, 0, "int16"),
      new Row("FLOAT", Types.FLOAT, 15, null, null, null, false, 10, 0, "float64"),
      new Row("REAL", Types.REAL, 7, null, null, null, false, 10, 0, "float32"),
      new Row("DOUBLE", Types.DOUBLE, 15, null, null, null, false, 10, 0, "float64"),
      new Row("VARCHAR", Types.VARCHAR, Integer.MAX_VALUE, "'", "'", "length", true, null, 0,
          "string"),
      new Row("BOOLEAN", Types.BOOLEAN, 1, null, null, null, false, null, 0, "bool"),
      new Row("DATE", Types.DATE, 10, "DATE '", "'", null, false, null, 0, "date"),
      new Row("TIMESTAMP", Types.TIMESTAMP, 23, "TIMESTAMP '", "'", null, false, null, 3,
          "timestamp"));

  private TypeInfo() {
  }

  /** Runs the query on the connection; the statement closes with the result set. */
  static ResultSet resultSet(Connection connection) throws SQLException {
    Statement st = connection.createStatement();
    try {
      ResultSet rs = st.executeQuery(sql());
      st.closeOnCompletion();
      return rs;
    } catch (SQLException | RuntimeException e) {
      st.close();
      throw e;
    }
  }

  /** The VALUES query. */
  static String sql() {
    StringBuilder b = new StringBuilder("SELECT * FROM (VALUES ");
    for (int i = 0; i < ROWS.size(); i++) {
      Row r = ROWS.get(i);
      b.append(i == 0 ? "\n(" : ",\n(")
          .append(str(r.name())).append(", ")
          .append(integer(r.jdbcType())).append(", ")
          .append(integer(r.precision())).append(", ")
          .append(str(r.prefix())).append(", ")
          .append(str(r.suffix())).append(", ")
          .append(str(r.createParams())).append(", ")
          .append(small(DatabaseMetaData.typeNullable)).append(", ")
          .append(r.caseSensitive()).append(", ")
          .append(small(DatabaseMetaData.typeSearchable)).append(", ")
          .append("FALSE, FALSE, FALSE, ")
          .append(str(r.curataType())).append(", ")
          .append(small(0)).append(", ")
          .append(small(r.maxScale())).append(", ")
          .append("CAST(NULL AS INTEGER), CAST(NULL AS INTEGER), ")
          .append(r.radix() == null ? "CAST(NULL AS INTEGER)" : integer(r.radix()))
          .append(')');
    }
    b.append(") AS t(\"TYPE_NAME\", \"DATA_TYPE\", \"PRECISION\", \"LITERAL_PREFIX\","
        + " \"LITERAL_SUFFIX\", \"CREATE_PARAMS\", \"NULLABLE\", \"CASE_SENSITIVE\","
        + " \"SEARCHABLE\", \"UNSIGNED_ATTRIBUTE\", \"FIXED_PREC_SCALE\", \"AUTO_INCREMENT\","
        + " \"LOCAL_TYPE_NAME\", \"MINIMUM_SCALE\", \"MAXIMUM_SCALE\", \"SQL_DATA_TYPE\","
        + " \"SQL_DATETIME_SUB\", \"NUM_PREC_RADIX\")");
    return b.toString();
  }

  private static String str(String s) {
    return s == null ? "CAST(NULL AS VARCHAR)" : "CAST('" + s.replace("'", "''") + "' AS VARCHAR)";
  }

  private static String integer(int n) {
    return "CAST(" + n + " AS INTEGER)";
  }

  private static String small(int n) {
    return "CAST(" + n + " AS SMALLINT)";
  }
}
