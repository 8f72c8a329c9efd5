package org.curata.sqltests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser of Curata's .test format. */
final class ScriptFileTest {
  @Test
  void parsesEveryRecordKind() {
    ScriptFile f = ScriptFile.parse("x.test", String.join("\n",
        "# a comment",
        "statement ok",
        "CREATE TABLE t(a INTEGER,",
        "  b VARCHAR)",
        "",
        "statement error",
        "SELECT * FROM nope",
        "----",
        "'nope' not found",
        "",
        "statement error",
        "SELEC 1",
        "",
        "query IT rowsort",
        "SELECT a, b",
        "FROM t",
        "----",
        "1\tone",
        "NULL\t(empty)",
        "",
        "query I",
        "SELECT a FROM t WHERE 1 = 0",
        "----",
        "",
        "describe t",
        "----",
        "a\tINTEGER\tNULL",
        "",
        "import people fixtures/people.csv fixtures/people.schema.json",
        "restart",
        ""));
    List<ScriptFile.Record> r = f.records();
    assertEquals(8, r.size());
    assertEquals(new ScriptFile.Statement(2, "CREATE TABLE t(a INTEGER,\n  b VARCHAR)", false, null), r.get(0));
    assertEquals(new ScriptFile.Statement(6, "SELECT * FROM nope", true, "'nope' not found"), r.get(1));
    assertEquals(new ScriptFile.Statement(11, "SELEC 1", true, null), r.get(2));
    assertEquals(new ScriptFile.Query(14, "IT", ScriptFile.Sort.ROWSORT, "SELECT a, b\nFROM t",
        List.of("1\tone", "NULL\t(empty)")), r.get(3));
    assertEquals(new ScriptFile.Query(21, "I", ScriptFile.Sort.NOSORT, "SELECT a FROM t WHERE 1 = 0", List.of()),
        r.get(4));
    assertEquals(new ScriptFile.Describe(25, "t", List.of("a\tINTEGER\tNULL")), r.get(5));
    assertEquals(new ScriptFile.Import(29, "people", "fixtures/people.csv", "fixtures/people.schema.json"),
        r.get(6));
    assertEquals(new ScriptFile.Restart(30), r.get(7));
  }

  @Test
  void malformedRecordsNameTheirLine() {
    assertMalformed("statement maybe\nSELECT 1\n", "x.test:1: write 'statement ok' or 'statement error'");
    assertMalformed("\n\nquery X\nSELECT 1\n----\n1\n", "x.test:3: write 'query <types>'");
    assertMalformed("query I sideways\nSELECT 1\n----\n1\n", "x.test:1: sort mode 'sideways'");
    assertMalformed("query I\nSELECT 1\n\n1\n", "x.test:1: a query needs '----'");
    assertMalformed("statement ok\nSELECT 1\n----\nno\n", "x.test:1: 'statement ok' takes no '----' section");
    assertMalformed("import people people.csv\n", "x.test:1: write 'import <table> <csv> <schema>'");
    assertMalformed("loop i 1 10\n", "x.test:1: unknown record 'loop'");
  }

  private static void assertMalformed(String text, String messageStart) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScriptFile.parse("x.test", text));
    assertTrue(e.getMessage().startsWith(messageStart), () -> "message was: " + e.getMessage());
  }
}
