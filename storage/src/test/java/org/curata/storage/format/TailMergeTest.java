package org.curata.storage.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.curata.storage.Block;
import org.curata.storage.BlockInfo;
import org.curata.storage.CurataException;
import org.curata.storage.DataFrame;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.ErrorCode;
import org.curata.storage.Field;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.OpenOptions;
import org.curata.storage.Snapshot;
import org.curata.storage.Transaction;
import org.curata.storage.VacuumResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many small appending commits (one SQL INSERT each) merge into the dataframe's partial last
 * block instead of leaving one tiny block per commit (FORMAT.md, "Appending to a partial block").
 */
final class TailMergeTest {
  private static final long ODD_NAN = 0x7ff8_0000_0000_0123L;

  @TempDir
  Path tmp;

  private static List<FieldSpec> fields() {
    return List.of(
        new FieldSpec("id", FieldType.of(FieldKind.INT64), false),
        FieldSpec.of("s", FieldType.of(FieldKind.STRING)),
        FieldSpec.of("f", FieldType.of(FieldKind.FLOAT64)),
        FieldSpec.of("r", FieldType.of(FieldKind.FLOAT32)),
        FieldSpec.of("b", FieldType.of(FieldKind.BOOL)),
        FieldSpec.of("u", FieldType.of(FieldKind.UINT32)),
        FieldSpec.of("fs", FieldType.fixedString(3)));
  }

  /** Appends row {@code i}: NULLs at several densities, NaN payloads, -0.0, extreme values. */
  private static void row(DataFrameAppender a, int i) {
    a.field(0).appendLong(i * 7L - 3000);
    if (i % 3 == 0) {
      a.field(1).appendNull();
    } else {
      a.field(1).appendString(i % 5 == 0 ? "" : "v" + i + "é");
    }
    switch (i % 6) {
      case 0: a.field(2).appendNull(); break;
      case 1: a.field(2).appendDouble(Double.longBitsToDouble(ODD_NAN)); break;
      case 2: a.field(2).appendDouble(-0.0); break;
      case 3: a.field(2).appendDouble(Double.NEGATIVE_INFINITY); break;
      default: a.field(2).appendDouble(i / 3.0); break;
    }
    if (i % 7 == 0) {
      a.field(3).appendDouble(Float.intBitsToFloat(0x7fc0_0042));
    } else {
      a.field(3).appendDouble(i * 0.25f);
    }
    if (i % 11 < 9) {
      a.field(4).appendNull();
    } else {
      a.field(4).appendLong(i & 1);
    }
    if (i % 2 == 0) {
      a.field(5).appendLong(0xFFFF_FFFFL - i);
    } else {
      a.field(5).appendNull();
    }
    if (i % 4 == 1) {
      a.field(6).appendNull();
    } else {
      a.field(6).appendString(i % 4 == 0 ? "" : Integer.toString(i % 1000));
    }
  }

  private static Dataset open(Path dir, int blockRows) {
    return Datasets.open(dir, OpenOptions.defaults().withCreate(true).withBlockRows(blockRows));
  }

  private static void create(Dataset ds) {
    try (Transaction tx = ds.beginWrite("create")) {
      tx.createDataFrame("t", fields(), List.of("id"), List.of("id"));
      tx.commit();
    }
  }

  /** Version 1 creates the dataframe; version 1 + i holds rows 0 .. i - 1, one per commit. */
  private static Map<Long, String> singleRowCommits(Dataset ds, int rows, Set<Integer> remember) {
    create(ds);
    Map<Long, String> dumps = new TreeMap<>();
    for (int i = 0; i < rows; i++) {
      try (Transaction tx = ds.beginWrite("insert " + i)) {
        row(tx.append("t"), i);
        long v = tx.commit().id();
        if (remember.contains(i + 1)) {
          dumps.put(v, TestSupport.dump(ds));
        }
      }
    }
    return dumps;
  }

  /** The same rows in one commit: the oracle for values and block boundaries. */
  private static void oneCommit(Dataset ds, int rows) {
    create(ds);
    try (Transaction tx = ds.beginWrite("all at once")) {
      DataFrameAppender a = tx.append("t");
      for (int i = 0; i < rows; i++) {
        row(a, i);
      }
      tx.commit();
    }
  }

  private static List<Long> firstRows(Field f) {
    return f.blocks().stream().map(BlockInfo::firstRow).toList();
  }

  private static long rawBits(Block b, int r) {
    return Double.doubleToRawLongBits(b.getDouble(r));
  }

