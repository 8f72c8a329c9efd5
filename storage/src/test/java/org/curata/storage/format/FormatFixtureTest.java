package org.curata.storage.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.curata.storage.Block;
import org.curata.storage.DataFrame;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.Field;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.OpenOptions;
import org.curata.storage.Snapshot;
import org.curata.storage.Transaction;
import org.curata.storage.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the committed fixtures of every format version (src/test/resources/.../fixtures, with
 * their README and generator), verifies them and writes to copies of them.
 */
final class FormatFixtureTest {
  @TempDir
  Path tmp;

  private Path copy(String name) throws URISyntaxException {
    Path src = Path.of(FormatFixtureTest.class.getResource("fixtures/" + name).toURI());
    Path dst = tmp.resolve(name);
    TestSupport.copyTree(src, dst);
    return dst;
  }

  /** Every row of every version against the generator. */
  private static void checkContent(Dataset ds, String where) {
    VerifyReport r = ds.verify();
    assertTrue(r.ok(), where + ": " + r.problems());
    assertEquals(3, r.versionsChecked(), where);
    for (long v = 1; v <= 2; v++) {
      try (Snapshot s = ds.snapshot(v)) {
        DataFrame t = s.dataFrame("t").orElseThrow();
        int rows = v == 1 ? FormatFixtureGenerator.ROWS_FIRST : FormatFixtureGenerator.ROWS;
        assertEquals(rows, t.rowCount(), where);
        assertEquals(List.of("id"), t.sortKeys());
        for (Field f : t.fields()) {
          int row = 0;
          for (int b = 0; b < f.blocks().size(); b++) {
            Block block = f.block(b);
            for (int i = 0; i < block.rowCount(); i++, row++) {
              String at = where + " version " + v + " " + f.name() + " row " + row;
              switch (f.name()) {
                case "id" -> assertEquals(row, block.getLong(i), at);
                case "city" -> assertEquals(FormatFixtureGenerator.city(row), block.getString(i), at);
                case "code" -> assertEquals(FormatFixtureGenerator.code(row), block.getString(i), at);
                default -> assertEquals(FormatFixtureGenerator.note(row), block.getString(i), at);
              }
            }
          }
          assertEquals(rows, row, where);
        }
      }
    }
  }

  private static String manifestHead(Path dir, long id) throws IOException {
    return new String(Files.readAllBytes(dir.resolve("versions").resolve(Layout.manifestName(id))),
        StandardCharsets.US_ASCII).split(" ", 3)[1];
  }

  @Test
  void formatOneFixtureReadsAndStaysFormatOneForPlainAppends() throws Exception {
    Path dir = copy("format-v1");
    try (Dataset ds = Datasets.open(dir, OpenOptions.defaults().withBlockRows(4))) {
      checkContent(ds, "format-v1");
      try (Snapshot s = ds.snapshot()) {
        for (Field f : s.dataFrame("t").orElseThrow().fields()) {
          assertNull(f.dictionary(), f.name());
        }
      }
      // Appending keeps plain fields plain, so the dataset stays readable by format-1 readers.
      try (Transaction tx = ds.beginWrite("append")) {
        DataFrameAppender a = tx.append("t");
        a.field(0).appendLong(15);
        a.field(1).appendString("Oslo");
        a.field(2).appendString("c0");
        a.field(3).appendString("more");
        tx.commit();
      }
      assertEquals("1", manifestHead(dir, 3));
      // A new field with repeats gets a dictionary, and the dataset becomes format 2.
      try (Transaction tx = ds.beginWrite("dictionary")) {
        DataFrameAppender a = tx.createDataFrame("u", List.of(
            FieldSpec.of("s", FieldType.of(FieldKind.STRING))), List.of(), List.of());
        for (int i = 0; i < 10; i++) {
          a.field(0).appendString("s" + (i % 2));
        }
        tx.commit();
      }
      assertEquals("2", manifestHead(dir, 4));
      assertTrue(ds.verify().ok(), ds.verify().problems().toString());
    }
  }

  @Test
  void formatTwoFixtureReadsWithItsDictionaries() throws Exception {
    Path dir = copy("format-v2");
    assertEquals("2", manifestHead(dir, 2));
    try (Dataset ds = Datasets.open(dir)) {
      checkContent(ds, "format-v2");
      try (Snapshot s = ds.snapshot()) {
        DataFrame t = s.dataFrame("t").orElseThrow();
        assertNotNull(t.field("city").orElseThrow().dictionary());
        assertEquals(3, t.field("code").orElseThrow().dictionary().size());
        assertNull(t.field("note").orElseThrow().dictionary());
      }
      try (Transaction tx = ds.beginWrite("append")) {
        DataFrameAppender a = tx.append("t");
        a.field(0).appendLong(15);
        a.field(1).appendString("Oslo");
        a.field(2).appendString("c9");
        a.field(3).appendString("more");
        tx.commit();
      }
      try (Snapshot s = ds.snapshot()) {
        Field code = s.dataFrame("t").orElseThrow().field("code").orElseThrow();
        assertEquals(4, code.dictionary().size());
        assertEquals("c9", new String(code.dictionary().bytes(3), StandardCharsets.UTF_8));
      }
      assertTrue(ds.verify().ok(), ds.verify().problems().toString());
    }
  }
}
