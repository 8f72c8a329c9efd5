package org.curata.adapter.exec;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * An immutable scalar expression over the columns of a batch (a compiled Calcite {@code RexNode}).
 * It is evaluated node by node over whole vectors: each node runs one tight loop over the selected
 * positions of a batch into its own output vector, with NULLs, so there is one virtual call per
 * node and batch, not per row. Values use the physical representation of the node's storage type;
 * a TIMESTAMP inside an expression is always a whole number of milliseconds (in microseconds), so
 * comparisons agree with SQL's millisecond values.
 */
public abstract class Expr {
  private final FieldType type;
  private final String sql;

  Expr(FieldType type, String sql) {
    this.type = Objects.requireNonNull(type, "type");
    this.sql = Objects.requireNonNull(sql, "sql");
  }

  /** The storage type of the values this expression produces. */
  public final FieldType type() {
    return type;
  }

  /** How EXPLAIN shows the expression. */
  @Override
  public final String toString() {
    return sql;
  }

  /** Marks the input columns the expression reads. */
  abstract void columns(boolean[] used);

  /** A fresh evaluator for one running operator (it owns the output vectors). */
  abstract Eval bind();

  /** The input column when this expression is a plain reference, else -1. */
  public int inputIndex() {
    return -1;
  }

  /** Marks the input columns an expression reads. */
  public static void columns(Expr e, boolean[] used) {
    e.columns(used);
  }

  /** An expression of one operand: it reads the columns its operand reads. */
  abstract static class Unary extends Expr {
    final Expr operand;

    Unary(FieldType type, String sql, Expr operand) {
      super(type, sql);
      this.operand = operand;
    }

    @Override
    final void columns(boolean[] used) {
      operand.columns(used);
    }
  }

  /** The running form of an expression: one call per batch. */
  abstract static class Eval {
    private ColumnVector out;

    /**
     * Evaluates at positions {@code sel[0..n)} of the input vectors; the result holds values at
     * exactly those positions and is valid until the next call.
     */
    abstract ColumnVector eval(ColumnVector[] in, int[] sel, int n, int capacity);

    /** This node's output vector, with room for {@code capacity} positions. */
    final ColumnVector out(FieldType type, int capacity) {
      if (out == null || out.capacity() < capacity) {
        out = new ColumnVector(type, capacity);
      }
      return out;
    }
  }

  // ---- factories (the compiler in the rule package builds trees through these) ----

  /** A plain reference to input column {@code index} of storage type {@code type}. */
  public static Expr ref(int index, FieldType type, String name) {
    return new Ref(index, type, name);
  }

  /** A constant of an integral representation (BOOL 0/1, integers, DATE days, TIMESTAMP micros). */
  public static Expr constLong(FieldType type, long value, String sql) {
    return new Const(type, value, 0, null, false, sql);
  }

  /** A constant of a floating type. */
  public static Expr constDouble(FieldType type, double value, String sql) {
    return new Const(type, 0, value, null, false, sql);
  }

  /** A string constant (UTF-8). */
  public static Expr constBytes(FieldType type, byte[] value, String sql) {
    return new Const(type, 0, 0, value.clone(), false, sql);
  }

  /** A typed NULL. */
  public static Expr constNull(FieldType type) {
    return new Const(type, 0, 0, null, true, "null");
  }

  /** The labels of a categorical column's codes, as strings (a code outside the key is NULL). */
  public static Expr labels(Expr categorical) {
    if (categorical.type().kind() != FieldKind.CATEGORICAL) {
      throw new IllegalArgumentException("not a categorical expression: " + categorical);
    }
    return new Labels(categorical);
  }

  /**
   * A categorical's labels cast to numbers, resolved per code: {@code values} maps codes to their
   * label's value; a row with a code in {@code failing} raises {@code failure}.
   */
  public static Expr labelValues(Expr categorical, FieldType target,
      Map<Long, ? extends Number> values, long[] failing, String failure, String sql) {
    return new LabelValues(categorical, target, values, failing, failure, sql);
  }

  /** A timestamp's microseconds truncated to whole milliseconds (SQL's TIMESTAMP(3) value). */
  public static Expr millis(Expr timestamp) {
    return new Millis(timestamp);
  }

