package org.curata.adapter.rel;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.curata.adapter.exec.ArithOp;
import org.curata.adapter.exec.CompareOp;
import org.curata.adapter.exec.Expr;
import org.curata.adapter.exec.LikeShape;
import org.curata.adapter.exec.TimeUnit;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * Compiles Calcite row expressions over columns of known storage types into {@link Expr} trees
 * with the semantics of Calcite's generated code, or answers null when some part has no exact
 * native equivalent (the relational expression holding it then stays in Enumerable). Supported:
 * input references, literals, + - * / MOD and unary minus on INTEGER, BIGINT, REAL and DOUBLE
 * results, comparisons, AND/OR/NOT, IS [NOT] NULL/TRUE/FALSE, CASE (and COALESCE), numeric CAST,
 * simple LIKE patterns, CHAR_LENGTH, EXTRACT, FLOOR/CEIL of dates and timestamps and SEARCH.
 */
public final class ExprCompiler {
  private final RexBuilder rexBuilder;
  private final List<FieldType> inputTypes;
  private final List<String> inputNames;

  /**
   * Creates a compiler for expressions over an input.
   *
   * @param rexBuilder expands SEARCH
   * @param inputTypes the storage type of each input column
   * @param inputNames the name of each input column, for EXPLAIN
   */
  public ExprCompiler(RexBuilder rexBuilder, List<FieldType> inputTypes, List<String> inputNames) {
    this.rexBuilder = Objects.requireNonNull(rexBuilder, "rexBuilder");
    this.inputTypes = List.copyOf(inputTypes);
    this.inputNames = List.copyOf(inputNames);
  }

  /** The storage type of a computed value of a SQL type, or null when it has none. */
  public static FieldType fieldType(RelDataType type) {
    switch (type.getSqlTypeName()) {
      case BOOLEAN: return FieldType.of(FieldKind.BOOL);
      case TINYINT: return FieldType.of(FieldKind.INT8);
      case SMALLINT: return FieldType.of(FieldKind.INT16);
      case INTEGER: return FieldType.of(FieldKind.INT32);
      case BIGINT: return FieldType.of(FieldKind.INT64);
      case REAL: return FieldType.of(FieldKind.FLOAT32);
      case FLOAT:
      case DOUBLE: return FieldType.of(FieldKind.FLOAT64);
      case DATE: return FieldType.of(FieldKind.DATE);
      case TIMESTAMP:
        return type.getPrecision() <= 3 ? FieldType.of(FieldKind.TIMESTAMP) : null;
      case CHAR:
      case VARCHAR: return FieldType.of(FieldKind.STRING);
      default: return null;
    }
  }

  /**
   * A projected expression: a plain reference passes the column through unchanged (a categorical
   * stays codes, a timestamp keeps its microseconds); anything else is computed. Null when not
   * supported.
   */
  public Expr project(RexNode node) {
    if (node instanceof RexInputRef ref) {
      return Expr.ref(ref.getIndex(), inputTypes.get(ref.getIndex()), name(ref.getIndex()));
    }
    FieldType t = fieldType(node.getType());
    Expr e = value(node);
    if (t == null || e == null || !sameKind(t, e.type())) {
      return null;
    }
    return e;
  }

  /** A filter condition as a BOOL expression, or null when not supported. */
  public Expr condition(RexNode node) {
    Expr e = value(node);
    return e != null && e.type().kind() == FieldKind.BOOL ? e : null;
  }

  private String name(int i) {
    return i < inputNames.size() ? inputNames.get(i) : "$" + i;
  }

  private static boolean sameKind(FieldType a, FieldType b) {
    if (a.kind() == FieldKind.BOOL || b.kind() == FieldKind.BOOL) {
      return a.kind() == b.kind();
    }
    return org.curata.adapter.exec.ColumnVector.kindOf(a)
        == org.curata.adapter.exec.ColumnVector.kindOf(b);
  }

