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
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.ImmutableBitSet;
import org.curata.adapter.exec.ExecNode;
import org.curata.adapter.exec.HashJoinNode;
import org.curata.adapter.exec.JoinKeys;
import org.curata.adapter.exec.JoinType;
import org.curata.storage.FieldType;

/**
 * A native equi-join by hashing ({@link HashJoinNode}): INNER, LEFT, RIGHT, FULL, SEMI and ANTI
 * on one or more pairs of key columns whose types SQL compares natively. The hash table holds the
 * side the join rule built it for (the planner keeps the cheaper build side, by
 * {@link CurataCost}); beyond the memory budget it spills by grace partitioning.
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
    super.explainTerms(pw)
        .item("condition", condition)
        .item("joinType", joinType.lowerName)
        .item("keys", keysTerm(this, leftKeys, rightKeys))
        .item("build", buildLeft ? "left" : "right")
        .item("strategy", "hash");
    return Estimates.explainEstimate(pw, this);
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
    return rowCount(mq, getLeft(), getRight(), leftKeys, rightKeys, joinType);
  }

  /**
   * The rows of an equi-join: each left row meets {@code r / max(ndv(left keys), ndv(right
   * keys))} right rows (the containment assumption: the side with fewer distinct keys finds all
   * its keys on the other side); outer joins add their unmatched rows.
   */
  static double rowCount(RelMetadataQuery mq, RelNode left, RelNode right, int[] leftKeys,
      int[] rightKeys, JoinRelType type) {
    double l = Math.max(1, mq.getRowCount(left));
    double r = Math.max(1, mq.getRowCount(right));
    double ndvL = Estimates.distinct(mq, left, ImmutableBitSet.of(leftKeys));
    double ndvR = Estimates.distinct(mq, right, ImmutableBitSet.of(rightKeys));
    double inner = l * r / Math.max(ndvL, ndvR);
    switch (type) {
      case LEFT: return l * (1 - Math.min(1, ndvR / ndvL)) + inner;
      case RIGHT: return r * (1 - Math.min(1, ndvL / ndvR)) + inner;
      case FULL: return l * (1 - Math.min(1, ndvR / ndvL)) + r * (1 - Math.min(1, ndvL / ndvR))
          + inner;
      case SEMI: return Math.max(1, l * Math.min(1, ndvR / ndvL));
      case ANTI: return Math.max(1, l * (1 - Math.min(1, ndvR / ndvL)));
      default: return Math.max(1, inner);
    }
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double l = mq.getRowCount(getLeft());
    double r = mq.getRowCount(getRight());
    double out = mq.getRowCount(this);
    double build = buildLeft ? l : r;
    double probe = buildLeft ? r : l;
    List<FieldType> buildTypes = buildLeft ? leftTypes : rightTypes;
    List<FieldType> probeTypes = buildLeft ? rightTypes : leftTypes;
    double buildBytes = build * (Estimates.rowBytes(buildTypes) + Estimates.HASH_ENTRY_BYTES);
    long budget = Estimates.budget(this);
    // beyond the budget both sides are partitioned to spill files and read back (grace join)
    double io = buildBytes > budget
        ? Estimates.spillIo(buildBytes + probe * Estimates.rowBytes(probeTypes), 0) : 0;
    double cpu = (build + probe) * Estimates.HASH_ROW
        + out * getRowType().getFieldCount() * Estimates.COPY_VALUE;
    return CurataCost.make(planner, out, cpu, io, Estimates.held(buildBytes, budget));
  }

  /** Whether the hash table holds the left input. */
  public boolean buildLeft() {
    return buildLeft;
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
