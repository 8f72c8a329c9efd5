package org.curata.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.curata.storage.CategoricalKey;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.Transaction;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random data and random predicates against a naive row-by-row oracle in SQL's three-valued
 * logic, with batch sizes 1, 3 and the default, on disk (NULL fractions below and above the
 * writer's density threshold) and with dense and sparse blocks forced, on disk and in the fake.
 * The seed is logged.
 */
final class PropertyTest {
  private static final CategoricalKey KEY = new CategoricalKey(FieldKind.INT8,
      Map.of(0L, "a", 1L, "b", 2L, "c"));
  private static final String[] LABELS = {"a", "b", "c", "zz"};
  private static final String[] OPS = {"=", "<>", "<", "<=", ">", ">="};

  @TempDir
  Path dir;

  /** One generated row; null fields are SQL NULLs; code 3 is outside the key (reads NULL). */
  private record Row(int id, Integer i, Double d, Long code, String s) {
    String label() {
      return code == null || code == 3 ? null : LABELS[code.intValue()];
    }
  }

  /** A predicate as SQL text and as an oracle in three-valued logic (null = UNKNOWN). */
  private record Pred(String sql, Function<Row, Boolean> eval) {
  }

  static Stream<Arguments> cases() {
    long base = System.nanoTime();
    List<Arguments> out = new ArrayList<>();
    int k = 0;
    for (Stores store : List.of(Stores.DISK, Stores.DISK_DENSE, Stores.DISK_SPARSE,
        Stores.FAKE_DENSE, Stores.FAKE_SPARSE)) {
      for (double nullFraction : new double[] {0.1, 0.8}) {
        for (int batch : new int[] {1, 3, CurataSchema.DEFAULT_BATCH_SIZE}) {
          out.add(Arguments.of(store, nullFraction, batch, base + k++));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} nulls={1} batch={2} seed={3}")
  @MethodSource("cases")
  void randomPredicatesMatchTheOracle(Stores store, double nullFraction, int batch, long seed)
      throws Exception {
    System.out.println("PropertyTest seed " + seed + " (" + store + ", nulls " + nullFraction
        + ", batch " + batch + ")");
    Random r = new Random(seed);
    int blockRows = new int[] {5, 16, 64}[r.nextInt(3)];
    Dataset ds = store.create(dir, blockRows);
    List<Row> rows = new ArrayList<>();
    int n = 150 + r.nextInt(100);
    for (int id = 0; id < n; id++) {
      rows.add(new Row(id,
          r.nextDouble() < nullFraction ? null : r.nextInt(41) - 20,
          r.nextDouble() < nullFraction ? null : (r.nextInt(81) - 40) / 4.0,
          r.nextDouble() < nullFraction ? null : (long) r.nextInt(4),
          r.nextDouble() < nullFraction ? null : Character.toString('a' + r.nextInt(6))
              + (r.nextBoolean() ? "" : "x")));
    }
    try (Transaction tx = ds.beginWrite("property data")) {
      DataFrameAppender a = tx.createDataFrame("p", List.of(
          new FieldSpec("id", FieldType.of(FieldKind.INT32), false),
          FieldSpec.of("i", FieldType.of(FieldKind.INT32)),
          FieldSpec.of("d", FieldType.of(FieldKind.FLOAT64)),
          FieldSpec.of("c", FieldType.categorical(KEY)),
          FieldSpec.of("s", FieldType.of(FieldKind.STRING))), List.of("id"), List.of("id"));
      for (Row row : rows) {
        a.field(0).appendLong(row.id());
        if (row.i() == null) {
          a.field(1).appendNull();
        } else {
          a.field(1).appendLong(row.i());
        }
        if (row.d() == null) {
          a.field(2).appendNull();
        } else {
          a.field(2).appendDouble(row.d());
        }
        if (row.code() == null) {
          a.field(3).appendNull();
        } else {
          a.field(3).appendLong(row.code());
        }
        if (row.s() == null) {
          a.field(4).appendNull();
        } else {
          a.field(4).appendString(row.s());
        }
      }
      tx.commit();
    }
    try (org.curata.storage.Snapshot snap = ds.snapshot()) {
      // the layout this run meant to exercise is really there
      boolean forcedDense = store == Stores.FAKE_DENSE || store == Stores.DISK_DENSE;
      boolean forcedSparse = store == Stores.FAKE_SPARSE || store == Stores.DISK_SPARSE;
      org.curata.storage.Encoding wanted = forcedDense ? org.curata.storage.Encoding.DENSE
          : forcedSparse || nullFraction > 0.5 ? org.curata.storage.Encoding.SPARSE
          : org.curata.storage.Encoding.DENSE;
      List<org.curata.storage.Field> fields = snap.dataFrame("p").orElseThrow().fields();
      for (int fi = 0; fi < fields.size(); fi++) {
        org.curata.storage.Field f = fields.get(fi);
        boolean seen = f.blocks().stream().anyMatch(b -> b.encoding() == wanted);
        boolean all = f.blocks().stream().allMatch(b -> b.encoding() == wanted);
        // field i shows the layout meant; a forced layout holds for every block of every field
        assertEquals(true, fi == 1 ? seen : !forcedDense && !forcedSparse || all,
            "field " + f.name() + " lacks " + wanted + " blocks; seed " + seed);
      }
    }
    try (Sql sql = new Sql(ds, batch)) {
      for (int q = 0; q < 40; q++) {
        Pred p = pred(r, 3);
        List<String> expected = new ArrayList<>();
        for (Row row : rows) {
          if (Boolean.TRUE.equals(p.eval().apply(row))) {
            expected.add(Integer.toString(row.id()));
          }
        }
        String where = " from p where " + p.sql();
        String context = "seed " + seed + ", query: select id" + where;
        assertEquals(expected, sql.rows("select id" + where + " order by id"), context);
        assertEquals(Integer.toString(expected.size()), sql.value("select count(*)" + where),
            context);
      }
    }
  }

  private static Pred pred(Random r, int depth) {
    int pick = r.nextInt(depth > 0 ? 10 : 6);
    switch (pick) {
      case 0: {
        String op = OPS[r.nextInt(6)];
        int k = r.nextInt(41) - 20;
        return new Pred("i " + op + " " + k, row -> row.i() == null ? null : cmp(op, Integer.compare(row.i(), k)));
      }
      case 1: {
        String op = OPS[r.nextInt(6)];
        double x = (r.nextInt(81) - 40) / 4.0;
        return new Pred("d " + op + " " + x, row -> row.d() == null ? null : cmp(op, Double.compare(row.d(), x)));
      }
      case 2: {
        String op = OPS[r.nextInt(6)];
        String label = LABELS[r.nextInt(4)];
        return new Pred("c " + op + " '" + label + "'",
            row -> row.label() == null ? null : cmp(op, row.label().compareTo(label)));
      }
      case 3: {
        String op = OPS[r.nextInt(6)];
        String v = Character.toString('a' + r.nextInt(6)) + (r.nextBoolean() ? "" : "x");
        return new Pred("s " + op + " '" + v + "'",
            row -> row.s() == null ? null : cmp(op, row.s().compareTo(v)));
      }
      case 4: {
        String col = new String[] {"i", "d", "c", "s"}[r.nextInt(4)];
        boolean not = r.nextBoolean();
        return new Pred(col + (not ? " is not null" : " is null"), row -> {
          Object v = col.equals("i") ? row.i() : col.equals("d") ? row.d()
              : col.equals("c") ? row.label() : row.s();
          return (v == null) != not;
        });
      }
      case 5: {
        if (r.nextBoolean()) {
          int lo = r.nextInt(41) - 20;
          int hi = lo + r.nextInt(15);
          return new Pred("i between " + lo + " and " + hi,
              row -> row.i() == null ? null : row.i() >= lo && row.i() <= hi);
        }
        String l1 = LABELS[r.nextInt(4)];
        String l2 = LABELS[r.nextInt(4)];
        return new Pred("c in ('" + l1 + "', '" + l2 + "')",
            row -> row.label() == null ? null : row.label().equals(l1) || row.label().equals(l2));
      }
      case 6:
      case 7: {
        Pred a = pred(r, depth - 1);
        Pred b = pred(r, depth - 1);
        return new Pred("(" + a.sql() + " and " + b.sql() + ")", row -> and(a.eval().apply(row),
            b.eval().apply(row)));
      }
      case 8: {
        Pred a = pred(r, depth - 1);
        Pred b = pred(r, depth - 1);
        return new Pred("(" + a.sql() + " or " + b.sql() + ")", row -> or(a.eval().apply(row),
            b.eval().apply(row)));
      }
      default: {
        Pred a = pred(r, depth - 1);
        return new Pred("not (" + a.sql() + ")", row -> {
          Boolean v = a.eval().apply(row);
          return v == null ? null : !v;
        });
      }
    }
  }

  private static boolean cmp(String op, int c) {
    switch (op) {
      case "=": return c == 0;
      case "<>": return c != 0;
      case "<": return c < 0;
      case "<=": return c <= 0;
      case ">": return c > 0;
      default: return c >= 0;
    }
  }

  private static Boolean and(Boolean a, Boolean b) {
    if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
      return false;
    }
    return a == null || b == null ? null : true;
  }

  private static Boolean or(Boolean a, Boolean b) {
    if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
      return true;
    }
    return a == null || b == null ? null : false;
  }
}
