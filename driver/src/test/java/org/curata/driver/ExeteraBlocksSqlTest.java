package org.curata.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.OpenOptions;
import org.curata.storage.Snapshot;
import org.curata.storage.importer.DataFrameCopy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL over an ExeTera file of several 65,536-row blocks, in HDF5 chunks of 1024 rows, scanned on
 * one and on four threads and with small batches, gives the same rows as the same file imported
 * into a Curata dataset: block boundaries, flags, categoricals, strings and timestamps survive the
 * parallel scan.
 */
final class ExeteraBlocksSqlTest {
  private static final int ROWS = 200_000;
  private static final int Q_ROWS = 30_000;

  @TempDir
  static Path tmp;

  private static Path hdf5;
  private static Path imported;

  private static final List<String> QUERIES = List.of(
      "SELECT COUNT(*), COUNT(age), SUM(age), MIN(ts), MAX(ts), COUNT(ts), MIN(score),"
          + " MAX(score) FROM p",
      "SELECT COUNT(*) FROM p WHERE age IS NULL",
      "SELECT COUNT(*) FROM p WHERE grp IS NULL OR ts IS NULL",
      "SELECT grp, COUNT(*), SUM(age), MIN(name), MAX(cc) FROM p GROUP BY grp ORDER BY grp",
      "SELECT id, name, cc, grp, age, ts FROM p WHERE age > 50 AND grp = 'b'"
          + " ORDER BY id DESC LIMIT 40",
      "SELECT id, name, age, ts FROM p WHERE id BETWEEN 65530 AND 65545 ORDER BY id",
      "SELECT COUNT(DISTINCT name), COUNT(DISTINCT cc), COUNT(DISTINCT grp) FROM p",
      "SELECT p.grp, COUNT(*), SUM(q.val), COUNT(p.age) FROM q JOIN p ON q.pid = p.id"
          + " GROUP BY p.grp ORDER BY p.grp",
      "SELECT name, COUNT(*) FROM p WHERE name LIKE 'n99%' GROUP BY name ORDER BY name",
      "SELECT id, score FROM p ORDER BY score DESC, id LIMIT 25");

  /** The queries run with batches of 3 rows as well (slow: few, selective ones). */
  private static final List<Integer> SMALL_BATCH = List.of(1, 5);

