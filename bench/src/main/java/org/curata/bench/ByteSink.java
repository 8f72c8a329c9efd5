package org.curata.bench;

import java.util.Arrays;

/** A growable byte buffer with the few formatters the CSV generator needs, free of allocation. */
final class ByteSink {
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private byte[] buf;
  private int len;

  ByteSink(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  /** The bytes written so far (the backing array; valid up to {@link #length()}). */
  byte[] array() {
    return buf;
  }

  /** Bytes written so far. */
  int length() {
    return len;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }

  void put(byte b) {
    ensure(1);
    buf[len++] = b;
  }

  void putAscii(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  /** 16 lower-case hex digits of a long. */
  void putHex64(long v) {
    ensure(16);
    for (int shift = 60; shift >= 0; shift -= 4) {
      buf[len++] = HEX[(int) (v >>> shift) & 0xF];
    }
  }

  /** A non-negative int in decimal. */
  void putUnsigned(long v) {
    ensure(20);
    if (v == 0) {
      buf[len++] = '0';
      return;
    }
    int start = len;
    while (v > 0) {
      buf[len++] = (byte) ('0' + (v % 10));
      v /= 10;
    }
    for (int i = start, j = len - 1; i < j; i++, j--) {
      byte t = buf[i];
      buf[i] = buf[j];
      buf[j] = t;
    }
  }

  /** {@code scaled / 10^decimals} with exactly {@code decimals} digits after the point. */
  void putFixed(long scaled, int decimals) {
    if (scaled < 0) {
      put((byte) '-');
      scaled = -scaled;
    }
    long pow = 1;
    for (int i = 0; i < decimals; i++) {
      pow *= 10;
    }
    putUnsigned(scaled / pow);
    put((byte) '.');
    long frac = scaled % pow;
    ensure(decimals);
    for (int i = decimals - 1; i >= 0; i--) {
      buf[len + i] = (byte) ('0' + (frac % 10));
      frac /= 10;
    }
    len += decimals;
  }

  private void put2(int v) {
    buf[len++] = (byte) ('0' + v / 10);
    buf[len++] = (byte) ('0' + v % 10);
  }

  /** Epoch milliseconds (year 1000..9999) as {@code yyyy-MM-dd HH:mm:ss.SSS} UTC. */
  void putTimestamp(long epochMillis) {
    ensure(23);
    long days = Math.floorDiv(epochMillis, 86_400_000L);
    int msOfDay = (int) Math.floorMod(epochMillis, 86_400_000L);
    // civil_from_days (H. Hinnant): days since 1970-01-01 to year, month, day.
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
    buf[len++] = (byte) ('0' + year / 1000);
    buf[len++] = (byte) ('0' + year / 100 % 10);
    put2(year % 100);
    buf[len++] = '-';
    put2(month);
    buf[len++] = '-';
    put2(day);
    buf[len++] = ' ';
    int ms = msOfDay % 1000;
    int s = msOfDay / 1000;
    put2(s / 3600);
    buf[len++] = ':';
    put2(s / 60 % 60);
    buf[len++] = ':';
    put2(s % 60);
    buf[len++] = '.';
    buf[len++] = (byte) ('0' + ms / 100);
    put2(ms % 100);
  }
}
