package org.curata.storage.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.curata.storage.Block;
import org.curata.storage.BlockInfo;
import org.curata.storage.CurataException;
import org.curata.storage.DataFrame;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.Dictionary;
import org.curata.storage.Encoding;
import org.curata.storage.EncodingPolicy;
import org.curata.storage.ErrorCode;
import org.curata.storage.Field;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.OpenOptions;
import org.curata.storage.Snapshot;
import org.curata.storage.StringEncoding;
import org.curata.storage.Transaction;
import org.curata.storage.VacuumResult;
import org.curata.storage.VerifyReport;
import org.curata.storage.block.DictionarySegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dictionary-encoded string fields (FORMAT.md, "Dictionaries"): round trips against a row-by-row
 * oracle, the AUTO choice, appends that extend the dictionary (across commits and through the
 * tail-block merge) with stable codes, verify, vacuum and format-version compatibility.
 */
final class DictionaryTest {
  private static final String[] POOL = {"", "a", "b", "é", "日本", "x y", "zz", "\u00ff\u00fe",
      "€", "ünï", "😀", "long-ish"};

  @TempDir
  Path tmp;

  private static OpenOptions options(int blockRows, EncodingPolicy policy, StringEncoding enc) {
    return OpenOptions.defaults().withCreate(true).withBlockRows(blockRows)
        .withEncodingPolicy(policy).withStringEncoding(enc);
  }

  /** A random value of the pool, or NULL with probability {@code nullShare}. */
  private static String value(Random rnd, double nullShare, int extra) {
    if (rnd.nextDouble() < nullShare) {
      return null;
    }
    int i = rnd.nextInt(POOL.length + extra);
    return i < POOL.length ? POOL[i] : "v" + i;
  }

  private static void append(DataFrameAppender a, List<String> s, List<String> f, int from) {
    for (int r = from; r < s.size(); r++) {
      if (s.get(r) == null) {
        a.field(0).appendNull();
      } else {
        a.field(0).appendString(s.get(r));
      }
      if (f.get(r) == null) {
        a.field(1).appendNull();
      } else {
        a.field(1).appendString(f.get(r));
      }
    }
  }

  /** Checks every row of a field against the oracle through every accessor. */
  private static void checkField(Field field, List<String> expected, String where,
      boolean dictionaryBlocks) {
    Dictionary d = field.dictionary();
    if (dictionaryBlocks) {
      assertNotNull(d, where);
    }
    int row = 0;
    for (int bi = 0; bi < field.blocks().size(); bi++) {
      Block b = field.block(bi);
      assertEquals(dictionaryBlocks, b.isDictionaryEncoded(), where + " block " + bi);
      TestSupport.checkAccessorsAgree(b);
      int n = b.rowCount();
      int[] codes = new int[n + 3];
      codes[1] = 12345;
      codes[n + 2] = 12345;
      if (b.isDictionaryEncoded()) {
        b.readCodes(0, n, codes, 2);
        assertEquals(12345, codes[1], where + ": readCodes writes only its range");
        assertEquals(12345, codes[n + 2], where + ": readCodes writes only its range");
      } else {
        assertThrows(CurataException.class, () -> b.readCodes(0, n, codes, 0));
      }
      boolean[] nulls = new boolean[n];
      b.readNulls(0, n, nulls, 0);
      for (int r = 0; r < n; r++, row++) {
        String want = expected.get(row);
        String at = where + " row " + row;
        assertEquals(want == null, nulls[r], at);
        assertEquals(want, b.getString(r), at);
        byte[] bytes = b.getBytes(r);
        if (want == null) {
          assertNull(bytes, at);
        } else {
          assertArrayEquals(want.getBytes(StandardCharsets.UTF_8), bytes, at);
        }
        if (b.isDictionaryEncoded()) {
          int code = b.getCode(r);
          assertEquals(code, codes[2 + r], at);
          if (want == null) {
            assertEquals(-1, code, at);
          } else {
            assertSame(d.bytes(code), bytes, at + ": getBytes must not copy");
            assertEquals(code, d.codeOf(want.getBytes(StandardCharsets.UTF_8)), at);
          }
        }
      }
      if (b.isDictionaryEncoded() && n > 2) {
        int[] part = new int[n];
        b.readCodes(1, n - 2, part, 0);
        for (int i = 0; i < n - 2; i++) {
          assertEquals(b.getCode(1 + i), part[i], where + " partial readCodes");
        }
      }
    }
    assertEquals(expected.size(), row, where);
  }

