package org.curata.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Result sets are the driver's own delegating class: statements, unwrap and errors. */
final class ResultSetWrapperTest {
  @TempDir
  Path tmp;

  @Test
  void resultSetsKnowTheirStatementAndUnwrap() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:curata:" + tmp.resolve("ds")
        + ";create=true"); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (a INTEGER, b VARCHAR)");
      st.execute("INSERT INTO t VALUES (1, 'x'), (0, 'y')");
      try (ResultSet rs = st.executeQuery("SELECT a, b FROM t ORDER BY a")) {
        assertInstanceOf(CurataResultSet.class, rs);
        assertSame(st, rs.getStatement());
        assertSame(rs, st.getResultSet());
        assertTrue(rs.isWrapperFor(AvaticaResultSet.class));
        assertInstanceOf(AvaticaResultSet.class, rs.unwrap(AvaticaResultSet.class));
        assertSame(rs, rs.unwrap(ResultSet.class));
        assertTrue(rs.next());
        assertEquals("y", rs.getString("B"));
        SQLException e = assertThrows(SQLException.class, () -> rs.getString("nope"));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT 10 / a FROM t WHERE b = ?")) {
        ps.setString(1, "y");
        try (ResultSet rs = ps.executeQuery()) {
          assertSame(ps, rs.getStatement());
          SQLException e = assertThrows(SQLException.class, rs::next);
          assertEquals(SqlErrors.DIVISION_BY_ZERO, e.getSQLState(), e.getMessage());
        }
      }
      try (ResultSet rs = c.getMetaData().getTables(null, "main", "t", null)) {
        assertInstanceOf(CurataResultSet.class, rs);
        assertTrue(rs.next());
        assertEquals("t", rs.getString("TABLE_NAME"));
        assertNotNull(rs.getStatement());
        assertSame(c, rs.getStatement().getConnection());
      }
    }
  }
}
