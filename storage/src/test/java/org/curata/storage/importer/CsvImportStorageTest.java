package org.curata.storage.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.curata.storage.Block;
import org.curata.storage.CurataException;
import org.curata.storage.DataFrame;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.Field;
import org.curata.storage.FieldKind;
import org.curata.storage.OpenOptions;
import org.curata.storage.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The importer writing real datasets through the storage implementation. */
final class CsvImportStorageTest {
  @TempDir
  Path dir;

  private Dataset open(int blockRows) {
    return Datasets.open(dir.resolve("ds"), OpenOptions.defaults().withCreate(true).withBlockRows(blockRows));
  }

  private static Object value(Field f, long row) {
    long first = 0;
    for (int i = 0; i < f.blocks().size(); i++) {
      int n = f.blocks().get(i).rowCount();
      if (row < first + n) {
        Block b = f.block(i);
        int r = (int) (row - first);
        if (b.isNull(r)) {
          return null;
        }
        FieldKind k = f.type().storageKind();
        return k.isString() ? b.getString(r) : k.isFloating() ? (Object) b.getDouble(r) : (Object) b.getLong(r);
      }
      first += n;
    }
    throw new AssertionError("row " + row + " beyond " + f.rowCount());
  }

  @Test
  void exeteraFixturesRoundTripThroughStorage() throws IOException {
    Path p = ExeTeraFixtureTest.copy(dir, "patients.csv");
    Path a = ExeTeraFixtureTest.copy(dir, "assessments.csv");
    ImportSchema schema = ImportSchema.parse(ImportSchemaTest.resource("schema.json"), "schema.json");
    try (Dataset ds = open(256)) {
      int before = ds.versions().size();
      ImportResult r = CsvImport.run(ds, List.of(new CsvSource("patients", p), new CsvSource("assessments", a)),
          ImportOptions.defaults().withSchema(schema));
      assertEquals(before + 1, ds.versions().size());
      assertEquals(r.version().id(), ds.versions().get(before).id());
      try (Snapshot s = ds.snapshot()) {
        DataFrame pt = s.dataFrame("patients").orElseThrow();
        assertEquals(1000, pt.rowCount());
        assertEquals(List.of("id"), pt.primaryKeys());
        assertEquals(5000, s.dataFrame("assessments").orElseThrow().rowCount());
        Field yob = pt.field("year_of_birth").orElseThrow();
        long emptyYob = ExeTeraFixtureTest.read(p).stream().filter(x -> x.getField("year_of_birth").isEmpty()).count();
        assertEquals(emptyYob, yob.nullCount());
        assertEquals(4, yob.blocks().size());
        assertEquals("Carol Müller", value(pt.field("name").orElseThrow(), 0));
        assertEquals("Grace Müller, jr", value(pt.field("name").orElseThrow(), 3));
        assertEquals(1_588_661_362_000_000L, value(pt.field("created_at").orElseThrow(), 1));
        assertEquals("B neg", value(pt.field("blood_group_freetext").orElseThrow(), 13));
        assertEquals(null, value(pt.field("blood_group").orElseThrow(), 13));
        assertEquals("other", pt.field("gender").orElseThrow().type().key().label(3));
        assertTrue(s.dataFrame("assessments").orElseThrow().field("notes").isPresent());
      }
    }
  }

  @Test
  void streamsAFileFarLargerThanABlock() throws IOException {
    Path csv = dir.resolve("big.csv");
    int rows = 300_000;
    long expectedSum = 0;
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write("id,x,s\n");
      for (int i = 0; i < rows; i++) {
        w.write(i + "," + (i % 7 == 0 ? "" : Integer.toString(i * 3)) + ",\"v," + i + "\"\n");
        expectedSum += i % 7 == 0 ? 0 : i * 3L;
      }
    }
    try (Dataset ds = open(1000)) {
      ImportResult r = CsvImport.run(ds, List.of(new CsvSource("big", csv)), ImportOptions.defaults().withSampleRows(100));
      assertEquals(rows, r.rows());
      assertEquals(Files.size(csv), r.tables().get(0).bytesRead());
      try (Snapshot s = ds.snapshot()) {
        Field x = s.dataFrame("big").orElseThrow().field("x").orElseThrow();
        assertEquals(rows, x.rowCount());
        assertEquals(300, x.blocks().size(), "one block per 1000 rows, written as the file streams");
        assertEquals((rows + 6) / 7, x.nullCount());
        long sum = 0;
        long[] buf = new long[1000];
        for (int i = 0; i < x.blocks().size(); i++) {
          Block b = x.block(i);
          b.readLongs(0, b.rowCount(), buf, 0);
          for (int k = 0; k < b.rowCount(); k++) {
            sum += buf[k];
          }
        }
        assertEquals(expectedSum, sum);
        assertEquals("v,299999", value(s.dataFrame("big").orElseThrow().field("s").orElseThrow(), rows - 1));
      }
    }
  }

  @Test
  void aFailedStrictImportLeavesTheDatasetAsItWas() throws IOException {
    Path good = dir.resolve("good.csv");
    Files.writeString(good, "a\n1\n2\n");
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "a\n1\nx\n");
    try (Dataset ds = open(1000)) {
      long v = CsvImport.run(ds, List.of(new CsvSource("g", good)), ImportOptions.defaults()).version().id();
      int before = ds.versions().size();
      assertThrows(CurataException.class, () -> CsvImport.run(ds,
          List.of(new CsvSource("h", good), new CsvSource("b", bad)), ImportOptions.defaults().withSampleRows(1)));
      assertEquals(before, ds.versions().size());
      try (Snapshot s = ds.snapshot()) {
        assertEquals(v, s.version().id());
        assertTrue(s.dataFrame("h").isEmpty());
        assertTrue(s.dataFrame("b").isEmpty());
      }
      ImportResult again = CsvImport.run(ds, List.of(new CsvSource("g", good)),
          ImportOptions.defaults().withReplaceExisting(true));
      assertEquals(v + 1, again.version().id());
    }
  }
}