  @ParameterizedTest
  @ValueSource(ints = {64, OpenOptions.DEFAULT_BLOCK_ROWS})
  void thousandSingleRowCommitsGiveFullBlocks(int blockRows) {
    int rows = 1000;
    Set<Integer> remember = Set.of(1, 2, blockRows - 1, blockRows, blockRows + 1, 500, rows);
    Map<Long, String> dumps;
    try (Dataset ds = open(tmp.resolve("many"), blockRows);
        Dataset once = open(tmp.resolve("once"), blockRows)) {
      dumps = singleRowCommits(ds, rows, remember);
      oneCommit(once, rows);
      try (Snapshot s = ds.snapshot(); Snapshot o = once.snapshot()) {
        assertEquals(TestSupport.dump(o), TestSupport.dump(s));
        DataFrame df = s.dataFrame("t").orElseThrow();
        DataFrame odf = o.dataFrame("t").orElseThrow();
        assertEquals(rows, df.rowCount());
        int expectBlocks = (rows + blockRows - 1) / blockRows;
        List<Long> boundaries = firstRows(df.fields().get(0));
        for (int fi = 0; fi < df.fields().size(); fi++) {
          Field f = df.fields().get(fi);
          Field of = odf.fields().get(fi);
          assertEquals(expectBlocks, f.blocks().size(), f.name());
          assertEquals(boundaries, firstRows(f), "all fields share block boundaries: " + f.name());
          assertEquals(firstRows(of), firstRows(f), f.name());
          for (int bi = 0; bi < f.blocks().size(); bi++) {
            BlockInfo info = f.blocks().get(bi);
            assertEquals(bi, info.index());
            assertEquals(bi + 1 < expectBlocks ? blockRows : rows - (long) bi * blockRows,
                info.rowCount(), f.name() + " block " + bi);
            assertEquals(of.blocks().get(bi).stats().nullCount(), info.stats().nullCount());
            assertEquals(of.blocks().get(bi).stats().minLong(), info.stats().minLong());
            assertEquals(of.blocks().get(bi).stats().maxLong(), info.stats().maxLong());
            assertEquals(of.blocks().get(bi).encoding(), info.encoding());
            if (f.type().kind().isFloating()) {
              Block b = f.block(bi);
              Block ob = of.block(bi);
              for (int r = 0; r < b.rowCount(); r++) {
                assertEquals(rawBits(ob, r), rawBits(b, r), f.name() + " row " + r);
              }
            }
          }
        }
      }
      assertEquals(rows + 2, ds.versions().size());
      for (Map.Entry<Long, String> e : dumps.entrySet()) {
        try (Snapshot s = ds.snapshot(e.getKey())) {
          assertEquals(e.getValue(), TestSupport.dump(s), "version " + e.getKey());
          assertEquals(e.getKey() - 1, s.dataFrame("t").orElseThrow().rowCount());
        }
      }
      assertTrue(ds.verify().ok(), ds.verify().problems().toString());
    }
  }

