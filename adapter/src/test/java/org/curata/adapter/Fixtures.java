package org.curata.adapter;

import java.util.List;
import java.util.Map;
import org.curata.storage.CategoricalKey;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.Transaction;

/** Test data written through the storage API. */
final class Fixtures {
  private Fixtures() {
  }

  static final CategoricalKey YES_NO = new CategoricalKey(FieldKind.INT8,
      Map.of(0L, "", 1L, "no", 2L, "yes"));

  static final List<FieldSpec> ALL_TYPES = List.of(
      new FieldSpec("id", FieldType.of(FieldKind.INT32), false),
      FieldSpec.of("b", FieldType.of(FieldKind.BOOL)),
      FieldSpec.of("i8", FieldType.of(FieldKind.INT8)),
      FieldSpec.of("i16", FieldType.of(FieldKind.INT16)),
      FieldSpec.of("i64", FieldType.of(FieldKind.INT64)),
      FieldSpec.of("u8", FieldType.of(FieldKind.UINT8)),
      FieldSpec.of("u16", FieldType.of(FieldKind.UINT16)),
      FieldSpec.of("u32", FieldType.of(FieldKind.UINT32)),
      FieldSpec.of("f32", FieldType.of(FieldKind.FLOAT32)),
      FieldSpec.of("f64", FieldType.of(FieldKind.FLOAT64)),
      FieldSpec.of("cat", FieldType.categorical(YES_NO)),
      FieldSpec.of("fs", FieldType.fixedString(4)),
      FieldSpec.of("s", FieldType.of(FieldKind.STRING)),
      FieldSpec.of("ts", FieldType.of(FieldKind.TIMESTAMP)),
      FieldSpec.of("d", FieldType.of(FieldKind.DATE)));

  /**
   * Five rows of every type; row 3 is all NULL (but id); row 4 has categorical code 7, not in the
   * key. Timestamps carry microseconds; row 2 is before 1970.
   */
  static void writeAllTypes(Dataset ds) {
    try (Transaction tx = ds.beginWrite("all types")) {
      DataFrameAppender a = tx.createDataFrame("t", ALL_TYPES, List.of("id"), List.of("id"));
      Object[][] rows = {
          {1L, 1L, -5L, 300L, 5_000_000_000L, 255L, 65535L, 4294967295L, 1.5, 2.25, 2L, "ab", "héllo",
              1_600_000_000_123_456L, 18000L},
          {2L, 0L, 7L, -2L, -1L, 0L, 1L, 2L, -0.5, 1e10, 1L, "abcd", "", -1_500L, -3L},
          {3L, null, null, null, null, null, null, null, null, null, null, null, null, null, null},
          {4L, 1L, 127L, 0L, 0L, 3L, 4L, 5L, 3.0, -7.0, 7L, "x", "zz", 0L, 0L},
          {5L, 0L, -128L, 5L, 42L, 9L, 10L, 11L, 1.5, 30.5, 0L, "", "a'b", 999L, 1L},
      };
      for (Object[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          Object v = row[i];
          FieldSpec spec = ALL_TYPES.get(i);
          if (v == null) {
            a.field(i).appendNull();
          } else if (spec.type().kind().isFloating()) {
            a.field(i).appendDouble((Double) v);
          } else if (spec.type().kind().isString()) {
            a.field(i).appendString((String) v);
          } else {
            a.field(i).appendLong((Long) v);
          }
        }
      }
      tx.commit();
    }
  }
}