  @BeforeAll
  static void write() {
    hdf5 = tmp.resolve("big.hdf5");
    DatasetCreationOptions chunked = DatasetCreationOptions.builder().chunkDimensions(1024)
        .build();
    DatasetCreationOptions unsigned = DatasetCreationOptions.builder().chunkDimensions(1024)
        .unsigned().build();
    long[] id = new long[ROWS];
    byte[] grp = new byte[ROWS];
    int[] age = new int[ROWS];
    byte[] ageValid = new byte[ROWS];
    double[] ts = new double[ROWS];
    byte[] tsSet = new byte[ROWS];
    double[] score = new double[ROWS];
    String[] cc = new String[ROWS];
    long[] index = new long[ROWS + 1];
    for (int i = 0; i < ROWS; i++) {
      id[i] = i;
      grp[i] = (byte) (i % 11 == 0 ? -1 : i % 5);
      age[i] = (i * 37) % 100;
      ageValid[i] = (byte) (i % 7 == 0 ? 0 : 1);
      ts[i] = i % 13 == 0 ? 0.0 : 1_500_000_000.0 + i * 61.25;
      tsSet[i] = (byte) (i % 13 == 0 ? 0 : 1);
      score[i] = ((i * 7919L) % 100_003) / 7.0;
      cc[i] = "" + (char) ('A' + i % 26) + (char) ('A' + (i / 26) % 26);
      // jhdf writes strings of n characters as S(n + 1): NUL padded, as ExeTera pads short ones
    }
    byte[] bytes = buildIndex(index);
    try (WritableHdfFile f = HdfFile.write(hdf5)) {
      WritableGroup p = f.putGroup("p");
      field(p, "id", "numeric,int64").putDataset("values", id, chunked);
      WritableGroup g = field(p, "grp", "categorical,int8");
      g.putDataset("values", grp, chunked);
      g.putDataset("key_values", new byte[] {0, 1, 2, 3, 4});
      g.putDataset("key_names", new String[] {"", "a", "b", "c", "d"});
      field(p, "age", "numeric,int32").putDataset("values", age, chunked);
      field(p, "age_valid", "numeric,bool").putDataset("values", ageValid, chunked);
      field(p, "ts", "timestamp").putDataset("values", ts, chunked);
      field(p, "ts_set", "numeric,bool").putDataset("values", tsSet, chunked);
      field(p, "score", "numeric,float64").putDataset("values", score, chunked);
      field(p, "cc", "fixedstring,3").putDataset("values", cc, chunked);
      WritableGroup s = field(p, "name", "indexedstring");
      s.putDataset("index", index, chunked);
      s.putDataset("values", bytes, unsigned);
      WritableGroup q = f.putGroup("q");
      long[] pid = new long[Q_ROWS];
      int[] val = new int[Q_ROWS];
      for (int i = 0; i < Q_ROWS; i++) {
        pid[i] = (i * 7L) % (ROWS + 5000);
        val[i] = i % 1000;
      }
      field(q, "pid", "numeric,int64").putDataset("values", pid, chunked);
      field(q, "val", "numeric,int32").putDataset("values", val, chunked);
    }
    imported = tmp.resolve("imported");
    try (Dataset src = Datasets.open(hdf5); Snapshot s = src.snapshot();
         Dataset ds = Datasets.open(imported, OpenOptions.defaults().withCreate(true))) {
      DataFrameCopy.run(s, ds, DataFrameCopy.Options.defaults());
    }
  }

  /** The UTF-8 bytes of row names, filling {@code index} with their offsets. */
  private static byte[] buildIndex(long[] index) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i + 1 < index.length; i++) {
      String name = i % 17 == 0 ? "" : "n" + (i * 31 % 5003) + (i % 3 == 0 ? "é" : "");
      byte[] b = name.getBytes(StandardCharsets.UTF_8);
      out.write(b, 0, b.length);
      index[i + 1] = out.size();
    }
    return out.toByteArray();
  }

  private static WritableGroup field(WritableGroup df, String name, String fieldtype) {
    WritableGroup g = df.putGroup(name);
    g.putAttribute("fieldtype", fieldtype);
    return g;
  }

  private static List<String> run(Path source, String options, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:curata:" + source + options);
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          sb.append(i > 1 ? " | " : "").append(rs.getString(i));
        }
        rows.add(sb.toString());
      }
    }
    return rows;
  }

  @Test
  void theFileSpansSeveralBlocks() throws SQLException {
    assertEquals(List.of(ROWS + " | " + (ROWS - (ROWS + 6) / 7)),
        run(hdf5, ";threads=1", "SELECT COUNT(*), COUNT(age) FROM p"));
    assertTrue(ROWS > 3 * 65_536);
  }

  @Test
  void inPlaceEqualsImportedOnOneAndFourThreads() throws SQLException {
    for (int q = 0; q < QUERIES.size(); q++) {
      String sql = QUERIES.get(q);
      List<String> want = run(imported, ";threads=1", sql);
      assertTrue(!want.isEmpty(), sql);
      for (String options : List.of(";threads=1", ";threads=4", ";threads=4;batchSize=1024")) {
        assertEquals(want, run(hdf5, options, sql), options + ": " + sql);
      }
      assertEquals(want, run(imported, ";threads=4", sql), "imported, 4 threads: " + sql);
      if (SMALL_BATCH.contains(q)) {
        assertEquals(want, run(hdf5, ";threads=4;batchSize=3", sql), "batchSize=3: " + sql);
      }
    }
  }
}