  @Test
  void randomStringsRoundTripDenseAndSparse() {
    long seed = 20261121L;
    Random rnd = new Random(seed);
    int run = 0;
    for (EncodingPolicy policy : EncodingPolicy.values()) {
      for (double nullShare : new double[] {0, 0.3, 0.9}) {
        String where = "seed " + seed + ", " + policy + ", NULL share " + nullShare;
        Path dir = tmp.resolve("rt" + run++);
        List<String> s = new ArrayList<>();
        List<String> f = new ArrayList<>();
        try (Dataset ds = Datasets.open(dir, options(7, policy, StringEncoding.DICTIONARY))) {
          for (int commit = 0; commit < 3; commit++) {
            int from = s.size();
            int rows = 1 + rnd.nextInt(30);
            for (int r = 0; r < rows; r++) {
              s.add(value(rnd, nullShare, 40));
              String fv = value(rnd, nullShare, 5);
              f.add(fv != null && fv.getBytes(StandardCharsets.UTF_8).length > 8 ? "cut" : fv);
            }
            try (Transaction tx = ds.beginWrite("c" + commit)) {
              DataFrameAppender a = commit == 0
                  ? tx.createDataFrame("t", List.of(FieldSpec.of("s", FieldType.of(FieldKind.STRING)),
                      FieldSpec.of("f", FieldType.fixedString(8))), List.of(), List.of())
                  : tx.append("t");
              append(a, s, f, from);
              tx.commit();
            }
            try (Snapshot snap = ds.snapshot()) {
              DataFrame df = snap.dataFrame("t").orElseThrow();
              checkField(df.field("s").orElseThrow(), s, where + " commit " + commit + " s", true);
              checkField(df.field("f").orElseThrow(), f, where + " commit " + commit + " f", true);
              if (policy != EncodingPolicy.BY_DENSITY) {
                Encoding want = policy == EncodingPolicy.DENSE ? Encoding.DENSE : Encoding.SPARSE;
                for (BlockInfo bi : df.field("s").orElseThrow().blocks()) {
                  assertEquals(want, bi.encoding(), where);
                }
              }
            }
          }
          VerifyReport r = ds.verify();
          assertTrue(r.ok(), where + ": " + r.problems());
        }
        // The same values written plain read back the same.
        Path plain = tmp.resolve("plain" + run);
        try (Dataset ds = Datasets.open(plain, options(7, policy, StringEncoding.PLAIN))) {
          try (Transaction tx = ds.beginWrite("plain")) {
            append(tx.createDataFrame("t", List.of(FieldSpec.of("s", FieldType.of(FieldKind.STRING)),
                FieldSpec.of("f", FieldType.fixedString(8))), List.of(), List.of()), s, f, 0);
            tx.commit();
          }
          try (Snapshot snap = ds.snapshot()) {
            Field field = snap.dataFrame("t").orElseThrow().field("s").orElseThrow();
            assertNull(field.dictionary(), where);
            checkField(field, s, where + " plain", false);
          }
          try (Dataset dict = Datasets.open(dir)) {
            assertEquals(TestSupport.dump(ds), TestSupport.dump(dict), where);
          }
        }
      }
    }
  }

