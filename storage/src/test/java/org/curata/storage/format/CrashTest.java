package org.curata.storage.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import org.curata.storage.BlockInfo;
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
import org.curata.storage.Transaction;
import org.curata.storage.VerifyReport;
import org.curata.storage.io.FileIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fails a commit (an append that merges a partial last block, a create, a drop) and a vacuum at
 * every mutating file call in turn, simulates a power loss in each crash mode, and requires
 * exactly the old or the new version afterwards.
 */
final class CrashTest {
  private static final int BLOCK_ROWS = 4;

  @TempDir
  Path tmp;

  private static OpenOptions options(FileIO io) {
    return OpenOptions.defaults().withBlockRows(BLOCK_ROWS).withIo(io);
  }

  /** The base dataset: version 1 with a dataframe of a few blocks. */
  private Path base() {
    Path dir = tmp.resolve("base");
    try (Dataset ds = Datasets.open(dir, options(FileIO.system()).withCreate(true))) {
      try (Transaction tx = ds.beginWrite("base")) {
        DataFrameAppender a = tx.createDataFrame("p", List.of(
            FieldSpec.of("id", FieldType.of(FieldKind.INT64)),
            FieldSpec.of("name", FieldType.of(FieldKind.STRING)),
            FieldSpec.of("bmi", FieldType.of(FieldKind.FLOAT32))), List.of("id"), List.of("id"));
        for (int i = 0; i < 10; i++) {
          a.field(0).appendLong(i);
          a.field(1).appendString("n" + i);
          if (i % 3 == 0) {
            a.field(2).appendNull();
          } else {
            a.field(2).appendDouble(20 + i);
          }
        }
        tx.commit();
      }
    }
    return dir;
  }

  /** The write under test: appends, creates, drops a field. */
  private static void write(Dataset ds) {
    try (Transaction tx = ds.beginWrite("crash me")) {
      DataFrameAppender a = tx.append("p");
      for (int i = 10; i < 17; i++) {
        a.field(0).appendLong(i);
        a.field(1).appendString("n" + i);
        a.field(2).appendNull();
      }
      DataFrameAppender q = tx.createDataFrame("q", List.of(
          FieldSpec.of("c", FieldType.of(FieldKind.UINT8))), List.of(), List.of());
      for (int i = 0; i < 9; i++) {
        q.field(0).appendLong(200 + i);
      }
      tx.dropField("p", "bmi");
      tx.commit();
    }
  }

  @Test
  void commitIsAtomicAtEveryFailurePoint() throws Exception {
    Path base = base();
    String old;
    try (Dataset ds = Datasets.open(base)) {
      old = TestSupport.dump(ds);
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
      next = TestSupport.dump(ds);
      // The write merges the base's partial last block (2 rows) with its 7 new rows.
      try (Snapshot s = ds.snapshot()) {
        for (Field f : s.dataFrame("p").orElseThrow().fields()) {
          assertEquals(List.of(4, 4, 4, 4, 1),
              f.blocks().stream().map(BlockInfo::rowCount).toList(), f.name());
        }
      }
    }
    assertTrue(calls > 10, "a commit makes " + calls + " mutating calls");
    int runs = 0;
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
        try (Dataset ds = Datasets.open(work)) {
          String now = TestSupport.dump(ds);
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
          // A later write and vacuum must work on what the crash left.
          try (Transaction tx = ds.beginWrite("after crash")) {
            tx.commit();
          }
          ds.vacuum(1);
          assertTrue(ds.verify().ok(), where);
        }
        TestSupport.deleteTree(work);
        runs++;
      }
    }
    assertTrue(runs >= 3 * calls);
  }

  @Test
  void vacuumIsSafeAtEveryFailurePoint() throws Exception {
    Path base = base();
    try (Dataset ds = Datasets.open(base, options(FileIO.system()))) {
      write(ds);
      try (Transaction tx = ds.beginWrite("drop")) {
        tx.dropDataFrame("q");
        tx.commit();
      }
    }
    String latest;
    try (Dataset ds = Datasets.open(base)) {
      latest = TestSupport.dump(ds);
    }
    Path dry = tmp.resolve("dry");
    TestSupport.copyTree(base, dry);
    FaultyFileIO counting = new FaultyFileIO(dry, Integer.MAX_VALUE, false);
    try (Dataset ds = Datasets.open(dry, options(counting))) {
      ds.vacuum(1);
    }
    int calls = counting.calls();
    for (FaultyFileIO.Crash mode : FaultyFileIO.Crash.values()) {
      for (int n = 1; n <= calls + 1; n++) {
        Path work = tmp.resolve("v-" + mode + "-" + n);
        TestSupport.copyTree(base, work);
        FaultyFileIO io = new FaultyFileIO(work, n, true);
        try (Dataset ds = Datasets.open(work, options(io))) {
          ds.vacuum(1);
        } catch (CurataException e) {
          assertEquals(ErrorCode.IO, e.code());
        }
        io.crash(mode);
        String where = "vacuum, crash mode " + mode + ", failure at call " + n;
        try (Dataset ds = Datasets.open(work)) {
          assertEquals(latest, TestSupport.dump(ds), where);
          VerifyReport r = ds.verify();
          assertTrue(r.ok(), where + ": " + r.problems());
        }
        TestSupport.deleteTree(work);
      }
    }
  }
}
