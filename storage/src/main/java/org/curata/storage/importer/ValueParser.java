package org.curata.storage.importer;

/**
 * Allocation-free parsers of CSV cell text (a slice of a char array) into booleans, integers,
 * doubles, timestamps and dates, with ExeTera's rules; the parsed value is left in a field.
 *
 * <p>Every method trims blanks (space, tab) around the value first, as ExeTera's numeric parsers do,
 * and returns false when the text is not a valid value (an empty slice is never valid).
 */
final class ValueParser {
  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  /** The last integral result: 0/1 for a bool, the integer, micros for a timestamp, days for a date. */
  long longValue;
  /** The last float result. */
  double doubleValue;

  private int start;
  private int end;

  /** Trims blanks; afterwards {@code start..end} is the value; returns false when nothing is left. */
  private boolean trim(char[] b, int off, int len) {
    int s = off;
    int e = off + len;
    while (s < e && isBlank(b[s])) {
      s++;
    }
    while (e > s && isBlank(b[e - 1])) {
      e--;
    }
    start = s;
    end = e;
    return s < e;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  /** True when the slice holds only blanks. */
  static boolean isBlank(char[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (!isBlank(b[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * ExeTera's booleans, in any case: true from {@code 1 y t on yes true}, false from
   * {@code 0 n f no off false} (ExeTera's {@code numeric_bool_transform}).
   */
  boolean parseBool(char[] b, int off, int len) {
    if (!trim(b, off, len)) {
      return false;
    }
    int n = end - start;
    int s = start;
    switch (n) {
      case 1: {
        char c = lower(b[s]);
        if (c == '1' || c == 'y' || c == 't') {
          longValue = 1;
          return true;
        }
        if (c == '0' || c == 'n' || c == 'f') {
          longValue = 0;
          return true;
        }
        return false;
      }
      case 2:
        return word(b, s, "on", 1) || word(b, s, "no", 0);
      case 3:
        return word(b, s, "yes", 1) || word(b, s, "off", 0);
      case 4:
        return word(b, s, "true", 1);
      case 5:
        return word(b, s, "false", 0);
      default:
        return false;
    }
  }

  private boolean word(char[] b, int s, String w, long value) {
    for (int i = 0; i < w.length(); i++) {
      if (lower(b[s + i]) != w.charAt(i)) {
        return false;
      }
    }
    longValue = value;
    return true;
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  /**
   * A decimal integer with an optional sign, as Python's {@code int()} reads it; "12.0" is not an
   * integer (ExeTera rejects it too). Fails on overflow of a long.
   */
  boolean parseLong(char[] b, int off, int len) {
    if (!trim(b, off, len)) {
      return false;
    }
    int i = start;
    boolean negative = false;
    if (b[i] == '-' || b[i] == '+') {
      negative = b[i] == '-';
      i++;
    }
    if (i == end) {
      return false;
    }
    long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
    long multMin = limit / 10;
    long acc = 0;
    for (; i < end; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9 || acc < multMin) {
        return false;
      }
      acc *= 10;
      if (acc < limit + d) {
        return false;
      }
      acc -= d;
    }
    longValue = negative ? acc : -acc;
    return true;
  }

  /**
   * A decimal float as Python's {@code float()} reads it: {@code [+-]digits[.digits][e[+-]digits]},
   * {@code .5}, {@code 5.}, and {@code nan}, {@code inf}, {@code infinity} in any case. Java-only
   * forms ({@code 1d}, {@code 0x1p3}) are rejected.
   */
  boolean parseDouble(char[] b, int off, int len) {
    if (!trim(b, off, len)) {
      return false;
    }
    int i = start;
    boolean negative = false;
    if (b[i] == '-' || b[i] == '+') {
      negative = b[i] == '-';
      i++;
    }
    if (i == end) {
      return false;
    }
    char c0 = lower(b[i]);
    if (c0 == 'n' || c0 == 'i') {
      return special(b, i, negative);
    }
    long mantissa = 0;
    int digits = 0;
    int scale = 0;
    boolean exact = true;
    boolean any = false;
    for (; i < end && b[i] >= '0' && b[i] <= '9'; i++) {
      any = true;
      if (mantissa == 0 && b[i] == '0') {
        continue;
      }
      if (digits < 18) {
        mantissa = mantissa * 10 + (b[i] - '0');
        digits++;
      } else {
        exact = false;
        scale++;
      }
    }
    if (i < end && b[i] == '.') {
      i++;
      for (; i < end && b[i] >= '0' && b[i] <= '9'; i++) {
        any = true;
        if (mantissa == 0 && b[i] == '0') {
          scale--;
          continue;
        }
        if (digits < 18) {
          mantissa = mantissa * 10 + (b[i] - '0');
          digits++;
          scale--;
        } else {
          exact = false;
        }
      }
    }
    if (!any) {
      return false;
    }
    if (i < end && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      boolean expNegative = false;
      if (i < end && (b[i] == '-' || b[i] == '+')) {
        expNegative = b[i] == '-';
        i++;
      }
      if (i == end) {
        return false;
      }
      int exp = 0;
      for (; i < end; i++) {
        int d = b[i] - '0';
        if (d < 0 || d > 9) {
          return false;
        }
        if (exp < 100_000) {
          exp = exp * 10 + d;
        }
      }
      scale += expNegative ? -exp : exp;
    }
    if (i != end) {
      return false;
    }
    double v;
    if (exact && mantissa < (1L << 53) && scale >= -22 && scale <= 22) {
      // Clinger's fast path: both operands are exact doubles, so one rounding gives the right answer.
      v = scale < 0 ? mantissa / POW10[-scale] : mantissa * POW10[scale];
    } else {
      v = Double.parseDouble(new String(b, start, end - start));
      v = Math.abs(v);
    }
    doubleValue = negative ? -v : v;
    return true;
  }

  private boolean special(char[] b, int i, boolean negative) {
    int n = end - i;
    if (n == 3 && lower(b[i]) == 'n' && lower(b[i + 1]) == 'a' && lower(b[i + 2]) == 'n') {
      doubleValue = Double.NaN;
      return true;
    }
    if (n == 3 || n == 8) {
      String w = n == 3 ? "inf" : "infinity";
      for (int k = 0; k < n; k++) {
        if (lower(b[i + k]) != w.charAt(k)) {
          return false;
        }
      }
      doubleValue = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      return true;
    }
    return false;
  }

  /**
   * A date {@code yyyy-m[m]-d[d]} (as Python's {@code strptime('%Y-%m-%d')} accepts it) into days
   * since 1970-01-01.
   */
  boolean parseDate(char[] b, int off, int len) {
    if (!trim(b, off, len)) {
      return false;
    }
    int i = parseYmd(b, start);
    if (i != end) {
      return false;
    }
    longValue = pendingDays;
    return true;
  }

  private long pendingDays;

  /** Parses yyyy-m[m]-d[d] at i into pendingDays; returns the index after it, or -1. */
  private int parseYmd(char[] b, int i) {
    if (end - i < 8) {
      return -1;
    }
    int year = digits(b, i, 4);
    if (year < 0 || b[i + 4] != '-') {
      return -1;
    }
    i += 5;
    int month = digits(b, i, 1);
    if (month < 0) {
      return -1;
    }
    i++;
    if (i < end && b[i] != '-') {
      int d = digits(b, i, 1);
      if (d < 0) {
        return -1;
      }
      month = month * 10 + d;
      i++;
    }
    if (i >= end || b[i] != '-') {
      return -1;
    }
    i++;
    if (i >= end) {
      return -1;
    }
    int day = digits(b, i, 1);
    if (day < 0) {
      return -1;
    }
    i++;
    if (i < end && b[i] >= '0' && b[i] <= '9') {
      day = day * 10 + (b[i] - '0');
      i++;
    }
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      return -1;
    }
    pendingDays = daysFromCivil(year, month, day);
    return i;
  }

  /**
   * A datetime into microseconds since 1970-01-01 UTC. Accepts {@code yyyy-mm-dd}, optionally
   * followed by {@code T} or a space and {@code hh:mm[:ss[.f…]]} (1 to 9 fraction digits, truncated to
   * microseconds), optionally followed (after optional blanks) by {@code Z}, {@code UTC}, {@code GMT}
   * or an offset {@code ±hh[:mm]} / {@code ±hhmm}, which is converted to UTC. No zone means UTC.
   * This covers ExeTera's three formats ({@code 2020-05-03 05:45:16.000000+00:00},
   * {@code 2020-05-05 06:49:22.000 UTC}, {@code 2020-06-18 16:45:15}); ExeTera ignores the offset,
   * Curata applies it.
   */
  boolean parseTimestamp(char[] b, int off, int len) {
    if (!trim(b, off, len)) {
      return false;
    }
    int i = parseYmd(b, start);
    if (i < 0) {
      return false;
    }
    long micros = pendingDays * MICROS_PER_DAY;
    if (i == end) {
      longValue = micros;
      return true;
    }
    if (b[i] != ' ' && b[i] != 'T' && b[i] != 't') {
      return false;
    }
    i++;
    if (end - i < 5 || b[i + 2] != ':') {
      return false;
    }
    int hour = digits(b, i, 2);
    int minute = digits(b, i + 3, 2);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
      return false;
    }
    i += 5;
    int second = 0;
    long fraction = 0;
    if (i < end && b[i] == ':') {
      second = end - i >= 3 ? digits(b, i + 1, 2) : -1;
      if (second < 0 || second > 59) {
        return false;
      }
      i += 3;
      if (i < end && (b[i] == '.' || b[i] == ',')) {
        i++;
        int n = 0;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
          if (n < 6) {
            fraction = fraction * 10 + (b[i] - '0');
          }
          n++;
          i++;
        }
        if (n == 0 || n > 9) {
          return false;
        }
        for (int k = n; k < 6; k++) {
          fraction *= 10;
        }
      }
    }
    micros += ((hour * 60L + minute) * 60L + second) * 1_000_000L + fraction;
    while (i < end && isBlank(b[i])) {
      i++;
    }
    if (i < end) {
      int n = end - i;
      char c = b[i];
      if (n == 1 && (c == 'Z' || c == 'z')) {
        i = end;
      } else if (n == 3 && (zoneWord(b, i, "utc") || zoneWord(b, i, "gmt"))) {
        i = end;
      } else if (c == '+' || c == '-') {
        int oh;
        int om = 0;
        if (n == 3) {
          oh = digits(b, i + 1, 2);
        } else if (n == 5) {
          oh = digits(b, i + 1, 2);
          om = digits(b, i + 3, 2);
        } else if (n == 6 && b[i + 3] == ':') {
          oh = digits(b, i + 1, 2);
          om = digits(b, i + 4, 2);
        } else {
          return false;
        }
        if (oh < 0 || oh > 18 || om < 0 || om > 59) {
          return false;
        }
        long offsetMicros = (oh * 60L + om) * 60_000_000L;
        micros += c == '+' ? -offsetMicros : offsetMicros;
        i = end;
      } else {
        return false;
      }
    }
    longValue = micros;
    return true;
  }

  private static boolean zoneWord(char[] b, int i, String w) {
    return lower(b[i]) == w.charAt(0) && lower(b[i + 1]) == w.charAt(1) && lower(b[i + 2]) == w.charAt(2);
  }

  /** Exactly n decimal digits at i as an int, or -1. */
  private int digits(char[] b, int i, int n) {
    if (i + n > end) {
      return -1;
    }
    int v = 0;
    for (int k = i; k < i + n; k++) {
      int d = b[k] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  private static int daysInMonth(int year, int month) {
    switch (month) {
      case 2:
        return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4: case 6: case 9: case 11:
        return 30;
      default:
        return 31;
    }
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
  static long daysFromCivil(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }
}
