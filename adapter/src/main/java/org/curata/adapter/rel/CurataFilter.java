package org.curata.adapter.rel;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.curata.adapter.exec.ExecNode;
import org.curata.adapter.exec.Expr;
import org.curata.adapter.exec.ExprFilterNode;
import org.curata.adapter.exec.FilterNode;
import org.curata.adapter.exec.Predicate;
import org.curata.storage.FieldType;

/**
 * A filter whose whole condition compiled into a typed predicate on its input's columns, or else
 * into a boolean {@link Expr} (rows where it is TRUE are kept); it narrows the selection vector of
 * each batch. A filter directly on a scan is folded into the scan
 * instead, where it can also skip blocks. (Not a Calcite {@code Filter}, so that core rules cannot
 * change its condition under its compiled predicate.)
 */
public final class CurataFilter extends SingleRel implements CurataRel {
  private final RexNode condition;
  private final Predicate predicate;
  private final Expr expr;
  private final List<FieldType> types;

  /**
   * Creates a filter; {@code predicate} must be the translation of {@code condition} over input
   * columns of {@code inputTypes}.
   */
  public CurataFilter(RelOptCluster cluster, RelTraitSet traitSet, RelNode input,
      RexNode condition, Predicate predicate, List<FieldType> inputTypes) {
    this(cluster, traitSet, input, condition, Objects.requireNonNull(predicate, "predicate"), null,
        inputTypes);
  }

  /**
   * Creates a filter; {@code expr} must be the compilation of {@code condition} over input
   * columns of {@code inputTypes}.
   */
  public CurataFilter(RelOptCluster cluster, RelTraitSet traitSet, RelNode input,
      RexNode condition, Expr expr, List<FieldType> inputTypes) {
    this(cluster, traitSet, input, condition, null, Objects.requireNonNull(expr, "expr"),
        inputTypes);
  }

  private CurataFilter(RelOptCluster cluster, RelTraitSet traitSet, RelNode input,
      RexNode condition, Predicate predicate, Expr expr, List<FieldType> inputTypes) {
    super(cluster, traitSet, input);
    this.condition = Objects.requireNonNull(condition, "condition");
    this.predicate = predicate;
    this.expr = expr;
    this.types = List.copyOf(inputTypes);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new CurataFilter(getCluster(), traitSet, sole(inputs), condition, predicate, expr,
        types);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    super.explainTerms(pw).item("condition", condition);
    if (predicate != null) {
      pw.item("predicate", predicate);
    } else {
      pw.item("expr", expr);
    }
    return Estimates.explainEstimate(pw, this);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return mq.getRowCount(getInput()) * RelMdUtil.guessSelectivity(condition);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // one operation per row and predicate term; a compiled expression evaluates a few vectors
    double rows = mq.getRowCount(getInput());
    double perRow = predicate != null ? Math.max(1, Predicate.columns(predicate).length) : 4;
    return CurataCost.make(planner, mq.getRowCount(this), rows * perRow, 0, 0);
  }

  @Override
  public List<FieldType> columnTypes() {
    return types;
  }

  @Override
  public ExecNode implement(Implementor implementor) {
    ExecNode in = implementor.visitChild(getInput());
    return predicate != null ? new FilterNode(in, predicate) : new ExprFilterNode(in, expr);
  }
}
