package org.curata.adapter.rel;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterImpl;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.curata.adapter.exec.CurataQuery;
import org.curata.adapter.exec.ExecNode;
import org.curata.adapter.exec.ExecOptions;

/**
 * The boundary to Enumerable: builds the Curata execution plan below it once, at implementation
 * time, and hands Calcite's generated code a {@link CurataQuery} (stashed in the data context, not
 * serialised to strings) that boxes each selected row once.
 */
public final class CurataToEnumerableConverter extends ConverterImpl implements EnumerableRel {

  /** Creates a converter. */
  public CurataToEnumerableConverter(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
    super(cluster, ConventionTraitDef.INSTANCE, traits, input);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new CurataToEnumerableConverter(getCluster(), traitSet, sole(inputs));
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // each row boxed once (an Object[] and a boxed value per column), then handled by a
    // row-at-a-time operator: Calcite's own costs count an aggregate's or a join's output rows
    // only, so the per-row work on the rows handed over is charged here
    double rows = mq.getRowCount(getInput());
    double cols = getRowType().getFieldCount();
    return CurataCost.make(planner, rows,
        rows * (CurataCost.BOXED_ROW_NS + Estimates.BOX_VALUE * cols), 0, 0);
  }

  @Override
  public org.apache.calcite.rel.RelWriter explainTerms(org.apache.calcite.rel.RelWriter pw) {
    return Estimates.explainEstimate(super.explainTerms(pw), this);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    ExecNode plan = new CurataRel.Implementor().visitChild(getInput());
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        pref.preferArray());
    boolean scalar = physType.getFormat() == JavaRowFormat.SCALAR;
    CurataQuery query = new CurataQuery(plan, execOptions(getInput()), scalar);
    Expression stashed = implementor.stash(query, CurataQuery.class);
    BlockBuilder builder = new BlockBuilder();
    builder.add(Expressions.return_(null,
        Expressions.call(stashed, "enumerable", implementor.getRootExpression())));
    return implementor.result(physType, builder.toBlock());
  }

  /** The execution options of the first scan below (all scans of a query share them). */
  private static ExecOptions execOptions(RelNode rel) {
    if (rel instanceof CurataTableScan scan) {
      return scan.curataTable().execOptions();
    }
    for (RelNode input : rel.getInputs()) {
      ExecOptions o = execOptions(input);
      if (o != null) {
        return o;
      }
    }
    return rel instanceof CurataRel ? ExecOptions.defaults() : null;
  }
}
