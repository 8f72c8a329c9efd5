package org.curata.adapter.exec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * Test support for operator tests: runs an execution plan to a list of rows (values in their
 * physical representation: Long, Double, String for strings, null), and makes seeded random
 * inputs with NULLs, empty inputs, all-equal keys and skew.
 */
final class OperatorHarness {
  private OperatorHarness() {
  }

  /** Runs {@code node} with every column needed and returns its rows. */
  static List<List<Object>> run(ExecNode node, ExecContext ctx) {
    boolean[] needed = new boolean[node.columnTypes().size()];
    Arrays.fill(needed, true);
    List<List<Object>> out = new ArrayList<>();
    try (Operator op = node.open(ctx, needed)) {
      Batch b;
      while ((b = op.next()) != null) {
        if (b.selected < 1) {
          throw new AssertionError("operator returned an empty batch");
        }
        for (int i = 0; i < b.selected; i++) {
          int p = b.selection[i];
          List<Object> row = new ArrayList<>();
          for (ColumnVector v : b.columns) {
            row.add(value(v, p));
          }
          out.add(row);
        }
      }
    }
    return out;
  }

  /** The value at a position in its physical representation; strings decoded. */
  static Object value(ColumnVector v, int p) {
    if (v.nulls[p]) {
      return null;
    }
    switch (v.kind) {
      case LONG:
        return v.longs[p];
      case DOUBLE:
        return v.doubles[p];
      default:
        return new String(v.bytes[p], StandardCharsets.UTF_8);
    }
  }

  /** The shape of a random column. */
  enum Shape { UNIFORM, FEW_DISTINCT, ALL_EQUAL, SKEWED }

  /**
   * Random rows for the given types: NULLs with probability {@code nullRate}, values drawn by
   * {@code shape}. Strings are physical byte[] (as {@link RowsNode} wants).
   */
  static List<Object[]> randomRows(Random rnd, List<FieldType> types, int rows, double nullRate,
      Shape shape) {
    List<Object[]> out = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      Object[] row = new Object[types.size()];
      for (int c = 0; c < row.length; c++) {
        if (rnd.nextDouble() < nullRate) {
          continue;
        }
        long k = draw(rnd, shape);
        FieldKind kind = types.get(c).kind();
        if (kind.isFloating()) {
          row[c] = k == 3 && rnd.nextInt(50) == 0 ? -0.0 : k / 4.0;
        } else if (kind.isString()) {
          row[c] = ("s" + k).getBytes(StandardCharsets.UTF_8);
        } else if (kind == FieldKind.BOOL) {
          row[c] = k & 1;
        } else {
          row[c] = k;
        }
      }
      out.add(row);
    }
    return out;
  }

  private static long draw(Random rnd, Shape shape) {
    switch (shape) {
      case ALL_EQUAL:
        return 7;
      case FEW_DISTINCT:
        return rnd.nextInt(5) - 2;
      case SKEWED:
        return rnd.nextInt(10) < 8 ? 1 : rnd.nextInt(1000) - 500;
      default:
        return rnd.nextInt(2_000_000) - 1_000_000;
    }
  }

  /** A test type. */
  static FieldType type(FieldKind kind) {
    return FieldType.of(kind);
  }
}
