package org.curata.driver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Arrays;

/**
 * Run by hand (not a test): the time to read every column of a query's result through the
 * driver with the direct result set path ({@link DirectCursor}) and with
 * {@code directResults=false}, in turn, reading each column with the getter of its type.
 * Arguments: URL (e.g. {@code jdbc:curata:/path;readonly=true}), SQL, [rounds (default 7)];
 * prints each round and the medians.
 */
final class DirectReadBench {
  private DirectReadBench() {
  }

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String sql = args[1];
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
    long[] direct = new long[rounds];
    long[] boxed = new long[rounds];
    long check = 0;
    try (Connection on = DriverManager.getConnection(url);
        Connection off = DriverManager.getConnection(url + ";directResults=false")) {
      for (int r = 0; r < rounds; r++) {
        // both in every round, in turn first, so that warm-up and GC fall on both alike
        for (int k = 0; k < 2; k++) {
          boolean d = (r + k) % 2 == 0;
          long t0 = System.nanoTime();
          check += read(d ? on : off, sql, d);
          (d ? direct : boxed)[r] = System.nanoTime() - t0;
        }
        System.out.printf("round %d: direct %d ms, boxed %d ms%n", r, direct[r] / 1_000_000,
            boxed[r] / 1_000_000);
      }
    }
    long dm = median(direct);
    long bm = median(boxed);
    System.out.printf("median of %d: direct %d ms, boxed %d ms, direct/boxed %.2f (checksum %d)%n",
        rounds, dm / 1_000_000, bm / 1_000_000, (double) dm / bm, check);
  }

  private static long read(Connection c, String sql, boolean direct) throws SQLException {
    long sum = 0;
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      if (((CurataResultSet) rs).direct() != direct) {
        throw new IllegalStateException("direct path " + (direct ? "not " : "") + "taken");
      }
      ResultSetMetaData md = rs.getMetaData();
      int n = md.getColumnCount();
      int[] types = new int[n + 1];
      for (int i = 1; i <= n; i++) {
        types[i] = md.getColumnType(i);
      }
      while (rs.next()) {
        for (int i = 1; i <= n; i++) {
          switch (types[i]) {
            case Types.BOOLEAN: sum += rs.getBoolean(i) ? 1 : 0; break;
            case Types.TINYINT:
            case Types.SMALLINT:
            case Types.INTEGER: sum += rs.getInt(i); break;
            case Types.BIGINT: sum += rs.getLong(i); break;
            case Types.REAL:
            case Types.DOUBLE: sum += (long) rs.getDouble(i); break;
            case Types.DATE: {
              java.sql.Date d = rs.getDate(i);
              sum += d == null ? 0 : d.getTime();
              break;
            }
            case Types.TIMESTAMP: {
              java.sql.Timestamp t = rs.getTimestamp(i);
              sum += t == null ? 0 : t.getTime();
              break;
            }
            default: {
              String s = rs.getString(i);
              sum += s == null ? 0 : s.length();
            }
          }
          sum += rs.wasNull() ? 1 : 0;
        }
      }
    }
    return sum;
  }

  private static long median(long[] a) {
    long[] s = a.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
