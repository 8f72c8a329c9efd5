package org.curata.adapter.rule;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.curata.adapter.CurataTypes;
import org.curata.adapter.exec.CompareOp;
import org.curata.adapter.exec.Literal;
import org.curata.adapter.exec.Predicate;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * Translates a Calcite condition into typed {@link Predicate}s: comparisons of a column with a
 * literal, IN (as OR of equalities or SEARCH), BETWEEN, IS [NOT] NULL, AND, OR and NOT (pushed to
 * the leaves). Each top-level conjunct that does not translate exactly is left as a remainder.
 * Literals are converted to the column's physical representation with the semantics Calcite's
 * runtime would give the same comparison (timestamps truncated to milliseconds, labels of
 * categoricals resolved to codes, integers against fractional literals rounded the right way).
 */
final class PredicateTranslator {
  /**
   * A column the condition may reference.
   *
   * @param id the column number used in the produced predicate
   * @param name the column's name, for EXPLAIN
   * @param type the column's storage type
   */
  record Column(int id, String name, FieldType type) {
    Column {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  /**
   * The result of splitting a condition.
   *
   * @param pushed the conjunction of the translated conjuncts (TRUE when none)
   * @param remainder the conjuncts left to Calcite
   */
  record Split(Predicate pushed, List<RexNode> remainder) {
  }

  private final RexBuilder rexBuilder;
  private final List<Column> columns;

  PredicateTranslator(RexBuilder rexBuilder, List<Column> columns) {
    this.rexBuilder = Objects.requireNonNull(rexBuilder, "rexBuilder");
    this.columns = List.copyOf(columns);
  }

  /** Splits a condition into what can be pushed and what remains. */
  Split split(RexNode condition) {
    RexNode expanded = RexUtil.expandSearch(rexBuilder, null, condition);
    List<Predicate> pushed = new ArrayList<>();
    List<RexNode> remainder = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(expanded)) {
      Predicate p = translate(conjunct, false);
      if (p == null) {
        remainder.add(conjunct);
      } else {
        pushed.add(p);
      }
    }
    return new Split(Predicate.and(pushed), remainder);
  }

  /** The whole condition as a predicate, or null when some part of it does not translate. */
  Predicate translateAll(RexNode condition) {
    Split s = split(condition);
    return s.remainder().isEmpty() ? s.pushed() : null;
  }

  private Predicate translate(RexNode node, boolean negated) {
    switch (node.getKind()) {
      case AND:
      case OR: {
        boolean conjunction = (node.getKind() == SqlKind.AND) != negated;
        List<Predicate> terms = new ArrayList<>();
        for (RexNode operand : ((RexCall) node).getOperands()) {
          Predicate t = translate(operand, negated);
          if (t == null) {
            return null;
          }
          terms.add(t);
        }
        return conjunction ? Predicate.and(terms) : mergeOr(terms);
      }
      case NOT:
        return translate(((RexCall) node).getOperands().get(0), !negated);
      case SEARCH:
        return translate(RexUtil.expandSearch(rexBuilder, null, node), negated);
      case IS_NULL:
      case IS_NOT_NULL: {
        Column c = column(((RexCall) node).getOperands().get(0));
        if (c == null) {
          return null;
        }
        boolean wantNull = (node.getKind() == SqlKind.IS_NULL) != negated;
        if (c.type().kind() == FieldKind.CATEGORICAL) {
          return new Predicate.Codes(c.id(), (wantNull ? "IS NULL(" : "IS NOT NULL(") + c.name() + ")",
              keyCodes(c.type()), wantNull);
        }
        return new Predicate.IsNull(c.id(), c.name(), !wantNull);
      }
      case LITERAL: {
        Boolean b = ((RexLiteral) node).getValueAs(Boolean.class);
        return b == null ? null : (b != negated) ? Predicate.TRUE : Predicate.FALSE;
      }
      case INPUT_REF: {
        Column c = column(node);
        if (c == null || c.type().kind() != FieldKind.BOOL) {
          return null;
        }
        return new Predicate.Compare(c.id(), c.name(), CompareOp.EQ,
            new Literal.OfLong(negated ? 0 : 1, negated ? "false" : "true"));
      }
      case EQUALS:
      case NOT_EQUALS:
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
        return comparison((RexCall) node, negated);
      default:
        return null;
    }
  }

