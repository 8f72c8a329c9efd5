package org.curata.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests of {@code curata sql}: -e, -f, errors and the interactive shell fed from a pipe. */
final class SqlCommandTest {
  private static final String PEOPLE_TABLE = ""
      + " id | name  | score | colour\n"
      + "----+-------+-------+--------\n"
      + "  1 | alpha |   1.5 | red\n"
      + "  2 | NULL  |  NULL | blue\n"
      + " 10 | gamma | -2.25 |\n"
      + "(3 rows)\n";

  @TempDir
  Path tmp;

  @Test
  void executePrintsAnAlignedTable() {
    Path ds = TestData.people(tmp.resolve("ds"));
    Cli.Result r = Cli.run("sql", ds.toString(), "-e",
        "SELECT id, name, score, colour FROM people ORDER BY id");
    assertEquals(0, r.code(), r::toString);
    assertEquals(PEOPLE_TABLE, r.out());
    assertEquals("", r.err());
  }

  @Test
  void realValuesPrintAsFloatsNotWidenedDoubles() {
    Path ds = TestData.people(tmp.resolve("ds"));
    Cli.Result r = Cli.run("sql", ds.toString(), "-e",
        "SELECT CAST(191.4 AS REAL) AS r, CAST(191.4 AS DOUBLE) AS d FROM people WHERE id = 1");
    assertEquals(0, r.code(), r::toString);
    assertEquals(""
        + "     r |     d\n"
        + "-------+-------\n"
        + " 191.4 | 191.4\n"
        + "(1 row)\n", r.out());
  }

  @Test
  void severalStatementsAndCategoricalLabels() {
    Path ds = TestData.people(tmp.resolve("ds"));
    Cli.Result r = Cli.run("sql", ds.toString(), "-e",
        "SELECT count(*) AS n, count(score) AS scored FROM people;"
            + " SELECT name FROM people WHERE colour = 'blue' OR colour = 'red' ORDER BY id");
    assertEquals(0, r.code(), r::toString);
    assertEquals(""
        + " n | scored\n"
        + "---+--------\n"
        + " 3 |      2\n"
        + "(1 row)\n"
        + "\n"
        + " name\n"
        + "-------\n"
        + " alpha\n"
        + " NULL\n"
        + "(2 rows)\n", r.out());
  }

  @Test
  void fileAndStandardInputAndCsv() throws IOException {
    Path ds = TestData.people(tmp.resolve("ds"));
    Path f = Files.writeString(tmp.resolve("q.sql"),
        "-- people\nSELECT id, name, score, colour FROM people ORDER BY id;\n");
    Cli.Result r = Cli.run("sql", ds.toString(), "-f", f.toString());
    assertEquals(0, r.code(), r::toString);
    assertEquals(PEOPLE_TABLE, r.out());

    Cli.Result stdin = Cli.runWithInput("SELECT id, name, score, colour FROM people ORDER BY id",
        "sql", ds.toString(), "-f", "-", "--format", "csv");
    assertEquals(0, stdin.code(), stdin::toString);
    assertEquals("id,name,score,colour\n1,alpha,1.5,red\n2,,,blue\n10,gamma,-2.25,\"\"\n",
        stdin.out());
  }

  @Test
  void anSqlErrorExitsWithOneAndTheMessageOnStandardError() {
    Path ds = TestData.people(tmp.resolve("ds"));
    Cli.Result r = Cli.run("sql", ds.toString(), "-e", "SELECT nosuchcolumn FROM people");
    assertEquals(1, r.code(), r::toString);
    assertEquals("", r.out());
    assertTrue(r.err().startsWith("curata sql: "), r::toString);
    assertTrue(r.err().contains("NOSUCHCOLUMN") || r.err().contains("nosuchcolumn"), r::toString);
    assertEquals(1, r.err().strip().lines().count(), r::toString);

    Cli.Result second = Cli.run("sql", ds.toString(), "-e", "SELECT 1 AS x;\nSELECT * FROM nope");
    assertEquals(1, second.code(), second::toString);
    assertTrue(second.out().startsWith(" x\n---\n 1\n(1 row)\n"), second::toString);
    assertTrue(second.err().startsWith("curata sql: statement at line 2: "), second::toString);

    Cli.Result missingFile = Cli.run("sql", ds.toString(), "-f", tmp.resolve("none.sql").toString());
    assertEquals(1, missingFile.code(), missingFile::toString);
    assertTrue(missingFile.err().contains("cannot read SQL file"), missingFile::toString);
  }

  @Test
  void theShellReadsStatementsFromAPipe() {
    Path ds = TestData.people(tmp.resolve("ds"));
    Cli.Result r = Cli.runWithInput(
        "SELECT name FROM people WHERE id = 10;\n!tables\n!quit\n", "sql", ds.toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("gamma"), r::toString);
    assertTrue(r.out().contains("PEOPLE") || r.out().contains("people"), r::toString);
  }
}
