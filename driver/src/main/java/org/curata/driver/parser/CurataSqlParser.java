package org.curata.driver.parser;

import java.io.Reader;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Static;
import org.apache.calcite.util.SourceStringReader;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;

/**
 * The generated parser, refusing at parse time the statements Curata cannot execute (UPDATE,
 * DELETE, MERGE), so that they fail with an UNSUPPORTED error instead of deep in the planner, and
 * pointing at the word where a statement does not start with a keyword.
 */
public final class CurataSqlParser extends CurataSqlParserImpl {
  private static final String NON_QUERY =
      Static.RESOURCE.illegalNonQueryExpression().str();

  private CurataSqlParser(Reader reader) {
    super(reader);
  }

  /** Creates a parser of the text the reader holds, as Calcite's generated factories do. */
  public static SqlAbstractParserImpl create(Reader reader) {
    CurataSqlParser parser = new CurataSqlParser(reader);
    if (reader instanceof SourceStringReader) {
      String sql = ((SourceStringReader) reader).getSourceString();
      parser.setOriginalSql(sql);
      parser.jj_input_stream.ReInit(reader, 1, 1, sql.length());
    }
    return parser;
  }

  @Override
  public SqlNode parseSqlStmtEof() throws Exception {
    return check(super.parseSqlStmtEof());
  }

  @Override
  public SqlNodeList parseSqlStmtList() throws Exception {
    SqlNodeList list = super.parseSqlStmtList();
    for (SqlNode node : list) {
      check(node);
    }
    return list;
  }

  /**
   * Calcite's parse error, except that a statement starting with a misspelt keyword ("SELEC a
   * FROM t", which Calcite reads as an expression) is a syntax error at that word rather than
   * Calcite's "Non-query expression encountered in illegal context".
   */
  @Override
  public SqlParseException normalizeException(Throwable ex) {
    SqlParseException e = super.normalizeException(ex);
    SqlParserPos pos = e.getPos();
    String sql = getOriginalSql();
    if (pos == null || sql == null
        || !NON_QUERY.equals(e.getMessage())) {
      return e;
    }
    String word = wordAt(sql, pos.getLineNum(), pos.getColumnNum());
    if (word.isEmpty()) {
      return e;
    }
    return new SqlParseException("syntax error at or near \"" + word + "\" at line "
        + pos.getLineNum() + ", column " + pos.getColumnNum() + ": the statement does not start"
        + " with a keyword such as SELECT, INSERT, CREATE or DROP", pos,
        e.getExpectedTokenSequences(), e.getTokenImages(), e);
  }

  /** The word (or else the one character) at the 1-based line and column of the text. */
  static String wordAt(String text, int line, int column) {
    int offset = 0;
    for (int l = 1; l < line && offset >= 0; l++) {
      offset = text.indexOf('\n', offset);
      offset = offset < 0 ? -1 : offset + 1;
    }
    if (offset < 0 || offset + column - 1 >= text.length() || column < 1) {
      return "";
    }
    int start = offset + column - 1;
    int end = start;
    while (end < text.length()
        && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
      end++;
    }
    return end == start ? text.substring(start, start + 1) : text.substring(start, end);
  }

  private static SqlNode check(SqlNode node) {
    switch (node.getKind()) {
      case UPDATE:
      case DELETE:
      case MERGE:
        throw new CurataException(ErrorCode.UNSUPPORTED, node.getKind().name()
            + " is not supported: Curata dataframes are append-only; use INSERT, or"
            + " CREATE TABLE ... AS SELECT to write a changed copy (then DROP TABLE the old one)");
      default:
        return node;
    }
  }
}
