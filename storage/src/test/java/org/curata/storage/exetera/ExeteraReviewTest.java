package org.curata.storage.exetera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.curata.storage.Block;
import org.curata.storage.BlockInfo;
import org.curata.storage.CurataException;
import org.curata.storage.DataFrame;
import org.curata.storage.ErrorCode;
import org.curata.storage.Field;
import org.curata.storage.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files an independent review found mishandled: repeated keys, large strings, wide keys. */
final class ExeteraReviewTest {
  @TempDir
  Path dir;

  private static WritableGroup field(WritableGroup t, String name, String fieldtype) {
    WritableGroup g = t.putGroup(name);
    g.putAttribute("fieldtype", fieldtype);
    return g;
  }

  private static CurataException openFails(Path p) {
    return assertThrows(CurataException.class, () -> {
      try (ExeteraDataset ds = ExeteraFiles.open(p)) {
        ds.warnings();
      }
    });
  }

  @Test
  void aKeyValueNamingTwoLabelsKeepsTheLastAndWarns() {
    Path p = HdfTestFiles.write(dir, "dupkey.hdf5", t -> {
      WritableGroup c = field(t, "c", "categorical,int8");
      c.putDataset("values", new byte[] {0, 1, 2});
      c.putDataset("key_values", new byte[] {0, 1, 1});
      c.putDataset("key_names", new String[] {"", "no", "No"});
      field(t, "n", "numeric,int32").putDataset("values", new int[] {1, 2, 3});
    });
    try (ExeteraDataset ds = ExeteraFiles.open(p); Snapshot s = ds.snapshot()) {
      Field c = s.dataFrame("t").orElseThrow().field("c").orElseThrow();
      assertEquals(Arrays.asList("", "No", null), FieldValues.of(c));
      String w = String.join("\n", ds.warnings());
      assertTrue(w.contains("dupkey.hdf5") && w.contains("/t/c") && w.contains("key value 1")
          && w.contains("'no'") && w.contains("'No'"), w);
    }
  }

  @Test
  void aWideKeyWrappedOntoAnotherValueKeepsTheLastAndWarns() {
    Path p = HdfTestFiles.write(dir, "wrapdup.hdf5", t -> {
      WritableGroup c = field(t, "c", "categorical,int16");
      c.putDataset("values", new short[] {44, 300, 1});
      c.putDataset("key_values", new byte[] {1, 44, (byte) 300});
      c.putDataset("key_names", new String[] {"a", "b", "c"});
    });
    try (ExeteraDataset ds = ExeteraFiles.open(p); Snapshot s = ds.snapshot()) {
      Field c = s.dataFrame("t").orElseThrow().field("c").orElseThrow();
      assertEquals(Arrays.asList("c", null, "a"), FieldValues.of(c));
      String w = String.join("\n", ds.warnings());
      assertTrue(w.contains("wrapdup.hdf5") && w.contains("/t/c") && w.contains("key value 44")
          && w.contains("'b'") && w.contains("'c'"), w);
    }
  }

