package org.curata.adapter.rule;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.ImmutableIntList;

/**
 * Turns a projection or an aggregate that uses left columns only, over an INNER join whose right
 * side is made distinct on exactly the join keys (what EXISTS and IN decorrelate into), into the
 * same projection or aggregate over a SEMI join with the right side's input: each left row
 * matches at most one distinct right row, so the join passes each matching left row on once, as
 * a SEMI join does, and the SEMI join needs no distinct right side. Only plain {@code =} keys
 * (NULL never matches) and a distinct of one grouping set qualify, and no correlation.
 */
final class SemiJoinRule extends RelRule<RuleConfig> {
  SemiJoinRule(RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    RelNode top = call.rel(0);
    LogicalJoin join = call.rel(1);
    RelNode left = call.rel(2);
    LogicalAggregate distinct = call.rel(3);
    ImmutableBitSet used = usedColumns(top);
    JoinInfo info = join.analyzeCondition();
    if (used == null || used.nextSetBit(left.getRowType().getFieldCount()) >= 0
        || !join.getVariablesSet().isEmpty() || !info.isEqui()
        || info.nullExclusionFlags.contains(Boolean.FALSE)
        || distinct.getGroupType() != Aggregate.Group.SIMPLE
        || !distinct.getAggCallList().isEmpty()
        || !info.rightSet().equals(ImmutableBitSet.range(distinct.getGroupCount()))) {
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
        b.peek(2, 1), ImmutableIntList.copyOf(rightKeys), b.getRexBuilder());
    b.semiJoin(condition);
    RelNode out = top.copy(top.getTraitSet(), List.of(b.build()));
    if (out.getRowType().equals(top.getRowType())) {
      call.transformTo(out);
    }
  }

  /**
   * The join columns {@code top} reads, or null when it reads them in ways not listed here
   * (an aggregate call with WITHIN DISTINCT, WITHIN GROUP or extra operands).
   */
  private static ImmutableBitSet usedColumns(RelNode top) {
    if (top instanceof LogicalProject p) {
      return RelOptUtil.InputFinder.bits(p.getProjects(), null);
    }
    Aggregate a = (Aggregate) top;
    ImmutableBitSet used = a.getGroupSet();
    for (AggregateCall c : a.getAggCallList()) {
      if (c.distinctKeys != null || !c.getCollation().getFieldCollations().isEmpty()
          || !c.rexList.isEmpty()) {
        return null;
      }
      used = used.union(ImmutableBitSet.of(c.getArgList()));
      if (c.filterArg >= 0) {
        used = used.set(c.filterArg);
      }
    }
    return used;
  }
}
