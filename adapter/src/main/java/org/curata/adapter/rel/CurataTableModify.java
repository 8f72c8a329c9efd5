package org.curata.adapter.rel;

import com.google.common.collect.ImmutableList;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.EnumerableValues;
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
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.Util;
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
    RelNode typed = getInput().accept(new TypedValues());
    CurataTableModify self = typed == getInput() ? this
        : (CurataTableModify) copy(getTraitSet(), List.of(typed));
    BlockBuilder builder = new BlockBuilder();
    Result input = implementor.visitChild(self, 0, (EnumerableRel) typed, Prefer.ARRAY);
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

  /**
   * Gives every VALUES literal below the type of its column, and implements the VALUES as {@link
   * CurataStashedValues} (constant code for any number of rows) where its types allow. For
   * {@code INSERT INTO s VALUES (0.5), (NULL)} into a DOUBLE column, Calcite's converter (and its
   * VALUES reduction) make a VALUES whose row type is DOUBLE but whose literal is still DECIMAL;
   * EnumerableValues then fails an assertion (without assertions it hands a BigDecimal where a
   * Double is due). Each such literal is cast at plan time with Calcite's own CAST semantics.
   */
  private static final class TypedValues extends RelShuttleImpl {
    @Override
    public RelNode visit(RelNode other) {
      RelNode visited = super.visit(other);
      return visited instanceof Values v && visited instanceof EnumerableRel ? typed(v) : visited;
    }

    private static RelNode typed(Values values) {
      RelOptCluster cluster = values.getCluster();
      RexBuilder rex = cluster.getRexBuilder();
      RexExecutor executor = Util.first(cluster.getPlanner().getExecutor(), RexUtil.EXECUTOR);
      List<RelDataTypeField> fields = values.getRowType().getFieldList();
      ImmutableList.Builder<ImmutableList<RexLiteral>> tuples = ImmutableList.builder();
      boolean changed = false;
      for (List<RexLiteral> tuple : values.getTuples()) {
        ImmutableList.Builder<RexLiteral> row = ImmutableList.builder();
        for (int i = 0; i < tuple.size(); i++) {
          RexLiteral lit = tuple.get(i);
          RelDataType want = fields.get(i).getType();
          if (lit.isNull() || sameRepresentation(lit.getType(), want)) {
            row.add(lit);
            continue;
          }
          // to the NOT NULL type, which folds to a bare literal (not a nullability CAST of one)
          RelDataType target = rex.getTypeFactory().createTypeWithNullability(want, false);
          RexLiteral fast = LiteralCasts.fold(rex, lit, target);
          if (fast != null) {
            row.add(fast);
            changed = true;
            continue;
          }
          List<RexNode> reduced = new ArrayList<>();
          try {
            executor.reduce(rex, List.of(rex.makeCast(target, lit, true, false)), reduced);
          } catch (RuntimeException | ExceptionInInitializerError e) {
            // the executor runs the compiled CAST in a static initialiser, hence the Error
            throw new CurataException(ErrorCode.INVALID_INPUT, "INSERT: value " + lit
                + " for column '" + fields.get(i).getName() + "' is not a valid "
                + want.getSqlTypeName() + " (" + rootMessage(e) + "); supply a value of that type",
                e);
          }
          RexNode r = reduced.isEmpty() ? null : reduced.get(0);
          if (!(r instanceof RexLiteral folded) || !sameRepresentation(folded.getType(), want)) {
            throw new CurataException(ErrorCode.UNSUPPORTED, "INSERT: value " + lit + " for column '"
                + fields.get(i).getName() + "' of type " + want + " cannot be converted at plan"
                + " time; write it as CAST(... AS " + want.getSqlTypeName() + ")");
          }
          row.add(folded);
          changed = true;
        }
        tuples.add(row.build());
      }
      ImmutableList<ImmutableList<RexLiteral>> typed = tuples.build();
      if (CurataStashedValues.canStash(values.getRowType(), typed)) {
        return values instanceof CurataStashedValues && !changed ? values
            : CurataStashedValues.create(cluster, values.getRowType(), typed);
      }
      return changed ? EnumerableValues.create(cluster, values.getRowType(), typed) : values;
    }

    private static String rootMessage(Throwable e) {
      Throwable t = e;
      while (t.getCause() != null && t.getCause() != t) {
        t = t.getCause();
      }
      return t.toString();
    }

    /** True when a value of type {@code have} is held as Enumerable holds one of {@code want}. */
    private static boolean sameRepresentation(RelDataType have, RelDataType want) {
      SqlTypeName h = have.getSqlTypeName();
      SqlTypeName w = want.getSqlTypeName();
      return h == w || (SqlTypeName.CHAR_TYPES.contains(h) && SqlTypeName.CHAR_TYPES.contains(w));
    }
  }
}
