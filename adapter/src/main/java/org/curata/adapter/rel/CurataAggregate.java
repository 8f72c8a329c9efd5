package org.curata.adapter.rel;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;
import org.curata.adapter.CurataTypes;
import org.curata.adapter.exec.AggregateNode;
import org.curata.adapter.exec.ColumnVector;
import org.curata.adapter.exec.ExecNode;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * A native hash aggregate: COUNT(*), COUNT(x), SUM, $SUM0, MIN and MAX over numeric columns,
 * without GROUP BY or grouped by a few integral columns (categoricals group by label through their
 * codes). Anything else stays with Enumerable.
 */
public final class CurataAggregate extends SingleRel implements CurataRel {
  private final ImmutableBitSet groupSet;
  private final List<AggregateCall> aggCalls;
  private final List<AggregateNode.Call> calls;
  private final List<FieldType> types;
  private final List<FieldType> inputTypes;

  /**
   * Creates an aggregate; {@code calls} must be {@link #translate} of the arguments over input
   * columns of {@code inputTypes}.
   */
  public CurataAggregate(RelOptCluster cluster, RelTraitSet traitSet, RelNode input,
      ImmutableBitSet groupSet, List<AggregateCall> aggCalls, List<AggregateNode.Call> calls,
      List<FieldType> inputTypes) {
    super(cluster, traitSet, input);
    this.groupSet = groupSet;
    this.aggCalls = List.copyOf(aggCalls);
    this.calls = List.copyOf(calls);
    this.inputTypes = List.copyOf(inputTypes);
    List<FieldType> in = inputTypes;
    List<FieldType> out = new ArrayList<>();
    for (int g : groupSet) {
      out.add(in.get(g));
    }
    for (AggregateNode.Call c : calls) {
      out.add(c.resultType());
    }
    this.types = List.copyOf(out);
  }

  /**
   * The native form of an aggregate over an input with the given column types, or null when some
   * part of it is not supported natively.
   */
  public static List<AggregateNode.Call> translate(org.apache.calcite.rel.core.Aggregate agg,
      List<FieldType> inTypes) {
    if (agg.getGroupType() != Aggregate.Group.SIMPLE || agg.getGroupCount() > 8) {
      return null;
    }
    for (int g : agg.getGroupSet()) {
      FieldType t = inTypes.get(g);
      if (ColumnVector.kindOf(t) != ColumnVector.Kind.LONG || t.kind() == FieldKind.TIMESTAMP) {
        return null; // timestamps group on truncated millis in SQL, not on stored micros
      }
    }
    List<AggregateNode.Call> out = new ArrayList<>();
    for (AggregateCall call : agg.getAggCallList()) {
      if (call.isDistinct() || call.filterArg >= 0 || call.isApproximate()
          || !call.collation.getFieldCollations().isEmpty()) {
        return null;
      }
      List<Integer> args = call.getArgList();
      SqlTypeName result = call.getType().getSqlTypeName();
      switch (call.getAggregation().getKind()) {
        case COUNT:
          if (args.isEmpty()) {
            out.add(new AggregateNode.Call(AggregateNode.Kind.COUNT_STAR, -1,
                FieldType.of(FieldKind.INT64)));
          } else if (args.size() == 1) {
            out.add(new AggregateNode.Call(AggregateNode.Kind.COUNT, args.get(0),
                FieldType.of(FieldKind.INT64)));
          } else {
            return null;
          }
          break;
        case SUM:
        case SUM0: {
          if (args.size() != 1) {
            return null;
          }
          FieldType in = inTypes.get(args.get(0));
          FieldKind kind = in.kind();
          if (!(kind.isFloating() || kind.isIntegral()) || kind == FieldKind.BOOL
              || kind == FieldKind.CATEGORICAL || kind == FieldKind.TIMESTAMP
              || kind == FieldKind.DATE) {
            return null;
          }
          FieldKind resultKind = kindOf(result);
          if (resultKind == null || (kind.isFloating() && !resultKind.isFloating())) {
            return null;
          }
          out.add(new AggregateNode.Call(call.getAggregation().getKind()
              == org.apache.calcite.sql.SqlKind.SUM ? AggregateNode.Kind.SUM : AggregateNode.Kind.SUM0,
              args.get(0), FieldType.of(resultKind)));
          break;
        }
        case MIN:
        case MAX: {
          if (args.size() != 1) {
            return null;
          }
          FieldType in = inTypes.get(args.get(0));
          if (in.kind() == FieldKind.CATEGORICAL || in.kind().isString()
              || CurataTypes.sqlTypeName(in) != result) {
            return null;
          }
          out.add(new AggregateNode.Call(call.getAggregation().getKind()
              == org.apache.calcite.sql.SqlKind.MIN ? AggregateNode.Kind.MIN : AggregateNode.Kind.MAX,
              args.get(0), in));
          break;
        }
        default:
          return null;
      }
    }
    return out;
  }

  private static FieldKind kindOf(SqlTypeName t) {
    switch (t) {
      case TINYINT: return FieldKind.INT8;
      case SMALLINT: return FieldKind.INT16;
      case INTEGER: return FieldKind.INT32;
      case BIGINT: return FieldKind.INT64;
      case REAL: return FieldKind.FLOAT32;
      case DOUBLE: return FieldKind.FLOAT64;
      default: return null;
    }
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new CurataAggregate(getCluster(), traitSet, sole(inputs), groupSet, aggCalls, calls,
        inputTypes);
  }

  @Override
  protected RelDataType deriveRowType() {
    return Aggregate.deriveRowType(getCluster().getTypeFactory(), getInput().getRowType(), false,
        groupSet, null, aggCalls);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    super.explainTerms(pw).item("group", groupSet);
    List<String> names = getRowType().getFieldNames();
    for (int i = 0; i < aggCalls.size(); i++) {
      pw.item(names.get(groupSet.cardinality() + i), aggCalls.get(i));
    }
    return pw;
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    if (groupSet.isEmpty()) {
      return 1;
    }
    return Math.max(1, mq.getRowCount(getInput()) / 10);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double rows = mq.getRowCount(getInput());
    // cheaper than handing every input row to Enumerable (the converter costs 0.1 per row)
    double work = rows * 0.01 * (1 + 0.1 * aggCalls.size() + 0.1 * groupSet.cardinality());
    return planner.getCostFactory().makeCost(work, work, 0);
  }

  @Override
  public List<FieldType> columnTypes() {
    return types;
  }

  @Override
  public ExecNode implement(Implementor implementor) {
    return new AggregateNode(implementor.visitChildUnordered(getInput()), groupSet.toArray(),
        calls);
  }
}
