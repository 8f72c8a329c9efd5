package org.curata.storage.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.curata.storage.Block;
import org.curata.storage.BlockInfo;
import org.curata.storage.BlockStats;
import org.curata.storage.CategoricalKey;
import org.curata.storage.CurataException;
import org.curata.storage.DataFrame;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.Encoding;
import org.curata.storage.ErrorCode;
import org.curata.storage.Field;
import org.curata.storage.FieldAppender;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.OpenOptions;
import org.curata.storage.Snapshot;
import org.curata.storage.Transaction;
import org.curata.storage.VersionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Writes every field kind with NULLs at several densities and block sizes and reads it back. */
final class RoundTripTest {
  @TempDir
  Path tmp;

  /** A field and how to make its i-th random value. */
  private record Column(FieldSpec spec, Function<Random, Object> gen) {
  }

  private static List<Column> columns() {
    CategoricalKey k8 = new CategoricalKey(FieldKind.INT8, Map.of(0L, "", 1L, "no", 2L, "yes"));
    CategoricalKey k16 = new CategoricalKey(FieldKind.UINT16, Map.of(0L, "a", 65535L, "z"));
    List<Column> c = new ArrayList<>();
    c.add(col("b", FieldType.of(FieldKind.BOOL), r -> (long) r.nextInt(2)));
    c.add(col("i8", FieldType.of(FieldKind.INT8), r -> pick(r, -128, 127, r.nextInt(256) - 128)));
    c.add(col("i16", FieldType.of(FieldKind.INT16), r -> pick(r, -32768, 32767, r.nextInt())));
    c.add(col("i32", FieldType.of(FieldKind.INT32),
        r -> pick(r, Integer.MIN_VALUE, Integer.MAX_VALUE, r.nextInt())));
    c.add(col("i64", FieldType.of(FieldKind.INT64),
        r -> pick(r, Long.MIN_VALUE, Long.MAX_VALUE, r.nextLong())));
    c.add(col("u8", FieldType.of(FieldKind.UINT8), r -> pick(r, 0, 255, r.nextInt(256))));
    c.add(col("u16", FieldType.of(FieldKind.UINT16), r -> pick(r, 0, 65535, r.nextInt(65536))));
    c.add(col("u32", FieldType.of(FieldKind.UINT32),
        r -> pick(r, 0, 0xFFFF_FFFFL, r.nextLong() & 0xFFFF_FFFFL)));
    c.add(col("f32", FieldType.of(FieldKind.FLOAT32), r -> (double) (float) (r.nextGaussian() * 1e6)));
    c.add(col("f64", FieldType.of(FieldKind.FLOAT64), r -> r.nextInt(20) == 0 ? Double.NaN
        : r.nextInt(20) == 0 ? Double.NEGATIVE_INFINITY : r.nextGaussian()));
    c.add(col("cat", FieldType.categorical(k8), r -> (long) r.nextInt(3)));
    c.add(col("catU", FieldType.categorical(k16), r -> r.nextBoolean() ? 0L : 65535L));
    c.add(col("fs", FieldType.fixedString(4), r -> randomString(r, 4)));
    c.add(col("s", FieldType.of(FieldKind.STRING), r -> randomString(r, 30)));
    c.add(col("ts", FieldType.of(FieldKind.TIMESTAMP), r -> r.nextLong() >> 8));
    c.add(col("d", FieldType.of(FieldKind.DATE), r -> (long) r.nextInt(40000) - 20000));
    return c;
  }

  private static Column col(String name, FieldType t, Function<Random, Object> gen) {
    return new Column(FieldSpec.of(name, t), gen);
  }

  private static Object pick(Random r, long min, long max, long other) {
    int k = r.nextInt(8);
    return k == 0 ? min : k == 1 ? max : Math.max(min, Math.min(max, other));
  }

