package org.curata.adapter.rel;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.runtime.SqlFunctions;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * CASTs of a literal to a numeric or BOOLEAN type, folded in plain Java with the conversions
 * Calcite's generated code applies at run time. Calcite folds such a CAST by compiling a class
 * for it (a millisecond or more each), once per row of a multi-row VALUES that needs one; this
 * folds them without compiling.
 */
public final class LiteralCasts {
  private LiteralCasts() {
  }

  /**
   * An executor that folds the CASTs it can itself and hands every other expression to {@code
   * delegate}; a string that does not convert is left as its CAST, to fail when it runs.
   */
  public static RexExecutor executor(RexExecutor delegate) {
    Objects.requireNonNull(delegate, "delegate");
    return (rexBuilder, constExps, reducedValues) -> {
      List<RexNode> rest = new ArrayList<>();
      List<RexNode> folded = new ArrayList<>(constExps.size());
      for (RexNode e : constExps) {
        RexNode f = null;
        if (e.getKind() == SqlKind.CAST && e instanceof RexCall call
            && call.getOperands().size() == 1 && call.getOperands().get(0) instanceof RexLiteral lit
            && !lit.isNull()) {
          f = fold(rexBuilder, lit, call.getType());
          if (f == null && SqlTypeUtil.inCharFamily(lit.getType()) && isTarget(call.getType())) {
            f = e;
          }
        }
        if (f == null) {
          rest.add(e);
        }
        folded.add(f);
      }
      List<RexNode> reduced = new ArrayList<>(rest.size());
      if (!rest.isEmpty()) {
        delegate.reduce(rexBuilder, rest, reduced);
      }
      int next = 0;
      for (RexNode f : folded) {
        reducedValues.add(f != null ? f : reduced.get(next++));
      }
    };
  }

  private static boolean isTarget(RelDataType type) {
    return switch (type.getSqlTypeName()) {
      case BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, REAL, FLOAT, DOUBLE -> true;
      default -> false;
    };
  }

  /**
   * The literal as a NOT NULL literal of {@code target} (a numeric type or BOOLEAN), where Java's
   * conversion is CAST's: a number to a floating type, an integral number to an integer type it
   * fits, a string that parses; otherwise null.
   */
  public static RexLiteral fold(RexBuilder rex, RexLiteral literal, RelDataType target) {
    if (literal.isNull() || !isTarget(target)) {
      return null;
    }
    Object value;
    if (SqlTypeUtil.isNumeric(literal.getType())) {
      value = number(literal.getValueAs(BigDecimal.class), literal.getType(), target);
    } else if (SqlTypeUtil.inCharFamily(literal.getType())) {
      value = parse(literal.getValueAs(String.class), target.getSqlTypeName());
    } else {
      return null;
    }
    if (value == null) {
      return null;
    }
    // NOT NULL: a literal of a nullable type would be a CAST of one
    RelDataType type = rex.getTypeFactory().createTypeWithNullability(target, false);
    RexNode r = rex.makeLiteral(value, type, false);
    return r instanceof RexLiteral folded && folded.getType().getSqlTypeName()
        == target.getSqlTypeName() ? folded : null;
  }

  private static Object number(BigDecimal value, RelDataType from, RelDataType target) {
    if (value == null) {
      return null;
    }
    switch (target.getSqlTypeName()) {
      case DOUBLE:
      case FLOAT:
        return finite(value.doubleValue());
      case REAL:
        return finite(value.floatValue());
      case TINYINT:
      case SMALLINT:
      case INTEGER:
      case BIGINT: {
        if (!SqlTypeUtil.isExactNumeric(from)) {
          return null;
        }
        BigInteger integral;
        try {
          integral = value.toBigIntegerExact();
        } catch (ArithmeticException e) {
          return null;
        }
        int bits = switch (target.getSqlTypeName()) {
          case TINYINT -> 8;
          case SMALLINT -> 16;
          case INTEGER -> 32;
          default -> 64;
        };
        return integral.bitLength() < bits ? new BigDecimal(integral) : null;
      }
      default:
        return null;
    }
  }

  /** The value as a double; null (left to Calcite) when it overflowed or is not a number. */
  private static Double finite(double d) {
    return Double.isFinite(d) ? d : null;
  }

  /** The string converted as Calcite's CAST converts it at run time; null if it does not. */
  private static Object parse(String s, SqlTypeName target) {
    try {
      switch (target) {
        case BOOLEAN:
          return SqlFunctions.toBoolean(s);
        case TINYINT:
          return BigDecimal.valueOf(Byte.parseByte(s.trim()));
        case SMALLINT:
          return BigDecimal.valueOf(SqlFunctions.toShort(s));
        case INTEGER:
          return BigDecimal.valueOf(SqlFunctions.toInt(s));
        case BIGINT:
          return BigDecimal.valueOf(SqlFunctions.toLong(s));
        case REAL:
          return finite(SqlFunctions.toFloat(s));
        case FLOAT:
        case DOUBLE:
          return finite(SqlFunctions.toDouble(s));
        default:
          return null;
      }
    } catch (RuntimeException e) {
      return null;
    }
  }
}
