package org.curata.storage.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.curata.storage.Block;
import org.curata.storage.BlockInfo;
import org.curata.storage.CategoricalKey;
import org.curata.storage.CurataException;
import org.curata.storage.DataFrame;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.ErrorCode;
import org.curata.storage.Field;
import org.curata.storage.FieldAppender;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.OpenOptions;
import org.curata.storage.Snapshot;
import org.curata.storage.StringEncoding;
import org.curata.storage.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copying dataframes between datasets: every value and NULL, sort keys, replace, failures. */
final class DataFrameCopyTest {
  private static final long SEED = 20261121L;
  private static final int ROWS = 2_500;

  @TempDir
  Path dir;

  private static List<FieldSpec> specs() {
    CategoricalKey key = new CategoricalKey(FieldKind.INT8, Map.of(0L, "", 1L, "no", 2L, "yes"));
    List<FieldSpec> specs = new ArrayList<>();
    for (FieldKind k : new FieldKind[] {FieldKind.BOOL, FieldKind.INT8, FieldKind.INT16,
        FieldKind.INT32, FieldKind.INT64, FieldKind.UINT8, FieldKind.UINT16, FieldKind.UINT32,
        FieldKind.FLOAT32, FieldKind.FLOAT64, FieldKind.TIMESTAMP, FieldKind.DATE,
        FieldKind.STRING}) {
      specs.add(new FieldSpec(k.exeteraName(), FieldType.of(k), true));
    }
    specs.add(new FieldSpec("id", FieldType.of(FieldKind.INT64), false));
    specs.add(new FieldSpec("code", FieldType.fixedString(4), true));
    specs.add(new FieldSpec("answer", FieldType.categorical(key), true));
    specs.add(new FieldSpec("city", FieldType.of(FieldKind.STRING), true));
    return specs;
  }

  /** Writes {@code rows} seeded rows, about one in five values NULL, ids ascending. */
  private static void fill(DataFrameAppender out, int rows, Random rnd) {
    List<FieldSpec> specs = out.fields();
    String[] cities = {"Leeds", "York", "Zürich", "Córdoba", ""};
    for (int r = 0; r < rows; r++) {
      for (int f = 0; f < specs.size(); f++) {
        FieldSpec s = specs.get(f);
        FieldAppender a = out.field(f);
        if (s.nullable() && rnd.nextInt(5) == 0) {
          a.appendNull();
          continue;
        }
        switch (s.name()) {
          case "id" -> a.appendLong(r);
          case "code" -> a.appendString(Integer.toString(rnd.nextInt(10_000)));
          case "answer" -> a.appendLong(rnd.nextInt(3));
          case "city" -> a.appendString(cities[rnd.nextInt(cities.length)]);
          default -> {
            FieldKind k = s.type().kind();
            switch (k) {
              case BOOL -> a.appendLong(rnd.nextInt(2));
              case INT8 -> a.appendLong(rnd.nextInt(256) - 128);
              case INT16 -> a.appendLong(rnd.nextInt(65_536) - 32_768);
              case INT32 -> a.appendLong(rnd.nextInt());
              case INT64, TIMESTAMP -> a.appendLong(rnd.nextLong() >> 8);
              case UINT8 -> a.appendLong(rnd.nextInt(256));
              case UINT16 -> a.appendLong(rnd.nextInt(65_536));
              case UINT32 -> a.appendLong(rnd.nextLong() & 0xFFFF_FFFFL);
              case FLOAT32 -> a.appendDouble((float) rnd.nextGaussian());
              case FLOAT64 -> a.appendDouble(rnd.nextGaussian() * 1e6);
              case DATE -> a.appendLong(rnd.nextInt(40_000) - 10_000);
              case STRING -> a.appendString("s" + rnd.nextInt() + "\u00e9\n,\"");
              default -> throw new AssertionError(k);
            }
          }
        }
      }
    }
  }

  private Dataset open(String name, StringEncoding strings) {
    return Datasets.open(dir.resolve(name), OpenOptions.defaults().withCreate(true)
        .withBlockRows(1000).withStringEncoding(strings));
  }

  private Dataset source() {
    return source("src");
  }

  private Dataset source(String name) {
    Dataset src = open(name, StringEncoding.AUTO);
    Random rnd = new Random(SEED);
    try (Transaction tx = src.beginWrite("source")) {
      fill(tx.createDataFrame("visits", specs(), List.of("id"), List.of("id")), ROWS, rnd);
      fill(tx.createDataFrame("people", specs(), List.of(), List.of()), 7, rnd);
      fill(tx.createDataFrame("empty", specs(), List.of(), List.of()), 0, rnd);
      tx.commit();
    }
    return src;
  }

  /** Every value of every field equal, row by row, and the declared keys kept. */
  private static void assertSameFrame(DataFrame a, DataFrame b) {
    assertEquals(a.rowCount(), b.rowCount(), a.name());
    assertEquals(a.sortKeys(), b.sortKeys(), a.name());
    assertEquals(a.primaryKeys(), b.primaryKeys(), a.name());
    assertEquals(a.fields().size(), b.fields().size(), a.name());
    for (int f = 0; f < a.fields().size(); f++) {
      Field fa = a.fields().get(f);
      Field fb = b.fields().get(f);
      assertEquals(fa.spec(), fb.spec());
      assertEquals(fa.nullCount(), fb.nullCount(), fa.name());
      List<Object> va = values(fa);
      List<Object> vb = values(fb);
      assertEquals(va.size(), vb.size(), fa.name());
      for (int r = 0; r < va.size(); r++) {
        Object x = va.get(r);
        Object y = vb.get(r);
        if (x instanceof byte[] bx) {
          assertArrayEquals(bx, (byte[]) y, a.name() + "." + fa.name() + " row " + r);
        } else {
          assertEquals(x, y, a.name() + "." + fa.name() + " row " + r);
        }
      }
    }
  }

