package org.curata.storage.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.curata.storage.Block;
import org.curata.storage.DataFrame;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.Dictionary;
import org.curata.storage.Field;
import org.curata.storage.OpenOptions;
import org.curata.storage.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The importer's default (StringEncoding.AUTO): a foreign key's repeated ids become
 * dictionary-encoded, a primary key's distinct ids stay plain (docs/IMPORT.md).
 */
final class CsvImportDictionaryTest {
  @TempDir
  Path dir;

  @Test
  void foreignKeyGetsADictionaryAndPrimaryKeyStaysPlain() throws IOException {
    Path p = ExeTeraFixtureTest.copy(dir, "patients.csv");
    Path a = ExeTeraFixtureTest.copy(dir, "assessments.csv");
    ImportSchema schema = ImportSchema.parse(ImportSchemaTest.resource("schema.json"), "schema.json");
    try (Dataset ds = Datasets.open(dir.resolve("ds"), OpenOptions.defaults().withCreate(true)
        .withBlockRows(1000))) {
      CsvImport.run(ds, List.of(new CsvSource("patients", p), new CsvSource("assessments", a)),
          ImportOptions.defaults().withSchema(schema));
      assertTrue(ds.verify().ok(), ds.verify().problems().toString());
      try (Snapshot s = ds.snapshot()) {
        Field id = s.dataFrame("patients").orElseThrow().field("id").orElseThrow();
        assertNull(id.dictionary());
        DataFrame as = s.dataFrame("assessments").orElseThrow();
        Field pid = as.field("patient_id").orElseThrow();
        Dictionary d = pid.dictionary();
        assertNotNull(d);
        Set<String> distinct = new HashSet<>();
        for (int b = 0; b < pid.blocks().size(); b++) {
          Block block = pid.block(b);
          assertTrue(block.isDictionaryEncoded());
          int[] codes = new int[block.rowCount()];
          block.readCodes(0, codes.length, codes, 0);
          for (int r = 0; r < codes.length; r++) {
            if (codes[r] >= 0) {
              assertEquals(block.getString(r), new String(d.bytes(codes[r]), StandardCharsets.UTF_8));
              distinct.add(block.getString(r));
            }
          }
        }
        assertEquals(distinct.size(), d.size());
        assertTrue(d.size() < as.rowCount() / 2, d.size() + " ids for " + as.rowCount() + " rows");
      }
    }
  }
}