  @Test
  void autoChoosesDictionaryForRepeatsAndPlainForDistinctValues() throws IOException {
    Path dir = tmp.resolve("auto");
    try (Dataset ds = Datasets.open(dir, options(100, EncodingPolicy.BY_DENSITY,
        StringEncoding.AUTO))) {
      try (Transaction tx = ds.beginWrite("plain only")) {
        DataFrameAppender a = tx.createDataFrame("patients", List.of(
            FieldSpec.of("id", FieldType.fixedString(32))), List.of(), List.of());
        for (int i = 0; i < 250; i++) {
          a.field(0).appendString(String.format("%032x", i * 7919L));
        }
        tx.commit();
      }
      assertFormat(dir, 1);
      try (Transaction tx = ds.beginWrite("repeats")) {
        DataFrameAppender a = tx.createDataFrame("assessments", List.of(
            FieldSpec.of("patient_id", FieldType.fixedString(32)),
            FieldSpec.of("note", FieldType.of(FieldKind.STRING)),
            FieldSpec.of("rare", FieldType.of(FieldKind.STRING)),
            FieldSpec.of("some", FieldType.of(FieldKind.STRING))), List.of(), List.of());
        for (int i = 0; i < 250; i++) {
          a.field(0).appendString(String.format("%032x", (i % 40) * 7919L));
          a.field(1).appendString("note " + i);
          // 3 of the first block's 100 values repeat an earlier one (below 1 in 32): plain.
          a.field(2).appendString("r" + (i % 100 < 4 ? 0 : i));
          // 4 of 100 repeat (at least 1 in 32): a dictionary.
          a.field(3).appendString("s" + (i % 100 < 5 ? 0 : i));
        }
        tx.commit();
      }
      assertFormat(dir, 2);
      try (Snapshot s = ds.snapshot()) {
        Field id = s.dataFrame("patients").orElseThrow().field("id").orElseThrow();
        assertNull(id.dictionary());
        assertFalse(id.block(0).isDictionaryEncoded());
        DataFrame as = s.dataFrame("assessments").orElseThrow();
        Field pid = as.field("patient_id").orElseThrow();
        assertEquals(40, pid.dictionary().size());
        assertTrue(pid.blocks().stream().allMatch(BlockInfo::dictionaryCodes));
        assertNull(as.field("note").orElseThrow().dictionary());
        assertNull(as.field("rare").orElseThrow().dictionary());
        assertEquals(-1, as.field("rare").orElseThrow().dictionarySize());
        assertEquals(96 + 95 + 45, as.field("some").orElseThrow().dictionary().size());
        assertEquals(96 + 95 + 45, as.field("some").orElseThrow().dictionarySize());
      }
      // A plain field stays plain, whatever a later writer's setting.
      try (Dataset again = Datasets.open(dir, options(100, EncodingPolicy.BY_DENSITY,
          StringEncoding.DICTIONARY))) {
        try (Transaction tx = again.beginWrite("more")) {
          tx.append("patients").field(0).appendString("x");
          tx.commit();
        }
        try (Snapshot s = again.snapshot()) {
          Field id = s.dataFrame("patients").orElseThrow().field("id").orElseThrow();
          assertNull(id.dictionary());
          assertEquals("x", id.block(2).getString(50));
        }
      }
    }
  }

  @Test
  void autoGivesABenchmarkShapedForeignKeyADictionary() {
    // As bench's DataGenerator: half the rows pick one of every fifth patient, half any patient,
    // so the first block holds mostly distinct ids although every id repeats over the table.
    long seed = 11L;
    Random rnd = new Random(seed);
    long patients = 1_000_000;
    long loggers = (patients + 4) / 5;
    Path dir = tmp.resolve("bench");
    int rows = OpenOptions.DEFAULT_BLOCK_ROWS + 100;
    try (Dataset ds = Datasets.open(dir, OpenOptions.defaults().withCreate(true))) {
      try (Transaction tx = ds.beginWrite("import")) {
        DataFrameAppender a = tx.createDataFrame("assessments", List.of(
            FieldSpec.of("id", FieldType.fixedString(32)),
            FieldSpec.of("patient_id", FieldType.fixedString(32))), List.of(), List.of());
        for (int i = 0; i < rows; i++) {
          long p = rnd.nextDouble() < 0.5 ? 5 * (long) (rnd.nextDouble() * loggers)
              : (long) (rnd.nextDouble() * patients);
          a.field(0).appendString(String.format("%032x", i * 0x9E3779B97F4A7C15L));
          a.field(1).appendString(String.format("%032x", p * 0x2545F4914F6CDD1DL));
        }
        tx.commit();
      }
      try (Snapshot s = ds.snapshot()) {
        DataFrame df = s.dataFrame("assessments").orElseThrow();
        assertNull(df.field("id").orElseThrow().dictionary(), "seed " + seed);
        Field pid = df.field("patient_id").orElseThrow();
        assertNotNull(pid.dictionary(), "seed " + seed);
        assertTrue(pid.block(0).isDictionaryEncoded() && pid.block(1).isDictionaryEncoded());
        int distinct = pid.dictionary().size();
        assertTrue(distinct > rows * 0.9 && distinct < rows, "seed " + seed + ": " + distinct);
      }
    }
  }

