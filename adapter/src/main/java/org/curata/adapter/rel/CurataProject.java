package org.curata.adapter.rel;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.curata.adapter.exec.ExecNode;
import org.curata.adapter.exec.ProjectNode;
import org.curata.storage.FieldType;

/**
 * A projection of plain column references: it rearranges column vectors, copying nothing.
 * Projections of expressions run in Enumerable above the converter. (Not a Calcite
 * {@code Project}, so that core rules cannot rewrite it into something it cannot run.)
 */
public final class CurataProject extends SingleRel implements CurataRel {
  private final int[] mapping;
  private final List<FieldType> types;

  /**
   * Creates a projection.
   *
   * @param projects plain column references (checked)
   * @param rowType the output row type
   * @param inputTypes the column types of the input
   */
  public CurataProject(RelOptCluster cluster, RelTraitSet traitSet, RelNode input,
      List<? extends RexNode> projects, RelDataType rowType, List<FieldType> inputTypes) {
    super(cluster, traitSet, input);
    this.mapping = mapping(projects);
    if (mapping == null) {
      throw new IllegalArgumentException("CurataProject takes only column references: " + projects);
    }
    this.rowType = rowType;
    List<FieldType> in = inputTypes;
    List<FieldType> out = new ArrayList<>();
    for (int m : mapping) {
      out.add(in.get(m));
    }
    this.types = List.copyOf(out);
  }

  private CurataProject(RelOptCluster cluster, RelTraitSet traitSet, RelNode input, int[] mapping,
      RelDataType rowType, List<FieldType> types) {
    super(cluster, traitSet, input);
    this.mapping = mapping;
    this.rowType = rowType;
    this.types = types;
  }

  /** The input column of each expression, or null if one is not a plain reference. */
  public static int[] mapping(List<? extends RexNode> projects) {
    int[] m = new int[projects.size()];
    for (int i = 0; i < m.length; i++) {
      if (!(projects.get(i) instanceof RexInputRef ref)) {
        return null;
      }
      m[i] = ref.getIndex();
    }
    return m;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new CurataProject(getCluster(), traitSet, sole(inputs), mapping, rowType, types);
  }

  @Override
  protected RelDataType deriveRowType() {
    return rowType;
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    super.explainTerms(pw);
    List<String> in = getInput().getRowType().getFieldNames();
    List<String> out = getRowType().getFieldNames();
    for (int i = 0; i < mapping.length; i++) {
      pw.item(out.get(i), in.get(mapping[i]));
    }
    return pw;
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    RelOptCost cost = super.computeSelfCost(planner, mq);
    return cost == null ? null : cost.multiplyBy(0.1);
  }

  @Override
  public List<FieldType> columnTypes() {
    return types;
  }

  @Override
  public ExecNode implement(Implementor implementor) {
    return new ProjectNode(implementor.visitChild(getInput()), mapping);
  }
}
