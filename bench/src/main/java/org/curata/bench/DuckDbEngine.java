package org.curata.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB through its JDBC driver, {@code SET threads=2}, native tables created with explicit
 * types and filled by {@code INSERT ... SELECT * FROM read_csv(...)} with the same explicit types.
 */
final class DuckDbEngine implements Engine {
  private final int threads;
  private DuckDBConnection root;

  DuckDbEngine(int threads) {
    this.threads = threads;
  }

  @Override
  public String name() {
    return "duckdb";
  }

  @Override
  public ImportResult prepare(BenchData data, boolean reuse, PrintStream log) throws Exception {
    Path db = data.duckDbFile();
    long bytes = Files.size(data.csv(BenchSchema.PATIENTS)) + Files.size(data.csv(BenchSchema.ASSESSMENTS));
    long rows = data.patientRows() + data.assessmentRows();
    if (reuse && Files.isRegularFile(db) && open(db) && hasAllRows(data)) {
      log.println("duckdb: reusing " + db);
      return new ImportResult(name(), Double.NaN, rows, bytes, "reused", ImportResult.sizeOnDisk(db));
    }
    close();
    Files.deleteIfExists(db);
    Files.deleteIfExists(db.resolveSibling(db.getFileName() + ".wal"));
    open(db);
    long t0 = System.nanoTime();
    try (Statement st = root.createStatement()) {
      for (TableDef t : BenchSchema.tables()) {
        st.execute(BenchSchema.duckDbCreate(t));
        st.execute("INSERT INTO " + t.name() + " SELECT * FROM read_csv('"
            + data.csv(t).toAbsolutePath().toString().replace("'", "''")
            + "', header = true, delim = ',', quote = '\"', auto_detect = false, columns = "
            + BenchSchema.duckDbColumnsStruct(t) + ")");
      }
      st.execute("CHECKPOINT");
    }
    double s = (System.nanoTime() - t0) / 1e9;
    if (!hasAllRows(data)) {
      throw new SQLException("duckdb: the import did not load the expected row counts");
    }
    return new ImportResult(name(), s, rows, bytes, "import", ImportResult.sizeOnDisk(db));
  }

  private boolean open(Path db) throws SQLException {
    root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
    try (Statement st = root.createStatement()) {
      st.execute("SET threads = " + threads);
    }
    return true;
  }

  private boolean hasAllRows(BenchData data) throws SQLException {
    try (Statement st = root.createStatement()) {
      for (TableDef t : BenchSchema.tables()) {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t.name())) {
          if (!rs.next() || rs.getLong(1) != data.rows(t)) {
            return false;
          }
        } catch (SQLException e) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public Connection connect() throws SQLException {
    if (root == null) {
      throw new IllegalStateException("duckdb: prepare() first");
    }
    return root.duplicate();
  }

  @Override
  public void close() throws SQLException {
    if (root != null) {
      root.close();
      root = null;
    }
  }
}
