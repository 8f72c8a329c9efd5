package org.curata.driver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.calcite.jdbc.CalciteConnection;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.OpenOptions;
import org.curata.storage.Transaction;

/**
 * Run by hand (not a test): the time to read N rows x 5 columns through the driver's wrapped
 * ResultSet and through Calcite's own, to measure what the wrapping costs per row. Arguments:
 * [rows (default 2000000)] [rounds (default 7)]; prints the median of each.
 */
final class ResultSetOverhead {
  private ResultSetOverhead() {
  }

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Path dir = Files.createTempDirectory("curata-rs-overhead");
    try (Dataset ds = Datasets.open(dir, OpenOptions.defaults().withCreate(true));
        Transaction tx = ds.beginWrite("benchmark data")) {
      DataFrameAppender out = tx.createDataFrame("t", List.of(
          FieldSpec.of("id", FieldType.of(FieldKind.INT64)),
          FieldSpec.of("a", FieldType.of(FieldKind.INT32)),
          FieldSpec.of("x", FieldType.of(FieldKind.FLOAT64)),
          FieldSpec.of("s", FieldType.of(FieldKind.STRING)),
          FieldSpec.of("b", FieldType.of(FieldKind.INT32))), List.of(), List.of());
      for (int i = 0; i < rows; i++) {
        out.field(0).appendLong(i);
        out.field(1).appendLong(i % 1000);
        out.field(2).appendDouble(i * 0.5);
        out.field(3).appendString(i % 7 == 0 ? "seven" : "other");
        out.field(4).appendLong(i % 3);
      }
      tx.commit();
    }
    String sql = "SELECT id, a, x, s, b FROM t";
    try (Connection wrapped = DriverManager.getConnection("jdbc:curata:" + dir)) {
      Connection raw = wrapped.unwrap(CalciteConnection.class);
      long[] viaDriver = new long[rounds];
      long[] viaCalcite = new long[rounds];
      long check = 0;
      for (int r = 0; r < rounds; r++) {
        // both in every round, in turn first, so that warm-up and GC fall on both alike
        for (int k = 0; k < 2; k++) {
          boolean driver = (r + k) % 2 == 0;
          long t0 = System.nanoTime();
          check += read(driver ? wrapped : raw, sql);
          (driver ? viaDriver : viaCalcite)[r] = System.nanoTime() - t0;
        }
        System.out.printf("round %d: driver %d ms, Calcite %d ms%n", r,
            viaDriver[r] / 1_000_000, viaCalcite[r] / 1_000_000);
      }
      long d = median(viaDriver);
      long c = median(viaCalcite);
      System.out.printf("%d rows x 5 columns, median of %d: driver %d ms, Calcite's own %d ms,"
          + " overhead %.1f %% (checksum %d)%n", rows, rounds, d / 1_000_000, c / 1_000_000,
          100.0 * (d - c) / c, check);
    }
  }

  private static long read(Connection c, String sql) throws SQLException {
    long sum = 0;
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        sum += rs.getLong(1) + rs.getInt(2) + (long) rs.getDouble(3) + rs.getString(4).length()
            + rs.getInt(5);
      }
    }
    return sum;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
