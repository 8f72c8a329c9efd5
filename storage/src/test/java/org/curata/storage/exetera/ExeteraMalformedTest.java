package org.curata.storage.exetera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.curata.storage.CurataException;
import org.curata.storage.DataFrame;
import org.curata.storage.ErrorCode;
import org.curata.storage.Field;
import org.curata.storage.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken, odd and large ExeTera files: errors name the group, reads stay lazy. */
final class ExeteraMalformedTest {
  @TempDir
  Path dir;

  private static void numeric(WritableGroup t, String name, String nformat, Object values) {
    WritableGroup g = t.putGroup(name);
    g.putAttribute("fieldtype", "numeric," + nformat);
    g.putAttribute("nformat", nformat);
    g.putDataset("values", values);
  }

  private static CurataException openAndReadAll(Path p) {
    return assertThrows(CurataException.class, () -> {
      try (ExeteraDataset ds = ExeteraFiles.open(p); Snapshot s = ds.snapshot()) {
        for (DataFrame df : s.dataFrames()) {
          for (Field f : df.fields()) {
            FieldValues.of(f);
          }
        }
      }
    });
  }

  @Test
  void aFieldGroupWithoutFieldtypeIsCorruptionNamingTheGroup() {
    Path p = HdfTestFiles.write(dir, "nofieldtype.hdf5", t -> {
      numeric(t, "ok", "int32", new int[] {1, 2});
      t.putGroup("bad").putDataset("values", new int[] {1, 2});
    });
    CurataException e = openAndReadAll(p);
    assertEquals(ErrorCode.CORRUPTION, e.code(), e.getMessage());
    assertTrue(e.getMessage().contains("'/t/bad'") && e.getMessage().contains("fieldtype"),
        e.getMessage());
  }

  @Test
  void anUnknownFieldTypeIsUnsupportedNamingTheGroup() {
    Path p = HdfTestFiles.write(dir, "unknown.hdf5", t -> {
      WritableGroup g = t.putGroup("odd");
      g.putAttribute("fieldtype", "complexnumber,c128");
      g.putDataset("values", new int[] {1});
    });
    CurataException e = openAndReadAll(p);
    assertEquals(ErrorCode.UNSUPPORTED, e.code(), e.getMessage());
    assertTrue(e.getMessage().contains("'/t/odd'") && e.getMessage().contains("complexnumber"),
        e.getMessage());
  }

  @Test
  void aMissingArrayOrAMismatchedTypeIsCorruptionNamingTheGroup() {
    Path noKey = HdfTestFiles.write(dir, "nokey.hdf5", t -> {
      WritableGroup g = t.putGroup("c");
      g.putAttribute("fieldtype", "categorical,int8");
      g.putDataset("values", new byte[] {0, 1});
      g.putDataset("key_values", new byte[] {0, 1});
    });
    CurataException e = openAndReadAll(noKey);
    assertEquals(ErrorCode.CORRUPTION, e.code(), e.getMessage());
    assertTrue(e.getMessage().contains("'/t/c'") && e.getMessage().contains("key_names"),
        e.getMessage());
    Path wrongType = HdfTestFiles.write(dir, "wrongtype.hdf5",
        t -> numeric(t, "x", "float64", new int[] {1, 2}));
    e = openAndReadAll(wrongType);
    assertEquals(ErrorCode.CORRUPTION, e.code(), e.getMessage());
    assertTrue(e.getMessage().contains("'/t/x/values'") && e.getMessage().contains("float64"),
        e.getMessage());
  }

  @Test
  void anIndexPointingPastItsValuesIsCorruptionNamingTheArray() {
    Path p = HdfTestFiles.write(dir, "badindex.hdf5", t -> {
      WritableGroup g = t.putGroup("s");
      g.putAttribute("fieldtype", "indexedstring");
      g.putDataset("index", new long[] {0, 2, 9});
      g.putDataset("values", new byte[] {'a', 'b', 'c'}, DatasetCreationOptions.builder()
          .unsigned().build());
    });
    CurataException e = openAndReadAll(p);
    assertEquals(ErrorCode.CORRUPTION, e.code(), e.getMessage());
    assertTrue(e.getMessage().contains("'/t/s/index'") && e.getMessage().contains("0..9"),
        e.getMessage());
    Path desc = HdfTestFiles.write(dir, "descending.hdf5", t -> {
      WritableGroup g = t.putGroup("s");
      g.putAttribute("fieldtype", "indexedstring");
      g.putDataset("index", new long[] {0, 3, 1, 3});
      g.putDataset("values", new byte[] {'a', 'b', 'c'});
    });
    e = openAndReadAll(desc);
    assertEquals(ErrorCode.CORRUPTION, e.code(), e.getMessage());
    assertTrue(e.getMessage().contains("not ascending"), e.getMessage());
  }

