package org.curata.adapter.rel;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.curata.adapter.exec.ExecNode;
import org.curata.adapter.exec.UnionAllNode;
import org.curata.storage.FieldType;

/** UNION ALL of inputs that produce the same storage types, as {@link UnionAllNode}. */
public final class CurataUnion extends Union implements CurataRel {
  private final List<FieldType> types;

  /** Creates a union; every input produces columns of {@code types}. */
  public CurataUnion(RelOptCluster cluster, RelTraitSet traits, List<RelNode> inputs,
      List<FieldType> types) {
    super(cluster, traits, List.of(), inputs, true);
    this.types = List.copyOf(types);
  }

  @Override
  public SetOp copy(RelTraitSet traitSet, List<RelNode> inputs, boolean all) {
    return new CurataUnion(getCluster(), traitSet, inputs, types);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // hands its inputs' batches on: a little work per batch, none per value
    double rows = mq.getRowCount(this);
    return CurataCost.make(planner, rows, rows * 0.1, 0, 0);
  }

  @Override
  public org.apache.calcite.rel.RelWriter explainTerms(org.apache.calcite.rel.RelWriter pw) {
    return Estimates.explainEstimate(super.explainTerms(pw), this);
  }

  @Override
  public List<FieldType> columnTypes() {
    return types;
  }

  @Override
  public ExecNode implement(Implementor implementor) {
    List<ExecNode> in = new ArrayList<>();
    for (RelNode input : getInputs()) {
      in.add(implementor.visitChild(input));
    }
    return new UnionAllNode(in);
  }
}