  /** OR of terms, with equalities on one column merged into IN and code sets into one set. */
  private static Predicate mergeOr(List<Predicate> terms) {
    Map<Integer, List<Predicate.Compare>> eqs = new LinkedHashMap<>();
    Map<Integer, List<Predicate.Codes>> codes = new LinkedHashMap<>();
    List<Predicate> rest = new ArrayList<>();
    for (Predicate t : terms) {
      if (t instanceof Predicate.Compare c && c.op() == CompareOp.EQ) {
        eqs.computeIfAbsent(c.column(), k -> new ArrayList<>()).add(c);
      } else if (t instanceof Predicate.Codes c && !c.negated() && c.failing().length == 0) {
        codes.computeIfAbsent(c.column(), k -> new ArrayList<>()).add(c);
      } else {
        rest.add(t);
      }
    }
    List<Predicate> out = new ArrayList<>();
    for (List<Predicate.Compare> group : eqs.values()) {
      if (group.size() == 1) {
        out.add(group.get(0));
      } else {
        List<Literal> values = new ArrayList<>();
        for (Predicate.Compare c : group) {
          if (!values.contains(c.value())) {
            values.add(c.value());
          }
        }
        out.add(new Predicate.In(group.get(0).column(), group.get(0).name(), values, false));
      }
    }
    for (List<Predicate.Codes> group : codes.values()) {
      if (group.size() == 1) {
        out.add(group.get(0));
      } else {
        List<String> sql = new ArrayList<>();
        java.util.TreeSet<Long> all = new java.util.TreeSet<>();
        for (Predicate.Codes c : group) {
          sql.add(c.sql());
          for (long v : c.codes()) {
            all.add(v);
          }
        }
        out.add(new Predicate.Codes(group.get(0).column(), "OR(" + String.join(", ", sql) + ")",
            all.stream().mapToLong(Long::longValue).toArray(), false));
      }
    }
    out.addAll(rest);
    return Predicate.or(out);
  }

  private Column column(RexNode node) {
    if (node instanceof RexInputRef ref && ref.getIndex() < columns.size()) {
      return columns.get(ref.getIndex());
    }
    return null;
  }

  private static long[] keyCodes(FieldType type) {
    return type.key().labels().keySet().stream().mapToLong(Long::longValue).toArray();
  }

