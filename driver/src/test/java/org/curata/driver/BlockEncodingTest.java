package org.curata.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.curata.storage.BlockInfo;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.Encoding;
import org.curata.storage.Field;
import org.curata.storage.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code blockEncoding=dense|sparse} forces the encoding of the blocks a connection writes, and
 * queries give the same answers either way (and with the default, {@code auto}).
 */
final class BlockEncodingTest {
  private static final List<String> QUERIES = List.of(
      "SELECT * FROM t ORDER BY id",
      "SELECT COUNT(*), COUNT(x), COUNT(s), SUM(x), MIN(s), MAX(y) FROM t",
      "SELECT id, s FROM t WHERE x > 10 AND s IS NOT NULL ORDER BY id",
      "SELECT id FROM t WHERE y IS NULL ORDER BY id",
      "SELECT x, COUNT(*) FROM t GROUP BY x ORDER BY x NULLS FIRST");

  @TempDir
  Path tmp;

  /** Fills a table with one INSERT per row plus one multi-row INSERT, then runs the queries. */
  private List<String> run(Path dir, String encoding) throws SQLException {
    String url = "jdbc:curata:" + dir + ";create=true;blockRows=8"
        + (encoding == null ? "" : ";blockEncoding=" + encoding);
    List<String> answers = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (id INTEGER NOT NULL, x BIGINT, y DOUBLE, s VARCHAR)");
      for (int i = 0; i < 30; i++) {
        st.execute("INSERT INTO t VALUES (" + i + ", " + (i % 2 == 0 ? Integer.toString(i) : "NULL")
            + ", " + (i % 5 == 0 ? i + ".5" : "NULL") + ", "
            + (i % 7 == 3 ? "'s" + i + "'" : "NULL") + ")");
      }
      st.execute("INSERT INTO t VALUES (30, 3, NULL, 'a'), (31, NULL, NULL, NULL),"
          + " (32, 40, 1.25, NULL)");
      for (String q : QUERIES) {
        try (ResultSet rs = st.executeQuery(q)) {
          ResultSetMetaData md = rs.getMetaData();
          StringBuilder sb = new StringBuilder(q).append('\n');
          while (rs.next()) {
            for (int col = 1; col <= md.getColumnCount(); col++) {
              sb.append(rs.getString(col)).append(col < md.getColumnCount() ? "|" : "\n");
            }
          }
          answers.add(sb.toString());
        }
      }
    }
    return answers;
  }

  private static Set<Encoding> encodings(Path dir) {
    Set<Encoding> seen = EnumSet.noneOf(Encoding.class);
    try (Dataset ds = Datasets.open(dir); Snapshot s = ds.snapshot()) {
      for (Field f : s.dataFrame("t").orElseThrow().fields()) {
        assertEquals(5, f.blocks().size(), f.name() + ": 33 rows in blocks of 8");
        for (BlockInfo b : f.blocks()) {
          seen.add(b.encoding());
        }
      }
    }
    return seen;
  }

  @Test
  void forcedEncodingsWriteThatEncodingAndAnswerTheSame() throws SQLException {
    List<String> auto = run(tmp.resolve("auto"), null);
    List<String> sparse = run(tmp.resolve("sparse"), "sparse");
    List<String> dense = run(tmp.resolve("dense"), "DENSE");
    assertFalse(auto.get(0).isBlank());
    assertEquals(auto, sparse);
    assertEquals(auto, dense);
    assertEquals(EnumSet.of(Encoding.DENSE, Encoding.SPARSE), encodings(tmp.resolve("auto")));
    assertEquals(EnumSet.of(Encoding.SPARSE), encodings(tmp.resolve("sparse")));
    assertEquals(EnumSet.of(Encoding.DENSE), encodings(tmp.resolve("dense")));
    assertEquals(auto, run(tmp.resolve("explicitAuto"), "auto"));
  }
}
