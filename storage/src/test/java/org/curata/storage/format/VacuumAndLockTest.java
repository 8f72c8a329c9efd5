package org.curata.storage.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.curata.storage.CurataException;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.OpenOptions;
import org.curata.storage.Snapshot;
import org.curata.storage.Transaction;
import org.curata.storage.VacuumResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vacuum frees disk space, open snapshots keep reading their version, one writer at a time. */
final class VacuumAndLockTest {
  @TempDir
  Path tmp;

  private static void fill(Transaction tx, String name, int rows) {
    DataFrameAppender a = tx.createDataFrame(name, List.of(
        FieldSpec.of("x", FieldType.of(FieldKind.INT64)),
        FieldSpec.of("s", FieldType.of(FieldKind.STRING))), List.of(), List.of());
    for (int i = 0; i < rows; i++) {
      a.field(0).appendLong(i);
      a.field(1).appendString("some text " + i);
    }
  }

  @Test
  void droppingAndVacuumingFreesDiskSpace() {
    Path dir = tmp.resolve("d");
    try (Dataset ds = Datasets.open(dir, OpenOptions.defaults().withCreate(true))) {
      try (Transaction tx = ds.beginWrite("small")) {
        fill(tx, "small", 1000);
        tx.commit();
      }
      long withSmall = TestSupport.treeSize(dir);
      try (Transaction tx = ds.beginWrite("big")) {
        fill(tx, "big", 300_000);
        tx.commit();
      }
      long withBig = TestSupport.treeSize(dir);
      assertTrue(withBig - withSmall > 300_000 * 8, "big dataframe takes space");
      try (Transaction tx = ds.beginWrite("drop")) {
        tx.dropDataFrame("big");
        tx.commit();
      }
      assertTrue(TestSupport.treeSize(dir) >= withBig, "dropping alone frees nothing yet");
      VacuumResult r = ds.vacuum(1);
      long after = TestSupport.treeSize(dir);
      assertEquals(List.of(0L, 1L, 2L), r.expiredVersions());
      assertTrue(after < withSmall + 4096, "space came back: " + withBig + " -> " + after);
      assertTrue(r.bytesFreed() >= withBig - after - 4096, r.toString());
      assertTrue(ds.verify().ok());
      assertEquals(1, ds.versions().size());
      assertEquals(ErrorCode.NOT_FOUND,
          assertThrows(CurataException.class, () -> ds.snapshot(1)).code());
      try (Snapshot s = ds.snapshot()) {
        assertEquals(1000, s.dataFrame("small").orElseThrow().rowCount());
      }
    }
  }

  @Test
  void openSnapshotKeepsReadingWhileWriterCommitsAndVacuums() throws Exception {
    Path dir = tmp.resolve("r");
    try (Dataset ds = Datasets.open(dir, OpenOptions.defaults().withCreate(true).withBlockRows(100))) {
      try (Transaction tx = ds.beginWrite("v1")) {
        fill(tx, "t", 1000);
        tx.commit();
      }
      try (Snapshot old = ds.snapshot()) {
        String before = TestSupport.dump(old);
        try (Dataset writer = Datasets.open(dir)) {
          for (int v = 0; v < 3; v++) {
            try (Transaction tx = writer.beginWrite("more")) {
              fill(tx, "t" + v, 500);
              tx.dropDataFrame(v == 0 ? "t" : "t" + (v - 1));
              tx.commit();
            }
          }
        }
        assertEquals(4, ds.snapshot().version().id());
        ds.vacuum(1);
        assertEquals(1, old.version().id());
        assertEquals(before, TestSupport.dump(old));
      }
      ds.vacuum(1);
      try (Snapshot s = ds.snapshot()) {
        assertEquals(List.of("t2"), s.dataFrames().stream().map(d -> d.name()).toList());
      }
      assertTrue(ds.verify().ok());
      try (var files = Files.list(dir.resolve("data"))) {
        assertEquals(2, files.count(), "only t2's two field files remain");
      }
    }
  }

  @Test
  void anExpiredVersionIsNotFoundEvenWhenItsManifestWasCached() {
    try (Dataset ds = Datasets.open(tmp.resolve("x"), OpenOptions.defaults().withCreate(true))) {
      for (int v = 1; v <= 2; v++) {
        try (Transaction tx = ds.beginWrite("v" + v)) {
          fill(tx, "t" + v, 10);
          tx.commit();
        }
      }
      ds.snapshot(1).close(); // reads (and caches) version 1's manifest
      ds.vacuum(1);
      CurataException e = assertThrows(CurataException.class, () -> ds.snapshot(1));
      assertEquals(ErrorCode.NOT_FOUND, e.code());
      assertTrue(e.getMessage().contains("expired by a vacuum"), e.getMessage());
    }
  }

  @Test
  void secondWriterIsLockedOut() {
    Path dir = tmp.resolve("l");
    try (Dataset a = Datasets.open(dir, OpenOptions.defaults().withCreate(true));
        Dataset b = Datasets.open(dir)) {
      try (Transaction tx = a.beginWrite("first")) {
        CurataException e = assertThrows(CurataException.class, () -> b.beginWrite("second"));
        assertEquals(ErrorCode.WRITER_LOCKED, e.code());
        assertTrue(e.getMessage().contains(dir.toAbsolutePath().normalize().toString()));
        assertTrue(e.getMessage().contains("another writer holds it"), e.getMessage());
        assertEquals(ErrorCode.WRITER_LOCKED,
            assertThrows(CurataException.class, () -> a.beginWrite("again")).code());
        assertEquals(ErrorCode.WRITER_LOCKED,
            assertThrows(CurataException.class, () -> b.vacuum(1)).code());
        tx.commit();
      }
      try (Transaction tx = b.beginWrite("now free")) {
        assertEquals(1, tx.baseVersion().id());
        tx.commit();
      }
      assertEquals(2, a.snapshot().version().id());
    }
  }

  @Test
  void readOnlyRefusesWrites() {
    Path dir = tmp.resolve("ro");
    Datasets.open(dir, OpenOptions.defaults().withCreate(true)).close();
    try (Dataset ds = Datasets.open(dir, OpenOptions.defaults().withReadOnly(true))) {
      assertEquals(ErrorCode.INVALID_INPUT,
          assertThrows(CurataException.class, () -> ds.beginWrite("x")).code());
      assertEquals(0, ds.snapshot().version().id());
    }
  }
}
