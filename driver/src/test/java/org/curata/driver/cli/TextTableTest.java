package org.curata.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Tests of the aligned text table and value formatting. */
final class TextTableTest {
  private static String print(TextTable t, boolean count) {
    StringWriter sw = new StringWriter();
    PrintWriter pw = new PrintWriter(sw);
    t.print(pw, count);
    pw.flush();
    return sw.toString().replace(System.lineSeparator(), "\n");
  }

  @Test
  void alignsTextLeftAndNumbersRight() {
    TextTable t = TextTable.of("_r_", "country", "n", "note")
        .add("GB", 140123, "most")
        .add("SE", 7, null)
        .add("Ünïcode", -3, "");
    assertEquals(""
        + " country |      n | note\n"
        + "---------+--------+------\n"
        + " GB      | 140123 | most\n"
        + " SE      |      7 | NULL\n"
        + " Ünïcode |     -3 |\n"
        + "(3 rows)\n", print(t, true));
  }

  @Test
  void emptyTableAndOneRow() {
    TextTable t = TextTable.of("r", "count");
    assertEquals(" count\n-------\n(0 rows)\n", print(t, true));
    t.add(1);
    assertEquals(" count\n-------\n     1\n(1 row)\n", print(t, true));
    assertEquals(" count\n-------\n     1\n", print(t, false));
  }

  @Test
  void controlCharactersStayOnOneLine() {
    assertEquals("a\\nb\\tc\\r\\u0001", TextTable.printable("a\nb\tc\r\u0001"));
    assertEquals("plain", TextTable.printable("plain"));
  }

  @Test
  void doublesPrintWithoutExponentsForOrdinaryMagnitudes() {
    assertEquals("27.5", ResultPrinter.formatDouble(27.5));
    assertEquals("0.0", ResultPrinter.formatDouble(0));
    assertEquals("-2.25", ResultPrinter.formatDouble(-2.25));
    assertEquals("12345678", ResultPrinter.formatDouble(12345678.0));
    assertEquals("1.0E20", ResultPrinter.formatDouble(1e20));
    assertEquals("NaN", ResultPrinter.formatDouble(Double.NaN));
  }

  @Test
  void unitsAreReadable() {
    assertEquals("1,234,567", Units.count(1234567));
    assertEquals("512 B", Units.bytes(512));
    assertEquals("1.5 KB", Units.bytes(1536));
    assertEquals("160.1 MB", Units.bytes(167_877_017));
    assertEquals("0.25 s", Units.seconds(250_000_000));
    assertEquals("2,000", Units.rate(1000, 500_000_000));
  }
}
