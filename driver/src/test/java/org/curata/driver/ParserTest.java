package org.curata.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.ddl.SqlColumnDeclaration;
import org.apache.calcite.sql.ddl.SqlCreateTable;
import org.apache.calcite.sql.ddl.SqlDropTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

/** The generated parser (fmpp + JavaCC from calcite-core's template) on this JDK. */
final class ParserTest {
  private static SqlNode parse(String sql) throws SqlParseException {
    return SqlParser.create(sql, SqlParser.config()
        .withParserFactory(CurataDdlExecutor.PARSER_FACTORY)).parseStmt();
  }

  @Test
  void createTableWithColumnsAndKey() throws Exception {
    SqlCreateTable t = assertInstanceOf(SqlCreateTable.class, parse(
        "CREATE TABLE IF NOT EXISTS s.t (a INTEGER NOT NULL, b VARCHAR(10), c TEXT NULL,"
            + " d DOUBLE PRECISION, PRIMARY KEY (a))"));
    assertTrue(t.ifNotExists);
    assertEquals("S.T", t.name.toString());
    assertNotNull(t.columnList);
    assertEquals(5, t.columnList.size());
    SqlColumnDeclaration a = assertInstanceOf(SqlColumnDeclaration.class, t.columnList.get(0));
    assertFalse(a.dataType.getNullable());
    assertEquals(SqlKind.PRIMARY_KEY, t.columnList.get(4).getKind());
    assertNull(t.query);
  }

  @Test
  void inlinePrimaryKeyBecomesAConstraint() throws Exception {
    SqlCreateTable t = assertInstanceOf(SqlCreateTable.class,
        parse("CREATE TABLE t (id BIGINT PRIMARY KEY, x REAL)"));
    assertEquals(3, t.columnList.size());
    assertEquals(SqlKind.PRIMARY_KEY, t.columnList.get(1).getKind());
  }

  @Test
  void createTableAsQuery() throws Exception {
    SqlCreateTable t = assertInstanceOf(SqlCreateTable.class,
        parse("create table t2 as select a, b from t where a > 1"));
    assertFalse(t.ifNotExists);
    assertNull(t.columnList);
    assertEquals(SqlKind.SELECT, t.query.getKind());
  }

  @Test
  void dropTable() throws Exception {
    SqlDropTable d = assertInstanceOf(SqlDropTable.class, parse("DROP TABLE IF EXISTS t"));
    assertTrue(d.ifExists);
    assertFalse(assertInstanceOf(SqlDropTable.class, parse("drop table x.t")).ifExists);
  }

  @Test
  void ifStaysAnIdentifier() throws Exception {
    assertEquals(SqlKind.SELECT, parse("SELECT \"if\", if FROM t").getKind());
  }

  @Test
  void queriesStillParse() throws Exception {
    assertEquals(SqlKind.ORDER_BY, parse("SELECT a, COUNT(*) FROM t GROUP BY a ORDER BY 2")
        .getKind());
    assertEquals(SqlKind.INSERT, parse("INSERT INTO t VALUES (1, 'x')").getKind());
  }

  @Test
  void updateAndDeleteAreUnsupported() {
    for (String sql : new String[] {"UPDATE t SET a = 1", "DELETE FROM t WHERE a = 1",
        "MERGE INTO t USING s ON t.a = s.a WHEN MATCHED THEN UPDATE SET b = s.b"}) {
      Exception e = assertThrows(Exception.class, () -> parse(sql));
      SQLException translated = SqlErrors.translate(e);
      assertEquals("0A000", translated.getSQLState(), sql);
      assertTrue(translated.getMessage().contains("is not supported: Curata dataframes are"
          + " append-only"), translated.getMessage());
    }
  }

  @Test
  void syntaxErrorsKeepTheirPositionButNotTheTokenList() {
    SqlParseException e = assertThrows(SqlParseException.class,
        () -> parse("CREATE TABLE t (a INTEGER"));
    SQLException translated = SqlErrors.translate(e);
    assertEquals("42000", translated.getSQLState());
    assertTrue(translated.getMessage().contains("line 1, column"), translated.getMessage());
    assertFalse(translated.getMessage().contains("Was expecting"), translated.getMessage());
  }
}