  @Test
  void mergeOnlyRewritesThePartialLastBlock() {
    try (Dataset ds = open(tmp.resolve("m"), 4)) {
      create(ds);
      try (Transaction tx = ds.beginWrite("10 rows")) {
        DataFrameAppender a = tx.append("t");
        for (int i = 0; i < 10; i++) {
          row(a, i);
        }
        tx.commit();
      }
      List<BlockInfo> before;
      try (Snapshot s = ds.snapshot()) {
        before = s.dataFrame("t").orElseThrow().fields().get(1).blocks();
      }
      assertEquals(List.of(4, 4, 2), before.stream().map(BlockInfo::rowCount).toList());
      try (Transaction tx = ds.beginWrite("appended nothing")) {
        tx.append("t");
        tx.commit();
      }
      try (Snapshot s = ds.snapshot()) {
        assertEquals(before, s.dataFrame("t").orElseThrow().fields().get(1).blocks(),
            "a commit that appends no row rewrites nothing");
      }
      try (Transaction tx = ds.beginWrite("one row")) {
        row(tx.append("t"), 10);
        tx.commit();
      }
      try (Snapshot s = ds.snapshot()) {
        List<BlockInfo> after = s.dataFrame("t").orElseThrow().fields().get(1).blocks();
        assertEquals(List.of(4, 4, 3), after.stream().map(BlockInfo::rowCount).toList());
        assertEquals(before.subList(0, 2), after.subList(0, 2), "full blocks are shared");
        assertFalse(after.get(2).file().equals(before.get(2).file()),
            "the merged tail goes to the new transaction's file");
        assertEquals(8, after.get(2).firstRow());
      }
      try (Snapshot old = ds.snapshot(2)) {
        assertEquals(before, old.dataFrame("t").orElseThrow().fields().get(1).blocks());
      }
      // A larger blockRows later merges up to its own size; a smaller one leaves the tail.
      try (Dataset small = Datasets.open(tmp.resolve("m"),
          OpenOptions.defaults().withBlockRows(2))) {
        try (Transaction tx = small.beginWrite("blockRows 2")) {
          row(tx.append("t"), 11);
          tx.commit();
        }
        try (Snapshot s = small.snapshot()) {
          assertEquals(List.of(4, 4, 3, 1), s.dataFrame("t").orElseThrow().fields().get(1)
              .blocks().stream().map(BlockInfo::rowCount).toList());
        }
      }
      try (Dataset big = Datasets.open(tmp.resolve("m"), OpenOptions.defaults().withBlockRows(8))) {
        try (Transaction tx = big.beginWrite("blockRows 8")) {
          DataFrameAppender a = tx.append("t");
          for (int i = 12; i < 20; i++) {
            row(a, i);
          }
          tx.commit();
        }
        try (Snapshot s = big.snapshot()) {
          assertEquals(List.of(4, 4, 3, 8, 1), s.dataFrame("t").orElseThrow().fields().get(1)
              .blocks().stream().map(BlockInfo::rowCount).toList());
        }
        assertTrue(big.verify().ok(), big.verify().problems().toString());
      }
    }
  }

  @Test
  void vacuumFreesSupersededTails() throws IOException {
    Path dir = tmp.resolve("vac");
    int rows = 150;
    try (Dataset ds = open(dir, 64)) {
      Map<Long, String> dumps = singleRowCommits(ds, rows, Set.of(rows - 2, rows - 1, rows));
      long latest = ds.snapshot().version().id();
      String now = TestSupport.dump(ds);
      assertTrue(dataFiles(dir).size() > 100, "every commit wrote its tail to a new file");
      VacuumResult keep3 = ds.vacuum(3);
      assertEquals(latest - 2, keep3.expiredVersions().size());
      assertTrue(keep3.filesDeleted() > keep3.expiredVersions().size(), keep3.toString());
      for (Map.Entry<Long, String> e : dumps.entrySet()) {
        try (Snapshot s = ds.snapshot(e.getKey())) {
          assertEquals(e.getValue(), TestSupport.dump(s), "version " + e.getKey());
        }
      }
      assertEquals(referenced(ds, latest - 2, latest), dataFiles(dir));
      ds.vacuum(1);
      Set<String> files = dataFiles(dir);
      assertEquals(referenced(ds, latest, latest), files);
      // 150 rows of blockRows 64: blocks 64, 64, 22 per field, each in its own file (a
      // dictionary's segment may also keep the file of an earlier commit).
      Set<String> blockFiles = new HashSet<>();
      try (Snapshot s = ds.snapshot()) {
        for (Field f : s.dataFrame("t").orElseThrow().fields()) {
          f.blocks().forEach(b -> blockFiles.add(b.file()));
        }
      }
      assertEquals(3 * fields().size(), blockFiles.size(), blockFiles.toString());
      assertTrue(files.size() <= blockFiles.size() + fields().size(), files.toString());
      assertEquals(now, TestSupport.dump(ds));
      assertEquals(ErrorCode.NOT_FOUND,
          assertThrows(CurataException.class, () -> ds.snapshot(latest - 1)).code());
      assertTrue(ds.verify().ok(), ds.verify().problems().toString());
    }
  }

  private static Set<String> dataFiles(Path dir) throws IOException {
    Set<String> out = new HashSet<>();
    try (Stream<Path> s = Files.list(dir.resolve("data"))) {
      s.forEach(p -> out.add("data/" + p.getFileName()));
    }
    return out;
  }

  /** Files the versions reference: their blocks' and their dictionary segments'. */
  private static Set<String> referenced(Dataset ds, long from, long to) throws IOException {
    Set<String> out = new HashSet<>();
    for (long v = from; v <= to; v++) {
      try (Snapshot s = ds.snapshot(v)) {
        for (DataFrame df : s.dataFrames()) {
          for (Field f : df.fields()) {
            for (BlockInfo b : f.blocks()) {
              out.add(b.file());
            }
          }
        }
      }
      out.addAll(((FileDataset) ds).manifest(v).files());
    }
    return out;
  }
}