  @Test
  void aTruncatedFixtureGivesCurataErrorsNeverACrash() throws IOException {
    byte[] whole = Files.readAllBytes(ExeteraFixturesTest.FIXTURES.resolve("api_fields.hdf5"));
    int failed = 0;
    for (int cut : new int[] {0, 7, 100, 1000, 5000, 20_000, 50_000, 80_000, 100_000,
        whole.length - 1000, whole.length - 1}) {
      Path p = dir.resolve("cut" + cut + ".hdf5");
      Files.write(p, Arrays.copyOf(whole, cut));
      try (ExeteraDataset ds = ExeteraFiles.open(p); Snapshot s = ds.snapshot()) {
        for (DataFrame df : s.dataFrames()) {
          for (Field f : df.fields()) {
            FieldValues.of(f);
          }
        }
      } catch (CurataException e) {
        failed++;
        assertTrue(e.code() == ErrorCode.CORRUPTION || e.code() == ErrorCode.NOT_A_DATASET,
            "cut at " + cut + ": " + e.code() + " " + e.getMessage());
        assertTrue(e.getMessage().contains(p.getFileName().toString()),
            "cut at " + cut + ": the message names the file: " + e.getMessage());
      }
    }
    assertTrue(failed >= 8, "most cuts must fail, " + failed + " did");
  }

  @Test
  void aLargeFieldIsReadOnlyChunkByChunk() {
    int rows = 200_000;
    long[] v = new long[rows];
    for (int i = 0; i < rows; i++) {
      v[i] = i * 3L;
    }
    Path p = HdfTestFiles.write(dir, "large.hdf5", t -> {
      WritableGroup g = t.putGroup("big");
      g.putAttribute("fieldtype", "numeric,int64");
      g.putDataset("values", v, DatasetCreationOptions.builder().chunkDimensions(1024).build());
    });
    try (ExeteraDataset ds = ExeteraFiles.open(p, ExeteraOptions.defaults().withBlockRows(4096));
        Snapshot s = ds.snapshot()) {
      HdfDataset hdf = (HdfDataset) ds;
      assertEquals(0, hdf.chunksRead(), "opening reads no chunk of a numeric field");
      Field f = s.dataFrame("t").orElseThrow().field("big").orElseThrow();
      assertEquals(49, f.blocks().size());
      assertEquals(-1, f.blocks().get(10).stats().nullCount(), "unread: unknown");
      var b = f.block(10);
      assertEquals(4, hdf.chunksRead(), "block 10 = rows 40960..45056 = 4 chunks of 1024");
      assertEquals(40_960L * 3, b.getLong(0));
      assertEquals(45_055L * 3, b.getLong(4095));
      var stats = f.blocks().get(10).stats();
      assertEquals(0, stats.nullCount());
      assertEquals(40_960L * 3, stats.minLong());
      assertEquals(45_055L * 3, stats.maxLong());
      var last = f.block(48);
      assertEquals(rows - 48 * 4096, last.rowCount());
      assertEquals(3L * (rows - 1), last.getLong(last.rowCount() - 1));
      assertEquals(4 + 4, hdf.chunksRead(), "the last block, rows 196608..200000, spans chunks"
          + " 192..195");
    }
  }

  @Test
  void unequalLengthsAndFlagsReadNull() {
    Path p = HdfTestFiles.write(dir, "unequal.hdf5", t -> {
      numeric(t, "a", "int32", new int[] {10, 20, 30});
      WritableGroup flag = t.putGroup("a_valid");
      flag.putAttribute("fieldtype", "numeric,bool");
      flag.putDataset("values", new byte[] {1, 0});
      numeric(t, "b", "int64", new long[] {1, 2, 3, 4, 5});
    });
    for (int blockRows : new int[] {1, 3, 4096}) {
      try (ExeteraDataset ds = ExeteraFiles.open(p,
          ExeteraOptions.defaults().withBlockRows(blockRows)); Snapshot s = ds.snapshot()) {
        DataFrame t = s.dataFrame("t").orElseThrow();
        assertEquals(5, t.rowCount());
        assertEquals(Arrays.asList(10L, null, null, null, null),
            FieldValues.of(t.field("a").orElseThrow()), "blockRows " + blockRows);
        assertEquals(Arrays.asList(1L, 0L, null, null, null),
            FieldValues.of(t.field("a_valid").orElseThrow()), "blockRows " + blockRows);
        assertEquals(Arrays.asList(1L, 2L, 3L, 4L, 5L),
            FieldValues.of(t.field("b").orElseThrow()), "blockRows " + blockRows);
        assertEquals(4, t.field("a").orElseThrow().nullCount());
        assertTrue(ds.warnings().stream().anyMatch(w -> w.contains("a (3)")
            && w.contains("a_valid (2)") && w.contains("5 rows")), ds.warnings().toString());
      }
    }
  }

