package org.curata.driver.cli;

import java.util.Locale;

/** Human-readable counts, sizes, rates and durations for command output. */
final class Units {
  private Units() {
  }

  /** A count with thousands separators: 1,234,567. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A size in B, KB, MB or GB (powers of 1024, one decimal). */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    double v = n;
    String[] units = {"KB", "MB", "GB", "TB"};
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /** Seconds with two decimals. */
  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }

  /** A rate per second, rounded, with separators. */
  static String rate(long n, long nanos) {
    if (nanos <= 0) {
      return "-";
    }
    return count(Math.round(n / (nanos / 1e9)));
  }
}