  /** A value as SQL sees it (categoricals as labels, timestamps to the millisecond). */
  private Expr value(RexNode node) {
    if (fieldType(node.getType()) == null) {
      return null;
    }
    switch (node.getKind()) {
      case INPUT_REF: {
        int i = ((RexInputRef) node).getIndex();
        if (i >= inputTypes.size()) {
          return null;
        }
        FieldType t = inputTypes.get(i);
        Expr ref = Expr.ref(i, t, name(i));
        if (t.kind() == FieldKind.CATEGORICAL) {
          return Expr.labels(ref);
        }
        if (t.kind() == FieldKind.TIMESTAMP) {
          return Expr.millis(ref);
        }
        return ref;
      }
      case LITERAL:
        return literal((RexLiteral) node, node.getType());
      case PLUS:
      case MINUS:
      case TIMES:
      case DIVIDE:
      case MOD:
        return arithmetic((RexCall) node);
      case MINUS_PREFIX: {
        FieldType t = fieldType(node.getType());
        if (!arithmeticType(t)) {
          return null;
        }
        Expr e = numeric(((RexCall) node).getOperands().get(0), t);
        return e == null ? null : Expr.negate(e);
      }
      case PLUS_PREFIX:
        return value(((RexCall) node).getOperands().get(0));
      case EQUALS:
      case NOT_EQUALS:
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
        return comparison((RexCall) node);
      case AND:
      case OR: {
        List<Expr> ops = new ArrayList<>();
        for (RexNode o : ((RexCall) node).getOperands()) {
          Expr e = value(o);
          if (e == null || e.type().kind() != FieldKind.BOOL) {
            return null;
          }
          ops.add(e);
        }
        return node.getKind() == SqlKind.AND ? Expr.and(ops) : Expr.or(ops);
      }
      case NOT: {
        Expr e = value(((RexCall) node).getOperands().get(0));
        return e == null || e.type().kind() != FieldKind.BOOL ? null : Expr.not(e);
      }
      case IS_NULL:
        return truth(node, false, false, true);
      case IS_NOT_NULL:
        return truth(node, true, true, false);
      case IS_TRUE:
        return truth(node, true, false, false);
      case IS_NOT_TRUE:
        return truth(node, false, true, true);
      case IS_FALSE:
        return truth(node, false, true, false);
      case IS_NOT_FALSE:
        return truth(node, true, false, true);
      case CASE:
        return caseWhen((RexCall) node);
      case COALESCE:
        return coalesce((RexCall) node);
      case CAST:
        return cast((RexCall) node);
      case SEARCH:
        return value(RexUtil.expandSearch(rexBuilder, null, node));
      case LIKE:
        return like((RexCall) node);
      case EXTRACT:
        return extract((RexCall) node);
      case FLOOR:
      case CEIL:
        return roundTime((RexCall) node);
      default:
        if (node instanceof RexCall call
            && (call.getOperator() == SqlStdOperatorTable.CHAR_LENGTH
            || call.getOperator() == SqlStdOperatorTable.CHARACTER_LENGTH)
            && fieldType(node.getType()).kind() == FieldKind.INT32) {
          Expr s = value(call.getOperands().get(0));
          return s == null || s.type().kind() != FieldKind.STRING ? null : Expr.charLength(s);
        }
        return null;
    }
  }

  private Expr literal(RexLiteral lit, RelDataType type) {
    FieldType t = fieldType(type);
    if (t == null) {
      return null;
    }
    if (lit.isNull()) {
      return Expr.constNull(t);
    }
    String sql = lit.toString();
    switch (type.getSqlTypeName()) {
      case BOOLEAN: {
        Boolean b = lit.getValueAs(Boolean.class);
        return b == null ? null : Expr.constLong(t, b ? 1 : 0, sql);
      }
      case TINYINT:
      case SMALLINT:
      case INTEGER:
      case BIGINT: {
        BigDecimal v = lit.getValueAs(BigDecimal.class);
        if (v == null || v.stripTrailingZeros().scale() > 0) {
          return null;
        }
        try {
          return Expr.constLong(t, v.longValueExact(), sql);
        } catch (ArithmeticException e) {
          return null;
        }
      }
      case REAL:
      case FLOAT:
      case DOUBLE: {
        Double d = lit.getValueAs(Double.class);
        if (d == null) {
          return null;
        }
        return Expr.constDouble(t, type.getSqlTypeName() == SqlTypeName.REAL
            ? (double) (float) (double) d : d, sql);
      }
      case DATE: {
        Integer days = lit.getValueAs(Integer.class);
        return days == null ? null : Expr.constLong(t, days, sql);
      }
      case TIMESTAMP: {
        Long ms = lit.getValueAs(Long.class);
        if (ms == null || Math.abs(ms) > Long.MAX_VALUE / 1000) {
          return null;
        }
        return Expr.constLong(t, ms * 1000L, sql);
      }
      case CHAR:
      case VARCHAR: {
        String s = lit.getValueAs(String.class);
        if (s == null) {
          return null;
        }
        if (type.getSqlTypeName() == SqlTypeName.CHAR) {
          s = pad(s, type.getPrecision());
        }
        return Expr.constBytes(t, s.getBytes(StandardCharsets.UTF_8), "'" + s.replace("'", "''")
            + "'");
      }
      default:
        return null;
    }
  }

