package org.curata.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver plans with Curata's cost model: EXPLAIN shows each Curata rel's estimate, EXPLAIN
 * INCLUDING ALL ATTRIBUTES prints Curata's costs, and the connection's memory budget changes the
 * join strategy chosen (never the answer).
 */
final class ExplainEstimateTest {
  private static final long SEED = 20_261_122L;

  @TempDir
  Path tmp;

  private String url() {
    return "jdbc:curata:" + tmp.resolve("ds");
  }

  private void create() throws SQLException {
    Random r = new Random(SEED);
    try (Connection c = DriverManager.getConnection(url() + ";create=true");
        Statement st = c.createStatement()) {
      st.executeUpdate("CREATE TABLE p (id INTEGER NOT NULL, name VARCHAR(40), PRIMARY KEY (id))");
      st.executeUpdate("CREATE TABLE a (aid BIGINT NOT NULL, pid INTEGER, note VARCHAR(40),"
          + " PRIMARY KEY (aid))");
      StringBuilder p = new StringBuilder("INSERT INTO p VALUES ");
      for (int i = 0; i < 1500; i++) {
        p.append(i == 0 ? "" : ", ").append("(").append(i).append(", 'name-")
            .append(r.nextInt(100_000)).append("-padding-padding')");
      }
      st.executeUpdate(p.toString());
      StringBuilder a = new StringBuilder("INSERT INTO a VALUES ");
      for (int i = 0; i < 1500; i++) {
        a.append(i == 0 ? "" : ", ").append("(").append(i).append(", ")
            .append(r.nextInt(20) == 0 ? "NULL" : String.valueOf(r.nextInt(1600)))
            .append(", 'note-").append(r.nextInt(100_000)).append("-padding-padding')");
      }
      st.executeUpdate(a.toString());
    }
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          b.append(i > 1 ? ", " : "").append(rs.getObject(i));
        }
        out.add(b.toString());
      }
    }
    return out;
  }

  @Test
  void explainShowsEstimatesAndTheBudgetPicksTheJoin() throws SQLException {
    create();
    String q = "select p.id, p.name, a.aid, a.note from a join p on a.pid = p.id";
    List<String> large;
    try (Connection c = DriverManager.getConnection(url() + ";memory=1g")) {
      String plan = String.join("\n", rows(c, "EXPLAIN PLAN FOR " + q));
      for (String line : plan.split("\n")) {
        assertTrue(line.contains("est=[rows="), plan);
      }
      assertTrue(plan.contains("strategy=[hash]"), plan);
      String all = String.join("\n", rows(c, "EXPLAIN PLAN INCLUDING ALL ATTRIBUTES FOR " + q));
      assertTrue(all.contains("cumulative cost = {"), all);
      assertTrue(all.contains(" ns: "), all);
      large = rows(c, q);
    }
    try (Connection c = DriverManager.getConnection(url() + ";memory=64k")) {
      String plan = String.join("\n", rows(c, "EXPLAIN PLAN FOR " + q));
      // p is sorted on its key; sorting a and merging spills less than a grace hash join
      assertTrue(plan.contains("strategy=[merge]"), plan);
      assertTrue(plan.contains("CurataSort"), plan);
      assertFalse(plan.contains("strategy=[hash]"), plan);
      List<String> tiny = rows(c, q);
      large.sort(null);
      tiny.sort(null);
      assertEquals(large, tiny, "seed " + SEED);
    }
  }
}
