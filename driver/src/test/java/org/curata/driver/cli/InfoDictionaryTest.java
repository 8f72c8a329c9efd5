package org.curata.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.OpenOptions;
import org.curata.storage.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code curata info} names the dictionary-encoded fields and their dictionary sizes (AUTO judges
 * the first full block, so the blocks are small here).
 */
final class InfoDictionaryTest {
  @TempDir
  Path tmp;

  @Test
  void infoShowsDictionarySizes() {
    Path dir = tmp.resolve("ds");
    try (Dataset ds = Datasets.open(dir, OpenOptions.defaults().withCreate(true).withBlockRows(32));
         Transaction tx = ds.beginWrite("visits")) {
      DataFrameAppender df = tx.createDataFrame("visits", List.of(
          FieldSpec.of("patient", FieldType.fixedString(4)),
          FieldSpec.of("note", FieldType.of(FieldKind.STRING))), List.of(), List.of());
      for (int i = 0; i < 100; i++) {
        df.field("patient").appendString("p" + (i % 7));
        df.field("note").appendString("note " + i);
      }
      tx.commit();
    }
    Cli.Result r = Cli.run("info", dir.toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("Dictionary-encoded fields (blocks store codes into the field's"
        + " dictionary of distinct values):\n  patient: 7 entries\n"), r.out());
    assertFalse(r.out().contains("  note: "), r.out());
  }
}