  private static String pad(String s, int length) {
    if (length <= s.length()) {
      return s;
    }
    StringBuilder b = new StringBuilder(s);
    while (b.length() < length) {
      b.append(' ');
    }
    return b.toString();
  }

  private static boolean arithmeticType(FieldType t) {
    if (t == null) {
      return false;
    }
    FieldKind k = t.kind();
    return k == FieldKind.INT32 || k == FieldKind.INT64 || k == FieldKind.FLOAT32
        || k == FieldKind.FLOAT64;
  }

  private static boolean integral(SqlTypeName n) {
    return n == SqlTypeName.TINYINT || n == SqlTypeName.SMALLINT || n == SqlTypeName.INTEGER
        || n == SqlTypeName.BIGINT;
  }

  private static boolean floating(SqlTypeName n) {
    return n == SqlTypeName.REAL || n == SqlTypeName.FLOAT || n == SqlTypeName.DOUBLE;
  }

  /**
   * An operand of arithmetic or a comparison in the physical domain of {@code target}: integers
   * stay longs, and become floats (by Java's widening) when the target is REAL or DOUBLE; a
   * DECIMAL literal is accepted where it converts exactly.
   */
  private Expr numeric(RexNode node, FieldType target) {
    SqlTypeName n = node.getType().getSqlTypeName();
    boolean toFloat = target.kind().isFloating();
    if (node instanceof RexLiteral lit && !lit.isNull()
        && (n == SqlTypeName.DECIMAL || integral(n) || floating(n))) {
      BigDecimal v = lit.getValueAs(BigDecimal.class);
      if (v == null) {
        return null;
      }
      if (toFloat) {
        double d = target.kind() == FieldKind.FLOAT32 ? (float) v.doubleValue() : v.doubleValue();
        if (n == SqlTypeName.DECIMAL && new BigDecimal(d).compareTo(v) != 0) {
          return null;
        }
        return Expr.constDouble(target, d, lit.toString());
      }
      if (floating(n) || v.stripTrailingZeros().scale() > 0) {
        return null;
      }
      try {
        return Expr.constLong(FieldType.of(FieldKind.INT64), v.longValueExact(), lit.toString());
      } catch (ArithmeticException e) {
        return null;
      }
    }
    if (!(integral(n) || floating(n))) {
      return null;
    }
    Expr e = value(node);
    if (e == null) {
      return null;
    }
    if (floating(n)) {
      return toFloat ? e : null;
    }
    return toFloat ? Expr.cast(e, target, e.toString()) : e;
  }

  private Expr arithmetic(RexCall call) {
    FieldType t = fieldType(call.getType());
    if (!arithmeticType(t) || call.getOperands().size() != 2
        || (t.kind().isFloating() && call.getKind() == SqlKind.MOD)
        || (call.getKind() == SqlKind.DIVIDE && call.getOperator() != SqlStdOperatorTable.DIVIDE)) {
      return null;
    }
    Expr a = numeric(call.getOperands().get(0), t);
    Expr b = a == null ? null : numeric(call.getOperands().get(1), t);
    if (b == null) {
      return null;
    }
    ArithOp op;
    switch (call.getKind()) {
      case PLUS: op = ArithOp.PLUS; break;
      case MINUS: op = ArithOp.MINUS; break;
      case TIMES: op = ArithOp.TIMES; break;
      case DIVIDE: op = ArithOp.DIVIDE; break;
      default: op = ArithOp.MOD; break;
    }
    return Expr.arith(op, t, a, b);
  }

  private static CompareOp opOf(SqlKind kind) {
    switch (kind) {
      case EQUALS: return CompareOp.EQ;
      case NOT_EQUALS: return CompareOp.NE;
      case LESS_THAN: return CompareOp.LT;
      case LESS_THAN_OR_EQUAL: return CompareOp.LE;
      case GREATER_THAN: return CompareOp.GT;
      default: return CompareOp.GE;
    }
  }