  private Predicate comparison(RexCall call, boolean negated) {
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    CompareOp op = opOf(call.getKind());
    if (left instanceof RexLiteral && !(right instanceof RexLiteral)) {
      RexNode t = left;
      left = right;
      right = t;
      op = op.reverse();
    }
    if (!(right instanceof RexLiteral lit) || lit.isNull()) {
      return null;
    }
    if (negated) {
      op = op.negate();
    }
    RelDataType castTo = null;
    RexNode operand = left;
    if (left.getKind() == SqlKind.CAST) {
      operand = ((RexCall) left).getOperands().get(0);
      castTo = left.getType();
    }
    Column c = column(operand);
    if (c == null) {
      return null;
    }
    FieldType type = c.type();
    if (castTo != null) {
      if (type.kind() == FieldKind.CATEGORICAL) {
        return categoricalCast(c, castTo, op, lit);
      }
      if (!lossless(type, castTo)) {
        return null;
      }
    }
    String sql = op.sql() + "(" + c.name() + ", " + lit + ")";
    switch (type.kind()) {
      case CATEGORICAL:
        return categorical(c, op, lit, sql);
      case FIXED_STRING:
      case STRING:
        return string(c, op, lit);
      case FLOAT32:
      case FLOAT64: {
        BigDecimal v = lit.getValueAs(BigDecimal.class);
        if (v == null) {
          return null;
        }
        double d = v.doubleValue();
        if (type.kind() == FieldKind.FLOAT32 && castTo == null
            && (lit.getType().getSqlTypeName() == SqlTypeName.REAL
            || lit.getType().getSqlTypeName() == SqlTypeName.FLOAT)) {
          d = (float) d;
        }
        return new Predicate.Compare(c.id(), c.name(), op, new Literal.OfDouble(d));
      }
      case TIMESTAMP:
        return timestamp(c, op, lit);
      case DATE: {
        if (lit.getType().getSqlTypeName() != SqlTypeName.DATE) {
          return null;
        }
        Integer days = lit.getValueAs(Integer.class);
        return days == null ? null : new Predicate.Compare(c.id(), c.name(), op,
            new Literal.OfLong(days, lit.toString()));
      }
      case BOOL: {
        Boolean b = lit.getValueAs(Boolean.class);
        return b == null ? null : new Predicate.Compare(c.id(), c.name(), op,
            new Literal.OfLong(b ? 1 : 0, b.toString()));
      }
      default:
        return integral(c, op, lit);
    }
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

  /** An integer column against a numeric literal, exact even when the literal has a fraction. */
  private static Predicate integral(Column c, CompareOp op, RexLiteral lit) {
    if (!SqlTypeName.NUMERIC_TYPES.contains(lit.getType().getSqlTypeName())) {
      return null;
    }
    BigDecimal v = lit.getValueAs(BigDecimal.class);
    if (v == null) {
      return null;
    }
    BigDecimal floor = v.setScale(0, RoundingMode.FLOOR);
    BigDecimal ceil = v.setScale(0, RoundingMode.CEILING);
    boolean exact = floor.compareTo(v) == 0;
    BigDecimal bound;
    switch (op) {
      case EQ:
        if (!exact) {
          return Predicate.FALSE;
        }
        bound = floor;
        break;
      case NE:
        if (!exact) {
          return new Predicate.IsNull(c.id(), c.name(), true);
        }
        bound = floor;
        break;
      case LT:
      case GE:
        bound = ceil;
        break;
      default:
        bound = floor;
        break;
    }
    if (bound.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0
        || bound.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      return null;
    }
    long x = bound.longValueExact();
    return new Predicate.Compare(c.id(), c.name(), op, new Literal.OfLong(x, Long.toString(x)));
  }

  /**
   * A timestamp column (micros) against a TIMESTAMP literal (millis): the SQL value is the micros
   * truncated to millis, so {@code t < L} is {@code micros < L*1000}, {@code t <= L} is
   * {@code micros < (L+1)*1000}, and {@code t = L} is a range of 1000 micros.
   */
  private static Predicate timestamp(Column c, CompareOp op, RexLiteral lit) {
    if (lit.getType().getSqlTypeName() != SqlTypeName.TIMESTAMP) {
      return null;
    }
    Long millis = lit.getValueAs(Long.class);
    if (millis == null) {
      return null;
    }
    long lo;
    long hi;
    try {
      lo = Math.multiplyExact(millis, 1000L);
      hi = Math.addExact(lo, 999L);
    } catch (ArithmeticException e) {
      return null;
    }
    String text = lit.toString();
    Literal.OfLong low = new Literal.OfLong(lo, text + "[" + lo + "us]");
    Literal.OfLong high = new Literal.OfLong(hi, text + "[" + hi + "us]");
    switch (op) {
      case LT: return new Predicate.Compare(c.id(), c.name(), CompareOp.LT, low);
      case LE: return new Predicate.Compare(c.id(), c.name(), CompareOp.LE, high);
      case GT: return new Predicate.Compare(c.id(), c.name(), CompareOp.GT, high);
      case GE: return new Predicate.Compare(c.id(), c.name(), CompareOp.GE, low);
      case EQ:
        return Predicate.and(List.of(new Predicate.Compare(c.id(), c.name(), CompareOp.GE, low),
            new Predicate.Compare(c.id(), c.name(), CompareOp.LE, high)));
      default:
        return Predicate.or(List.of(new Predicate.Compare(c.id(), c.name(), CompareOp.LT, low),
            new Predicate.Compare(c.id(), c.name(), CompareOp.GT, high)));
    }
  }

  /** A string column: bytes compared unsigned, which is Java's String order whenever the literal
   *  has no char at or above U+D800 (so ranges are pushed only then). */
  private static Predicate string(Column c, CompareOp op, RexLiteral lit) {
    if (!SqlTypeName.CHAR_TYPES.contains(lit.getType().getSqlTypeName())) {
      return null;
    }
    String s = lit.getValueAs(String.class);
    if (s == null) {
      return null;
    }
    if (op != CompareOp.EQ && op != CompareOp.NE) {
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) >= '\uD800') {
          return null;
        }
      }
    }
    return new Predicate.Compare(c.id(), c.name(), op,
        new Literal.OfBytes(s.getBytes(StandardCharsets.UTF_8)));
  }

  /** A categorical column against a string: the codes whose labels satisfy the comparison. */
  private static Predicate categorical(Column c, CompareOp op, RexLiteral lit, String sql) {
    if (!SqlTypeName.CHAR_TYPES.contains(lit.getType().getSqlTypeName())) {
      return null;
    }
    String s = lit.getValueAs(String.class);
    if (s == null) {
      return null;
    }
    List<Long> codes = new ArrayList<>();
    for (Map.Entry<Long, String> e : c.type().key().labels().entrySet()) {
      if (op.test(e.getValue().compareTo(s))) {
        codes.add(e.getKey());
      }
    }
    return new Predicate.Codes(c.id(), sql, codes.stream().mapToLong(Long::longValue).toArray(),
        false);
  }

  /**
   * {@code CAST(categorical AS numeric) op literal} (what Calcite makes of
   * {@code tested_covid_positive = 3} on a VARCHAR label), evaluated on each label at plan time
   * and pushed as a code set.
   *
   * <p>A label that is not a number of the target type ({@code 'yes'}, {@code ''}, {@code '3.5'}
   * for INTEGER, {@code '300'} for TINYINT) cannot be compared: SQL's CAST raises an error on such
   * a row, it does not make the comparison FALSE. So its code is pushed as a failing code: a row
   * that has it raises an INVALID_INPUT error naming the field and the labels, and rows with
   * numeric labels are compared as numbers. A key whose labels all parse gives a plain code set.
   * Labels are parsed as Calcite's CAST does (surrounding blanks trimmed); where the parse here
   * is stricter than Calcite's (an INTEGER written {@code '3.0'}), the row raises rather than
   * risk a wrong answer.
   */
  private static Predicate categoricalCast(Column c, RelDataType castTo, CompareOp op,
      RexLiteral lit) {
    SqlTypeName target = castTo.getSqlTypeName();
    // DECIMAL(p, s) rounds and range-checks labels in ways not reproduced here: left to Calcite
    if (!SqlTypeName.NUMERIC_TYPES.contains(target) || target == SqlTypeName.DECIMAL
        || !SqlTypeName.NUMERIC_TYPES.contains(lit.getType().getSqlTypeName())) {
      return null;
    }
    BigDecimal v = lit.getValueAs(BigDecimal.class);
    if (v == null) {
      return null;
    }
    List<Long> codes = new ArrayList<>();
    List<Long> failing = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    for (Map.Entry<Long, String> e : c.type().key().labels().entrySet()) {
      BigDecimal label = parseLabel(e.getValue(), target);
      if (label == null) {
        failing.add(e.getKey());
        bad.add("'" + e.getValue() + "'");
      } else if (op.test(label.compareTo(v))) {
        codes.add(e.getKey());
      }
    }
    String sql = op.sql() + "(CAST(" + c.name() + " AS " + target + "), " + lit + ")";
    if (failing.isEmpty()) {
      return new Predicate.Codes(c.id(), sql, codes.stream().mapToLong(Long::longValue).toArray(),
          false);
    }
    String failure = "CAST(" + c.name() + " AS " + target + ") fails: categorical field '"
        + c.name() + "' has labels that are not " + target + " values: " + String.join(", ", bad)
        + "; compare the label as a string instead (for example " + c.name() + " = "
        + bad.get(0) + "), or filter those rows out first";
    return new Predicate.Codes(c.id(), sql, codes.stream().mapToLong(Long::longValue).toArray(),
        false, failing.stream().mapToLong(Long::longValue).toArray(), failure);
  }

  /** The value of a label cast to a numeric type, or null where the CAST would fail. */
  private static BigDecimal parseLabel(String label, SqlTypeName target) {
    String t = label.trim();
    if (SqlTypeName.INT_TYPES.contains(target)) {
      if (!t.matches("[+-]?[0-9]{1,18}")) {
        return null;
      }
      long x = Long.parseLong(t);
      long bits = integerBits(target);
      long max = bits >= 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
      long min = bits >= 64 ? Long.MIN_VALUE : -(1L << (bits - 1));
      return x < min || x > max ? null : BigDecimal.valueOf(x);
    }
    if (!t.matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
      return null;
    }
    try {
      BigDecimal d = new BigDecimal(t);
      if (target == SqlTypeName.REAL) {
        return new BigDecimal(Float.toString(d.floatValue()));
      }
      if (target == SqlTypeName.DOUBLE || target == SqlTypeName.FLOAT) {
        return new BigDecimal(Double.toString(d.doubleValue()));
      }
      return d;
    } catch (NumberFormatException | ArithmeticException ex) {
      return null;
    }
  }

  /** True when casting every value of the column to the type changes no value. */
  private static boolean lossless(FieldType from, RelDataType to) {
    SqlTypeName src = CurataTypes.sqlTypeName(from);
    SqlTypeName dst = to.getSqlTypeName();
    if (src == dst && src != SqlTypeName.TIMESTAMP && src != SqlTypeName.VARCHAR) {
      return true;
    }
    int srcBits = integerBits(src);
    switch (dst) {
      case SMALLINT:
      case INTEGER:
      case BIGINT:
        return srcBits > 0 && srcBits <= integerBits(dst);
      case REAL:
        return srcBits > 0 && srcBits <= 16;
      case DOUBLE:
      case FLOAT:
        return (srcBits > 0 && srcBits <= 32) || src == SqlTypeName.REAL;
      case DECIMAL: {
        int digits = src == SqlTypeName.TINYINT ? 3 : src == SqlTypeName.SMALLINT ? 5
            : src == SqlTypeName.INTEGER ? 10 : src == SqlTypeName.BIGINT ? 19 : -1;
        return digits > 0 && to.getPrecision() - to.getScale() >= digits;
      }
      default:
        return false;
    }
  }

  private static int integerBits(SqlTypeName t) {
    switch (t) {
      case TINYINT: return 8;
      case SMALLINT: return 16;
      case INTEGER: return 32;
      case BIGINT: return 64;
      default: return -1;
    }
  }
}