  private static String randomString(Random r, int maxBytes) {
    int n = r.nextInt(maxBytes + 1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(r.nextInt(10) == 0 ? 'é' : (char) ('a' + r.nextInt(26)));
    }
    String s = sb.toString();
    while (s.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  private static void append(FieldAppender a, Object v) {
    if (v == null) {
      a.appendNull();
    } else if (v instanceof Long) {
      a.appendLong((Long) v);
    } else if (v instanceof Double) {
      a.appendDouble((Double) v);
    } else {
      a.appendString((String) v);
    }
  }

  private Dataset create(Path dir, int blockRows) {
    return Datasets.open(dir, OpenOptions.defaults().withCreate(true).withBlockRows(blockRows));
  }

  @ParameterizedTest
  @CsvSource({"3,1.0", "3,0.5", "3,0.1", "7,0.9", "7,0.2", "7,0.0", "1000,1.0", "1000,0.1",
      "65536,0.6"})
  void everyKindRoundTrips(int blockRows, double density) {
    Random rnd = new Random(blockRows * 31L + (long) (density * 100));
    List<Column> cols = columns();
    int rows = 120;
    List<List<Object>> expected = new ArrayList<>();
    try (Dataset ds = create(tmp.resolve("d"), blockRows)) {
      try (Transaction tx = ds.beginWrite("all kinds")) {
        List<FieldSpec> specs = cols.stream().map(Column::spec).toList();
        DataFrameAppender df = tx.createDataFrame("t", specs, List.of(), List.of());
        for (int c = 0; c < cols.size(); c++) {
          List<Object> vals = new ArrayList<>();
          for (int r = 0; r < rows; r++) {
            Object v = rnd.nextDouble() < density ? cols.get(c).gen().apply(rnd) : null;
            vals.add(v);
            append(df.field(c), v);
          }
          expected.add(vals);
        }
        VersionInfo v = tx.commit();
        assertEquals(1, v.id());
      }
      Set<Encoding> seen = EnumSet.noneOf(Encoding.class);
      try (Snapshot s = ds.snapshot()) {
        DataFrame df = s.dataFrame("t").orElseThrow();
        assertEquals(rows, df.rowCount());
        for (int c = 0; c < cols.size(); c++) {
          Field f = df.fields().get(c);
          assertEquals(cols.get(c).spec(), f.spec());
          assertEquals(rows, f.rowCount());
          long firstRow = 0;
          long nulls = 0;
          for (int bi = 0; bi < f.blocks().size(); bi++) {
            BlockInfo info = f.blocks().get(bi);
            assertEquals(bi, info.index());
            assertEquals(firstRow, info.firstRow());
            assertTrue(info.rowCount() <= blockRows);
            Block b = f.block(bi);
            seen.add(b.encoding());
            TestSupport.checkAccessorsAgree(b);
            for (int r = 0; r < b.rowCount(); r++) {
              Object want = expected.get(c).get((int) firstRow + r);
              checkValue(f.type(), b, r, want, f.name());
            }
            checkStats(f.type(), b, expected.get(c).subList((int) firstRow,
                (int) firstRow + b.rowCount()));
            firstRow += info.rowCount();
            nulls += b.nullCount();
          }
          assertEquals(nulls, f.nullCount());
          assertEquals(rows, firstRow);
        }
      }
      if (density >= 1.0) {
        assertEquals(EnumSet.of(Encoding.DENSE), seen);
      } else if (density <= 0.2) {
        assertTrue(seen.contains(Encoding.SPARSE), "sparse blocks at density " + density);
      }
      if (density >= 0.5) {
        assertTrue(seen.contains(Encoding.DENSE));
      }
      assertTrue(ds.verify().ok(), ds.verify().problems().toString());
    }
  }

  private static void checkValue(FieldType t, Block b, int r, Object want, String name) {
    String where = name + " row " + r;
    assertEquals(want == null, b.isNull(r), where);
    if (want == null) {
      if (t.storageKind().isIntegral()) {
        assertEquals(0L, b.getLong(r), where);
      } else if (t.storageKind().isString()) {
        assertNull(b.getString(r), where);
        assertNull(b.getBytes(r), where);
      } else {
        assertEquals(0.0, b.getDouble(r), where);
      }
    } else if (want instanceof Long) {
      assertEquals((long) (Long) want, b.getLong(r), where);
    } else if (want instanceof Double) {
      assertEquals((Double) want, b.getDouble(r), where);
    } else {
      assertEquals(want, b.getString(r), where);
      assertArrayEquals(((String) want).getBytes(StandardCharsets.UTF_8), b.getBytes(r), where);
    }
  }

  private static void checkStats(FieldType t, Block b, List<Object> vals) {
    BlockStats s = b.info().stats();
    assertEquals(vals.size(), s.rowCount());
    assertEquals(vals.stream().filter(v -> v == null).count(), s.nullCount());
    FieldKind k = t.storageKind();
    if (k.isIntegral()) {
      long[] nn = vals.stream().filter(v -> v != null).mapToLong(v -> (Long) v).toArray();
      assertEquals(nn.length > 0, s.hasMinMax());
      if (nn.length > 0) {
        assertEquals(Arrays.stream(nn).min().getAsLong(), s.minLong());
        assertEquals(Arrays.stream(nn).max().getAsLong(), s.maxLong());
      }
    } else if (k.isFloating()) {
      double[] nn = vals.stream().filter(v -> v != null && !((Double) v).isNaN())
          .mapToDouble(v -> (Double) v).toArray();
      assertEquals(nn.length > 0, s.hasMinMax());
      if (nn.length > 0) {
        assertEquals(Arrays.stream(nn).min().getAsDouble(), s.minDouble());
        assertEquals(Arrays.stream(nn).max().getAsDouble(), s.maxDouble());
      }
    } else {
      List<byte[]> nn = vals.stream().filter(v -> v != null)
          .map(v -> ((String) v).getBytes(StandardCharsets.UTF_8)).toList();
      assertEquals(!nn.isEmpty(), s.hasMinMax());
      if (!nn.isEmpty()) {
        assertArrayEquals(nn.stream().min(Arrays::compareUnsigned).orElseThrow(), s.minBytes());
        assertArrayEquals(nn.stream().max(Arrays::compareUnsigned).orElseThrow(), s.maxBytes());
      }
    }
  }

  @Test
  void unsignedKindsAreZeroExtended() {
    try (Dataset ds = create(tmp.resolve("u"), 4)) {
      try (Transaction tx = ds.beginWrite("unsigned")) {
        DataFrameAppender df = tx.createDataFrame("u", List.of(
            FieldSpec.of("u8", FieldType.of(FieldKind.UINT8)),
            FieldSpec.of("u16", FieldType.of(FieldKind.UINT16)),
            FieldSpec.of("u32", FieldType.of(FieldKind.UINT32))), List.of(), List.of());
        df.field(0).appendLong(255);
        df.field(1).appendLong(65535);
        df.field(2).appendLong(4294967295L);
        tx.commit();
      }
      try (Snapshot s = ds.snapshot()) {
        DataFrame df = s.dataFrame("u").orElseThrow();
        long[] want = {255, 65535, 4294967295L};
        for (int i = 0; i < 3; i++) {
          Block b = df.fields().get(i).block(0);
          assertEquals(want[i], b.getLong(0));
          long[] dst = new long[1];
          b.readLongs(0, 1, dst, 0);
          assertEquals(want[i], dst[0]);
          assertEquals(want[i], b.info().stats().maxLong());
        }
      }
    }
  }

  @Test
  void stringStatisticsAreTruncatedBounds() {
    byte[] longA = new byte[100];
    Arrays.fill(longA, (byte) 'a');
    byte[] longZ = new byte[100];
    Arrays.fill(longZ, (byte) 'z');
    byte[] allFf = new byte[100];
    Arrays.fill(allFf, (byte) 0xFF);
    try (Dataset ds = create(tmp.resolve("s"), 2)) {
      try (Transaction tx = ds.beginWrite("strings")) {
        FieldAppender a = tx.createDataFrame("t", List.of(FieldSpec.of("s",
            FieldType.of(FieldKind.STRING))), List.of(), List.of()).field(0);
        a.appendBytes(longA, 0, 100);
        a.appendBytes(longZ, 0, 100);
        a.appendBytes(allFf, 0, 100);
        tx.commit();
      }
      try (Snapshot s = ds.snapshot()) {
        Field f = s.dataFrame("t").orElseThrow().field("s").orElseThrow();
        BlockStats b0 = f.blocks().get(0).stats();
        assertArrayEquals(Arrays.copyOf(longA, 64), b0.minBytes());
        byte[] maxBound = Arrays.copyOf(longZ, 64);
        maxBound[63]++;
        assertArrayEquals(maxBound, b0.maxBytes());
        BlockStats b1 = f.blocks().get(1).stats();
        assertTrue(b1.hasMinMax());
        assertNull(b1.maxBytes());
        assertArrayEquals(allFf, f.block(1).getBytes(0));
      }
    }
  }

  @Test
  void floatStatisticsIgnoreNaN() {
    try (Dataset ds = create(tmp.resolve("f"), 3)) {
      try (Transaction tx = ds.beginWrite("floats")) {
        FieldAppender a = tx.createDataFrame("t", List.of(FieldSpec.of("x",
            FieldType.of(FieldKind.FLOAT64))), List.of(), List.of()).field(0);
        a.appendDouble(Double.NaN);
        a.appendDouble(2.5);
        a.appendDouble(-1.0);
        a.appendDouble(Double.NaN);
        a.appendDouble(Double.NaN);
        a.appendNull();
        tx.commit();
      }
      try (Snapshot s = ds.snapshot()) {
        Field f = s.dataFrame("t").orElseThrow().field("x").orElseThrow();
        BlockStats b0 = f.blocks().get(0).stats();
        assertTrue(b0.hasMinMax());
        assertEquals(-1.0, b0.minDouble());
        assertEquals(2.5, b0.maxDouble());
        assertFalse(f.blocks().get(1).stats().hasMinMax());
        assertTrue(Double.isNaN(f.block(1).getDouble(0)));
      }
      assertTrue(ds.verify().ok());
    }
  }

  @Test
  void largeInt64FieldUsesFullBlocksAndBulkReads() {
    int rows = 200_000;
    try (Dataset ds = create(tmp.resolve("big"), OpenOptions.DEFAULT_BLOCK_ROWS)) {
      try (Transaction tx = ds.beginWrite("big")) {
        DataFrameAppender df = tx.createDataFrame("t", List.of(
            FieldSpec.of("x", FieldType.of(FieldKind.INT64)),
            FieldSpec.of("y", FieldType.of(FieldKind.FLOAT64))), List.of("x"), List.of("x"));
        for (int i = 0; i < rows; i++) {
          df.field(0).appendLong(i * 3L);
          df.field(1).appendDouble(i / 2.0);
        }
        tx.commit();
      }
      try (Snapshot s = ds.snapshot()) {
        DataFrame df = s.dataFrame("t").orElseThrow();
        assertEquals(List.of("x"), df.sortKeys());
        assertEquals(List.of("x"), df.primaryKeys());
        Field x = df.field("x").orElseThrow();
        assertEquals(4, x.blocks().size());
        long[] buf = new long[OpenOptions.DEFAULT_BLOCK_ROWS];
        long row = 0;
        for (int bi = 0; bi < x.blocks().size(); bi++) {
          Block b = x.block(bi);
          b.readLongs(0, b.rowCount(), buf, 0);
          for (int i = 0; i < b.rowCount(); i++) {
            assertEquals((row + i) * 3L, buf[i]);
          }
          assertEquals(row * 3L, b.info().stats().minLong());
          row += b.rowCount();
        }
        assertEquals(rows, row);
      }
    }
  }

  @Test
  void rejectsValuesOutOfRangeAndAppendsNothing() {
    try (Dataset ds = create(tmp.resolve("r"), 10)) {
      try (Transaction tx = ds.beginWrite("bad")) {
        DataFrameAppender df = tx.createDataFrame("t", List.of(
            FieldSpec.of("a", FieldType.of(FieldKind.INT8)),
            FieldSpec.of("f", FieldType.fixedString(3)),
            new FieldSpec("nn", FieldType.of(FieldKind.INT32), false),
            FieldSpec.of("b", FieldType.of(FieldKind.BOOL))), List.of(), List.of());
        CurataException e = assertThrows(CurataException.class, () -> df.field(0).appendLong(300));
        assertEquals(ErrorCode.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().contains("value 300 is out of range for int8"), e.getMessage());
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
        assertEquals(0, df.field(0).count());
        e = assertThrows(CurataException.class, () -> df.field(1).appendString("abcd"));
        assertTrue(e.getMessage().contains("longer than the field's fixed length 3"));
        e = assertThrows(CurataException.class, () -> df.field(2).appendNull());
        assertEquals(ErrorCode.INVALID_INPUT, e.code());
        e = assertThrows(CurataException.class, () -> df.field(3).appendLong(2));
        assertEquals(ErrorCode.INVALID_INPUT, e.code());
        e = assertThrows(CurataException.class, () -> df.field(0).appendString("x"));
        assertEquals(ErrorCode.INVALID_INPUT, e.code());
        df.field(0).appendLong(-128);
        e = assertThrows(CurataException.class, tx::commit);
        assertEquals(ErrorCode.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().contains("new rows"), e.getMessage());
        df.field(1).appendString("abc");
        df.field(2).appendLong(7);
        df.field(3).appendLong(1);
        assertEquals(1, tx.commit().id());
      }
      assertEquals("df t rows=1 sort=[] pk=[]\n field a int8: -128\n field f fixed_string(3):"
          + " \"abc\"\n field nn int32 NOT NULL: 7\n field b bool: 1\n", TestSupport.dump(ds));
    }
  }

  @Test
  void versionsAppendsDropsAndSnapshotsById() {
    Path dir = tmp.resolve("v");
    try (Dataset ds = create(dir, 3)) {
      assertEquals(List.of(0L), ds.versions().stream().map(VersionInfo::id).toList());
      try (Snapshot s = ds.snapshot()) {
        assertTrue(s.dataFrames().isEmpty());
      }
      List<String> dumps = new ArrayList<>();
      dumps.add(TestSupport.dump(ds));
      try (Transaction tx = ds.beginWrite("create")) {
        tx.createDataFrame("A", List.of(FieldSpec.of("x", FieldType.of(FieldKind.INT32))),
            List.of(), List.of());
        tx.createDataFrame("a", List.of(FieldSpec.of("X", FieldType.of(FieldKind.STRING)),
            FieldSpec.of("x", FieldType.of(FieldKind.INT16))), List.of("X", "x"), List.of("x"));
        tx.createDataFrame("empty", List.of(FieldSpec.of("e", FieldType.of(FieldKind.DATE))),
            List.of(), List.of());
        tx.commit();
      }
      dumps.add(TestSupport.dump(ds));
      Set<String> fullBlocksBefore = new HashSet<>();
      for (int v = 2; v <= 10; v++) {
        try (Snapshot s = ds.snapshot()) {
          for (BlockInfo b : s.dataFrame("A").orElseThrow().fields().get(0).blocks()) {
            if (b.rowCount() == 3) {
              fullBlocksBefore.add(b.file() + "@" + b.offset());
            }
          }
        }
        try (Transaction tx = ds.beginWrite("append " + v)) {
          assertEquals(v - 1, tx.baseVersion().id());
          DataFrameAppender a = tx.append("A");
          assertTrue(a == tx.append("A"));
          for (int i = 0; i < v; i++) {
            a.field("x").appendLong(v * 100 + i);
          }
          DataFrameAppender b = tx.append("a");
          b.field(0).appendString("row" + v);
          b.field(1).appendNull();
          assertEquals(v, tx.commit().id());
        }
        dumps.add(TestSupport.dump(ds));
      }
      try (Snapshot s = ds.snapshot()) {
        DataFrame a = s.dataFrame("A").orElseThrow();
        assertEquals(54, a.rowCount());
        Set<String> now = new HashSet<>();
        for (BlockInfo b : a.fields().get(0).blocks()) {
          now.add(b.file() + "@" + b.offset());
          assertEquals(b.index() < 17 ? 3 : 54 - 17 * 3, b.rowCount(), "partial tails are merged");
        }
        assertTrue(now.containsAll(fullBlocksBefore), "existing full blocks are shared, not rewritten");
        assertEquals(0, s.dataFrame("empty").orElseThrow().rowCount());
        assertTrue(s.dataFrame("empty").orElseThrow().fields().get(0).blocks().isEmpty());
        assertFalse(s.dataFrame("EMPTY").isPresent());
        assertEquals("x", s.dataFrame("a").orElseThrow().field("x").orElseThrow().name());
        assertTrue(s.dataFrame("a").orElseThrow().field("X").isPresent());
      }
      for (int v = 0; v <= 10; v++) {
        try (Snapshot s = ds.snapshot(v)) {
          assertEquals(v, s.version().id());
          assertEquals(dumps.get(v), TestSupport.dump(s));
        }
      }
      assertEquals(11, ds.versions().size());
      assertEquals("append 10", ds.versions().get(10).message());
      assertEquals(System.getProperty("user.name"), ds.versions().get(10).user());
      CurataException e = assertThrows(CurataException.class, () -> ds.snapshot(99));
      assertEquals(ErrorCode.NOT_FOUND, e.code());
      try (Transaction tx = ds.beginWrite("drops")) {
        tx.dropField("a", "X");
        tx.dropDataFrame("empty");
        assertThrows(CurataException.class, () -> tx.dropDataFrame("nope"));
        assertEquals(ErrorCode.ALREADY_EXISTS, assertThrows(CurataException.class,
            () -> tx.createDataFrame("A", List.of(), List.of(), List.of())).code());
        tx.commit();
      }
      try (Snapshot s = ds.snapshot()) {
        assertFalse(s.dataFrame("empty").isPresent());
        DataFrame a = s.dataFrame("a").orElseThrow();
        assertEquals(List.of("x"), a.fields().stream().map(Field::name).toList());
        assertEquals(List.of(), a.sortKeys());
        assertEquals(List.of("x"), a.primaryKeys());
        assertEquals(9, a.rowCount());
      }
      assertTrue(ds.verify().ok(), ds.verify().problems().toString());
    }
    try (Dataset again = Datasets.open(dir)) {
      try (Snapshot s = again.snapshot(5)) {
        assertEquals(5, s.version().id());
      }
    }
  }

  @Test
  void abandonedTransactionLeavesNoFiles() {
    Path dir = tmp.resolve("ab");
    try (Dataset ds = create(dir, 2)) {
      long before = TestSupport.treeSize(dir);
      try (Transaction tx = ds.beginWrite("abandon")) {
        FieldAppender a = tx.createDataFrame("t", List.of(FieldSpec.of("x",
            FieldType.of(FieldKind.INT64))), List.of(), List.of()).field(0);
        for (int i = 0; i < 100; i++) {
          a.appendLong(i);
        }
        assertTrue(TestSupport.treeSize(dir) > before);
      }
      assertEquals(before, TestSupport.treeSize(dir));
      assertEquals(0, ds.snapshot().version().id());
      try (Transaction tx = ds.beginWrite("after")) {
        assertEquals(0, tx.baseVersion().id());
      }
    }
  }

  @Test
  void openingAMissingDatasetSaysSo() {
    CurataException e = assertThrows(CurataException.class,
        () -> Datasets.open(tmp.resolve("nothing")));
    assertEquals(ErrorCode.NOT_A_DATASET, e.code());
  }
}
