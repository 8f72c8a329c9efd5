package org.curata.adapter.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.curata.storage.CategoricalKey;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;
import org.junit.jupiter.api.Test;

/**
 * Vectorised expressions against a naive row-by-row oracle written independently (boxed Java
 * values, SQL three-valued logic, java.time for dates), on seeded random rows with NULLs, zeros,
 * negative numbers and extremes, dense and behind a filter, with batch sizes 1, 3 and 4096.
 */
final class ExprTest {
  private static final long SEED = 7_310_2026L;
  private static final int ROWS = 2000;
  private static final CategoricalKey KEY = new CategoricalKey(FieldKind.INT8,
      Map.of(0L, "", 1L, "no", 2L, "yes", 3L, "\uE000"));

  private static final FieldType I32 = FieldType.of(FieldKind.INT32);
  private static final FieldType I64 = FieldType.of(FieldKind.INT64);
  private static final FieldType I16 = FieldType.of(FieldKind.INT16);
  private static final FieldType F32 = FieldType.of(FieldKind.FLOAT32);
  private static final FieldType F64 = FieldType.of(FieldKind.FLOAT64);
  private static final FieldType STR = FieldType.of(FieldKind.STRING);
  private static final FieldType BOOL = FieldType.of(FieldKind.BOOL);
  private static final FieldType TS = FieldType.of(FieldKind.TIMESTAMP);
  private static final FieldType DATE = FieldType.of(FieldKind.DATE);

  // columns: a b c x y s p q cat ts d id
  private static final List<FieldType> TYPES = List.of(I32, I32, I64, F64, F32, STR, BOOL, BOOL,
      FieldType.categorical(KEY), TS, DATE, I64);
  private static final String[] NAMES = {"a", "b", "c", "x", "y", "s", "p", "q", "cat", "ts", "d",
      "id"};
  private static final int A = 0;
  private static final int B = 1;
  private static final int C = 2;
  private static final int X = 3;
  private static final int Y = 4;
  private static final int S = 5;
  private static final int P = 6;
  private static final int Q = 7;
  private static final int CAT = 8;
  private static final int T = 9;
  private static final int D = 10;
  private static final int ID = 11;

  private static final String[] WORDS = {"", "a", "ab", "abc", "b", "\u00e9", "\uE000",
      "\uD83D\uDE00", "\uD83D\uDE00x", "a%", "xa", "zz", "m", "ba"};

  /** An expression and its oracle. */
  private record Case(String name, Expr expr, Function<Object[], Object> oracle) {
  }

  private static Expr ref(int i) {
    return Expr.ref(i, TYPES.get(i), NAMES[i]);
  }

  private static Expr lit(long v, FieldType t) {
    return Expr.constLong(t, v, Long.toString(v));
  }

  private static Expr str(String s) {
    return Expr.constBytes(STR, s.getBytes(StandardCharsets.UTF_8), "'" + s + "'");
  }

  private static Expr labels() {
    return Expr.labels(ref(CAT));
  }

  private static Expr ts() {
    return Expr.millis(ref(T));
  }

  private static Long l(Object[] r, int i) {
    return (Long) r[i];
  }

  private static int i(Object[] r, int i) {
    return (int) (long) l(r, i);
  }

  private static float f(Object[] r, int i) {
    return (float) (double) dbl(r, i);
  }

  private static Double dbl(Object[] r, int i) {
    return (Double) r[i];
  }

  private static String s(Object[] r, int i) {
    return r[i] == null ? null : new String((byte[]) r[i], StandardCharsets.UTF_8);
  }

  private static String label(Object[] r) {
    return r[CAT] == null ? null : KEY.labels().get(l(r, CAT));
  }

  private static Boolean bool(Object[] r, int i) {
    return r[i] == null ? null : l(r, i) != 0;
  }

  private static Object b(Boolean v) {
    return v == null ? null : v ? 1L : 0L;
  }

  private static Long ms(Object[] r) {
    return r[T] == null ? null : Math.floorDiv(l(r, T), 1000L);
  }

