package org.curata.bench;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A fingerprint of a result set that can be compared across engines.
 *
 * <p>Each value is first made canonical, so that engines that return different Java types for the
 * same SQL value agree: integral numbers as decimal integers, other numbers rounded to 10
 * significant digits, booleans as 1/0, timestamps as UTC {@link LocalDateTime} text, byte arrays
 * as UTF-8. The digest holds the row count, an order-insensitive hash of all rows, and for ordered
 * queries an order-sensitive hash of the sort-key columns plus an order-insensitive hash of the
 * rows whose key differs from the first and the last key (rows tied at a LIMIT/OFFSET boundary may
 * legitimately differ between engines). Up to {@value #KEEP_ROWS} rows are kept for a comparison
 * with a float tolerance when the hashes differ.
 */
final class ResultDigest {
  static final int KEEP_ROWS = 10_000;
  private static final MathContext DIGITS = new MathContext(10);
  private static final double TOLERANCE = 1e-9;

  private final Query query;
  private long rows;
  private long allHash;
  private long keyHash = 17;
  private long interiorHash;
  private long groupKey;
  private long groupHash;
  private int groupsClosed;
  private final List<Object[]> kept = new ArrayList<>();
  private boolean overflow;

  ResultDigest(Query query) {
    this.query = query;
  }

  /** Reads the whole result set into a digest. */
  static ResultDigest of(Query query, ResultSet rs) throws SQLException {
    ResultDigest d = new ResultDigest(query);
    int n = rs.getMetaData().getColumnCount();
    Object[] row = new Object[n];
    while (rs.next()) {
      for (int i = 0; i < n; i++) {
        row[i] = rs.getObject(i + 1);
      }
      d.add(row);
    }
    return d;
  }

  /** Adds one row of raw JDBC values. */
  void add(Object[] raw) {
    Object[] norm = new Object[raw.length];
    long rowHash = 0x84222325CBF29CE4L;
    for (int i = 0; i < raw.length; i++) {
      norm[i] = normalize(raw[i]);
      rowHash = fnv(rowHash, canonical(norm[i]));
    }
    rowHash = DataGenerator.mix64(rowHash);
    rows++;
    allHash += rowHash;
    if (query.ordered()) {
      long k = 0x84222325CBF29CE4L;
      for (int c : query.sortKeys()) {
        k = fnv(k, canonical(norm[c - 1]));
      }
      keyHash = keyHash * 1_000_003L + DataGenerator.mix64(k);
      if (rows == 1) {
        groupKey = k;
      } else if (k != groupKey) {
        if (groupsClosed++ > 0) {
          interiorHash += groupHash;
        }
        groupKey = k;
        groupHash = 0;
      }
      groupHash += rowHash;
    }
    if (kept.size() < KEEP_ROWS) {
      kept.add(norm);
    } else {
      overflow = true;
    }
  }

  /** Rows seen. */
  long rows() {
    return rows;
  }

  /**
   * Compares with a reference digest: "OK", "OK (ties at the limit)" or a "MISMATCH: ..." text.
   */
  String compareTo(ResultDigest ref) {
    if (rows != ref.rows) {
      return "MISMATCH: " + rows + " rows, reference " + ref.rows;
    }
    boolean keysEqual = !query.ordered() || keyHash == ref.keyHash;
    if (keysEqual && allHash == ref.allHash) {
      return "OK";
    }
    if (!overflow && !ref.overflow) {
      String diff = tolerantDiff(ref);
      if (diff == null) {
        return "OK";
      }
      if (!query.ordered() || !keysEqual || interiorHash != ref.interiorHash) {
        return "MISMATCH: " + diff;
      }
    } else if (!keysEqual) {
      return "MISMATCH: the order of the sort keys differs (" + rows + " rows)";
    }
    if (query.ordered() && interiorHash == ref.interiorHash) {
      return "OK (ties at the limit)";
    }
    return "MISMATCH: rows differ (hash of " + rows + " rows)";
  }

  private String tolerantDiff(ResultDigest ref) {
    List<Object[]> a = kept;
    List<Object[]> b = ref.kept;
    if (!query.ordered()) {
      a = sorted(a);
      b = sorted(b);
    }
    for (int r = 0; r < a.size(); r++) {
      Object[] x = a.get(r);
      Object[] y = b.get(r);
      if (x.length != y.length) {
        return "row " + (r + 1) + " has " + x.length + " columns, reference " + y.length;
      }
      for (int c = 0; c < x.length; c++) {
        if (!close(x[c], y[c])) {
          return "row " + (r + 1) + " column " + (c + 1) + ": " + canonical(x[c]) + ", reference "
              + canonical(y[c]);
        }
      }
    }
    return null;
  }

  private static List<Object[]> sorted(List<Object[]> rows) {
    List<Object[]> s = new ArrayList<>(rows);
    s.sort(Comparator.comparing(ResultDigest::sortText));
    return s;
  }

  private static String sortText(Object[] row) {
    StringBuilder b = new StringBuilder();
    for (Object v : row) {
      // Floats only to 6 digits here, so that tiny differences do not change the order.
      b.append(v instanceof Double ? new BigDecimal((Double) v).round(new MathContext(6)).toString()
          : canonical(v)).append('\u0001');
    }
    return b.toString();
  }

  private static boolean close(Object x, Object y) {
    if (x instanceof Number && y instanceof Number) {
      double a = ((Number) x).doubleValue();
      double b = ((Number) y).doubleValue();
      return a == b || Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.max(Math.abs(a), Math.abs(b)))
          || (Double.isNaN(a) && Double.isNaN(b));
    }
    return canonical(x).equals(canonical(y));
  }

  /**
   * Maps a JDBC value to a Long, Double, String or null; timestamps to UTC wall-clock text
   * (java.sql.Timestamp is read in the JVM's zone, which the runner requires to be UTC).
   */
  static Object normalize(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return d == Math.rint(d) && Math.abs(d) < 0x1p53 ? (Object) (long) d : (Object) d;
    }
    if (v instanceof BigDecimal) {
      BigDecimal b = (BigDecimal) v;
      if (b.signum() == 0 || b.stripTrailingZeros().scale() <= 0) {
        return b.longValue();
      }
      return b.doubleValue();
    }
    if (v instanceof BigInteger) {
      return ((BigInteger) v).longValue();
    }
    if (v instanceof Boolean) {
      return (Boolean) v ? 1L : 0L;
    }
    if (v instanceof java.sql.Timestamp) {
      return ((java.sql.Timestamp) v).toLocalDateTime().toString();
    }
    if (v instanceof LocalDateTime) {
      return v.toString();
    }
    if (v instanceof OffsetDateTime) {
      return ((OffsetDateTime) v).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().toString();
    }
    if (v instanceof Instant) {
      return LocalDateTime.ofInstant((Instant) v, ZoneOffset.UTC).toString();
    }
    if (v instanceof byte[]) {
      return new String((byte[]) v, StandardCharsets.UTF_8);
    }
    return v.toString();
  }

  private static String canonical(Object v) {
    if (v == null) {
      return "\\N";
    }
    if (v instanceof Double) {
      double d = (Double) v;
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return Double.toString(d);
      }
      return new BigDecimal(d).round(DIGITS).stripTrailingZeros().toPlainString();
    }
    return v.toString();
  }

  private static long fnv(long h, String s) {
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001B3L;
    }
    h ^= 0xFF;
    return h * 0x100000001B3L;
  }
}