  @Test
  void aKeyOf257EntriesOnUint16CodesOpens() {
    int n = 300;
    short[] codes = new short[n];
    byte[] keyValues = new byte[n];
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      codes[i] = (short) i;
      keyValues[i] = (byte) i;
      names[i] = "k" + i;
    }
    Path p = HdfTestFiles.write(dir, "wide.hdf5", t -> {
      WritableGroup c = field(t, "c", "categorical,uint16");
      c.putDataset("values", codes, DatasetCreationOptions.builder().unsigned().build());
      c.putDataset("key_values", keyValues);
      c.putDataset("key_names", names);
    });
    try (ExeteraDataset ds = ExeteraFiles.open(p); Snapshot s = ds.snapshot()) {
      List<Object> v = FieldValues.of(s.dataFrame("t").orElseThrow().field("c").orElseThrow());
      assertEquals("k256", v.get(0), "key value 0 is last written by entry 256 (wrapped to 0)");
      assertNull(v.get(256), "code 256 has no key entry");
      assertEquals("k299", v.get(43), "key value 43 is last written by entry 299 (299 wraps to 43)");
      assertTrue(ds.warnings().size() > 0);
    }
  }

  @Test
  void aKeyOfWideSpanOpensAndReadsWithoutAHugeTable() {
    for (int[] kv : new int[][] {{0, 2_000_000_000}, {Integer.MIN_VALUE, Integer.MAX_VALUE}}) {
      Path p = HdfTestFiles.write(dir, "hugekey" + kv[0] + ".hdf5", t -> {
        WritableGroup c = field(t, "c", "categorical,int32");
        c.putDataset("values", new int[] {kv[0], kv[1], 7});
        c.putDataset("key_values", kv);
        c.putDataset("key_names", new String[] {"a", "b"});
      });
      try (ExeteraDataset ds = ExeteraFiles.open(p); Snapshot s = ds.snapshot()) {
        Field c = s.dataFrame("t").orElseThrow().field("c").orElseThrow();
        assertEquals(Arrays.asList("a", "b", null), FieldValues.of(c), Arrays.toString(kv));
      }
    }
  }

  @Test
  void floatKeyValuesAreCorruptionNamingTheArray() {
    Path p = HdfTestFiles.write(dir, "floatkey.hdf5", t -> {
      WritableGroup c = field(t, "c", "categorical,int8");
      c.putDataset("values", new byte[] {0});
      c.putDataset("key_values", new double[] {0.0});
      c.putDataset("key_names", new String[] {"a"});
    });
    CurataException e = openFails(p);
    assertEquals(ErrorCode.CORRUPTION, e.code(), e.getMessage());
    assertTrue(e.getMessage().contains("/t/c/key_values"), e.getMessage());
  }

  @Test
  void indexedStringArraysOfTheWrongTypeAreCorruptionNamingTheArray() {
    Path wideValues = HdfTestFiles.write(dir, "idxwide.hdf5", t -> {
      WritableGroup s = field(t, "s", "indexedstring");
      s.putDataset("index", new long[] {0, 2, 4});
      s.putDataset("values", new int[] {'a', 'b', 'c', 'd'});
    });
    CurataException e = openFails(wideValues);
    assertEquals(ErrorCode.CORRUPTION, e.code(), e.getMessage());
    assertTrue(e.getMessage().contains("/t/s/values") && e.getMessage().contains("int32"),
        e.getMessage());
    Path floatIndex = HdfTestFiles.write(dir, "idxfloat.hdf5", t -> {
      WritableGroup s = field(t, "s", "indexedstring");
      s.putDataset("index", new double[] {0, 2, 4});
      s.putDataset("values", "abcd".getBytes(StandardCharsets.UTF_8),
          DatasetCreationOptions.builder().unsigned().build());
    });
    e = openFails(floatIndex);
    assertEquals(ErrorCode.CORRUPTION, e.code(), e.getMessage());
    assertTrue(e.getMessage().contains("/t/s/index") && e.getMessage().contains("float64"),
        e.getMessage());
  }

  @Test
  void timestampsOutsideYears1To9999FailTheReadNamingRowAndValue() {
    double last = Math.nextDown(253_402_300_800.0);
    Path ok = HdfTestFiles.write(dir, "tsok.hdf5",
        t -> field(t, "ts", "timestamp").putDataset("values",
        new double[] {0.0, -62_135_596_800.0, 253_402_300_799.0, Double.NaN}));
    try (ExeteraDataset ds = ExeteraFiles.open(ok); Snapshot s = ds.snapshot()) {
      Field f = s.dataFrame("t").orElseThrow().field("ts").orElseThrow();
      assertEquals(Arrays.asList(0L, -62_135_596_800_000_000L, 253_402_300_799_000_000L, null),
          FieldValues.of(f));
    }
    for (double bad : new double[] {1.0e12, 9.1e12, -9.1e12, 253_402_300_800.0, last + 0.0,
        -62_135_596_800.5}) {
      Path p = HdfTestFiles.write(dir, "ts" + bad + ".hdf5",
          t -> field(t, "ts", "timestamp").putDataset("values",
          new double[] {0.0, bad}));
      try (ExeteraDataset ds = ExeteraFiles.open(p); Snapshot s = ds.snapshot()) {
        Field f = s.dataFrame("t").orElseThrow().field("ts").orElseThrow();
        if (bad == last) {
          assertEquals(FieldSource.Timestamp.toMicros(last), FieldValues.of(f).get(1),
              "the last double before year 10000 is read");
          continue;
        }
        CurataException e = assertThrows(CurataException.class, () -> f.block(0));
        assertEquals(ErrorCode.UNSUPPORTED, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("/t/ts/values") && e.getMessage().contains("row 1"),
            e.getMessage());
      }
    }
  }

  @Test
  void allFlagsOfAFieldApply() {
    Path p = HdfTestFiles.write(dir, "flags.hdf5", t -> {
      WritableGroup s = field(t, "s", "indexedstring");
      s.putDataset("index", new long[] {0, 1, 2, 3});
      s.putDataset("values", new byte[] {'a', 'b', 'c'},
          DatasetCreationOptions.builder().unsigned().build());
      field(t, "s_set", "numeric,bool").putDataset("values", new byte[] {1, 0, 1});
      field(t, "s_valid", "numeric,bool").putDataset("values", new byte[] {0, 1, 1});
    });
    try (ExeteraDataset ds = ExeteraFiles.open(p); Snapshot s = ds.snapshot()) {
      Field f = s.dataFrame("t").orElseThrow().field("s").orElseThrow();
      assertEquals(Arrays.asList(null, null, "c"), FieldValues.of(f));
    }
  }

  @Test
  void indexedStringBlocksAreCutByBytes() {
    int rows = 5000;
    long bound = 64 * 1024;
    long[] index = new long[rows + 1];
    StringBuilder all = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      String v = (i % 97 == 0) ? "" : ("r" + i + "-").repeat(1 + (i * 7919) % 300);
      if (i == 2500) {
        v = "x".repeat((int) bound * 2);
      }
      expected.add(v);
      all.append(v);
      index[i + 1] = index[i] + v.length();
    }
    byte[] bytes = all.toString().getBytes(StandardCharsets.UTF_8);
    Path p = HdfTestFiles.write(dir, "bigstrings.hdf5", t -> {
      WritableGroup s = field(t, "s", "indexedstring");
      s.putDataset("index", index, DatasetCreationOptions.builder().chunkDimensions(1024).build());
      s.putDataset("values", bytes, DatasetCreationOptions.builder().unsigned()
          .chunkDimensions(1 << 16).build());
      field(t, "n", "numeric,int32").putDataset("values", new int[rows + 3]);
    });
    try (ExeteraDataset ds = ExeteraFiles.open(p, ExeteraOptions.defaults().withBlockRows(4096)
        .withBlockBytes(bound)); Snapshot s = ds.snapshot()) {
      HdfDataset hdf = (HdfDataset) ds;
      assertEquals(0, hdf.chunksRead(), "opening reads no chunk of a string field");
      DataFrame t = s.dataFrame("t").orElseThrow();
      Field f = t.field("s").orElseThrow();
      int blocks = f.blocks().size();
      assertTrue(blocks > bytes.length / bound, blocks + " blocks");
      List<Object> got = new ArrayList<>();
      long next = 0;
      for (int i = 0; i < blocks; i++) {
        assertEquals(next, f.blocks().get(i).firstRow());
        Block b = f.block(i);
        next += b.rowCount();
        assertTrue(b.rowCount() <= 4096);
        long size = ((HdfBlock) b).dataBytes();
        assertTrue(size <= bound || b.rowCount() == 1,
            "block " + i + " holds " + size + " bytes over " + b.rowCount() + " rows");
        for (int r = 0; r < b.rowCount(); r++) {
          got.add(b.getString(r));
        }
      }
      assertEquals(rows + 3, next);
      List<Object> want = new ArrayList<>(expected);
      want.addAll(Arrays.asList(null, null, null));
      assertEquals(want, got);
      assertEquals(want, FieldValues.of(f));
    }
  }

  @Test
  void stringStatisticsAreCutAsInNativeBlocksAndTheBlockListIsNotRebuilt() {
    String lo = "a".repeat(100);
    String hi = "z".repeat(100);
    byte[] bytes = (lo + hi).getBytes(StandardCharsets.UTF_8);
    Path p = HdfTestFiles.write(dir, "longstats.hdf5", t -> {
      WritableGroup s = field(t, "s", "indexedstring");
      s.putDataset("index", new long[] {0, 100, 200});
      s.putDataset("values", bytes, DatasetCreationOptions.builder().unsigned().build());
    });
    try (ExeteraDataset ds = ExeteraFiles.open(p); Snapshot s = ds.snapshot()) {
      Field f = s.dataFrame("t").orElseThrow().field("s").orElseThrow();
      List<BlockInfo> before = f.blocks();
      var stats = f.block(0).info().stats();
      assertEquals(64, stats.minBytes().length);
      assertTrue(Arrays.compareUnsigned(stats.maxBytes(), hi.getBytes(StandardCharsets.UTF_8))
          > 0, "an upper bound of the maximum");
      assertSame(before, f.blocks(), "one live list, not rebuilt per read block");
      assertEquals(0, f.blocks().get(0).stats().nullCount(), "it shows the block's statistics");
    }
  }
}