  private static LocalDateTime dt(long ms) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000L),
        (int) Math.floorMod(ms, 1000L) * 1_000_000, ZoneOffset.UTC);
  }

  private static long msOf(LocalDateTime t) {
    return t.toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private static Boolean and3(Boolean x, Boolean y) {
    if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y)) {
      return false;
    }
    return x == null || y == null ? null : true;
  }

  private static Boolean or3(Boolean x, Boolean y) {
    if (Boolean.TRUE.equals(x) || Boolean.TRUE.equals(y)) {
      return true;
    }
    return x == null || y == null ? null : false;
  }

  private static Boolean not3(Boolean x) {
    return x == null ? null : !x;
  }

  private static Boolean gt0(Long v) {
    return v == null ? null : v > 0;
  }

  private static List<Case> cases() {
    List<Case> cs = new ArrayList<>();
    cs.add(new Case("a + b", Expr.arith(ArithOp.PLUS, I32, ref(A), ref(B)),
        r -> r[A] == null || r[B] == null ? null : (long) (i(r, A) + i(r, B))));
    cs.add(new Case("a - b", Expr.arith(ArithOp.MINUS, I32, ref(A), ref(B)),
        r -> r[A] == null || r[B] == null ? null : (long) (i(r, A) - i(r, B))));
    cs.add(new Case("a * b", Expr.arith(ArithOp.TIMES, I32, ref(A), ref(B)),
        r -> r[A] == null || r[B] == null ? null : (long) (i(r, A) * i(r, B))));
    cs.add(new Case("c + a", Expr.arith(ArithOp.PLUS, I64, ref(C), ref(A)),
        r -> r[A] == null || r[C] == null ? null : l(r, C) + l(r, A)));
    cs.add(new Case("c * c", Expr.arith(ArithOp.TIMES, I64, ref(C), ref(C)),
        r -> r[C] == null ? null : l(r, C) * l(r, C)));
    cs.add(new Case("c - 7", Expr.arith(ArithOp.MINUS, I64, ref(C), lit(7, I64)),
        r -> r[C] == null ? null : l(r, C) - 7));
    cs.add(new Case("case b <> 0 then a / b",
        Expr.caseWhen(List.of(Expr.compare(CompareOp.NE, ref(B), lit(0, I32))),
            List.of(Expr.arith(ArithOp.DIVIDE, I32, ref(A), ref(B))), Expr.constNull(I32), I32),
        r -> r[B] == null || l(r, B) == 0 || r[A] == null ? null
            : (long) ((int) (long) l(r, A) / (int) (long) l(r, B))));
    cs.add(new Case("case b <> 0 then mod(c, b)",
        Expr.caseWhen(List.of(Expr.compare(CompareOp.NE, ref(B), lit(0, I32))),
            List.of(Expr.arith(ArithOp.MOD, I32, ref(C), ref(B))), lit(-1, I32), I32),
        r -> r[B] == null || l(r, B) == 0 ? (Object) (-1L) : r[C] == null ? null
            : (long) (int) (l(r, C) % l(r, B))));
    cs.add(new Case("case c <> 0 then a / c (bigint)",
        Expr.caseWhen(List.of(Expr.compare(CompareOp.NE, ref(C), lit(0, I64))),
            List.of(Expr.arith(ArithOp.DIVIDE, I64, ref(A), ref(C))), Expr.constNull(I64), I64),
        r -> r[C] == null || l(r, C) == 0 || r[A] == null ? null : l(r, A) / l(r, C)));
    cs.add(new Case("x + cast(y)", Expr.arith(ArithOp.PLUS, F64, ref(X), Expr.cast(ref(Y), F64,
        "y")), r -> r[X] == null || r[Y] == null ? null : dbl(r, X) + dbl(r, Y)));
    cs.add(new Case("y * y", Expr.arith(ArithOp.TIMES, F32, ref(Y), ref(Y)),
        r -> r[Y] == null ? null : (double) (f(r, Y) * f(r, Y))));
    cs.add(new Case("y / cast(a as real)", Expr.arith(ArithOp.DIVIDE, F32, ref(Y),
        Expr.cast(ref(A), F32, "a")), r -> r[Y] == null || r[A] == null ? null
            : (double) ((float) (double) dbl(r, Y) / (float) (long) l(r, A))));
    cs.add(new Case("x / cast(a as double)", Expr.arith(ArithOp.DIVIDE, F64, ref(X),
        Expr.cast(ref(A), F64, "a")), r -> r[X] == null || r[A] == null ? null
            : dbl(r, X) / (double) (long) l(r, A)));
    cs.add(new Case("x - 2.5", Expr.arith(ArithOp.MINUS, F64, ref(X),
        Expr.constDouble(F64, 2.5, "2.5")), r -> r[X] == null ? null : dbl(r, X) - 2.5));
    cs.add(new Case("-a", Expr.negate(ref(A)), r -> r[A] == null ? null
        : (long) -(int) (long) l(r, A)));
    cs.add(new Case("-c", Expr.negate(ref(C)), r -> r[C] == null ? null : -l(r, C)));
    cs.add(new Case("-x", Expr.negate(ref(X)), r -> r[X] == null ? null : -dbl(r, X)));
    cs.add(new Case("a < b", Expr.compare(CompareOp.LT, ref(A), ref(B)),
        r -> r[A] == null || r[B] == null ? null : b(l(r, A) < l(r, B))));
    cs.add(new Case("c = a", Expr.compare(CompareOp.EQ, ref(C), ref(A)),
        r -> r[A] == null || r[C] == null ? null : b(l(r, A).longValue() == l(r, C))));
    cs.add(new Case("x >= y", Expr.compare(CompareOp.GE, ref(X), Expr.cast(ref(Y), F64, "y")),
        r -> r[X] == null || r[Y] == null ? null : b(dbl(r, X) >= dbl(r, Y))));
    cs.add(new Case("x <> 0", Expr.compare(CompareOp.NE, ref(X), Expr.constDouble(F64, 0, "0")),
        r -> r[X] == null ? null : b(dbl(r, X) != 0)));
    cs.add(new Case("s < 'm'", Expr.compare(CompareOp.LT, ref(S), str("m")),
        r -> r[S] == null ? null : b(s(r, S).compareTo("m") < 0)));
    for (CompareOp op : CompareOp.values()) {
      cs.add(new Case("s " + op.sql() + " cat", Expr.compare(op, ref(S), labels()),
          r -> s(r, S) == null || label(r) == null ? null
              : b(op.test(Integer.signum(s(r, S).compareTo(label(r)))))));
    }
    cs.add(new Case("p = q", Expr.compare(CompareOp.EQ, ref(P), ref(Q)),
        r -> r[P] == null || r[Q] == null ? null : b(l(r, P).equals(l(r, Q)))));
    cs.add(new Case("ts <= 1970-01-01 00:00:00.999", Expr.compare(CompareOp.LE, ts(),
        lit(999_000, TS)), r -> r[T] == null ? null : b(ms(r) <= 999)));
    cs.add(new Case("d > 100", Expr.compare(CompareOp.GT, ref(D), lit(100, DATE)),
        r -> r[D] == null ? null : b(l(r, D) > 100)));
    cs.add(new Case("p and q and a > 0", Expr.and(List.of(ref(P), ref(Q),
        Expr.compare(CompareOp.GT, ref(A), lit(0, I32)))),
        r -> b(and3(and3(bool(r, P), bool(r, Q)), gt0(l(r, A))))));
    cs.add(new Case("p or not q", Expr.or(List.of(ref(P), Expr.not(ref(Q)))),
        r -> b(or3(bool(r, P), not3(bool(r, Q))))));
    cs.add(new Case("not p", Expr.not(ref(P)), r -> b(not3(bool(r, P)))));
    cs.add(new Case("(p or a > 0) and not (q and c > 0)", Expr.and(List.of(
        Expr.or(List.of(ref(P), Expr.compare(CompareOp.GT, ref(A), lit(0, I32)))),
        Expr.not(Expr.and(List.of(ref(Q), Expr.compare(CompareOp.GT, ref(C), lit(0, I64))))))),
        r -> b(and3(or3(bool(r, P), gt0(l(r, A))), not3(and3(bool(r, Q), gt0(l(r, C))))))));
    cs.add(new Case("s is null", Expr.truth(ref(S), false, false, true, "s is null"),
        r -> b(r[S] == null)));
    cs.add(new Case("a is not null", Expr.truth(ref(A), true, true, false, "a is not null"),
        r -> b(r[A] != null)));
    cs.add(new Case("cat is null", Expr.truth(labels(), false, false, true, "cat is null"),
        r -> b(label(r) == null)));
    cs.add(new Case("p is true", Expr.truth(ref(P), true, false, false, "p is true"),
        r -> b(Boolean.TRUE.equals(bool(r, P)))));
    cs.add(new Case("p is not true", Expr.truth(ref(P), false, true, true, "p is not true"),
        r -> b(!Boolean.TRUE.equals(bool(r, P)))));
    cs.add(new Case("p is false", Expr.truth(ref(P), false, true, false, "p is false"),
        r -> b(Boolean.FALSE.equals(bool(r, P)))));
    cs.add(new Case("p is not false", Expr.truth(ref(P), true, false, true, "p is not false"),
        r -> b(!Boolean.FALSE.equals(bool(r, P)))));
    cs.add(new Case("case p then s when a > 0 then cat else 'z'", Expr.caseWhen(
        List.of(ref(P), Expr.compare(CompareOp.GT, ref(A), lit(0, I32))),
        List.of(ref(S), labels()), str("z"), STR),
        r -> Boolean.TRUE.equals(bool(r, P)) ? s(r, S)
            : Boolean.TRUE.equals(gt0(l(r, A))) ? label(r) : "z"));
    cs.add(new Case("case q then x else cast(a as double)", Expr.caseWhen(List.of(ref(Q)),
        List.of(ref(X)), Expr.cast(ref(A), F64, "a"), F64),
        r -> Boolean.TRUE.equals(bool(r, Q)) ? r[X]
            : r[A] == null ? null : (Object) (double) (long) l(r, A)));
    cs.add(new Case("coalesce(c, a, -1)", Expr.caseWhen(
        List.of(Expr.truth(ref(C), true, true, false, "c is not null"),
            Expr.truth(ref(A), true, true, false, "a is not null")),
        List.of(ref(C), ref(A)), lit(-1, I64), I64),
        r -> r[C] != null ? r[C] : r[A] != null ? r[A] : (Object) (-1L)));
    cs.add(new Case("case ts", Expr.caseWhen(List.of(ref(P)), List.of(ts()),
        Expr.constNull(TS), TS), r -> Boolean.TRUE.equals(bool(r, P)) && r[T] != null
            ? (Object) (ms(r) * 1000) : null));
    cs.add(new Case("cast(a as bigint)", Expr.cast(ref(A), I64, "a"), r -> r[A]));
    cs.add(new Case("cast(y as integer)", Expr.cast(ref(Y), I32, "y"),
        r -> r[Y] == null ? null : (long) (int) (double) dbl(r, Y)));
    cs.add(new Case("cast(y as bigint)", Expr.cast(ref(Y), I64, "y"),
        r -> r[Y] == null ? null : Double.isNaN(dbl(r, Y)) ? "error"
            : (Object) (long) (double) dbl(r, Y)));
    cs.add(new Case("cast(a as real)", Expr.cast(ref(A), F32, "a"),
        r -> r[A] == null ? null : (double) (float) (long) l(r, A)));
    cs.add(new Case("cast(c as double)", Expr.cast(ref(C), F64, "c"),
        r -> r[C] == null ? null : (double) (long) l(r, C)));
    cs.add(new Case("cast(c as real)", Expr.cast(ref(C), F32, "c"),
        r -> r[C] == null ? null : (double) (float) (long) l(r, C)));
    cs.add(new Case("cast(x as real)", Expr.cast(ref(X), F32, "x"),
        r -> r[X] == null ? null : (double) (float) (double) dbl(r, X)));
    cs.add(new Case("cast(a as smallint)", Expr.cast(ref(A), I16, "a"),
        r -> r[A] == null ? null : l(r, A) < Short.MIN_VALUE || l(r, A) > Short.MAX_VALUE
            ? "error" : r[A]));
    cs.add(new Case("cast(c as integer)", Expr.cast(ref(C), I32, "c"),
        r -> r[C] == null ? null : l(r, C) < Integer.MIN_VALUE || l(r, C) > Integer.MAX_VALUE
            ? "error" : r[C]));
    cs.add(new Case("cast(x as integer)", Expr.cast(ref(X), I32, "x"), r -> {
      if (r[X] == null) {
        return null;
      }
      double v = dbl(r, X);
      if (Double.isNaN(v)) {
        return 0L;
      }
      double t = v < 0 ? Math.ceil(v) : Math.floor(v);
      return t < Integer.MIN_VALUE || t > Integer.MAX_VALUE ? "error" : (Object) (long) t;
    }));
    cs.add(new Case("cast(x as bigint)", Expr.cast(ref(X), I64, "x"), r -> {
      if (r[X] == null) {
        return null;
      }
      double v = dbl(r, X);
      if (Double.isNaN(v) || Double.isInfinite(v) || Math.abs(v) >= 0x1p63) {
        return "error";
      }
      return (long) v;
    }));
    cs.add(new Case("a / b", Expr.arith(ArithOp.DIVIDE, I32, ref(A), ref(B)),
        r -> r[A] == null || r[B] == null ? null : l(r, B) == 0 ? "error"
            : (Object) (long) ((int) (long) l(r, A) / (int) (long) l(r, B))));
    cs.add(new Case("mod(c, a)", Expr.arith(ArithOp.MOD, I32, ref(C), ref(A)),
        r -> r[A] == null || r[C] == null ? null : l(r, A) == 0 ? "error"
            : (Object) (long) (int) (l(r, C) % l(r, A))));
    cs.add(new Case("s like 'a%'", Expr.like(ref(S), LikeShape.PREFIX, bytes("a"), "a%"),
        r -> r[S] == null ? null : b(s(r, S).startsWith("a"))));
    cs.add(new Case("s like '%a'", Expr.like(ref(S), LikeShape.SUFFIX, bytes("a"), "%a"),
        r -> r[S] == null ? null : b(s(r, S).endsWith("a"))));
    cs.add(new Case("s like '%b%'", Expr.like(ref(S), LikeShape.CONTAINS, bytes("b"), "%b%"),
        r -> r[S] == null ? null : b(s(r, S).contains("b"))));
    cs.add(new Case("cat like 'ye%'", Expr.like(labels(), LikeShape.PREFIX, bytes("ye"), "ye%"),
        r -> label(r) == null ? null : b(label(r).startsWith("ye"))));
    cs.add(new Case("s like 'ab'", Expr.like(ref(S), LikeShape.EXACT, bytes("ab"), "ab"),
        r -> r[S] == null ? null : b(s(r, S).equals("ab"))));
    cs.add(new Case("char_length(s)", Expr.charLength(ref(S)),
        r -> r[S] == null ? null : (long) s(r, S).length()));
    cs.add(new Case("cat", labels(), r -> label(r)));
    cs.add(new Case("ts to millis", ts(), r -> r[T] == null ? null : ms(r) * 1000));
    cs.add(new Case("'literal'", str("lit"), r -> "lit"));
    cs.add(new Case("null", Expr.constNull(F64), r -> null));
    addTemporal(cs);
    return cs;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void addTemporal(List<Case> cs) {
    Map<TimeUnit, Function<LocalDateTime, Long>> fields = Map.of(
        TimeUnit.YEAR, t -> (long) t.getYear(),
        TimeUnit.QUARTER, t -> (long) t.get(IsoFields.QUARTER_OF_YEAR),
        TimeUnit.MONTH, t -> (long) t.getMonthValue(),
        TimeUnit.DAY, t -> (long) t.getDayOfMonth(),
        TimeUnit.DOW, t -> (long) (t.getDayOfWeek().getValue() % 7 + 1),
        TimeUnit.DOY, t -> (long) t.getDayOfYear(),
        TimeUnit.HOUR, t -> (long) t.getHour(),
        TimeUnit.MINUTE, t -> (long) t.getMinute(),
        TimeUnit.SECOND, t -> (long) t.getSecond());
    for (Map.Entry<TimeUnit, Function<LocalDateTime, Long>> e : fields.entrySet()) {
      TimeUnit u = e.getKey();
      Function<LocalDateTime, Long> f = e.getValue();
      cs.add(new Case("extract(" + u + " from ts)", Expr.extract(u, ts(), I64),
          r -> r[T] == null ? null : f.apply(dt(ms(r)))));
      if (u.dateUnit()) {
        cs.add(new Case("extract(" + u + " from d)", Expr.extract(u, ref(D), I64),
            r -> r[D] == null ? null : f.apply(LocalDate.ofEpochDay(l(r, D)).atStartOfDay())));
      }
    }
    Map<TimeUnit, Function<LocalDateTime, LocalDateTime>> floors = Map.of(
        TimeUnit.YEAR, t -> t.toLocalDate().withDayOfYear(1).atStartOfDay(),
        TimeUnit.QUARTER, t -> t.toLocalDate().withDayOfMonth(1)
            .withMonth((t.getMonthValue() - 1) / 3 * 3 + 1).atStartOfDay(),
        TimeUnit.MONTH, t -> t.toLocalDate().withDayOfMonth(1).atStartOfDay(),
        TimeUnit.DAY, t -> t.truncatedTo(ChronoUnit.DAYS),
        TimeUnit.HOUR, t -> t.truncatedTo(ChronoUnit.HOURS),
        TimeUnit.MINUTE, t -> t.truncatedTo(ChronoUnit.MINUTES),
        TimeUnit.SECOND, t -> t.truncatedTo(ChronoUnit.SECONDS));
    Map<TimeUnit, Function<LocalDateTime, LocalDateTime>> steps = Map.of(
        TimeUnit.YEAR, t -> t.plusYears(1), TimeUnit.QUARTER, t -> t.plusMonths(3),
        TimeUnit.MONTH, t -> t.plusMonths(1), TimeUnit.DAY, t -> t.plusDays(1),
        TimeUnit.HOUR, t -> t.plusHours(1), TimeUnit.MINUTE, t -> t.plusMinutes(1),
        TimeUnit.SECOND, t -> t.plusSeconds(1));
    for (Map.Entry<TimeUnit, Function<LocalDateTime, LocalDateTime>> e : floors.entrySet()) {
      TimeUnit u = e.getKey();
      Function<LocalDateTime, LocalDateTime> floor = e.getValue();
      Function<LocalDateTime, LocalDateTime> ceil = t -> {
        LocalDateTime f = floor.apply(t);
        return f.equals(t) ? f : steps.get(u).apply(f);
      };
      cs.add(new Case("floor(ts to " + u + ")", Expr.roundTime(false, u, ts()),
          r -> r[T] == null ? null : msOf(floor.apply(dt(ms(r)))) * 1000));
      cs.add(new Case("ceil(ts to " + u + ")", Expr.roundTime(true, u, ts()),
          r -> r[T] == null ? null : msOf(ceil.apply(dt(ms(r)))) * 1000));
      if (u.dateUnit()) {
        cs.add(new Case("floor(d to " + u + ")", Expr.roundTime(false, u, ref(D)),
            r -> r[D] == null ? null
                : floor.apply(LocalDate.ofEpochDay(l(r, D)).atStartOfDay()).toLocalDate()
                    .toEpochDay()));
        cs.add(new Case("ceil(d to " + u + ")", Expr.roundTime(true, u, ref(D)),
            r -> r[D] == null ? null
                : ceil.apply(LocalDate.ofEpochDay(l(r, D)).atStartOfDay()).toLocalDate()
                    .toEpochDay()));
      }
    }
  }

  private static List<Object[]> rows(Random r) {
    List<Object[]> out = new ArrayList<>();
    long[] ints = {0, 1, -1, 7, -7, Integer.MIN_VALUE, Integer.MAX_VALUE, 40_000, -40_000};
    long[] longs = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 3_000_000_000L, -5};
    double[] doubles = {0.0, -0.0, 1.5, -2.5, 1e300, -1e300, Double.NaN,
        Double.POSITIVE_INFINITY, 2147483647.9, -2147483648.9, 2147483648.0, 0x1p63, -0x1p63};
    double[] floats = {0.0, -0.0, 3.7, -3.5, Float.NaN, 1e7, -16777217};
    long[] micros = {0, -1500, 999, 1000, -1, 86_400_000_000L - 1, -86_400_000_000L};
    for (int i = 0; i < ROWS; i++) {
      Object[] row = new Object[TYPES.size()];
      row[A] = pick(r, r.nextBoolean() ? ints[r.nextInt(ints.length)] : r.nextInt(2001) - 1000L);
      row[B] = pick(r, r.nextBoolean() ? ints[r.nextInt(ints.length)] : r.nextInt(21) - 10L);
      row[C] = pick(r, r.nextBoolean() ? longs[r.nextInt(longs.length)]
          : r.nextLong() >> r.nextInt(60));
      row[X] = r.nextInt(7) == 0 ? null : r.nextBoolean() ? doubles[r.nextInt(doubles.length)]
          : (r.nextInt(2_000_001) - 1_000_000) / 8.0;
      row[Y] = r.nextInt(7) == 0 ? null : (double) (float) (r.nextBoolean()
          ? floats[r.nextInt(floats.length)] : (r.nextInt(200_001) - 100_000) / 16.0);
      row[S] = r.nextInt(7) == 0 ? null : bytes(r.nextInt(4) == 0 ? "q" + r.nextInt(30)
          : WORDS[r.nextInt(WORDS.length)]);
      row[P] = pick(r, r.nextInt(2));
      row[Q] = pick(r, r.nextInt(2));
      row[CAT] = pick(r, r.nextInt(5));
      row[T] = pick(r, r.nextBoolean() ? micros[r.nextInt(micros.length)]
          : (r.nextLong() % 4_000_000_000_000_000L));
      row[D] = pick(r, r.nextInt(40_001) - 20_000L);
      row[ID] = (long) i;
      out.add(row);
    }
    return out;
  }

  private static Object pick(Random r, long v) {
    return r.nextInt(7) == 0 ? null : (Object) v;
  }

  private static Object expected(Case c, Object[] row) {
    Object v = c.oracle().apply(row);
    return v instanceof byte[] bs ? new String(bs, StandardCharsets.UTF_8) : v;
  }

  @Test
  void everyExpressionMatchesTheOracle() {
    Random rnd = new Random(SEED);
    List<Object[]> rows = rows(rnd);
    Expr keep = Expr.truth(ref(P), true, false, false, "p is true");
    List<String> failures = new ArrayList<>();
    for (Case c : cases()) {
      for (int batch : new int[] {1, 3, 4096}) {
        for (boolean filtered : new boolean[] {false, true}) {
          List<Object> expected = new ArrayList<>();
          boolean error = false;
          for (Object[] row : rows) {
            if (filtered && !Boolean.TRUE.equals(bool(row, P))) {
              continue;
            }
            Object v = expected(c, row);
            error |= "error".equals(v);
            expected.add(v);
          }
          ExecNode in = new RowsNode(TYPES, rows);
          if (filtered) {
            in = new ExprFilterNode(in, keep);
          }
          ExecNode node = new ComputeNode(in, List.of(ref(ID), c.expr()));
          String what = c.name() + " (" + c.expr() + "), batch " + batch
              + (filtered ? ", filtered" : "") + ", seed " + SEED;
          try (ExecContext ctx = new ExecContext(batch, null)) {
            if (error) {
              ArithmeticException e = assertThrows(ArithmeticException.class,
                  () -> OperatorHarness.run(node, ctx), what);
              assertTrue(e.getMessage().contains(c.expr().toString()), e.getMessage());
              continue;
            }
            List<List<Object>> got = OperatorHarness.run(node, ctx);
            if (got.size() != expected.size()) {
              failures.add(what + ": " + got.size() + " rows, expected " + expected.size());
              continue;
            }
            for (int i = 0; i < got.size(); i++) {
              Object g = got.get(i).get(1);
              Object x = expected.get(i);
              if (!same(g, x)) {
                failures.add(what + ": row id " + got.get(i).get(0) + " got " + g + " expected "
                    + x);
                break;
              }
            }
          }
        }
      }
    }
    assertEquals(List.of(), failures);
  }

  private static boolean same(Object g, Object x) {
    if (g instanceof Double gd && x instanceof Double xd) {
      return Double.doubleToLongBits(gd) == Double.doubleToLongBits(xd);
    }
    return java.util.Objects.equals(g, x);
  }

  @Test
  void filterKeepsExactlyTheTrueRows() {
    Random rnd = new Random(SEED + 1);
    List<Object[]> rows = rows(rnd);
    List<String> failures = new ArrayList<>();
    for (Case c : cases()) {
      if (c.expr().type().kind() != FieldKind.BOOL) {
        continue;
      }
      List<Object> expected = new ArrayList<>();
      for (Object[] row : rows) {
        if (Long.valueOf(1).equals(c.oracle().apply(row))) {
          expected.add(row[ID]);
        }
      }
      for (int batch : new int[] {1, 3, 4096}) {
        ExecNode node = new ComputeNode(new ExprFilterNode(new RowsNode(TYPES, rows), c.expr()),
            List.of(ref(ID)));
        try (ExecContext ctx = new ExecContext(batch, null)) {
          List<Object> got = new ArrayList<>();
          for (List<Object> row : OperatorHarness.run(node, ctx)) {
            got.add(row.get(0));
          }
          if (!got.equals(expected)) {
            failures.add(c.name() + ", batch " + batch + ", seed " + (SEED + 1) + ": "
                + got.size() + " rows, expected " + expected.size());
          }
        }
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void emptyInputAndGuardedErrors() {
    Expr div = Expr.arith(ArithOp.DIVIDE, I32, ref(A), ref(B));
    try (ExecContext ctx = new ExecContext(3, null)) {
      assertEquals(List.of(), OperatorHarness.run(new ComputeNode(new RowsNode(TYPES, List.of()),
          List.of(div)), ctx));
    }
    // a zero divisor in a row the CASE does not take, or in a NULL row, raises nothing
    Object[] zero = new Object[TYPES.size()];
    zero[A] = 5L;
    zero[B] = 0L;
    zero[ID] = 0L;
    Object[] nullA = zero.clone();
    nullA[A] = null;
    Expr guarded = Expr.caseWhen(List.of(Expr.compare(CompareOp.EQ, ref(B), lit(0, I32))),
        List.of(lit(-1, I32)), div, I32);
    try (ExecContext ctx = new ExecContext(3, null)) {
      assertEquals(List.of(List.of(-1L)), OperatorHarness.run(new ComputeNode(
          new RowsNode(TYPES, List.<Object[]>of(zero)), List.of(guarded)), ctx));
    }
    try (ExecContext ctx = new ExecContext(3, null)) {
      assertEquals(List.of(java.util.Collections.singletonList(null)), OperatorHarness.run(
          new ComputeNode(new RowsNode(TYPES, List.<Object[]>of(nullA)), List.of(div)), ctx));
    }
    try (ExecContext ctx = new ExecContext(3, null)) {
      ArithmeticException e = assertThrows(ArithmeticException.class, () -> OperatorHarness.run(
          new ComputeNode(new RowsNode(TYPES, List.<Object[]>of(zero)), List.of(div)), ctx));
      assertTrue(e.getMessage().contains("by zero in (a / b)"), e.getMessage());
    }
  }

  @Test
  void stringOrderIsJavaStringOrder() {
    Random rnd = new Random(SEED + 2);
    String[] pool = {"", "a", "\u007f", "\u0080", "\u07ff", "\u0800", "\uD7FF", "\uE000",
        "\uFFFF", "\uD800\uDC00", "\uD83D\uDE00", "\uDBFF\uDFFF", "ab", "a\uE000",
        "a\uD83D\uDE00"};
    for (int i = 0; i < 5000; i++) {
      String x = pool[rnd.nextInt(pool.length)] + pool[rnd.nextInt(pool.length)];
      String y = pool[rnd.nextInt(pool.length)] + pool[rnd.nextInt(pool.length)];
      assertEquals(Integer.signum(x.compareTo(y)),
          Integer.signum(SortOrder.compareUtf8AsUtf16(bytes(x), bytes(y))),
          "[" + x + "] vs [" + y + "], seed " + (SEED + 2));
    }
  }
}