  private static List<Object> values(Field f) {
    List<Object> out = new ArrayList<>();
    for (BlockInfo info : f.blocks()) {
      Block b = f.block(info.index());
      for (int r = 0; r < b.rowCount(); r++) {
        if (b.isNull(r)) {
          out.add(null);
        } else if (f.type().kind().isString()) {
          out.add(b.getBytes(r).clone());
        } else if (f.type().kind().isFloating()) {
          out.add(b.getDouble(r));
        } else {
          out.add(b.getLong(r));
        }
      }
    }
    return out;
  }

  @Test
  void copiesEveryValueOfEveryDataFrame() {
    for (StringEncoding target : StringEncoding.values()) {
      try (Dataset src = source("src-" + target); Snapshot s = src.snapshot();
           Dataset dst = open("dst-" + target, target)) {
        List<DataFrameCopy.Progress> seen = new ArrayList<>();
        DataFrameCopy.Result result = DataFrameCopy.run(s, dst,
            DataFrameCopy.Options.defaults().withListener(seen::add));
        assertEquals(ROWS + 7, result.rows());
        assertEquals(List.of("empty", "people", "visits"),
            result.dataFrames().stream().map(DataFrameCopy.Copied::dataFrame).toList());
        try (Snapshot t = dst.snapshot()) {
          assertEquals(result.version().id(), t.version().id());
          assertEquals("copy empty, people, visits", t.version().message());
          for (DataFrame df : s.dataFrames()) {
            assertSameFrame(df, t.dataFrame(df.name()).orElseThrow());
          }
        }
        long total = (ROWS + 7L) * specs().size();
        long last = -1;
        for (DataFrameCopy.Progress p : seen) {
          assertTrue(p.valuesCopied() >= last, "progress never goes back: " + seen);
          assertEquals(total, p.totalValues());
          last = p.valuesCopied();
        }
        assertEquals(total, last, "the last report is complete");
      }
    }
  }

  @Test
  void copiesTheNamedDataFramesOnly() {
    try (Dataset src = source(); Snapshot s = src.snapshot();
         Dataset dst = open("dst", StringEncoding.AUTO)) {
      DataFrameCopy.run(s, dst, DataFrameCopy.Options.defaults()
          .withDataFrames(List.of("people", "people")).withMessage("just people"));
      try (Snapshot t = dst.snapshot()) {
        assertEquals(List.of("people"),
            t.dataFrames().stream().map(DataFrame::name).toList());
        assertEquals("just people", t.version().message());
        assertSameFrame(s.dataFrame("people").orElseThrow(), t.dataFrame("people").orElseThrow());
      }
      CurataException e = assertThrows(CurataException.class, () -> DataFrameCopy.run(s, dst,
          DataFrameCopy.Options.defaults().withDataFrames(List.of("visits", "nope"))));
      assertEquals(ErrorCode.NOT_FOUND, e.code());
      assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("visits"),
          e.getMessage());
    }
  }

  @Test
  void anExistingDataFrameFailsTheWholeCopyUnlessReplaced() {
    try (Dataset src = source(); Snapshot s = src.snapshot();
         Dataset dst = open("dst", StringEncoding.AUTO)) {
      DataFrameCopy.run(s, dst, DataFrameCopy.Options.defaults()
          .withDataFrames(List.of("people")));
      long before;
      try (Snapshot t = dst.snapshot()) {
        before = t.version().id();
      }
      CurataException e = assertThrows(CurataException.class, () -> DataFrameCopy.run(s, dst,
          DataFrameCopy.Options.defaults().withDataFrames(List.of("visits", "people"))));
      assertEquals(ErrorCode.ALREADY_EXISTS, e.code());
      assertTrue(e.getMessage().contains("'people'"), e.getMessage());
      try (Snapshot t = dst.snapshot()) {
        assertEquals(before, t.version().id(), "a failed copy commits nothing");
        assertFalse(t.dataFrame("visits").isPresent());
      }
      DataFrameCopy.run(s, dst, DataFrameCopy.Options.defaults()
          .withDataFrames(List.of("visits", "people")).withReplaceExisting(true));
      try (Snapshot t = dst.snapshot()) {
        assertSameFrame(s.dataFrame("visits").orElseThrow(), t.dataFrame("visits").orElseThrow());
        assertSameFrame(s.dataFrame("people").orElseThrow(), t.dataFrame("people").orElseThrow());
      }
    }
  }

  @Test
  void copiesStringsByteForByte() {
    try (Dataset src = open("src", StringEncoding.DICTIONARY)) {
      List<FieldSpec> one = List.of(new FieldSpec("s", FieldType.of(FieldKind.STRING), true));
      byte[] raw = "a\u0000b\u00ff".getBytes(StandardCharsets.UTF_8);
      try (Transaction tx = src.beginWrite("strings")) {
        DataFrameAppender a = tx.createDataFrame("t", one, List.of(), List.of());
        for (int i = 0; i < 3000; i++) {
          a.field(0).appendBytes(raw, 0, raw.length);
          a.field(0).appendString(i % 2 == 0 ? "" : "x" + (i % 7));
        }
        tx.commit();
      }
      try (Snapshot s = src.snapshot(); Dataset dst = open("dst", StringEncoding.PLAIN)) {
        DataFrameCopy.run(s, dst, DataFrameCopy.Options.defaults());
        try (Snapshot t = dst.snapshot()) {
          assertSameFrame(s.dataFrame("t").orElseThrow(), t.dataFrame("t").orElseThrow());
        }
      }
    }
  }
}
