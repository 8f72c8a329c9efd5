package org.curata.storage.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.curata.storage.BlockInfo;
import org.curata.storage.CategoricalKey;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.Encoding;
import org.curata.storage.EncodingPolicy;
import org.curata.storage.Field;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.OpenOptions;
import org.curata.storage.Snapshot;
import org.curata.storage.Transaction;
import org.curata.storage.io.FileIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The encoding policy of {@link OpenOptions} forces dense or sparse blocks without changing values. */
final class EncodingPolicyTest {
  private static final int BLOCK_ROWS = 16;
  private static final int ROWS = 100;

  @TempDir
  Path tmp;

  private static List<FieldSpec> fields() {
    CategoricalKey key = new CategoricalKey(FieldKind.UINT8, Map.of(0L, "", 1L, "a", 2L, "b"));
    return List.of(
        new FieldSpec("id", FieldType.of(FieldKind.INT32), false),
        FieldSpec.of("half", FieldType.of(FieldKind.FLOAT64)),
        FieldSpec.of("rare", FieldType.of(FieldKind.STRING)),
        FieldSpec.of("none", FieldType.of(FieldKind.INT16)),
        FieldSpec.of("cat", FieldType.categorical(key)),
        FieldSpec.of("fs", FieldType.fixedString(2)),
        FieldSpec.of("ts", FieldType.of(FieldKind.TIMESTAMP)));
  }

  /** Rows 0 .. ROWS - 1: full, half, a tenth and no values, in two commits (the second merges). */
  private Dataset write(String name, EncodingPolicy policy) {
    Dataset ds = Datasets.open(tmp.resolve(name), OpenOptions.defaults().withCreate(true)
        .withBlockRows(BLOCK_ROWS).withEncodingPolicy(policy));
    try (Transaction tx = ds.beginWrite("create")) {
      tx.createDataFrame("t", fields(), List.of(), List.of());
      tx.commit();
    }
    for (int[] range : new int[][] {{0, 41}, {41, ROWS}}) {
      try (Transaction tx = ds.beginWrite("rows")) {
        DataFrameAppender a = tx.append("t");
        for (int i = range[0]; i < range[1]; i++) {
          a.field(0).appendLong(i - 50);
          if (i % 2 == 0) {
            a.field(1).appendDouble(i * 1.5);
          } else {
            a.field(1).appendNull();
          }
          if (i % 10 == 3) {
            a.field(2).appendString("r" + i);
          } else {
            a.field(2).appendNull();
          }
          a.field(3).appendNull();
          if (i % 3 == 0) {
            a.field(4).appendNull();
          } else {
            a.field(4).appendString(i % 3 == 1 ? "a" : "b");
          }
          if (i % 4 == 0) {
            a.field(5).appendNull();
          } else {
            a.field(5).appendString(i % 4 == 1 ? "" : "x" + (i % 10));
          }
          a.field(6).appendLong(i * 1_000_000L);
        }
        tx.commit();
      }
    }
    return ds;
  }

  private static Set<Encoding> encodings(Field f) {
    Set<Encoding> seen = EnumSet.noneOf(Encoding.class);
    for (int i = 0; i < f.blocks().size(); i++) {
      BlockInfo info = f.blocks().get(i);
      assertEquals(info.encoding(), f.block(i).encoding(), "header matches manifest");
      seen.add(info.encoding());
    }
    return seen;
  }

  @ParameterizedTest
  @EnumSource(EncodingPolicy.class)
  void forcedEncodingsRoundTripTheSameValues(EncodingPolicy policy) {
    String expected;
    try (Dataset byDensity = write("auto", EncodingPolicy.BY_DENSITY)) {
      expected = TestSupport.dump(byDensity);
    }
    try (Dataset ds = write(policy.name(), policy); Snapshot s = ds.snapshot()) {
      assertEquals(expected, TestSupport.dump(s));
      for (Field f : s.dataFrame("t").orElseThrow().fields()) {
        assertEquals(7, f.blocks().size(), f.name());
        for (int i = 0; i < f.blocks().size(); i++) {
          TestSupport.checkAccessorsAgree(f.block(i));
        }
        Set<Encoding> seen = encodings(f);
        switch (policy) {
          case DENSE:
            assertEquals(EnumSet.of(Encoding.DENSE), seen, f.name());
            break;
          case SPARSE:
            assertEquals(EnumSet.of(Encoding.SPARSE), seen, f.name());
            break;
          default:
            Encoding want = f.name().equals("rare") || f.name().equals("none")
                ? Encoding.SPARSE : Encoding.DENSE;
            assertEquals(EnumSet.of(want), seen, f.name());
        }
      }
      assertTrue(ds.verify().ok(), ds.verify().problems().toString());
    }
  }

  @Test
  void defaultsAndOldConstructorChooseByDensity() {
    assertEquals(EncodingPolicy.BY_DENSITY, OpenOptions.defaults().encodingPolicy());
    OpenOptions old = new OpenOptions(true, false, 5, FileIO.system());
    assertEquals(EncodingPolicy.BY_DENSITY, old.encodingPolicy());
    OpenOptions sparse = old.withEncodingPolicy(EncodingPolicy.SPARSE);
    assertEquals(EncodingPolicy.SPARSE, sparse.withBlockRows(9).withCreate(false)
        .withReadOnly(true).withIo(FileIO.system()).encodingPolicy());
    assertEquals(new OpenOptions(true, false, 5, FileIO.system(), EncodingPolicy.SPARSE), sparse);
  }
}