  /** An arithmetic operator; result type INT32, INT64, FLOAT32 or FLOAT64. */
  public static Expr arith(ArithOp op, FieldType type, Expr left, Expr right) {
    return new ArithExpr(op, type, left, right);
  }

  /** Unary minus of an INT32, INT64, FLOAT32 or FLOAT64 expression. */
  public static Expr negate(Expr operand) {
    return new ArithExpr.Negate(operand);
  }

  /** A comparison of two expressions of the same physical kind; result BOOL. */
  public static Expr compare(CompareOp op, Expr left, Expr right) {
    return new CompareExpr(op, left, right);
  }

  /** SQL AND of boolean expressions (three-valued, right operands evaluated only where needed). */
  public static Expr and(List<Expr> operands) {
    return new LogicExpr.AndOr(true, operands);
  }

  /** SQL OR of boolean expressions. */
  public static Expr or(List<Expr> operands) {
    return new LogicExpr.AndOr(false, operands);
  }

  /** SQL NOT (NULL stays NULL). */
  public static Expr not(Expr operand) {
    return new LogicExpr.Not(operand);
  }

  /**
   * A never-NULL boolean test of an operand: the result for a TRUE, a FALSE and a NULL operand
   * (IS NULL, IS NOT NULL, IS [NOT] TRUE, IS [NOT] FALSE). For a non-boolean operand every non-NULL
   * value counts as TRUE.
   */
  public static Expr truth(Expr operand, boolean onTrue, boolean onFalse, boolean onNull,
      String sql) {
    return new LogicExpr.Truth(operand, onTrue, onFalse, onNull, sql);
  }

  /** Searched CASE; every value (and the ELSE) has the result type. */
  public static Expr caseWhen(List<Expr> conditions, List<Expr> values, Expr otherwise,
      FieldType type) {
    return new CaseExpr(conditions, values, otherwise, type);
  }

  /** A numeric CAST with Calcite's runtime semantics (truncation, range errors). */
  public static Expr cast(Expr operand, FieldType target, String sql) {
    return new CastExpr(operand, target, sql);
  }

  /** A LIKE on a string with a pattern of one of the simple shapes. */
  public static Expr like(Expr operand, LikeShape shape, byte[] text, String sql) {
    return new StringExpr.Like(operand, shape, text, sql);
  }

  /** CHAR_LENGTH of a string in UTF-16 code units (Java's String.length, as Calcite). */
  public static Expr charLength(Expr operand) {
    return new StringExpr.CharLength(operand);
  }

  /** EXTRACT of a field of a DATE or TIMESTAMP; result in the given integer type. */
  public static Expr extract(TimeUnit unit, Expr operand, FieldType type) {
    return new TemporalExpr.Extract(unit, operand, type);
  }

  /** FLOOR or CEIL of a DATE or TIMESTAMP to a unit. */
  public static Expr roundTime(boolean ceil, TimeUnit unit, Expr operand) {
    return new TemporalExpr.Round(ceil, unit, operand);
  }

  // ---- shared loops ----

