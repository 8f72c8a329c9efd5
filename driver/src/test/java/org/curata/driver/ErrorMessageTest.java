package org.curata.driver;

import static org.curata.driver.DriverSqlTest.assertState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Common mistakes give a SQLState by the SQL standard and a message naming object and value. */
final class ErrorMessageTest {
  @TempDir
  Path tmp;

  private Connection create() throws SQLException {
    return DriverManager.getConnection("jdbc:curata:" + tmp.resolve("ds") + ";create=true");
  }

  @Test
  void aStringThatIsNotANumberNamesColumnValueAndType() throws Exception {
    try (Connection c = create(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (a INTEGER, b VARCHAR, d DATE, x DOUBLE)");
      assertState("22018", "cannot convert value [abc] to INTEGER for column 'a' of table 't'",
          st, "INSERT INTO t VALUES ('abc', 'x', NULL, NULL)");
      assertState("22018", "cannot convert value [2.5x] to DOUBLE for column 'x' of table 't'",
          st, "INSERT INTO t (b, x) VALUES ('y', '1.5'), ('z', '2.5x')");
      assertState("22018", "cannot convert value [yesterday] to DATE for column 'd' of table 't'",
          st, "INSERT INTO t (d) VALUES ('yesterday')");
      assertEquals(1, st.executeUpdate("INSERT INTO t VALUES (' 7 ', 'q', '2020-03-01', '0.5')"));
      assertState("22018", "cannot convert value [q] to INTEGER for column 'a' of table 't'",
          st, "INSERT INTO t (a) SELECT b FROM t");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (b, a) VALUES (?, ?)")) {
        ps.setString(1, "p");
        ps.setString(2, "seven");
        SQLException e = assertThrows(SQLException.class, ps::executeUpdate);
        assertEquals("22018", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("was set with setString"), e.getMessage());
      }
      try (ResultSet rs = st.executeQuery("SELECT a, b, d, x FROM t")) {
        assertTrue(rs.next());
        assertEquals(7, rs.getInt(1));
        assertEquals("2020-03-01", rs.getString(3));
        assertEquals(0.5, rs.getDouble(4));
        assertFalse(rs.next());
      }
      assertQueryState("22018", "cannot convert value [q] to a number", st,
          "SELECT CAST(b AS INTEGER) FROM t");
    }
  }

  @Test
  void syntaxErrorsPointAtTheWord() throws Exception {
    try (Connection c = create(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (a INTEGER, b VARCHAR)");
      assertState("42000", "syntax error at or near \"SELEC\" at line 1, column 1", st,
          "SELEC a FROM t");
      assertState("42000", "syntax error at or near \"INSRT\" at line 2, column 3", st,
          "\n  INSRT INTO t VALUES (1, 'x')");
      assertState("42000", "Incorrect syntax near the keyword 'FROM' at line 1, column 11", st,
          "SELECT a, FROM t");
    }
  }

  @Test
  void functionsArgumentsAndDivisionByZero() throws Exception {
    try (Connection c = create(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (a INTEGER, b VARCHAR, d DATE)");
      st.execute("INSERT INTO t VALUES (1, 'x', DATE '2020-01-01')");
      assertState("42000", "unknown function 'nope' with arguments (<NUMERIC>)", st,
          "SELECT nope(a) FROM t");
      assertState("42000", "Cannot apply '+' to arguments of type '<INTEGER> + <DATE>'", st,
          "SELECT a + d FROM t");
      assertQueryState("22012", "division by zero", st, "SELECT a / 0 FROM t");
      assertQueryState("22012", "division by zero", st, "SELECT 1 / 0 FROM t");
      assertQueryState("22012", "division by zero", st, "SELECT a / (a - 1) FROM t");
      assertQueryState("22012", "division by zero", st, "SELECT MOD(a, 0) FROM t");
    }
  }

  /** The query fails, when it is executed or while its rows are read. */
  private static void assertQueryState(String state, String messagePart, Statement st,
      String sql) {
    SQLException e = assertThrows(SQLException.class, () -> {
      try (ResultSet rs = st.executeQuery(sql)) {
        while (rs.next()) {
          rs.getObject(1);
        }
      }
    }, sql);
    assertEquals(state, e.getSQLState(), sql + ": " + e.getMessage());
    assertTrue(e.getMessage().contains(messagePart), sql + ": " + e.getMessage());
  }
}
