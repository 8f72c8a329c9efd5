package org.curata.adapter;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.curata.adapter.rel.CurataCost;
import org.curata.adapter.rel.CurataMetadata;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.FieldSpec;

/**
 * What the parity tests share: the plain Calcite reference (rows held in Java arrays), the way
 * both engines' answers are rendered for comparison, and appending nullable values.
 */
final class ParitySupport {
  private ParitySupport() {
  }

  /** Calcite's driver with Curata's cost model installed, as the Curata driver plans. */
  private static final Driver DRIVER = new Driver().withPrepareFactory(CostedPrepare::new);

  /** Calcite's preparation with the planner given {@link CurataCost#FACTORY}. */
  private static final class CostedPrepare extends CalcitePrepareImpl {
    @Override
    protected RelOptPlanner createPlanner(CalcitePrepare.Context prepareContext,
        org.apache.calcite.plan.Context externalContext, RelOptCostFactory costFactory) {
      return super.createPlanner(prepareContext, externalContext, CurataCost.FACTORY);
    }

    @Override
    protected RelOptCluster createCluster(RelOptPlanner planner, RexBuilder rexBuilder) {
      RelOptCluster cluster = super.createCluster(planner, rexBuilder);
      CurataMetadata.install(cluster);
      return cluster;
    }
  }

  /**
   * A {@code jdbc:calcite:} connection (lex JAVA) planning with Curata's cost model (as the
   * Curata driver does).
   */
  static Connection calciteConnection(Properties p) throws SQLException {
    Connection c = DRIVER.connect("jdbc:calcite:", p);
    if (c == null) {
      throw new SQLException("Calcite's driver refused jdbc:calcite:");
    }
    return c;
  }

  /**
   * EXPLAIN text without the cost estimates ({@code est=[...]} items) that Curata rels add, for
   * comparing whole lines whose other items a test fixes.
   */
  static String withoutEstimates(String plan) {
    return plan.replaceAll("\\(est=\\[[^\\]]*\\]\\)", "").replaceAll(", est=\\[[^\\]]*\\]", "");
  }

  /** A {@code jdbc:calcite:} connection (lex JAVA) with {@code schema} registered as "main". */
  static Connection connection(Schema schema) throws SQLException {
    Properties p = new Properties();
    p.setProperty("lex", "JAVA");
    Connection c = calciteConnection(p);
    CalciteConnection cc = c.unwrap(CalciteConnection.class);
    cc.getRootSchema().add("main", schema);
    cc.setSchema("main");
    return c;
  }

  /** Plain Calcite with {@code tables} (usually {@link ArrayTable}s) in schema "main". */
  static Connection plainCalcite(Map<String, Table> tables) throws SQLException {
    return connection(new AbstractSchema() {
      @Override
      protected Map<String, Table> getTableMap() {
        return tables;
      }
    });
  }

  /** Rows as strings, columns joined by ", " (JDBC getObject's toString, "null" for NULL). */
  static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          if (i > 1) {
            b.append(", ");
          }
          b.append(rs.getObject(i));
        }
        out.add(b.toString());
      }
    }
    return out;
  }

  /** The rows, or one line naming the error (then the engines agree only if both fail alike). */
  static List<String> run(Connection c, String sql) {
    try {
      return rows(c, sql);
    } catch (SQLException | RuntimeException e) {
      List<String> out = new ArrayList<>();
      out.add("ERROR " + e);
      return out;
    }
  }

  /** Names the first row where {@code got} differs from {@code expected}, else the counts. */
  static String diff(List<String> expected, List<String> got) {
    for (int i = 0; i < Math.min(expected.size(), got.size()); i++) {
      if (!expected.get(i).equals(got.get(i))) {
        return "row " + i + ": expected [" + expected.get(i) + "] got [" + got.get(i) + "]"
            + " (" + expected.size() + " vs " + got.size() + " rows)";
      }
    }
    return "expected " + expected.size() + " rows, got " + got.size();
  }

  /** Appends {@code v} to field {@code field} as a long, or NULL when it is null. */
  static void put(DataFrameAppender a, int field, Long v) {
    if (v == null) {
      a.field(field).appendNull();
    } else {
      a.field(field).appendLong(v);
    }
  }

  /** Appends {@code v} to field {@code field} as a double, or NULL when it is null. */
  static void putDouble(DataFrameAppender a, int field, Double v) {
    if (v == null) {
      a.field(field).appendNull();
    } else {
      a.field(field).appendDouble(v);
    }
  }

  /** Appends {@code v} to field {@code field} as a string, or NULL when it is null. */
  static void putString(DataFrameAppender a, int field, String v) {
    if (v == null) {
      a.field(field).appendNull();
    } else {
      a.field(field).appendString(v);
    }
  }

  /** Rows held in Java arrays, typed exactly as Curata types the same fields. */
  static final class ArrayTable extends AbstractTable implements ScannableTable {
    private final List<FieldSpec> specs;
    private final List<Object[]> rows;

    /** A table of {@code rows}, each laid out as {@code specs} and holding Calcite's values. */
    ArrayTable(List<FieldSpec> specs, List<Object[]> rows) {
      this.specs = specs;
      this.rows = rows;
    }

    /** One column per field, typed by {@link CurataTypes#sqlType}. */
    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      RelDataTypeFactory.Builder b = typeFactory.builder();
      for (FieldSpec f : specs) {
        b.add(f.name(), CurataTypes.sqlType(f, typeFactory));
      }
      return b.build();
    }

    /** The rows as they are, without copying. */
    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      return Linq4j.asEnumerable(rows);
    }
  }

  /** The rows in sorted order, for comparing results whose order SQL leaves open. */
  static List<String> sorted(List<String> rows) {
    List<String> out = new ArrayList<>(rows);
    java.util.Collections.sort(out);
    return out;
  }
}
