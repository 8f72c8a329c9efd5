package org.curata.adapter.rel;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.curata.adapter.CurataTable;
import org.curata.adapter.exec.Inserter;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;

/**
 * INSERT into a dataframe: consumes its input's rows and appends them in one storage transaction
 * (all rows or none), returning the row count. Its input produces boxed rows (VALUES, or any
 * query), so it lives in the Enumerable convention rather than Curata's.
 */
public final class CurataTableModify extends TableModify implements EnumerableRel {
  private static final Method INSERT =
      Types.lookupMethod(Inserter.class, "insert", Enumerable.class, boolean.class);

  /** Creates an INSERT; other operations are refused. */
  public CurataTableModify(RelOptCluster cluster, RelTraitSet traitSet, RelOptTable table,
      Prepare.CatalogReader catalogReader, RelNode input, Operation operation,
      List<String> updateColumnList, List<RexNode> sourceExpressionList, boolean flattened) {
    super(cluster, traitSet, table, catalogReader, input, operation, updateColumnList,
        sourceExpressionList, flattened);
    if (operation != Operation.INSERT) {
      throw new CurataException(ErrorCode.UNSUPPORTED, operation + " on dataframe "
          + table.getQualifiedName() + " is not supported: Curata dataframes are append-only");
    }
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new CurataTableModify(getCluster(), traitSet, getTable(), getCatalogReader(),
        sole(inputs), getOperation(), getUpdateColumnList(), getSourceExpressionList(),
        isFlattened());
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    RelOptCost cost = super.computeSelfCost(planner, mq);
    return cost == null ? null : cost.multiplyBy(0.01);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    CurataTable target = getTable().unwrapOrThrow(CurataTable.class);
    BlockBuilder builder = new BlockBuilder();
    Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    Expression rows = builder.append("rows", input.block);
    JavaRowFormat format = input.physType.getFormat();
    boolean scalar = format == JavaRowFormat.SCALAR;
    if (!scalar && format != JavaRowFormat.ARRAY) {
      rows = builder.append("arrays", input.physType.convertTo(rows, JavaRowFormat.ARRAY));
    }
    Expression inserter = implementor.stash(target.inserter(), Inserter.class);
    builder.add(Expressions.return_(null,
        Expressions.call(inserter, INSERT, rows, Expressions.constant(scalar))));
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        JavaRowFormat.SCALAR);
    return implementor.result(physType, builder.toBlock());
  }
}
