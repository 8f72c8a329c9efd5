package org.curata.adapter.rule;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.RelBuilder;

/**
 * Turns the shape NOT EXISTS decorrelates into, a filter {@code IS NULL(r)} over a LEFT join
 * where {@code r} is a right column that cannot be NULL in a matched row, into an ANTI join: the
 * filter keeps exactly the left rows without a match, and their right columns are all NULL, so
 * the ANTI join's rows padded with typed NULLs (and the filter's other conjuncts, applied to
 * them) are the same rows. {@code r} cannot be NULL in a matched row when it is a right key of an
 * {@code =} in the join condition (NULL never compares equal) or NOT NULL in the right input's
 * row type (such as the {@code TRUE} marker column Calcite adds).
 */
final class AntiJoinRule extends RelRule<RuleConfig> {
  AntiJoinRule(RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalFilter filter = call.rel(0);
    LogicalJoin join = call.rel(1);
    int leftCount = join.getLeft().getRowType().getFieldCount();
    List<RexNode> conjuncts = RelOptUtil.conjunctions(filter.getCondition());
    int marker = -1;
    for (int i = 0; i < conjuncts.size() && marker < 0; i++) {
      RexNode c = conjuncts.get(i);
      if (c.isA(SqlKind.IS_NULL) && ((RexCall) c).getOperands().get(0) instanceof RexInputRef ref
          && ref.getIndex() >= leftCount && neverNullWhenMatched(join, ref.getIndex())) {
        marker = i;
      }
    }
    if (marker < 0 || !join.getVariablesSet().isEmpty()) {
      return;
    }
    RexBuilder rex = join.getCluster().getRexBuilder();
    RelBuilder b = call.builder();
    b.push(join.getLeft()).push(join.getRight()).join(JoinRelType.ANTI, join.getCondition());
    List<RexNode> padded = new ArrayList<>();
    List<RelDataTypeField> fields = join.getRowType().getFieldList();
    for (int i = 0; i < fields.size(); i++) {
      padded.add(i < leftCount ? b.field(i) : rex.makeNullLiteral(fields.get(i).getType()));
    }
    b.project(padded, join.getRowType().getFieldNames(), true);
    List<RexNode> rest = new ArrayList<>(conjuncts);
    rest.remove(marker);
    if (!rest.isEmpty()) {
      b.filter(rest);
    }
    RelNode out = b.build();
    if (out.getRowType().equals(filter.getRowType())) {
      call.transformTo(out);
    }
  }

  /**
   * Whether join output column {@code column} (a right column) is non-NULL in every row with a
   * match: a right key of an {@code =} conjunct of the condition, or NOT NULL in the right input.
   */
  private static boolean neverNullWhenMatched(LogicalJoin join, int column) {
    int leftCount = join.getLeft().getRowType().getFieldCount();
    if (!join.getRight().getRowType().getFieldList().get(column - leftCount).getType()
        .isNullable()) {
      return true;
    }
    for (RexNode c : RelOptUtil.conjunctions(join.getCondition())) {
      if (c.isA(SqlKind.EQUALS)) {
        for (RexNode operand : ((RexCall) c).getOperands()) {
          if (operand instanceof RexInputRef ref && ref.getIndex() == column) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
