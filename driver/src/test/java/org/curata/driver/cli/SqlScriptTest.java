package org.curata.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests of splitting SQL text into statements. */
final class SqlScriptTest {
  @Test
  void splitsAtSemicolonsOutsideQuotesAndComments() {
    List<SqlScript> s = SqlScript.split(""
        + "SELECT 'a;b' AS \"x;y\" FROM t; -- one; two\n"
        + "\n"
        + "/* c; d */ SELECT 2;\n"
        + "SELECT 'it''s';;\n"
        + "  -- only a comment; here\n");
    assertEquals(List.of(
        new SqlScript("SELECT 'a;b' AS \"x;y\" FROM t", 1),
        new SqlScript("-- one; two\n\n/* c; d */ SELECT 2", 3),
        new SqlScript("SELECT 'it''s'", 4)), s);
  }

  @Test
  void aLastStatementNeedsNoSemicolon() {
    assertEquals(List.of(new SqlScript("SELECT 1", 1)), SqlScript.split("SELECT 1"));
    assertEquals(List.of(), SqlScript.split("  \n -- nothing\n"));
  }

  @Test
  void multiLineStatementsStartOnTheirFirstLine() {
    List<SqlScript> s = SqlScript.split("SELECT 1;\n\nSELECT\n  2;\nSELECT '\n'; SELECT 4");
    assertEquals(List.of(1, 3, 5, 6), s.stream().map(SqlScript::line).toList());
  }
}
