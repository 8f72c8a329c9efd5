package org.curata.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.curata.storage.CategoricalKey;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.OpenOptions;
import org.curata.storage.Transaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DatabaseMetaData: the shapes the JDBC specification gives and Curata's types in them. */
final class MetaDataTest {
  @TempDir
  Path tmp;

  private String url;

  @BeforeEach
  void dataset() throws SQLException {
    Path dir = tmp.resolve("ds");
    url = "jdbc:curata:" + dir;
    try (Connection c = DriverManager.getConnection(url + ";create=true");
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE people (id BIGINT NOT NULL, name VARCHAR(20), code CHAR(3),"
          + " bmi REAL, born DATE, seen TIMESTAMP, ok BOOLEAN, PRIMARY KEY (id))");
    }
    try (Dataset ds = Datasets.open(dir, OpenOptions.defaults());
        Transaction tx = ds.beginWrite("categorical fixture")) {
      CategoricalKey key = new CategoricalKey(FieldKind.INT8, Map.of(0L, "female", 1L, "male"));
      DataFrameAppender a = tx.createDataFrame("cats",
          List.of(new FieldSpec("sex", FieldType.categorical(key), false),
              FieldSpec.of("n", FieldType.of(FieldKind.INT16))),
          List.of(), List.of());
      a.field(0).appendLong(1);
      a.field(1).appendLong(5);
      a.field(0).appendLong(0);
      a.field(1).appendNull();
      tx.commit();
    }
  }

