package org.curata.adapter.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.curata.storage.CategoricalKey;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;
import org.junit.jupiter.api.Test;

/**
 * {@link ResultRows}: the boxed rows and the primitive slots of each row agree with a naive
 * row-by-row oracle over the input, for every storage kind, NULLs, empty input, all-equal and
 * skewed values, batch boundaries (batch sizes 1, 3 and 4096) and one-column (scalar) results.
 */
final class ResultRowsTest {
  private static final CategoricalKey KEY = new CategoricalKey(FieldKind.INT16,
      Map.of(-2L, "minus two", 0L, "zero", 1L, "one", 7L, "seven"));
  private static final List<FieldType> TYPES = List.of(
      FieldType.of(FieldKind.BOOL), FieldType.of(FieldKind.INT8), FieldType.of(FieldKind.INT16),
      FieldType.of(FieldKind.UINT8), FieldType.of(FieldKind.INT32),
      FieldType.of(FieldKind.UINT16), FieldType.of(FieldKind.INT64),
      FieldType.of(FieldKind.UINT32), FieldType.of(FieldKind.FLOAT32),
      FieldType.of(FieldKind.FLOAT64), FieldType.of(FieldKind.STRING),
      FieldType.fixedString(4), FieldType.categorical(KEY), FieldType.of(FieldKind.DATE),
      FieldType.of(FieldKind.TIMESTAMP));

  @Test
  void slotsAndBoxedRowsMatchTheOracle() {
    for (long seed = 1; seed <= 3; seed++) {
      for (OperatorHarness.Shape shape : OperatorHarness.Shape.values()) {
        for (int rows : new int[] {0, 1, 5000}) {
          Random rnd = new Random(seed * 31 + rows);
          List<Object[]> input = OperatorHarness.randomRows(rnd, TYPES, rows, 0.2, shape);
          for (int batch : new int[] {1, 3, 4096}) {
            String where = "seed " + seed + ", " + shape + ", " + rows + " rows, batch " + batch;
            check(where, TYPES, input, batch);
          }
        }
      }
    }
  }

  @Test
  void oneColumnResultsAreScalars() {
    for (FieldType type : TYPES) {
      Random rnd = new Random(17);
      List<Object[]> input = OperatorHarness.randomRows(rnd, List.of(type), 10, 0.3,
          OperatorHarness.Shape.FEW_DISTINCT);
      for (int batch : new int[] {1, 3, 4096}) {
        check("seed 17, " + type + ", batch " + batch, List.of(type), input, batch);
      }
    }
  }

  private static void check(String where, List<FieldType> types, List<Object[]> input,
      int batch) {
    boolean scalar = types.size() == 1;
    CurataQuery query = new CurataQuery(new RowsNode(types, input),
        ExecOptions.defaults().withBatchSize(batch), scalar);
    List<Object> want = new ArrayList<>();
    for (Object[] row : input) {
      Object[] boxed = new Object[row.length];
      for (int c = 0; c < row.length; c++) {
        boxed[c] = oracle(types.get(c), row[c]);
      }
      want.add(scalar ? boxed[0] : boxed);
    }

    List<Object> boxed = new ArrayList<>();
    try (ResultRows it = rows(query)) {
      while (it.hasNext()) {
        boxed.add(it.next());
      }
      assertTrue(it.started() || input.isEmpty(), where);
    }
    assertEquals(want.size(), boxed.size(), where + ": boxed rows");
    for (int r = 0; r < want.size(); r++) {
      assertEquals(text(want.get(r)), text(boxed.get(r)), where + ": boxed row " + r);
    }

    try (ResultRows it = rows(query)) {
      assertFalse(it.started(), where);
      assertEquals(types.size(), it.columnCount(), where);
      int r = 0;
      while (it.hasNext()) {
        it.advance();
        Object[] raw = input.get(r);
        for (int c = 0; c < types.size(); c++) {
          String at = where + ": row " + r + " column " + c + " (" + types.get(c) + ")";
          Object expected = oracle(types.get(c), raw[c]);
          assertEquals(text(expected), text(it.value(c)), at);
          assertEquals(raw[c] == null, it.isNull(c), at + ": isNull");
          if (raw[c] == null) {
            continue;
          }
          FieldKind kind = types.get(c).kind();
          if (kind.isFloating()) {
            assertEquals((Double) raw[c], it.doubleValue(c), 0.0, at);
          } else if (kind.isString()) {
            assertEquals(expected, it.string(c), at);
          } else if (kind == FieldKind.CATEGORICAL) {
            assertEquals(expected, it.string(c), at);
            assertEquals((long) (Long) raw[c], it.longValue(c), at);
          } else {
            assertEquals((long) (Long) raw[c], it.longValue(c), at);
            if (kind == FieldKind.TIMESTAMP) {
              assertEquals(Math.floorDiv((Long) raw[c], 1000L), it.timestampMillis(c), at);
            }
          }
        }
        r++;
      }
      assertEquals(input.size(), r, where + ": direct rows");
    }
  }

  private static ResultRows rows(CurataQuery query) {
    Iterator<Object> it = query.enumerable(null).iterator();
    return (ResultRows) it;
  }

  /** What Enumerable expects for a physical value, written out kind by kind. */
  private static Object oracle(FieldType type, Object raw) {
    if (raw == null) {
      return null;
    }
    switch (type.kind()) {
      case BOOL: return ((Long) raw) != 0;
      case INT8: return (byte) (long) (Long) raw;
      case INT16:
      case UINT8: return (short) (long) (Long) raw;
      case INT32:
      case UINT16:
      case DATE: return (int) (long) (Long) raw;
      case INT64:
      case UINT32: return raw;
      case TIMESTAMP: return Math.floorDiv((Long) raw, 1000L);
      case FLOAT32: return (float) (double) (Double) raw;
      case FLOAT64: return raw;
      case CATEGORICAL: return type.key().labels().get((Long) raw);
      default: return new String((byte[]) raw, StandardCharsets.UTF_8);
    }
  }

  private static String text(Object v) {
    if (v instanceof Object[] a) {
      List<String> parts = new ArrayList<>();
      for (Object o : a) {
        parts.add(text(o));
      }
      return parts.toString();
    }
    return v == null ? "null" : v.getClass().getSimpleName() + ":" + v
        + (v instanceof Double d ? "/" + Double.doubleToRawLongBits(d) : "")
        + (v instanceof Float f ? "/" + Float.floatToRawIntBits(f) : "");
  }
}
