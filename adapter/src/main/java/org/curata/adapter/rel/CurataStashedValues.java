package org.curata.adapter.rel;

import com.google.common.collect.ImmutableList;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelDistributionTraitDef;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.metadata.RelMdCollation;
import org.apache.calcite.rel.metadata.RelMdDistribution;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * VALUES in the Enumerable convention whose rows reach the generated code as one stashed object.
 * Calcite's {@code EnumerableValues} writes every literal into the generated Java, so a multi-row
 * VALUES of a few thousand rows exceeds the JVM's 64 KB method limit (and compiles in time that
 * grows with the literals); here the literals are converted once, at implementation time, to
 * Enumerable's representation of their column's type, and the code is the same size for any
 * number of rows.
 */
public final class CurataStashedValues extends Values implements EnumerableRel {
  private CurataStashedValues(RelOptCluster cluster, RelDataType rowType,
      ImmutableList<ImmutableList<RexLiteral>> tuples, RelTraitSet traits) {
    super(cluster, List.of(), rowType, tuples, traits);
  }

  /** Creates a VALUES; requires {@link #canStash}. */
  public static CurataStashedValues create(RelOptCluster cluster, RelDataType rowType,
      ImmutableList<ImmutableList<RexLiteral>> tuples) {
    if (!canStash(rowType, tuples)) {
      throw new IllegalArgumentException("VALUES of " + rowType + " has literals of other types");
    }
    // the collation and distribution of the rows, as EnumerableValues has, so that a parent asking
    // for the collation of the VALUES it replaces finds it here too
    RelMetadataQuery mq = cluster.getMetadataQuery();
    RelTraitSet traits = cluster.traitSetOf(EnumerableConvention.INSTANCE)
        .replaceIfs(RelCollationTraitDef.INSTANCE, () -> RelMdCollation.values(mq, rowType, tuples))
        .replaceIf(RelDistributionTraitDef.INSTANCE,
            () -> RelMdDistribution.values(rowType, tuples));
    return new CurataStashedValues(cluster, rowType, tuples, traits);
  }

  /**
   * True when every column has a type whose Enumerable representation is converted here and
   * its type holds every literal ({@link #holds}); otherwise Calcite's own VALUES (or, below an
   * INSERT, a plan-time CAST first) is needed.
   */
  public static boolean canStash(RelDataType rowType,
      List<? extends List<RexLiteral>> tuples) {
    List<RelDataTypeField> fields = rowType.getFieldList();
    for (RelDataTypeField f : fields) {
      if (!supported(f.getType().getSqlTypeName())) {
        return false;
      }
    }
    for (List<RexLiteral> tuple : tuples) {
      for (int i = 0; i < tuple.size(); i++) {
        if (!holds(tuple.get(i), fields.get(i).getType())) {
          return false;
        }
      }
    }
    return true;
  }

  /** True when {@link #value} converts a literal for a column of the type. */
  private static boolean supported(SqlTypeName type) {
    switch (type) {
      case BOOLEAN:
      case TINYINT:
      case SMALLINT:
      case INTEGER:
      case BIGINT:
      case REAL:
      case FLOAT:
      case DOUBLE:
      case DECIMAL:
      case CHAR:
      case VARCHAR:
      case DATE:
      case TIMESTAMP:
        return true;
      default:
        return false;
    }
  }

  /**
   * True when the literal is NULL, of the column's type (string types alike), or a number that
   * the column's numeric type holds exactly (a DOUBLE column any number).
   */
  private static boolean holds(RexLiteral literal, RelDataType column) {
    return literal.isNull() || value(literal, column) != NOT_CONVERTIBLE;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new CurataStashedValues(getCluster(), getRowType(), getTuples(), traitSet);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // cheaper than EnumerableValues, which the planner would otherwise pick for the same VALUES
    RelOptCost cost = super.computeSelfCost(planner, mq);
    return cost == null ? null : cost.multiplyBy(0.5);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        pref.preferArray());
    boolean scalar = physType.getFormat() == JavaRowFormat.SCALAR;
    List<RelDataTypeField> fields = getRowType().getFieldList();
    List<Object> rows = new ArrayList<>(getTuples().size());
    for (List<RexLiteral> tuple : getTuples()) {
      Object[] row = new Object[tuple.size()];
      for (int i = 0; i < row.length; i++) {
        row[i] = value(tuple.get(i), fields.get(i).getType());
      }
      rows.add(scalar ? row[0] : row);
    }
    Enumerable<Object> enumerable = Linq4j.asEnumerable(Collections.unmodifiableList(rows));
    Expression stashed = implementor.stash(enumerable, Enumerable.class);
    BlockBuilder builder = new BlockBuilder();
    builder.add(Expressions.return_(null, stashed));
    return implementor.result(physType, builder.toBlock());
  }

  /** What {@link #value} returns for a literal that its column's type does not hold. */
  private static final Object NOT_CONVERTIBLE = new Object();

  /** The literal as Enumerable holds a value of the type: DATE as int days, TIMESTAMP as ms. */
  private static Object value(RexLiteral literal, RelDataType column) {
    if (literal.isNull()) {
      return null;
    }
    SqlTypeName have = literal.getType().getSqlTypeName();
    SqlTypeName type = column.getSqlTypeName();
    if (SqlTypeName.CHAR_TYPES.contains(type)) {
      return SqlTypeName.CHAR_TYPES.contains(have) ? literal.getValueAs(String.class)
          : NOT_CONVERTIBLE;
    }
    if (SqlTypeUtil.isNumeric(column)) {
      return SqlTypeUtil.isNumeric(literal.getType()) ? number(literal, column) : NOT_CONVERTIBLE;
    }
    if (have != type) {
      return NOT_CONVERTIBLE;
    }
    switch (type) {
      case BOOLEAN:
        return literal.getValueAs(Boolean.class);
      case DATE:
        return literal.getValueAs(Integer.class);
      case TIMESTAMP:
        return literal.getValueAs(Long.class);
      default:
        return NOT_CONVERTIBLE;
    }
  }

  /** The number as its column's type holds it, if exactly (a floating column: rounded). */
  private static Object number(RexLiteral literal, RelDataType column) {
    BigDecimal v = literal.getValueAs(BigDecimal.class);
    if (v == null) {
      return NOT_CONVERTIBLE;
    }
    try {
      switch (column.getSqlTypeName()) {
        case TINYINT:
          return v.byteValueExact();
        case SMALLINT:
          return v.shortValueExact();
        case INTEGER:
          return v.intValueExact();
        case BIGINT:
          return v.longValueExact();
        case REAL:
          return v.floatValue();
        case FLOAT:
        case DOUBLE:
          return v.doubleValue();
        case DECIMAL:
          return v.setScale(column.getScale(), RoundingMode.UNNECESSARY);
        default:
          return NOT_CONVERTIBLE;
      }
    } catch (ArithmeticException e) {
      return NOT_CONVERTIBLE;
    }
  }
}
