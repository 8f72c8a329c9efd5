package org.curata.adapter.rule;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.ImmutableIntList;

/**
 * Turns an aggregate over an INNER join with a right side made distinct on the join keys (what
 * EXISTS and IN decorrelate into), when the aggregate uses left columns only, into the same
 * aggregate over a SEMI join with the right side's input: each left row matches at most one
 * distinct right row, so the join passes each matching left row on once, as a SEMI join does.
 * (Calcite's own semi-join rules need a projection between the two, which the planner has often
 * merged away.)
 */
final class SemiJoinUnderAggregateRule extends RelRule<RuleConfig> {
  SemiJoinUnderAggregateRule(RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalAggregate outer = call.rel(0);
    LogicalJoin join = call.rel(1);
    LogicalAggregate distinct = call.rel(3);
    RelNode left = call.rel(2);
    int leftCount = left.getRowType().getFieldCount();
    ImmutableBitSet used = outer.getGroupSet();
    for (AggregateCall c : outer.getAggCallList()) {
      used = used.union(ImmutableBitSet.of(c.getArgList()));
      if (c.filterArg >= 0) {
        used = used.set(c.filterArg);
      }
    }
    JoinInfo info = join.analyzeCondition();
    if (used.nextSetBit(leftCount) >= 0 || !distinct.getAggCallList().isEmpty()
        || !info.isEqui() || !info.rightSet().equals(
            ImmutableBitSet.range(distinct.getGroupCount()))) {
      return;
    }
    List<Integer> groups = distinct.getGroupSet().asList();
    List<Integer> rightKeys = new ArrayList<>();
    for (int k : info.rightKeys) {
      rightKeys.add(groups.get(k));
    }
    RelBuilder b = call.builder();
    b.push(left).push(distinct.getInput());
    RexNode condition = RelOptUtil.createEquiJoinCondition(b.peek(2, 0), info.leftKeys,
        b.peek(2, 1), ImmutableIntList.copyOf(rightKeys),
        b.getRexBuilder());
    b.semiJoin(condition);
    RelNode semi = b.build();
    RelNode out = outer.copy(outer.getTraitSet(), List.of(semi));
    if (out.getRowType().equals(outer.getRowType())) {
      call.transformTo(out);
    }
  }
}