  @Test
  void olderAttributeFormsAreRead() {
    Path p = HdfTestFiles.write(dir, "older.hdf5", t -> {
      WritableGroup n = t.putGroup("n");
      n.putAttribute("fieldtype", "numeric");
      n.putDataset("values", new short[] {-1, 7});
      WritableGroup m = t.putGroup("m");
      m.putAttribute("fieldtype", "numeric");
      m.putAttribute("nformat", "int32");
      m.putDataset("values", new int[] {5, 6});
    });
    try (ExeteraDataset ds = ExeteraFiles.open(p); Snapshot s = ds.snapshot()) {
      DataFrame t = s.dataFrame("t").orElseThrow();
      Field n = t.field("n").orElseThrow();
      assertEquals(org.curata.storage.FieldKind.INT16, n.type().kind());
      assertEquals(Arrays.asList(-1L, 7L), FieldValues.of(n));
      assertEquals(Arrays.asList(5L, 6L), FieldValues.of(t.field("m").orElseThrow()));
    }
  }

  @Test
  void uint64ReadsAsInt64AndRefusesValuesBeyondIt() {
    Path p = HdfTestFiles.write(dir, "u64.hdf5", t -> {
      WritableGroup g = t.putGroup("u");
      g.putAttribute("fieldtype", "numeric,uint64");
      g.putDataset("values", new long[] {0, Long.MAX_VALUE, -1L},
          DatasetCreationOptions.builder().unsigned().build());
    });
    try (ExeteraDataset ds = ExeteraFiles.open(p, ExeteraOptions.defaults().withBlockRows(2));
        Snapshot s = ds.snapshot()) {
      Field u = s.dataFrame("t").orElseThrow().field("u").orElseThrow();
      assertEquals(org.curata.storage.FieldKind.INT64, u.type().kind());
      assertEquals(Long.MAX_VALUE, u.block(0).getLong(1));
      CurataException e = assertThrows(CurataException.class, () -> u.block(1));
      assertEquals(ErrorCode.UNSUPPORTED, e.code());
      assertTrue(e.getMessage().contains("'/t/u/values'")
          && e.getMessage().contains("18446744073709551615") && e.getMessage().contains("row 2"),
          e.getMessage());
    }
  }

  @Test
  void writesAreRefused() {
    try (ExeteraDataset ds = ExeteraFiles.open(
        ExeteraFixturesTest.FIXTURES.resolve("api_fields.hdf5"))) {
      CurataException e = assertThrows(CurataException.class, () -> ds.beginWrite("x"));
      assertEquals(ErrorCode.UNSUPPORTED, e.code());
      assertTrue(e.getMessage().contains("read-only"), e.getMessage());
      assertEquals(ErrorCode.UNSUPPORTED,
          assertThrows(CurataException.class, () -> ds.vacuum(1)).code());
      assertEquals(ErrorCode.NOT_FOUND,
          assertThrows(CurataException.class, () -> ds.snapshot(2)).code());
      assertEquals(1, ds.versions().size());
    }
  }

  @Test
  void notAnHdf5FileIsNotADataset() throws IOException {
    Path p = dir.resolve("text.hdf5");
    Files.writeString(p, "id,name\n1,a\n");
    CurataException e = assertThrows(CurataException.class, () -> ExeteraFiles.open(p));
    assertEquals(ErrorCode.NOT_A_DATASET, e.code(), e.getMessage());
    assertEquals(ErrorCode.NOT_FOUND, assertThrows(CurataException.class,
        () -> ExeteraFiles.open(dir.resolve("missing.hdf5"))).code());
  }

  @Test
  void cutUtf8AtTheEndOfAFixedStringIsDropped() {
    byte[] e9 = "é".getBytes(StandardCharsets.UTF_8); // C3 A9
    byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // E2 82 AC
    byte[] cut2 = {'a', 'b', e9[0]};
    assertEquals(2, FieldSource.FixedString.completeUtf8Length(cut2, 0, 3));
    byte[] whole2 = {'a', e9[0], e9[1]};
    assertEquals(3, FieldSource.FixedString.completeUtf8Length(whole2, 0, 3));
    byte[] cut3 = {'a', euro[0], euro[1]};
    assertEquals(1, FieldSource.FixedString.completeUtf8Length(cut3, 0, 3));
    byte[] stray = {'a', 'b', (byte) 0x82};
    assertEquals(3, FieldSource.FixedString.completeUtf8Length(stray, 0, 3),
        "a stray continuation byte is not a cut: kept, decodes to U+FFFD");
    byte[] ascii = {'x', 'y', 'z'};
    assertEquals(3, FieldSource.FixedString.completeUtf8Length(ascii, 0, 3));
    for (int len = 1; len <= 3; len++) {
      byte[] fourCut = Arrays.copyOf("😀".getBytes(StandardCharsets.UTF_8), len);
      assertEquals(0, FieldSource.FixedString.completeUtf8Length(fourCut, 0, len), "len " + len);
    }
  }

  @Test
  void timestampsRoundToTheNearestMicrosecond() {
    assertEquals(1_596_240_000_500_000L, FieldSource.Timestamp.toMicros(1596240000.5));
    assertEquals(-1_500_000L, FieldSource.Timestamp.toMicros(-1.5));
    assertEquals(32_503_680_000_000_000L, FieldSource.Timestamp.toMicros(32503680000.0));
    assertEquals(1_000_001L, FieldSource.Timestamp.toMicros(1.000001));
  }
}
