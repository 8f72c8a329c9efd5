package org.curata.adapter.rel;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.BiRel;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.curata.adapter.exec.ExecNode;
import org.curata.adapter.exec.MergeJoinNode;
import org.curata.storage.FieldType;

/**
 * A native equi-join of two inputs already sorted ascending on their keys
 * ({@link MergeJoinNode}): one ordered pass, no hash table, only the current key's right rows
 * buffered. Its inputs are sorted by their collations (a dataframe's declared sort order, as
 * {@code CurataTable} exposes it) or by {@link CurataSort}s; the planner picks it over
 * {@link CurataJoin} when it costs less ({@link CurataCost}). EXPLAIN shows the join type, the
 * keys in merge order and the strategy.
 */
public final class CurataMergeJoin extends BiRel implements CurataRel {
  private final RexNode condition;
  private final JoinRelType joinType;
  private final int[] leftKeys;
  private final int[] rightKeys;
  private final List<FieldType> leftTypes;
  private final List<FieldType> rightTypes;

  /**
   * Creates a merge join; the keys (in the order both inputs are sorted on them) must be those of
   * {@code condition}, supported and {@link MergeJoinNode#mergeable}.
   */
  public CurataMergeJoin(RelOptCluster cluster, RelTraitSet traitSet, RelNode left, RelNode right,
      RexNode condition, JoinRelType joinType, int[] leftKeys, int[] rightKeys,
      RelDataType rowType, List<FieldType> leftTypes, List<FieldType> rightTypes) {
    super(cluster, traitSet, left, right);
    this.condition = Objects.requireNonNull(condition, "condition");
    this.joinType = Objects.requireNonNull(joinType, "joinType");
    this.leftKeys = leftKeys.clone();
    this.rightKeys = rightKeys.clone();
    this.rowType = Objects.requireNonNull(rowType, "rowType");
    this.leftTypes = List.copyOf(leftTypes);
    this.rightTypes = List.copyOf(rightTypes);
  }

  /**
   * The key pairs reordered to the order both inputs are sorted on ({@code [leftKeys,
   * rightKeys]}), or null when no collation of each input starts with all keys ascending, in
   * corresponding order, or a pair is not mergeable.
   */
  public static int[][] mergeOrder(int[] leftKeys, int[] rightKeys, List<RelCollation> leftColl,
      List<RelCollation> rightColl, List<FieldType> leftTypes, List<FieldType> rightTypes) {
    int k = leftKeys.length;
    if (leftColl == null || rightColl == null) {
      return null;
    }
    for (int j = 0; j < k; j++) {
      if (!MergeJoinNode.mergeable(leftTypes.get(leftKeys[j]), rightTypes.get(rightKeys[j]))) {
        return null;
      }
      for (int i = 0; i < j; i++) {
        if (leftKeys[i] == leftKeys[j] || rightKeys[i] == rightKeys[j]) {
          return null;
        }
      }
    }
    for (RelCollation lc : leftColl) {
      List<RelFieldCollation> lf = lc.getFieldCollations();
      if (lf.size() < k) {
        continue;
      }
      int[] ol = new int[k];
      int[] or = new int[k];
      boolean ok = true;
      for (int i = 0; i < k && ok; i++) {
        RelFieldCollation f = lf.get(i);
        int pair = indexOf(leftKeys, f.getFieldIndex());
        ok = pair >= 0 && !f.getDirection().isDescending();
        if (ok) {
          ol[i] = leftKeys[pair];
          or[i] = rightKeys[pair];
        }
      }
      if (ok && startsWith(rightColl, or)) {
        return new int[][] {ol, or};
      }
    }
    return null;
  }

  private static int indexOf(int[] keys, int field) {
    for (int j = 0; j < keys.length; j++) {
      if (keys[j] == field) {
        return j;
      }
    }
    return -1;
  }

  private static boolean startsWith(List<RelCollation> collations, int[] fields) {
    for (RelCollation c : collations) {
      List<RelFieldCollation> f = c.getFieldCollations();
      if (f.size() < fields.length) {
        continue;
      }
      boolean ok = true;
      for (int i = 0; i < fields.length && ok; i++) {
        ok = f.get(i).getFieldIndex() == fields[i] && !f.get(i).getDirection().isDescending();
      }
      if (ok) {
        return true;
      }
    }
    return false;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new CurataMergeJoin(getCluster(), traitSet, inputs.get(0), inputs.get(1), condition,
        joinType, leftKeys, rightKeys, rowType, leftTypes, rightTypes);
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
        .item("keys", CurataJoin.keysTerm(this, leftKeys, rightKeys))
        .item("strategy", "merge");
    return Estimates.explainEstimate(pw, this);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return CurataJoin.rowCount(mq, getLeft(), getRight(), leftKeys, rightKeys, joinType);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double l = mq.getRowCount(getLeft());
    double r = mq.getRowCount(getRight());
    double out = mq.getRowCount(this);
    // one key comparison per input row, the output copied; only one key's right rows held
    double cpu = (l + r) * Estimates.COMPARE
        + out * getRowType().getFieldCount() * Estimates.COPY_VALUE;
    return CurataCost.make(planner, out, cpu, 0, 0);
  }

  @Override
  public List<FieldType> columnTypes() {
    return CurataJoin.outputTypes(joinType, leftTypes, rightTypes);
  }

  @Override
  public ExecNode implement(Implementor implementor) {
    return new MergeJoinNode(implementor.visitChild(getLeft()),
        implementor.visitChild(getRight()), leftKeys, rightKeys, CurataJoin.joinType(joinType));
  }
}
