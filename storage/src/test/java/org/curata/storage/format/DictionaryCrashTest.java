package org.curata.storage.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import org.curata.storage.CurataException;
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
import org.curata.storage.StringEncoding;
import org.curata.storage.Transaction;
import org.curata.storage.VerifyReport;
import org.curata.storage.io.FileIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fails a commit that extends a dictionary (through the tail-block merge) and creates a new
 * dictionary-encoded field at every mutating file call, in every crash mode, and requires exactly
 * the old or the new version afterwards, with codes that decode to the same strings.
 */
final class DictionaryCrashTest {
  private static final int BLOCK_ROWS = 4;

  @TempDir
  Path tmp;

  private static OpenOptions options(FileIO io) {
    return OpenOptions.defaults().withBlockRows(BLOCK_ROWS).withIo(io)
        .withStringEncoding(StringEncoding.DICTIONARY);
  }

  private Path base() {
    Path dir = tmp.resolve("base");
    try (Dataset ds = Datasets.open(dir, options(FileIO.system()).withCreate(true))) {
      try (Transaction tx = ds.beginWrite("base")) {
        DataFrameAppender a = tx.createDataFrame("p", List.of(
            FieldSpec.of("id", FieldType.of(FieldKind.INT64)),
            FieldSpec.of("name", FieldType.of(FieldKind.STRING)),
            FieldSpec.of("code", FieldType.fixedString(3))), List.of(), List.of());
        for (int i = 0; i < 10; i++) {
          a.field(0).appendLong(i);
          a.field(1).appendString("n" + (i % 3));
          if (i % 4 == 0) {
            a.field(2).appendNull();
          } else {
            a.field(2).appendString("c" + (i % 2));
          }
        }
        tx.commit();
      }
    }
    return dir;
  }

  /** Appends old and new values (the partial last block is merged), creates another field. */
  private static void write(Dataset ds) {
    try (Transaction tx = ds.beginWrite("crash me")) {
      DataFrameAppender a = tx.append("p");
      for (int i = 10; i < 17; i++) {
        a.field(0).appendLong(i);
        a.field(1).appendString("n" + (i % 5));
        a.field(2).appendString("d" + (i % 2));
      }
      DataFrameAppender q = tx.createDataFrame("q", List.of(
          FieldSpec.of("s", FieldType.of(FieldKind.STRING))), List.of(), List.of());
      for (int i = 0; i < 9; i++) {
        q.field(0).appendString("é" + (i % 2));
      }
      tx.commit();
    }
  }

  /** The dump plus every dictionary, so that a lost or altered segment is noticed. */
  private static String state(Dataset ds) {
    StringBuilder sb = new StringBuilder(TestSupport.dump(ds));
    try (Snapshot s = ds.snapshot()) {
      s.dataFrames().forEach(df -> {
        for (Field f : df.fields()) {
          if (f.dictionary() != null) {
            sb.append(df.name()).append('.').append(f.name()).append(" dict");
            for (int c = 0; c < f.dictionary().size(); c++) {
              sb.append(' ').append(new String(f.dictionary().bytes(c),
                  java.nio.charset.StandardCharsets.UTF_8));
            }
            sb.append('\n');
          }
        }
      });
    }
    return sb.toString();
  }

  @Test
  void commitWritingADictionaryIsAtomicAtEveryFailurePoint() throws Exception {
    Path base = base();
    String old;
    try (Dataset ds = Datasets.open(base)) {
      old = state(ds);
    }
    Path dry = tmp.resolve("dry");
    TestSupport.copyTree(base, dry);
    FaultyFileIO counting = new FaultyFileIO(dry, Integer.MAX_VALUE, false);
    try (Dataset ds = Datasets.open(dry, options(counting))) {
      write(ds);
    }
    int calls = counting.calls();
    String next;
    try (Dataset ds = Datasets.open(dry)) {
      next = state(ds);
      try (Snapshot s = ds.snapshot()) {
        Field name = s.dataFrame("p").orElseThrow().field("name").orElseThrow();
        assertEquals(5, name.dictionary().size(), "the write extends the dictionary");
      }
    }
    assertTrue(next.contains("p.name dict n0 n1 n2 n3 n4"), next);
    assertTrue(calls > 10, "a commit makes " + calls + " mutating calls");
    for (FaultyFileIO.Crash mode : FaultyFileIO.Crash.values()) {
      for (int n = 1; n <= calls + 1; n++) {
        Path work = tmp.resolve("w-" + mode + "-" + n);
        TestSupport.copyTree(base, work);
        FaultyFileIO io = new FaultyFileIO(work, n, true);
        boolean committed = false;
        try (Dataset ds = Datasets.open(work, options(io))) {
          write(ds);
          committed = true;
        } catch (CurataException e) {
          if (e.code() != ErrorCode.IO) {
            throw e;
          }
        }
        io.crash(mode);
        String where = "crash mode " + mode + ", failure at call " + n + " of " + calls;
        try (Dataset ds = Datasets.open(work, options(FileIO.system()))) {
          String now = state(ds);
          long v = ds.snapshot().version().id();
          if (now.equals(old)) {
            assertEquals(1, v, where);
            if (committed && mode != FaultyFileIO.Crash.KEEP_ALL_TEAR_LAST) {
              fail(where + ": commit returned but the new version was lost");
            }
          } else {
            assertEquals(next, now, where + ": neither the old nor the new version");
            assertEquals(2, v, where);
          }
          VerifyReport r = ds.verify();
          assertTrue(r.ok(), where + ": " + r.problems());
          // A later write extending the dictionary, and a vacuum, work on what the crash left.
          try (Transaction tx = ds.beginWrite("after crash")) {
            DataFrameAppender a = tx.append("p");
            a.field(0).appendLong(99);
            a.field(1).appendString("after");
            a.field(2).appendString("n0");
            tx.commit();
          }
          ds.vacuum(1);
          r = ds.verify();
          assertTrue(r.ok(), where + ": " + r.problems());
          try (Snapshot s = ds.snapshot()) {
            Field name = s.dataFrame("p").orElseThrow().field("name").orElseThrow();
            assertEquals("after", new String(name.dictionary().bytes(name.dictionary().size() - 1),
                java.nio.charset.StandardCharsets.UTF_8), where);
          }
        }
        TestSupport.deleteTree(work);
      }
    }
  }
}