  private static List<String> labels(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      out.add(md.getColumnLabel(i));
    }
    return out;
  }

  @Test
  void schemas() throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        ResultSet rs = c.getMetaData().getSchemas()) {
      assertEquals(List.of("TABLE_SCHEM", "TABLE_CATALOG"), labels(rs));
      List<String> names = new ArrayList<>();
      while (rs.next()) {
        names.add(rs.getString("TABLE_SCHEM"));
      }
      assertTrue(names.contains("main"), names.toString());
    }
  }

  @Test
  void tables() throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        ResultSet rs = c.getMetaData().getTables(null, "main", "%", null)) {
      assertEquals(List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS",
          "TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "SELF_REFERENCING_COL_NAME", "REF_GENERATION"),
          labels(rs));
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME") + ":"
            + rs.getString("TABLE_TYPE"));
      }
      assertEquals(List.of("main.cats:TABLE", "main.people:TABLE"), rows);
    }
  }

  @Test
  void columns() throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        ResultSet rs = c.getMetaData().getColumns(null, "main", "people", "%")) {
      assertEquals(List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE",
          "TYPE_NAME", "COLUMN_SIZE", "BUFFER_LENGTH", "DECIMAL_DIGITS", "NUM_PREC_RADIX",
          "NULLABLE", "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE", "SQL_DATETIME_SUB",
          "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE", "SCOPE_CATALOG",
          "SCOPE_SCHEMA", "SCOPE_TABLE", "SOURCE_DATA_TYPE", "IS_AUTOINCREMENT",
          "IS_GENERATEDCOLUMN"), labels(rs));
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString("COLUMN_NAME") + " " + rs.getInt("DATA_TYPE") + " "
            + rs.getString("TYPE_NAME") + " size=" + rs.getObject("COLUMN_SIZE")
            + " digits=" + rs.getObject("DECIMAL_DIGITS")
            + " radix=" + rs.getObject("NUM_PREC_RADIX")
            + " nullable=" + rs.getInt("NULLABLE") + "/" + rs.getString("IS_NULLABLE")
            + " octets=" + rs.getObject("CHAR_OCTET_LENGTH")
            + " pos=" + rs.getInt("ORDINAL_POSITION")
            + " auto=" + rs.getString("IS_AUTOINCREMENT")
            + " gen=" + rs.getString("IS_GENERATEDCOLUMN"));
      }
      assertEquals(List.of(
          "id " + Types.BIGINT + " BIGINT size=19 digits=0 radix=10 nullable=0/NO octets=null"
              + " pos=1 auto=NO gen=NO",
          "name " + Types.VARCHAR + " VARCHAR size=" + Integer.MAX_VALUE + " digits=null"
              + " radix=null nullable=1/YES octets=" + Integer.MAX_VALUE
              + " pos=2 auto=NO gen=NO",
          "code " + Types.VARCHAR + " VARCHAR size=3 digits=null radix=null nullable=1/YES"
              + " octets=12 pos=3 auto=NO gen=NO",
          "bmi " + Types.REAL + " REAL size=7 digits=null radix=10 nullable=1/YES octets=null"
              + " pos=4 auto=NO gen=NO",
          "born " + Types.DATE + " DATE size=10 digits=null radix=null nullable=1/YES"
              + " octets=null pos=5 auto=NO gen=NO",
          "seen " + Types.TIMESTAMP + " TIMESTAMP size=23 digits=3 radix=null nullable=1/YES"
              + " octets=null pos=6 auto=NO gen=NO",
          "ok " + Types.BOOLEAN + " BOOLEAN size=1 digits=null radix=null nullable=1/YES"
              + " octets=null pos=7 auto=NO gen=NO"), rows);
    }
  }

  @Test
  void categoricalIsVarcharAndReadsAsLabels() throws Exception {
    try (Connection c = DriverManager.getConnection(url)) {
      try (ResultSet rs = c.getMetaData().getColumns(null, "main", "cats", null)) {
        assertTrue(rs.next());
        assertEquals("sex", rs.getString("COLUMN_NAME"));
        assertEquals(Types.VARCHAR, rs.getInt("DATA_TYPE"));
        assertEquals("VARCHAR", rs.getString("TYPE_NAME"));
        assertEquals(DatabaseMetaData.columnNullable, rs.getInt("NULLABLE"));
        assertTrue(rs.next());
        assertEquals("n", rs.getString("COLUMN_NAME"));
        assertEquals(Types.SMALLINT, rs.getInt("DATA_TYPE"));
        assertEquals(5, rs.getInt("COLUMN_SIZE"));
        assertFalse(rs.next());
      }
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT sex, n FROM cats WHERE sex = 'male'")) {
        assertTrue(rs.next());
        assertEquals("male", rs.getString(1));
        assertEquals(5, rs.getShort(2));
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void typeInfo() throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        ResultSet rs = c.getMetaData().getTypeInfo()) {
      assertEquals(List.of("TYPE_NAME", "DATA_TYPE", "PRECISION", "LITERAL_PREFIX",
          "LITERAL_SUFFIX", "CREATE_PARAMS", "NULLABLE", "CASE_SENSITIVE", "SEARCHABLE",
          "UNSIGNED_ATTRIBUTE", "FIXED_PREC_SCALE", "AUTO_INCREMENT", "LOCAL_TYPE_NAME",
          "MINIMUM_SCALE", "MAXIMUM_SCALE", "SQL_DATA_TYPE", "SQL_DATETIME_SUB",
          "NUM_PREC_RADIX"), labels(rs));
      ResultSetMetaData md = rs.getMetaData();
      assertEquals(Types.INTEGER, md.getColumnType(2));
      assertEquals(Types.SMALLINT, md.getColumnType(7));
      assertEquals(Types.BOOLEAN, md.getColumnType(8));
      List<String> names = new ArrayList<>();
      int previous = Integer.MIN_VALUE;
      while (rs.next()) {
        names.add(rs.getString("TYPE_NAME") + ":" + rs.getString("LOCAL_TYPE_NAME"));
        assertTrue(rs.getInt("DATA_TYPE") >= previous, "ordered by DATA_TYPE");
        previous = rs.getInt("DATA_TYPE");
        assertEquals(DatabaseMetaData.typeNullable, rs.getShort("NULLABLE"));
        assertFalse(rs.getBoolean("UNSIGNED_ATTRIBUTE"));
        rs.getInt("SQL_DATA_TYPE");
        assertTrue(rs.wasNull());
      }
      assertEquals(List.of("TINYINT:int8", "BIGINT:int64", "CHAR:fixed_string",
          "INTEGER:int32", "SMALLINT:int16", "FLOAT:float64", "REAL:float32", "DOUBLE:float64",
          "VARCHAR:string", "BOOLEAN:bool", "DATE:date", "TIMESTAMP:timestamp"), names);
    }
  }

  @Test
  void typeInfoStatementClosesWithItsResultSet() throws Exception {
    try (Connection c = DriverManager.getConnection(url)) {
      ResultSet rs = c.getMetaData().getTypeInfo();
      Statement st = rs.getStatement();
      rs.close();
      assertTrue(st.isClosed());
      assertNull(c.getWarnings());
    }
  }
}