  private Expr comparison(RexCall call) {
    RexNode l = call.getOperands().get(0);
    RexNode r = call.getOperands().get(1);
    CompareOp op = opOf(call.getKind());
    SqlTypeName a = l.getType().getSqlTypeName();
    SqlTypeName b = r.getType().getSqlTypeName();
    boolean numA = integral(a) || floating(a) || a == SqlTypeName.DECIMAL;
    boolean numB = integral(b) || floating(b) || b == SqlTypeName.DECIMAL;
    if (numA && numB) {
      FieldType domain;
      if (a == SqlTypeName.DOUBLE || a == SqlTypeName.FLOAT || b == SqlTypeName.DOUBLE
          || b == SqlTypeName.FLOAT) {
        domain = FieldType.of(FieldKind.FLOAT64);
      } else if (a == SqlTypeName.REAL || b == SqlTypeName.REAL) {
        // Java promotes an int or long compared with a float to float
        domain = FieldType.of(FieldKind.FLOAT32);
      } else {
        domain = FieldType.of(FieldKind.INT64);
      }
      Expr x = numeric(l, domain);
      Expr y = x == null ? null : numeric(r, domain);
      return y == null ? null : Expr.compare(op, x, y);
    }
    if (a != b && !(isString(a) && isString(b))) {
      return null;
    }
    if (a == SqlTypeName.CHAR && b == SqlTypeName.CHAR
        && l.getType().getPrecision() != r.getType().getPrecision()) {
      return null; // Calcite pads CHAR operands of different lengths before comparing
    }
    if (a == SqlTypeName.TIMESTAMP
        && (l.getType().getPrecision() > 3 || r.getType().getPrecision() > 3)) {
      return null;
    }
    if (a != SqlTypeName.BOOLEAN && a != SqlTypeName.DATE && a != SqlTypeName.TIMESTAMP
        && !isString(a)) {
      return null;
    }
    Expr x = value(l);
    Expr y = x == null ? null : value(r);
    if (y == null || org.curata.adapter.exec.ColumnVector.kindOf(x.type())
        != org.curata.adapter.exec.ColumnVector.kindOf(y.type())) {
      return null;
    }
    return Expr.compare(op, x, y);
  }

  private static boolean isString(SqlTypeName n) {
    return n == SqlTypeName.CHAR || n == SqlTypeName.VARCHAR;
  }

  private Expr truth(RexNode node, boolean onTrue, boolean onFalse, boolean onNull) {
    RexNode operand = ((RexCall) node).getOperands().get(0);
    Expr e = value(operand);
    if (e == null) {
      return null;
    }
    boolean isBool = e.type().kind() == FieldKind.BOOL;
    if (!isBool && onTrue != onFalse) {
      return null;
    }
    return Expr.truth(e, onTrue, onFalse, onNull, node.getKind() + "(" + e + ")");
  }

  /** A value converted to the result type of a CASE (widening numbers, padding CHAR literals). */
  private Expr branch(RexNode node, RelDataType resultType, FieldType result) {
    SqlTypeName target = resultType.getSqlTypeName();
    SqlTypeName source = node.getType().getSqlTypeName();
    if (node instanceof RexLiteral lit && lit.isNull()) {
      return Expr.constNull(result);
    }
    if (target == SqlTypeName.CHAR) {
      if (node instanceof RexLiteral lit && isString(source)) {
        String s = lit.getValueAs(String.class);
        if (s == null || s.length() > resultType.getPrecision()) {
          return null;
        }
        return literal(lit, resultType);
      }
      if (source != SqlTypeName.CHAR
          || node.getType().getPrecision() != resultType.getPrecision()) {
        return null;
      }
      return value(node);
    }
    if (isString(target)) {
      if (!isString(source) || (target == SqlTypeName.VARCHAR
          && resultType.getPrecision() != RelDataType.PRECISION_NOT_SPECIFIED
          && resultType.getPrecision() < node.getType().getPrecision())) {
        return null;
      }
      return value(node);
    }
    if (integral(target) || floating(target)) {
      if (integral(target) && !integral(source)) {
        return null;
      }
      return numeric(node, result);
    }
    if (source != target) {
      return null;
    }
    if (target == SqlTypeName.TIMESTAMP && node.getType().getPrecision() > 3) {
      return null;
    }
    return value(node);
  }

  private Expr caseWhen(RexCall call) {
    FieldType t = fieldType(call.getType());
    List<RexNode> ops = call.getOperands();
    if (t == null || ops.size() % 2 != 1) {
      return null;
    }
    List<Expr> conds = new ArrayList<>();
    List<Expr> vals = new ArrayList<>();
    for (int i = 0; i + 1 < ops.size(); i += 2) {
      Expr c = value(ops.get(i));
      Expr v = c == null ? null : branch(ops.get(i + 1), call.getType(), t);
      if (v == null || c.type().kind() != FieldKind.BOOL || !sameKind(t, v.type())) {
        return null;
      }
      conds.add(c);
      vals.add(v);
    }
    Expr otherwise = branch(ops.get(ops.size() - 1), call.getType(), t);
    if (otherwise == null || !sameKind(t, otherwise.type())) {
      return null;
    }
    return Expr.caseWhen(conds, vals, otherwise, t);
  }

