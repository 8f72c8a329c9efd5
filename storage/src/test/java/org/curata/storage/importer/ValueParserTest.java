package org.curata.storage.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class ValueParserTest {
  private final ValueParser p = new ValueParser();

  private boolean bool(String s) {
    return p.parseBool(s.toCharArray(), 0, s.length());
  }

  private boolean lng(String s) {
    return p.parseLong(s.toCharArray(), 0, s.length());
  }

  private boolean dbl(String s) {
    return p.parseDouble(s.toCharArray(), 0, s.length());
  }

  private boolean ts(String s) {
    return p.parseTimestamp(s.toCharArray(), 0, s.length());
  }

  private boolean date(String s) {
    return p.parseDate(s.toCharArray(), 0, s.length());
  }

  private static long micros(String iso) {
    Instant i = Instant.parse(iso);
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
  }

  @Test
  void booleansAreExeTerasSetInAnyCase() {
    for (String t : new String[] {"1", "y", "Y", "t", "T", "on", "ON", "yes", "Yes", "true", "TRUE", "True", " yes "}) {
      assertTrue(bool(t), t);
      assertEquals(1, p.longValue, t);
    }
    for (String f : new String[] {"0", "n", "N", "f", "F", "no", "NO", "off", "Off", "false", "FALSE", "False", "\tno"}) {
      assertTrue(bool(f), f);
      assertEquals(0, p.longValue, f);
    }
    for (String bad : new String[] {"", " ", "2", "yess", "tru", "nope", "oui", "1.0", "-1", "x"}) {
      assertFalse(bool(bad), bad);
    }
  }

  @Test
  void integersAllowBlanksAndSignButNoDecimalPoint() {
    assertTrue(lng(" 42 "));
    assertEquals(42, p.longValue);
    assertTrue(lng("+7"));
    assertEquals(7, p.longValue);
    assertTrue(lng("-0012"));
    assertEquals(-12, p.longValue);
    assertTrue(lng("9223372036854775807"));
    assertEquals(Long.MAX_VALUE, p.longValue);
    assertTrue(lng("-9223372036854775808"));
    assertEquals(Long.MIN_VALUE, p.longValue);
    for (String bad : new String[] {"", "-", "+", "12.0", "1e3", "9223372036854775808", "-9223372036854775809",
        "1 2", "abc", "0x10", "12a", "1_000"}) {
      assertFalse(lng(bad), bad);
    }
  }

  @Test
  void doublesTakePythonsFormsOnly() {
    String[] ok = {"1.5", " 1.5 ", "-0.25", "+3", ".5", "5.", "1e3", "1E-3", "-1.25e+2", "0", "0.0001",
        "123456789012345678901234567890", "3.141592653589793238462643383279", "1e-320", "1e308", "174.2"};
    for (String s : ok) {
      assertTrue(dbl(s), s);
      assertEquals(Double.parseDouble(s.strip()), p.doubleValue, s);
    }
    assertTrue(dbl("nan"));
    assertTrue(Double.isNaN(p.doubleValue));
    assertTrue(dbl("NaN"));
    assertTrue(dbl("-inf"));
    assertEquals(Double.NEGATIVE_INFINITY, p.doubleValue);
    assertTrue(dbl("Infinity"));
    assertEquals(Double.POSITIVE_INFINITY, p.doubleValue);
    for (String bad : new String[] {"", ".", "-", "e5", "1e", "1e+", "1.5d", "1.5f", "0x1p3", "n/a", "1,5",
        "1.2.3", "abc", "infin", "--1"}) {
      assertFalse(dbl(bad), bad);
    }
  }

  @Test
  void fastDoublePathEqualsJavasCorrectlyRoundedParse() {
    Random r = new Random(20200801L);
    for (int i = 0; i < 200_000; i++) {
      long mant = r.nextLong() >>> (1 + r.nextInt(63));
      int scale = r.nextInt(12);
      String digits = Long.toString(mant);
      String s = scale >= digits.length() ? "0." + "0".repeat(scale - digits.length()) + digits
          : digits.substring(0, digits.length() - scale) + (scale > 0 ? "." + digits.substring(digits.length() - scale) : "");
      if (r.nextBoolean()) {
        s = s + "e" + (r.nextInt(40) - 20);
      }
      assertTrue(dbl(s), s);
      assertEquals(Double.parseDouble(s), p.doubleValue, s);
    }
  }

  @Test
  void exeterasThreeDatetimeFormats() {
    assertTrue(ts("2020-05-03 05:45:16.000000+00:00"));
    assertEquals(micros("2020-05-03T05:45:16Z"), p.longValue);
    assertTrue(ts("2020-05-05 06:49:22.000 UTC"));
    assertEquals(micros("2020-05-05T06:49:22Z"), p.longValue);
    assertTrue(ts("2020-06-18 16:45:15"));
    assertEquals(micros("2020-06-18T16:45:15Z"), p.longValue);
  }

  @Test
  void datetimeVariants() {
    assertTrue(ts("2020-06-15 19:45:39.056000+00:00"));
    assertEquals(micros("2020-06-15T19:45:39.056Z"), p.longValue);
    assertTrue(ts("2020-06-15T19:45:39.123456Z"));
    assertEquals(micros("2020-06-15T19:45:39.123456Z"), p.longValue);
    assertTrue(ts("2020-06-15 19:45:39.1 UTC"));
    assertEquals(micros("2020-06-15T19:45:39.100Z"), p.longValue);
    assertTrue(ts("2020-06-15 19:45:39.05 utc"));
    assertEquals(micros("2020-06-15T19:45:39.050Z"), p.longValue);
    assertTrue(ts("2020-06-15 19:45:39.123456789"));
    assertEquals(micros("2020-06-15T19:45:39.123456Z"), p.longValue);
    assertTrue(ts("2020-06-15 19:45:39UTC"));
    assertEquals(micros("2020-06-15T19:45:39Z"), p.longValue);
    assertTrue(ts("2020-06-15 19:45"));
    assertEquals(micros("2020-06-15T19:45:00Z"), p.longValue);
    assertTrue(ts("  2020-06-15 19:45:39  "));
    assertEquals(micros("2020-06-15T19:45:39Z"), p.longValue);
    assertTrue(ts("2020-06-15"));
    assertEquals(micros("2020-06-15T00:00:00Z"), p.longValue);
    assertTrue(ts("1969-12-31 23:59:59.5"));
    assertEquals(-500_000L, p.longValue);
  }

  @Test
  void offsetsAreConvertedToUtc() {
    assertTrue(ts("2020-06-15 19:45:39+02:00"));
    assertEquals(micros("2020-06-15T17:45:39Z"), p.longValue);
    assertTrue(ts("2020-06-15T01:00:00.250-05:30"));
    assertEquals(micros("2020-06-15T06:30:00.250Z"), p.longValue);
    assertTrue(ts("2020-06-15 19:45:39+0100"));
    assertEquals(micros("2020-06-15T18:45:39Z"), p.longValue);
    assertTrue(ts("2020-06-15 19:45:39-03"));
    assertEquals(micros("2020-06-15T22:45:39Z"), p.longValue);
  }

  @Test
  void badDatetimes() {
    for (String bad : new String[] {"", "2020", "2020-13-01", "2020-02-30 00:00:00", "2020-06-15 24:00:00",
        "2020-06-15 12:60:00", "2020-06-15 12:00:61", "2020-06-15 12", "2020-06-15X12:00:00",
        "2020-06-15 12:00:00.", "2020-06-15 12:00:00 PST", "2020-06-15 12:00:00+5", "15/06/2020",
        "2020-06-15 12:00:00.1234567890", "n/a"}) {
      assertFalse(ts(bad), bad);
    }
  }

  @Test
  void datesAreDaysAndTakeUnpaddedMonthsLikeStrptime() {
    assertTrue(date("2020-06-28"));
    assertEquals(LocalDate.of(2020, 6, 28).toEpochDay(), p.longValue);
    assertTrue(date("2020-6-3"));
    assertEquals(LocalDate.of(2020, 6, 3).toEpochDay(), p.longValue);
    assertTrue(date("1900-01-01"));
    assertEquals(LocalDate.of(1900, 1, 1).toEpochDay(), p.longValue);
    assertTrue(date("2000-02-29"));
    assertEquals(LocalDate.of(2000, 2, 29).toEpochDay(), p.longValue);
    for (String bad : new String[] {"", "2020-06-28 00:00:00", "2021-02-29", "1900-02-29", "2020-00-10",
        "2020-06-00", "2020/06/28", "20-06-28", "2020-06-281"}) {
      assertFalse(date(bad), bad);
    }
  }

  @Test
  void daysFromCivilMatchesJavaTime() {
    for (long d = -800_000; d < 800_000; d += 17) {
      LocalDate l = LocalDate.ofEpochDay(d);
      assertEquals(d, ValueParser.daysFromCivil(l.getYear(), l.getMonthValue(), l.getDayOfMonth()));
    }
  }
}
