package org.curata.driver.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.curata.storage.CategoricalKey;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.OpenOptions;
import org.curata.storage.Transaction;

/** Small datasets written through the storage API for the CLI tests. */
final class TestData {
  private TestData() {
  }

  /**
   * Creates a dataset with dataframe {@code people}: id int32, name string, score float64 and
   * colour categorical, three rows including NULLs.
   */
  static Path people(Path dir) {
    try (Dataset ds = Datasets.open(dir, OpenOptions.defaults().withCreate(true));
         Transaction tx = ds.beginWrite("test people")) {
      FieldType colour = FieldType.categorical(
          new CategoricalKey(FieldKind.INT8, Map.of(0L, "", 1L, "red", 2L, "blue")));
      DataFrameAppender df = tx.createDataFrame("people", List.of(
          FieldSpec.of("id", FieldType.of(FieldKind.INT32)),
          FieldSpec.of("name", FieldType.of(FieldKind.STRING)),
          FieldSpec.of("score", FieldType.of(FieldKind.FLOAT64)),
          FieldSpec.of("colour", colour)), List.of(), List.of());
      long[] ids = {1, 2, 10};
      String[] names = {"alpha", null, "gamma"};
      double[] scores = {1.5, Double.NaN, -2.25};
      long[] colours = {1, 2, 0};
      for (int i = 0; i < ids.length; i++) {
        df.field("id").appendLong(ids[i]);
        if (names[i] == null) {
          df.field("name").appendNull();
        } else {
          df.field("name").appendString(names[i]);
        }
        if (Double.isNaN(scores[i])) {
          df.field("score").appendNull();
        } else {
          df.field("score").appendDouble(scores[i]);
        }
        df.field("colour").appendLong(colours[i]);
      }
      tx.commit();
    }
    return dir;
  }
}