  private Expr coalesce(RexCall call) {
    FieldType t = fieldType(call.getType());
    if (t == null) {
      return null;
    }
    List<Expr> conds = new ArrayList<>();
    List<Expr> vals = new ArrayList<>();
    List<RexNode> ops = call.getOperands();
    for (int i = 0; i + 1 < ops.size(); i++) {
      Expr v = branch(ops.get(i), call.getType(), t);
      if (v == null || !sameKind(t, v.type())) {
        return null;
      }
      conds.add(Expr.truth(v, true, true, false, "IS_NOT_NULL(" + v + ")"));
      vals.add(v);
    }
    Expr last = branch(ops.get(ops.size() - 1), call.getType(), t);
    if (last == null || !sameKind(t, last.type())) {
      return null;
    }
    return Expr.caseWhen(conds, vals, last, t);
  }

  private Expr cast(RexCall call) {
    RexNode operand = call.getOperands().get(0);
    RelDataType to = call.getType();
    RelDataType from = operand.getType();
    SqlTypeName target = to.getSqlTypeName();
    SqlTypeName source = from.getSqlTypeName();
    FieldType t = fieldType(to);
    if (t == null) {
      return null;
    }
    if (operand instanceof RexLiteral lit && lit.isNull()) {
      return Expr.constNull(t);
    }
    if ((integral(target) || floating(target)) && operand instanceof RexInputRef ref
        && ref.getIndex() < inputTypes.size()
        && inputTypes.get(ref.getIndex()).kind() == FieldKind.CATEGORICAL) {
      return labelCast(ref.getIndex(), t, target);
    }
    if ((integral(target) || floating(target)) && (integral(source) || floating(source))) {
      Expr e = value(operand);
      if (e == null) {
        return null;
      }
      if (source == target) {
        return e;
      }
      return Expr.cast(e, t, "CAST(" + e + " AS " + target + ")");
    }
    if (target == SqlTypeName.VARCHAR && isString(source)
        && to.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED) {
      return value(operand);
    }
    if (target == source && target != SqlTypeName.CHAR && target != SqlTypeName.VARCHAR
        && (target != SqlTypeName.TIMESTAMP || to.getPrecision() == from.getPrecision())) {
      return value(operand);
    }
    if (target == source && target == SqlTypeName.VARCHAR
        && to.getPrecision() >= from.getPrecision()
        && from.getPrecision() != RelDataType.PRECISION_NOT_SPECIFIED) {
      return value(operand);
    }
    return null;
  }

  /**
   * CAST of a categorical's labels to a number, parsed here once per label as Calcite 1.42's
   * runtime parses a string: {@code Integer.parseInt} of the trimmed label for INTEGER, Java's
   * {@code parseFloat}/{@code parseDouble} (which trim) for REAL and DOUBLE, and the untrimmed
   * {@code parseByte}/{@code parseShort}/{@code parseLong} for the others; a label with blanks
   * around it where trimming is not known leaves the CAST to Calcite.
   */
  private Expr labelCast(int column, FieldType t, SqlTypeName target) {
    FieldType type = inputTypes.get(column);
    Map<Long, Number> values = new HashMap<>();
    List<Long> failing = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    for (Map.Entry<Long, String> e : type.key().labels().entrySet()) {
      String label = e.getValue();
      boolean trims = target == SqlTypeName.INTEGER || floating(target);
      if (!trims && !label.equals(label.trim())) {
        return null;
      }
      Number v = parseLabel(label, target);
      if (v == null) {
        failing.add(e.getKey());
        bad.add("'" + label + "'");
      } else {
        values.put(e.getKey(), v);
      }
    }
    String name = name(column);
    String failure = "CAST(" + name + " AS " + target + ") fails: categorical field '" + name
        + "' has labels that are not " + target + " values: " + String.join(", ", bad)
        + "; compare the label as a string instead, or filter those rows out first";
    return Expr.labelValues(Expr.ref(column, type, name), t, values,
        failing.stream().mapToLong(Long::longValue).toArray(), failure,
        "CAST(" + name + " AS " + target + ")");
  }

