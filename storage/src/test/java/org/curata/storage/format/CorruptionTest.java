package org.curata.storage.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
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
import org.curata.storage.VerifyReport;
import org.curata.storage.VersionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flips bytes of and truncates every file of a small dataset: every read and verify must give a
 * CORRUPTION error naming the file, or exactly the original values; never another exception.
 */
final class CorruptionTest {
  @TempDir
  Path tmp;

  private Path build() {
    Path dir = tmp.resolve("orig");
    try (Dataset ds = Datasets.open(dir, OpenOptions.defaults().withCreate(true).withBlockRows(5))) {
      try (Transaction tx = ds.beginWrite("v1")) {
        DataFrameAppender a = tx.createDataFrame("t", List.of(
            FieldSpec.of("i", FieldType.of(FieldKind.INT32)),
            FieldSpec.of("sparse", FieldType.of(FieldKind.INT64)),
            FieldSpec.of("s", FieldType.of(FieldKind.STRING)),
            FieldSpec.of("f", FieldType.fixedString(3)),
            FieldSpec.of("d", FieldType.of(FieldKind.FLOAT64))), List.of(), List.of());
        for (int r = 0; r < 12; r++) {
          a.field(0).appendLong(r * 11);
          if (r % 6 == 0) {
            a.field(1).appendLong(r);
          } else {
            a.field(1).appendNull();
          }
          if (r % 4 == 1) {
            a.field(2).appendNull();
          } else {
            a.field(2).appendString("str" + r);
          }
          a.field(3).appendString("f" + r);
          a.field(4).appendDouble(r / 4.0);
        }
        tx.commit();
      }
      try (Transaction tx = ds.beginWrite("v2")) {
        DataFrameAppender a = tx.append("t");
        a.field(0).appendLong(-1);
        a.field(1).appendLong(99);
        a.field(2).appendString("last");
        a.field(3).appendNull();
        a.field(4).appendDouble(-0.5);
        tx.commit();
      }
    }
    return dir;
  }

  /** The content of every version, read through the API. */
  private static String readAll(Dataset ds) {
    StringBuilder sb = new StringBuilder();
    for (VersionInfo v : ds.versions()) {
      try (Snapshot s = ds.snapshot(v.id())) {
        sb.append("version ").append(v.id()).append('\n').append(TestSupport.dump(s));
        for (DataFrame df : s.dataFrames()) {
          for (Field f : df.fields()) {
            for (int b = 0; b < f.blocks().size(); b++) {
              TestSupport.checkAccessorsAgree(f.block(b));
            }
          }
        }
      }
    }
    return sb.toString();
  }

  /** Byte ranges of data files covered by a header or a block; anything else is padding. */
  private static List<long[]> covered(Dataset ds, String file) {
    List<long[]> ranges = new ArrayList<>();
    ranges.add(new long[] {0, 16});
    for (VersionInfo v : ds.versions()) {
      try (Snapshot s = ds.snapshot(v.id())) {
        for (DataFrame df : s.dataFrames()) {
          for (Field f : df.fields()) {
            for (BlockInfo b : f.blocks()) {
              if (b.file().equals(file)) {
                ranges.add(new long[] {b.offset(), b.offset() + b.length()});
              }
            }
          }
        }
      }
    }
    return ranges;
  }

  @Test
  void everyFlippedByteOrTruncationIsDetected() throws IOException {
    Path orig = build();
    String expected;
    List<String> files = new ArrayList<>();
    try (Dataset ds = Datasets.open(orig)) {
      expected = readAll(ds);
      assertTrue(ds.verify().ok());
    }
    try (Stream<Path> s = Files.walk(orig)) {
      s.filter(Files::isRegularFile).map(p -> orig.relativize(p).toString().replace('\\', '/'))
          .filter(n -> !n.equals("LOCK")).sorted().forEach(files::add);
    }
    long seed = 42;
    Random rnd = new Random(seed);
    int cases = 0;
    for (String file : files) {
      long size = Files.size(orig.resolve(file));
      List<long[]> cover;
      try (Dataset ds = Datasets.open(orig)) {
        cover = file.startsWith("data/") ? covered(ds, file) : List.of(new long[] {0, size});
      }
      TreeSet<Long> positions = new TreeSet<>(List.of(0L, 1L, 8L, 12L, 15L, 16L, 17L, 20L,
          40L, size / 2, size - 2, size - 1));
      for (int i = 0; i < 8; i++) {
        positions.add((long) rnd.nextInt((int) size));
      }
      for (long pos : positions) {
        if (pos < 0 || pos >= size) {
          continue;
        }
        boolean inCover = cover.stream().anyMatch(r -> pos >= r[0] && pos < r[1]);
        check(orig, file, expected, "flip byte " + pos, inCover, p -> {
          try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ,
              StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
            ch.read(one, pos);
            one.put(0, (byte) (one.get(0) ^ (1 << (int) (pos % 8))));
            one.rewind();
            ch.write(one, pos);
          }
        });
        cases++;
      }
      for (long len : new long[] {0, size / 2, size - 1}) {
        check(orig, file, expected, "truncate to " + len, true, p -> {
          try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.truncate(len);
          }
        });
        cases++;
      }
    }
    check(orig, files.get(0), expected, "delete", true, Files::delete);
    assertTrue(cases > 50, cases + " cases");
  }

  /** Damages one file of a copy of the dataset. */
  private interface Damage {
    void apply(Path file) throws IOException;
  }

  private void check(Path orig, String file, String expected, String what, boolean mustDetect,
      Damage damage) throws IOException {
    Path work = tmp.resolve("work");
    TestSupport.deleteTree(work);
    TestSupport.copyTree(orig, work);
    damage.apply(work.resolve(file));
    String where = what + " of " + file;
    String name = file.substring(file.lastIndexOf('/') + 1);
    boolean detected = false;
    Dataset ds = null;
    try {
      ds = Datasets.open(work, OpenOptions.defaults().withReadOnly(true));
      String got = readAll(ds);
      assertEquals(expected, got, where + ": a wrong answer");
    } catch (CurataException e) {
      assertEquals(ErrorCode.CORRUPTION, e.code(), where + ": " + e.getMessage());
      assertTrue(e.getMessage().contains(name), where + ": message must name the file: "
          + e.getMessage());
      assertTrue(e.getMessage().contains("curata verify"), e.getMessage());
      if (file.startsWith("data/") && !e.getMessage().contains("header")
          && !e.getMessage().contains("missing")) {
        assertTrue(e.getMessage().contains("block "), where + ": names the block: "
            + e.getMessage());
      }
      detected = true;
    } catch (Throwable t) {
      fail(where + ": " + t, t);
    }
    if (ds == null) {
      try {
        ds = Datasets.open(work, OpenOptions.defaults().withReadOnly(true));
      } catch (CurataException e) {
        assertEquals(ErrorCode.CORRUPTION, e.code(), where);
      }
    }
    if (ds != null) {
      try {
        VerifyReport r = ds.verify();
        if (detected || mustDetect) {
          assertFalse(r.ok(), where + ": verify missed it");
          assertTrue(r.problems().stream().anyMatch(p -> p.contains(name)),
              where + ": " + r.problems());
        } else {
          assertTrue(r.ok(), where + " hit padding only: " + r.problems());
        }
      } catch (Throwable t) {
        fail(where + ": verify threw " + t, t);
      } finally {
        ds.close();
      }
    } else {
      assertTrue(detected, where);
    }
  }
}