  /** Asserts the format of the newest manifest and of the newest data files. */
  private static void assertFormat(Path dir, int format) throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("versions"))) {
      Path newest = s.filter(p -> p.toString().endsWith(".manifest")).sorted()
          .reduce((a, b) -> b).orElseThrow();
      String head = new String(Files.readAllBytes(newest), StandardCharsets.US_ASCII)
          .split("\n", 2)[0];
      assertTrue(head.startsWith("curata-manifest " + format + " "), head);
    }
    int max = 0;
    try (Stream<Path> s = Files.list(dir.resolve("data"))) {
      for (Path p : (Iterable<Path>) s::iterator) {
        byte[] h = Files.readAllBytes(p);
        max = Math.max(max, ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN).getInt(8));
      }
    }
    assertEquals(format, max, "newest data file format");
  }

  @Test
  void appendsExtendTheDictionaryWithStableCodes() throws IOException {
    long seed = 77L;
    Random rnd = new Random(seed);
    Path dir = tmp.resolve("grow");
    List<String> s = new ArrayList<>();
    List<String> f = new ArrayList<>();
    Map<String, Integer> codes = new HashMap<>();
    int lastSize = 0;
    try (Dataset ds = Datasets.open(dir, options(4, EncodingPolicy.BY_DENSITY,
        StringEncoding.DICTIONARY))) {
      for (int commit = 0; commit < 12; commit++) {
        String where = "seed " + seed + ", commit " + commit;
        int from = s.size();
        // Small commits: most merge the partial last block; new values keep arriving.
        int rows = 1 + rnd.nextInt(3);
        for (int r = 0; r < rows; r++) {
          s.add(rnd.nextInt(5) == 0 ? null : "k" + rnd.nextInt(4 + commit * 2));
          f.add("f");
        }
        try (Transaction tx = ds.beginWrite(where)) {
          DataFrameAppender a = commit == 0
              ? tx.createDataFrame("t", List.of(FieldSpec.of("s", FieldType.of(FieldKind.STRING)),
                  FieldSpec.of("f", FieldType.fixedString(2))), List.of(), List.of())
              : tx.append("t");
          append(a, s, f, from);
          tx.commit();
        }
        try (Snapshot snap = ds.snapshot()) {
          Field field = snap.dataFrame("t").orElseThrow().field("s").orElseThrow();
          checkField(field, s, where, true);
          Dictionary d = field.dictionary();
          assertTrue(d.size() >= lastSize, where);
          for (Map.Entry<String, Integer> e : codes.entrySet()) {
            assertEquals(e.getValue().intValue(),
                d.codeOf(e.getKey().getBytes(StandardCharsets.UTF_8)), where + " " + e.getKey());
          }
          for (int c = 0; c < d.size(); c++) {
            String v = new String(d.bytes(c), StandardCharsets.UTF_8);
            Integer old = codes.putIfAbsent(v, c);
            assertEquals(c, old == null ? c : old, where);
            assertTrue(s.contains(v), where + ": dictionary holds only appended values");
          }
          assertEquals(codes.size(), d.size(), where + ": no value twice");
          lastSize = d.size();
          List<Integer> sizes = field.blocks().stream().map(BlockInfo::rowCount).toList();
          for (int i = 0; i < sizes.size() - 1; i++) {
            assertEquals(4, sizes.get(i), where + ": tail merge keeps blocks full " + sizes);
          }
          assertEquals(1, snap.dataFrame("t").orElseThrow().field("f").orElseThrow()
              .dictionary().size(), where);
        }
      }
      // Small commits rewrite the small last segment instead of adding one each (FORMAT.md,
      // "Appending"): the dictionary stays one segment.
      long latest = ds.snapshot().version().id();
      assertEquals(1, ((FileDataset) ds).manifest(latest).dataFrames().get(0).fields().get(0)
          .dictionary().size());
      // An old snapshot still reads its own, shorter dictionary.
      try (Snapshot v1 = ds.snapshot(1)) {
        Field field = v1.dataFrame("t").orElseThrow().field("s").orElseThrow();
        checkField(field, s.subList(0, (int) field.rowCount()), "version 1", true);
      }
      assertTrue(ds.verify().ok(), ds.verify().problems().toString());
      // Vacuum keeps the files whose blocks were merged away but whose segments are still used.
      ds.vacuum(1);
      assertTrue(ds.verify().ok(), ds.verify().problems().toString());
      try (Dataset fresh = Datasets.open(dir); Snapshot snap = fresh.snapshot()) {
        checkField(snap.dataFrame("t").orElseThrow().field("s").orElseThrow(), s, "after vacuum",
            true);
      }
    }
  }

  @Test
  void vacuumAfterDropFreesDictionaryFiles() throws IOException {
    Path dir = tmp.resolve("drop");
    try (Dataset ds = Datasets.open(dir, options(16, EncodingPolicy.BY_DENSITY,
        StringEncoding.DICTIONARY))) {
      try (Transaction tx = ds.beginWrite("keep")) {
        DataFrameAppender a = tx.createDataFrame("keep", List.of(
            FieldSpec.of("x", FieldType.of(FieldKind.INT64))), List.of(), List.of());
        a.field(0).appendLong(1);
        tx.commit();
      }
      List<String> before = dataFiles(dir);
      for (int c = 0; c < 3; c++) {
        try (Transaction tx = ds.beginWrite("dict " + c)) {
          DataFrameAppender a = c == 0 ? tx.createDataFrame("d", List.of(
              FieldSpec.of("s", FieldType.of(FieldKind.STRING))), List.of(), List.of())
              : tx.append("d");
          for (int i = 0; i < 40; i++) {
            a.field(0).appendString("value " + (i % 9) + " " + c);
          }
          tx.commit();
        }
      }
      try (Snapshot s = ds.snapshot()) {
        Field f = s.dataFrame("d").orElseThrow().field("s").orElseThrow();
        assertEquals(27, f.dictionary().size());
        assertTrue(f.byteSize() > f.blocks().stream().mapToLong(BlockInfo::length).sum(),
            "byteSize counts the dictionary");
      }
      assertTrue(dataFiles(dir).size() > before.size());
      try (Transaction tx = ds.beginWrite("drop")) {
        tx.dropDataFrame("d");
        tx.commit();
      }
      VacuumResult r = ds.vacuum(1);
      assertTrue(r.filesDeleted() >= 3, r.toString());
      assertEquals(before, dataFiles(dir));
      assertTrue(ds.verify().ok());
    }
  }

  private static List<String> dataFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("data"))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void verifyAndReadersCatchAnOutOfRangeCode() throws IOException {
    Path dir = tmp.resolve("range");
    try (Dataset ds = Datasets.open(dir, options(8, EncodingPolicy.DENSE,
        StringEncoding.DICTIONARY))) {
      try (Transaction tx = ds.beginWrite("v1")) {
        DataFrameAppender a = tx.createDataFrame("t", List.of(
            FieldSpec.of("s", FieldType.of(FieldKind.STRING))), List.of(), List.of());
        for (int i = 0; i < 8; i++) {
          a.field(0).appendString("s" + (i % 3));
        }
        tx.commit();
      }
    }
    // Rewrite row 5's code to 3 (the dictionary has 3 entries) and the manifest's checksum, as a
    // buggy writer would: only the range check can notice.
    Path manifestFile = dir.resolve("versions").resolve(Layout.manifestName(1));
    Manifest m = ManifestCodec.decode(Files.readAllBytes(manifestFile), "m", 1);
    Manifest.FieldEntry fe = m.dataFrames().get(0).fields().get(0);
    BlockInfo info = fe.blocks().get(0);
    Path data = dir.resolve(info.file());
    byte[] file = Files.readAllBytes(data);
    ByteBuffer block = ByteBuffer.wrap(file, (int) info.offset(), (int) info.length()).slice()
        .order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(2, block.getInt(32 + 5 * 4));
    block.putInt(32 + 5 * 4, 3);
    int crc = org.curata.storage.block.BlockDecoder.crc32c(block);
    Files.write(data, file);
    BlockInfo bad = new BlockInfo(info.index(), info.firstRow(), info.encoding(), info.stats(),
        info.file(), info.offset(), info.length(), crc, true);
    Manifest changed = new Manifest(m.version(), List.of(new Manifest.DataFrameEntry("t", 8,
        List.of(new Manifest.FieldEntry(fe.spec(), List.of(bad), fe.dictionary())),
        List.of(), List.of())));
    Files.write(manifestFile, ManifestCodec.encode(changed));
    String name = info.file().substring(5);
    try (Dataset ds = Datasets.open(dir)) {
      VerifyReport r = ds.verify();
      assertFalse(r.ok());
      assertTrue(r.problems().stream().anyMatch(p -> p.contains(name)
          && p.contains("outside the field's dictionary") && p.contains("field 's'")
          && p.contains("dataframe 't'")), r.problems().toString());
      try (Snapshot s = ds.snapshot()) {
        CurataException e = assertThrows(CurataException.class,
            () -> s.dataFrame("t").orElseThrow().field("s").orElseThrow().block(0));
        assertEquals(ErrorCode.CORRUPTION, e.code());
        assertTrue(e.getMessage().contains(name), e.getMessage());
      }
    }
  }

  @Test
  void damagedDictionarySegmentsAreCorruptionNamingTheFile() throws IOException {
    Path orig = tmp.resolve("orig");
    try (Dataset ds = Datasets.open(orig, options(8, EncodingPolicy.BY_DENSITY,
        StringEncoding.DICTIONARY))) {
      for (int c = 0; c < 2; c++) {
        try (Transaction tx = ds.beginWrite("v" + c)) {
          DataFrameAppender a = c == 0 ? tx.createDataFrame("t", List.of(
              FieldSpec.of("s", FieldType.of(FieldKind.STRING))), List.of(), List.of())
              : tx.append("t");
          for (int i = 0; i < 20; i++) {
            a.field(0).appendString("val-" + (i % 6 + 3 * c));
          }
          tx.commit();
        }
      }
    }
    // Version 1 wrote one segment; version 2's small commit rewrote it with its new entries
    // (FORMAT.md, "Appending"), so each version's dictionary is one segment in its own file.
    Map<DictionarySegment, Long> segments = new java.util.LinkedHashMap<>();
    for (long v = 1; v <= 2; v++) {
      Manifest m = ManifestCodec.decode(Files.readAllBytes(orig.resolve("versions")
          .resolve(Layout.manifestName(v))), "m", v);
      for (DictionarySegment seg : m.dataFrames().get(0).fields().get(0).dictionary()) {
        segments.put(seg, v);
      }
    }
    assertEquals(2, segments.size());
    assertTrue(segments.keySet().stream().allMatch(seg -> seg.firstCode() == 0), segments.toString());
    assertEquals(2, segments.keySet().stream().map(DictionarySegment::file).distinct().count());
    long seed = 5;
    Random rnd = new Random(seed);
    int cases = 0;
    for (Map.Entry<DictionarySegment, Long> entry : segments.entrySet()) {
      DictionarySegment seg = entry.getKey();
      long version = entry.getValue();
      List<Long> positions = new ArrayList<>(List.of(seg.offset(), seg.offset() + 4,
          seg.offset() + 8, seg.offset() + 32, seg.offset() + seg.length() - 1));
      for (int i = 0; i < 6; i++) {
        positions.add(seg.offset() + rnd.nextInt((int) seg.length()));
      }
      for (long pos : positions) {
        damage(orig, seg, version, "seed " + seed + ": flip byte " + pos, p -> {
          byte[] b = Files.readAllBytes(p);
          b[(int) pos] ^= (byte) (1 << (pos % 8));
          Files.write(p, b);
        });
        cases++;
      }
      for (long len : new long[] {seg.offset() + seg.length() - 1, seg.offset() + 3}) {
        damage(orig, seg, version, "truncate to " + len, p -> {
          try (var ch = java.nio.channels.FileChannel.open(p,
              java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(len);
          }
        });
        cases++;
      }
    }
    assertTrue(cases >= 20);
  }

  /** Damages a segment's file in a copy and requires CORRUPTION naming the file, from read and verify. */
  private void damage(Path orig, DictionarySegment seg, long version, String what,
      CorruptionDamage d) throws IOException {
    Path work = tmp.resolve("work");
    TestSupport.deleteTree(work);
    TestSupport.copyTree(orig, work);
    d.apply(work.resolve(seg.file()));
    String name = seg.file().substring(5);
    String where = what + " of " + name;
    try (Dataset ds = Datasets.open(work, OpenOptions.defaults().withReadOnly(true));
         Snapshot s = ds.snapshot(version)) {
      Field f = s.dataFrame("t").orElseThrow().field("s").orElseThrow();
      CurataException e = assertThrows(CurataException.class, () -> {
        f.dictionary();
        for (int b = 0; b < f.blocks().size(); b++) {
          f.block(b);
        }
      }, where);
      assertEquals(ErrorCode.CORRUPTION, e.code(), where + ": " + e.getMessage());
      assertTrue(e.getMessage().contains(name), where + ": " + e.getMessage());
      assertTrue(e.getMessage().contains("curata verify"), where + ": " + e.getMessage());
      VerifyReport r = ds.verify();
      assertFalse(r.ok(), where);
      assertTrue(r.problems().stream().anyMatch(p -> p.contains(name)), where + ": "
          + r.problems());
    }
  }

  /** Damages one file. */
  private interface CorruptionDamage {
    void apply(Path file) throws IOException;
  }
}