  /** Copies values and NULL flags at the given positions (same physical kind). */
  static void copyAt(ColumnVector dst, ColumnVector src, int[] sel, int n) {
    boolean[] dn = dst.nulls;
    boolean[] sn = src.nulls;
    switch (dst.kind) {
      case LONG: {
        long[] d = dst.longs;
        long[] s = src.longs;
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          d[p] = s[p];
          dn[p] = sn[p];
        }
        return;
      }
      case DOUBLE: {
        double[] d = dst.doubles;
        double[] s = src.doubles;
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          d[p] = s[p];
          dn[p] = sn[p];
        }
        return;
      }
      default: {
        byte[][] d = dst.bytes;
        byte[][] s = src.bytes;
        for (int i = 0; i < n; i++) {
          int p = sel[i];
          d[p] = s[p];
          dn[p] = sn[p];
        }
      }
    }
  }

  /** A reference to an input column: the input vector itself, nothing copied. */
  private static final class Ref extends Expr {
    private final int index;

    Ref(int index, FieldType type, String name) {
      super(type, name);
      this.index = index;
    }

    @Override
    public int inputIndex() {
      return index;
    }

    @Override
    void columns(boolean[] used) {
      used[index] = true;
    }

    @Override
    Eval bind() {
      return new Eval() {
        @Override
        ColumnVector eval(ColumnVector[] in, int[] sel, int n, int capacity) {
          return in[index];
        }
      };
    }
  }

  /** A constant, filled into a vector once per capacity. */
  private static final class Const extends Expr {
    private final long longValue;
    private final double doubleValue;
    private final byte[] bytesValue;
    private final boolean isNull;

    Const(FieldType type, long l, double d, byte[] b, boolean isNull, String sql) {
      super(type, sql);
      this.longValue = l;
      this.doubleValue = d;
      this.bytesValue = b;
      this.isNull = isNull;
    }

    @Override
    void columns(boolean[] used) {
    }

    @Override
    Eval bind() {
      return new Eval() {
        private ColumnVector filled;

        @Override
        ColumnVector eval(ColumnVector[] in, int[] sel, int n, int capacity) {
          ColumnVector v = out(type(), capacity);
          if (v != filled) {
            filled = v;
            java.util.Arrays.fill(v.nulls, isNull);
            if (!isNull) {
              switch (v.kind) {
                case LONG:
                  java.util.Arrays.fill(v.longs, longValue);
                  break;
                case DOUBLE:
                  java.util.Arrays.fill(v.doubles, doubleValue);
                  break;
                default:
                  java.util.Arrays.fill(v.bytes, bytesValue);
                  break;
              }
            }
          }
          return v;
        }
      };
    }
  }

  /** Categorical codes to label strings through a table built once. */
  private static final class Labels extends Unary {
    private final long base;
    private final byte[][] table;
    private final long[] codes;
    private final byte[][] sorted;

    Labels(Expr operand) {
      super(FieldType.of(FieldKind.STRING), operand.toString(), operand);
      Map<Long, String> labels = operand.type().key().labels();
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (long k : labels.keySet()) {
        min = Math.min(min, k);
        max = Math.max(max, k);
      }
      java.util.TreeMap<Long, String> ordered = new java.util.TreeMap<>(labels);
      if (!labels.isEmpty() && max - min < (1 << 16)) {
        base = min;
        table = new byte[(int) (max - min + 1)][];
        for (Map.Entry<Long, String> e : ordered.entrySet()) {
          table[(int) (e.getKey() - base)] =
              e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        codes = null;
        sorted = null;
      } else {
        base = 0;
        table = null;
        codes = new long[ordered.size()];
        sorted = new byte[ordered.size()][];
        int i = 0;
        for (Map.Entry<Long, String> e : ordered.entrySet()) {
          codes[i] = e.getKey();
          sorted[i++] = e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
      }
    }

    @Override
    Eval bind() {
      Eval child = operand.bind();
      return new Eval() {
        @Override
        ColumnVector eval(ColumnVector[] in, int[] sel, int n, int capacity) {
          ColumnVector src = child.eval(in, sel, n, capacity);
          ColumnVector v = out(type(), capacity);
          long[] x = src.longs;
          boolean[] sn = src.nulls;
          byte[][] o = v.bytes;
          boolean[] on = v.nulls;
          for (int i = 0; i < n; i++) {
            int p = sel[i];
            byte[] label = null;
            if (!sn[p]) {
              if (table != null) {
                long d = x[p] - base;
                label = d >= 0 && d < table.length ? table[(int) d] : null;
              } else {
                int k = java.util.Arrays.binarySearch(codes, x[p]);
                label = k >= 0 ? sorted[k] : null;
              }
            }
            o[p] = label;
            on[p] = label == null;
          }
          return v;
        }
      };
    }
  }

  /** Timestamp micros floored to whole milliseconds. */
  private static final class Millis extends Unary {

    Millis(Expr operand) {
      super(operand.type(), operand.toString(), operand);
    }

    @Override
    Eval bind() {
      Eval child = operand.bind();
      return new Eval() {
        @Override
        ColumnVector eval(ColumnVector[] in, int[] sel, int n, int capacity) {
          ColumnVector src = child.eval(in, sel, n, capacity);
          ColumnVector v = out(type(), capacity);
          long[] x = src.longs;
          long[] o = v.longs;
          boolean[] sn = src.nulls;
          boolean[] on = v.nulls;
          for (int i = 0; i < n; i++) {
            int p = sel[i];
            o[p] = Math.floorDiv(x[p], 1000L) * 1000L;
            on[p] = sn[p];
          }
          return v;
        }
      };
    }
  }
}
