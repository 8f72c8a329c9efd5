package org.curata.adapter.rel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.BiRel;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.curata.adapter.exec.ExecNode;
import org.curata.adapter.exec.HashJoinNode;
import org.curata.adapter.exec.JoinKeys;
import org.curata.adapter.exec.JoinType;
import org.curata.storage.FieldType;

/**
 * A native equi-join by hashing ({@link HashJoinNode}): INNER, LEFT, RIGHT, FULL, SEMI and ANTI
 * on one or more pairs of key columns whose types SQL compares natively. The hash table holds the
 * side with fewer estimated rows; beyond the memory budget it spills by grace partitioning.
 * EXPLAIN shows the join type, the keys, the build side and the strategy. (Not a Calcite
 * {@code Join}, so that core rules cannot change its condition under its compiled keys.)
 */
public final class CurataJoin extends BiRel implements CurataRel {
  private final RexNode condition;
  private final JoinRelType joinType;
  private final int[] leftKeys;
  private final int[] rightKeys;
  private final boolean buildLeft;
  private final List<FieldType> leftTypes;
  private final List<FieldType> rightTypes;

  /**
   * Creates a hash join; the keys must be those of {@code condition} (an equi-condition) and
   * supported ({@link #supports}).
   *
   * @param rowType the join's row type (as Calcite derives it for the join type)
   */
  public CurataJoin(RelOptCluster cluster, RelTraitSet traitSet, RelNode left, RelNode right,
      RexNode condition, JoinRelType joinType, int[] leftKeys, int[] rightKeys, boolean buildLeft,
      RelDataType rowType, List<FieldType> leftTypes, List<FieldType> rightTypes) {
    super(cluster, traitSet, left, right);
    this.condition = Objects.requireNonNull(condition, "condition");
    this.joinType = Objects.requireNonNull(joinType, "joinType");
    this.leftKeys = leftKeys.clone();
    this.rightKeys = rightKeys.clone();
    this.buildLeft = buildLeft;
    this.rowType = Objects.requireNonNull(rowType, "rowType");
    this.leftTypes = List.copyOf(leftTypes);
    this.rightTypes = List.copyOf(rightTypes);
  }

  /** The native join type of a Calcite join type, or null when it is not run natively. */
  public static JoinType joinType(JoinRelType type) {
    switch (type) {
      case INNER: return JoinType.INNER;
      case LEFT: return JoinType.LEFT;
      case RIGHT: return JoinType.RIGHT;
      case FULL: return JoinType.FULL;
      case SEMI: return JoinType.SEMI;
      case ANTI: return JoinType.ANTI;
      default: return null;
    }
  }

  /**
   * Whether a join runs natively over inputs of the given column types: a supported join type,
   * no correlation, at least one key pair, every pair by {@code =} (not IS NOT DISTINCT FROM) of
   * comparable types, and no other condition unless INNER (the rest then stays as a filter above).
   */
  public static boolean supports(Join join, List<FieldType> leftTypes,
      List<FieldType> rightTypes) {
    if (leftTypes == null || rightTypes == null || joinType(join.getJoinType()) == null
        || !join.getVariablesSet().isEmpty()) {
      return false;
    }
    JoinInfo info = join.analyzeCondition();
    if (info.leftKeys.isEmpty() || info.nullExclusionFlags.contains(Boolean.FALSE)
        || (!info.isEqui() && join.getJoinType() != JoinRelType.INNER)) {
      return false;
    }
    for (int j = 0; j < info.leftKeys.size(); j++) {
      if (!JoinKeys.comparable(leftTypes.get(info.leftKeys.get(j)),
          rightTypes.get(info.rightKeys.get(j)))) {
        return false;
      }
    }
    return true;
  }

  /** The column types a supported join produces. */
  public static List<FieldType> outputTypes(JoinRelType type, List<FieldType> leftTypes,
      List<FieldType> rightTypes) {
    List<FieldType> out = new ArrayList<>(leftTypes);
    if (type.projectsRight()) {
      out.addAll(rightTypes);
    }
    return List.copyOf(out);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new CurataJoin(getCluster(), traitSet, inputs.get(0), inputs.get(1), condition,
        joinType, leftKeys, rightKeys, buildLeft, rowType, leftTypes, rightTypes);
  }

  @Override
  protected RelDataType deriveRowType() {
    return rowType;
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("condition", condition)
        .item("joinType", joinType.lowerName)
        .item("keys", keysTerm(this, leftKeys, rightKeys))
        .item("build", buildLeft ? "left" : "right")
        .item("strategy", "hash");
  }

  /** The key pairs by name, for EXPLAIN. */
  static String keysTerm(BiRel join, int[] leftKeys, int[] rightKeys) {
    List<String> ln = join.getLeft().getRowType().getFieldNames();
    List<String> rn = join.getRight().getRowType().getFieldNames();
    StringBuilder b = new StringBuilder("[");
    for (int j = 0; j < leftKeys.length; j++) {
      if (j > 0) {
        b.append(", ");
      }
      b.append("left.").append(ln.get(leftKeys[j])).append(" = right.")
          .append(rn.get(rightKeys[j]));
    }
    return b.append(']').toString();
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return rowCount(mq, getLeft(), getRight(), condition, joinType);
  }

  /** The estimate Calcite makes for a join of these inputs, condition and type. */
  static double rowCount(RelMetadataQuery mq, RelNode left, RelNode right, RexNode condition,
      JoinRelType type) {
    double l = mq.getRowCount(left);
    double r = mq.getRowCount(right);
    double sel = RelMdUtil.guessSelectivity(condition);
    double inner = l * r * sel;
    switch (type) {
      case LEFT: return l * (1 - sel) + inner;
      case RIGHT: return r * (1 - sel) + inner;
      case FULL: return (l + r) * (1 - sel) + inner;
      case SEMI: return Math.max(1, l * sel);
      case ANTI: return Math.max(1, l * (1 - sel));
      default: return Math.max(1, inner);
    }
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double l = mq.getRowCount(getLeft());
    double r = mq.getRowCount(getRight());
    double out = mq.getRowCount(this);
    // cheaper than converting both inputs to Enumerable for its hash join (0.1 per row each);
    // the build side's memory costs a little more than streaming the probe side
    double work = joinType.projectsRight()
        ? 0.05 * (l + r + out) + 0.01 * (buildLeft ? l : r)
        : 0.005 * (l + r) + 0.001 * (buildLeft ? l : r);
    return planner.getCostFactory().makeCost(work, work, 0);
  }

  @Override
  public List<FieldType> columnTypes() {
    return outputTypes(joinType, leftTypes, rightTypes);
  }

  @Override
  public ExecNode implement(Implementor implementor) {
    return new HashJoinNode(implementor.visitChildUnordered(getLeft()),
        implementor.visitChildUnordered(getRight()),
        leftKeys, rightKeys, joinType(joinType), buildLeft);
  }
}