  private static Number parseLabel(String label, SqlTypeName target) {
    try {
      switch (target) {
        case TINYINT: return (long) Byte.parseByte(label);
        case SMALLINT: return (long) Short.parseShort(label);
        case INTEGER: return (long) Integer.parseInt(label.trim());
        case BIGINT: return Long.parseLong(label);
        case REAL: return (double) Float.parseFloat(label);
        default: return Double.parseDouble(label);
      }
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private Expr like(RexCall call) {
    boolean negated;
    if (call.getOperator() == SqlStdOperatorTable.LIKE) {
      negated = false;
    } else if (call.getOperator() == SqlStdOperatorTable.NOT_LIKE) {
      negated = true;
    } else {
      return null;
    }
    if (call.getOperands().size() != 2
        || !(call.getOperands().get(1) instanceof RexLiteral lit) || lit.isNull()) {
      return null;
    }
    String p = lit.getValueAs(String.class);
    if (p == null || p.indexOf('_') >= 0 || p.indexOf('\\') >= 0) {
      return null;
    }
    if (lit.getType().getSqlTypeName() == SqlTypeName.CHAR) {
      p = pad(p, lit.getType().getPrecision());
    }
    LikeShape shape;
    String text;
    int first = p.indexOf('%');
    int last = p.lastIndexOf('%');
    if (first < 0) {
      shape = LikeShape.EXACT;
      text = p;
    } else if (p.length() >= 2 && first == 0 && last == p.length() - 1
        && p.indexOf('%', 1) == last) {
      shape = LikeShape.CONTAINS;
      text = p.substring(1, p.length() - 1);
    } else if (first == last && first == p.length() - 1) {
      shape = LikeShape.PREFIX;
      text = p.substring(0, first);
    } else if (first == last && first == 0) {
      shape = LikeShape.SUFFIX;
      text = p.substring(1);
    } else if (p.chars().allMatch(c -> c == '%')) {
      shape = LikeShape.PREFIX;
      text = "";
    } else {
      return null;
    }
    Expr s = value(call.getOperands().get(0));
    if (s == null || s.type().kind() != FieldKind.STRING) {
      return null;
    }
    Expr e = Expr.like(s, shape, text.getBytes(StandardCharsets.UTF_8),
        "LIKE(" + s + ", '" + p.replace("'", "''") + "')");
    return negated ? Expr.not(e) : e;
  }

  private static TimeUnit unit(RexNode flag) {
    if (!(flag instanceof RexLiteral lit)) {
      return null;
    }
    Object v = lit.getValue();
    if (!(v instanceof TimeUnitRange r)) {
      return null;
    }
    switch (r) {
      case YEAR: return TimeUnit.YEAR;
      case QUARTER: return TimeUnit.QUARTER;
      case MONTH: return TimeUnit.MONTH;
      case DAY: return TimeUnit.DAY;
      case DOW: return TimeUnit.DOW;
      case DOY: return TimeUnit.DOY;
      case HOUR: return TimeUnit.HOUR;
      case MINUTE: return TimeUnit.MINUTE;
      case SECOND: return TimeUnit.SECOND;
      default: return null;
    }
  }

  private Expr extract(RexCall call) {
    FieldType t = fieldType(call.getType());
    if (t == null || (t.kind() != FieldKind.INT32 && t.kind() != FieldKind.INT64)
        || call.getOperands().size() != 2) {
      return null;
    }
    TimeUnit u = unit(call.getOperands().get(0));
    RexNode x = call.getOperands().get(1);
    SqlTypeName src = x.getType().getSqlTypeName();
    if (u == null || !(src == SqlTypeName.DATE && u.dateUnit() || src == SqlTypeName.TIMESTAMP)) {
      return null;
    }
    Expr e = value(x);
    return e == null ? null : Expr.extract(u, e, t);
  }

  private Expr roundTime(RexCall call) {
    if (call.getOperands().size() != 2) {
      return null;
    }
    TimeUnit u = unit(call.getOperands().get(1));
    RexNode x = call.getOperands().get(0);
    SqlTypeName src = x.getType().getSqlTypeName();
    if (u == null || u == TimeUnit.DOW || u == TimeUnit.DOY
        || !(src == SqlTypeName.DATE && u.dateUnit() || src == SqlTypeName.TIMESTAMP)
        || call.getType().getSqlTypeName() != src) {
      return null;
    }
    Expr e = value(x);
    return e == null ? null : Expr.roundTime(call.getKind() == SqlKind.CEIL, u, e);
  }
}
