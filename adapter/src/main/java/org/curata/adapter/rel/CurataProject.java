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
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.curata.adapter.exec.ComputeNode;
import org.curata.adapter.exec.ExecNode;
import org.curata.adapter.exec.Expr;
import org.curata.adapter.exec.ProjectNode;
import org.curata.storage.FieldType;

/**
 * A projection: of plain column references it rearranges column vectors, copying nothing; of
 * expressions it evaluates each compiled {@link Expr} over whole vectors (see
 * {@link ExprCompiler} for what compiles; a projection with anything else stays in Enumerable).
 * (Not a Calcite {@code Project}, so that core rules cannot rewrite it into something it cannot
 * run.)
 */
public final class CurataProject extends SingleRel implements CurataRel {
  private final int[] mapping;
  private final List<Expr> exprs;
  private final List<FieldType> types;

  /**
   * A projection, or null when an expression cannot be compiled (Calcite then runs it).
   *
   * @param projects column references or expressions
   * @param rowType the output row type
   * @param inputTypes the column types of the input ({@code input} may be another convention's
   *     rel with these types, still to be converted)
   */
  public static CurataProject create(RelOptCluster cluster, RelTraitSet traitSet, RelNode input,
      List<? extends RexNode> projects, RelDataType rowType, List<FieldType> inputTypes) {
    List<Expr> exprs = compile(cluster.getRexBuilder(), projects, inputTypes,
        input.getRowType().getFieldNames());
    if (exprs == null) {
      return null;
    }
    List<FieldType> out = new ArrayList<>();
    for (Expr e : exprs) {
      out.add(e.type());
    }
    return new CurataProject(cluster, traitSet, input, mapping(projects), exprs, rowType,
        List.copyOf(out));
  }

  private CurataProject(RelOptCluster cluster, RelTraitSet traitSet, RelNode input, int[] mapping,
      List<Expr> exprs, RelDataType rowType, List<FieldType> types) {
    super(cluster, traitSet, input);
    this.mapping = mapping;
    this.exprs = exprs;
    this.rowType = rowType;
    this.types = types;
  }

  /**
   * The input column output column {@code column} passes on unchanged, or -1 when the projection
   * computes anything (then no column is known to pass on).
   */
  public int inputColumn(int column) {
    return mapping == null ? -1 : mapping[column];
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

  /** The compiled projections over an input of the given column types, or null if one fails. */
  public static List<Expr> compile(RexBuilder rexBuilder, List<? extends RexNode> projects,
      List<FieldType> inputTypes, List<String> inputNames) {
    ExprCompiler c = new ExprCompiler(rexBuilder, inputTypes, inputNames);
    List<Expr> out = new ArrayList<>();
    for (RexNode p : projects) {
      Expr e = c.project(p);
      if (e == null) {
        return null;
      }
      out.add(e);
    }
    return List.copyOf(out);
  }

  /** The input column of each output column, or null when one is computed. */
  int[] refs() {
    return mapping == null ? null : mapping.clone();
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new CurataProject(getCluster(), traitSet, sole(inputs), mapping, exprs, rowType, types);
  }

  @Override
  protected RelDataType deriveRowType() {
    return rowType;
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    super.explainTerms(pw);
    List<String> out = getRowType().getFieldNames();
    for (int i = 0; i < exprs.size(); i++) {
      pw.item(out.get(i), exprs.get(i).toString());
    }
    return Estimates.explainEstimate(pw, this);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // rearranging vectors copies nothing; an expression costs about two operations per value
    double rows = mq.getRowCount(getInput());
    double perRow = 0.1;
    if (mapping == null) {
      perRow += 2.0 * exprs.size();
    }
    return CurataCost.make(planner, rows, rows * perRow, 0, 0);
  }

  @Override
  public List<FieldType> columnTypes() {
    return types;
  }

  @Override
  public ExecNode implement(Implementor implementor) {
    ExecNode in = implementor.visitChild(getInput());
    return mapping != null ? new ProjectNode(in, mapping) : new ComputeNode(in, exprs);
  }
}
