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
    RelOptCost cost = super.computeSelfCost(planner, mq);
    return cost == null ? null : cost.multiplyBy(0.1);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    ExecNode plan = new CurataRel.Implementor().visitChild(getInput());
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        pref.preferArray());
    boolean scalar = physType.getFormat() == JavaRowFormat.SCALAR;
    int batchSize = batchSize(getInput());
    CurataQuery query = new CurataQuery(plan, batchSize, scalar);
    Expression stashed = implementor.stash(query, CurataQuery.class);
    BlockBuilder builder = new BlockBuilder();
    builder.add(Expressions.return_(null,
        Expressions.call(stashed, "enumerable", implementor.getRootExpression())));
    return implementor.result(physType, builder.toBlock());
  }

  /** The batch size of the schema of the first scan below (all scans of a query share one). */
  private static int batchSize(RelNode rel) {
    if (rel instanceof CurataTableScan scan) {
      return scan.curataTable().batchSize();
    }
    for (RelNode input : rel.getInputs()) {
      int b = batchSize(input);
      if (b > 0) {
        return b;
      }
    }
    return rel instanceof CurataRel ? org.curata.adapter.CurataSchema.DEFAULT_BATCH_SIZE : -1;
  }
}
