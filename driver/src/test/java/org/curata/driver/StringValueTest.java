package org.curata.driver;

import static org.curata.driver.DriverSqlTest.assertState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.importer.CsvImport;
import org.curata.storage.importer.CsvSource;
import org.curata.storage.importer.ImportOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** String literals are UTF-8 (no JVM-wide setting), and values longer than CHAR(n) fail. */
final class StringValueTest {
  private static final String BEIJING = "北京";
  private static final String EMOJI = "Sam 😀";

  @TempDir
  Path tmp;

  private Connection create() throws SQLException {
    return DriverManager.getConnection("jdbc:curata:" + tmp.resolve("ds") + ";create=true");
  }

  private static List<String> strings(Statement st, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void nonLatin1LiteralsAreInsertedAndCompared() throws Exception {
    Path csv = tmp.resolve("cities.csv");
    Files.writeString(csv, "name\n" + BEIJING + "\n" + EMOJI + "\nZürich\n", StandardCharsets.UTF_8);
    try (Connection c = create(); Statement st = c.createStatement()) {
      try (Dataset ds = Datasets.open(tmp.resolve("ds"))) {
        CsvImport.run(ds, List.of(new CsvSource("cities", csv)), ImportOptions.defaults());
      }
      st.execute("CREATE TABLE words (w VARCHAR, c CHAR(6))");
      assertEquals(2, st.executeUpdate("INSERT INTO words VALUES ('" + BEIJING + "', '京都'),"
          + " ('" + EMOJI + "', NULL)"));
      assertEquals(List.of(EMOJI, BEIJING), strings(st, "SELECT w FROM words ORDER BY w"));
      assertEquals(List.of("京都"), strings(st, "SELECT c FROM words WHERE w = '北京'"));
      assertEquals(List.of(EMOJI), strings(st, "SELECT w FROM words WHERE w = 'Sam 😀'"));
      assertEquals(List.of(BEIJING), strings(st, "SELECT name FROM cities WHERE name = '北京'"));
      assertEquals(List.of(EMOJI), strings(st, "SELECT name FROM cities WHERE name LIKE '%😀'"));
      // The inserted values equal the imported ones, and both equal a literal.
      assertEquals(List.of(EMOJI, BEIJING), strings(st, "SELECT w FROM words JOIN cities"
          + " ON w = name ORDER BY w"));
      assertEquals(List.of("2"), strings(st, "SELECT CAST(CHAR_LENGTH(w) AS VARCHAR)"
          + " FROM words WHERE w || '!' = '北京!'"));
      assertEquals(List.of("北京 😀"), strings(st, "SELECT '北京' || ' ' || '😀' FROM words"
          + " WHERE w = '北京'"));
      try (PreparedStatement ps = c.prepareStatement("SELECT w FROM words WHERE w = ?")) {
        ps.setString(1, EMOJI);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(EMOJI, rs.getString(1));
          assertFalse(rs.next());
        }
      }
      st.execute("CREATE TABLE copy AS SELECT w, 'ü' || w AS x FROM words WHERE w = '北京'");
      assertEquals(List.of("ü北京"), strings(st, "SELECT x FROM copy WHERE w = '北京'"));
    }
  }

  @Test
  void charValuesLongerThanTheColumnFail() throws Exception {
    try (Connection c = create(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE codes (id INTEGER, c CHAR(3))");
      assertState("22001", "value 'abcd' is too long for column 'c' of table 'codes' (CHAR(3)",
          st, "INSERT INTO codes VALUES (1, 'abcd')");
      assertState("22001", "column 'c' of table 'codes'", st,
          "INSERT INTO codes (c, id) VALUES ('ab', 1), ('abcdef', 2)");
      assertState("22001", "column 'c' of table 'codes'", st,
          "INSERT INTO codes SELECT 3, 'wxyz' FROM codes UNION ALL SELECT 3, 'wxyz'");
      assertEquals(List.of(), strings(st, "SELECT c FROM codes"));
      // CHAR(n) holds n bytes of UTF-8: two Chinese characters are 6 bytes.
      assertState("22001", "value '北京' is too long for column 'c' of table 'codes' (CHAR(3)", st,
          "INSERT INTO codes VALUES (1, '北京')");
      // Trailing spaces beyond the length are dropped, as the standard says; shorter values fit.
      assertEquals(3, st.executeUpdate("INSERT INTO codes VALUES (1, 'abc   '), (2, 'ab'),"
          + " (3, '北')"));
      assertEquals(List.of("abc", "ab", "北"), strings(st, "SELECT c FROM codes ORDER BY id"));
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO codes VALUES (?, ?)")) {
        ps.setInt(1, 9);
        ps.setString(2, "toolong");
        SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
            ps::executeUpdate);
        assertEquals("22001", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("column 'c' of table 'codes'"), e.getMessage());
      }
      assertEquals(List.of("abc", "ab", "北"), strings(st, "SELECT c FROM codes ORDER BY id"));
    }
  }
}
