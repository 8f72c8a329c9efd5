package org.curata.adapter.rel;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Folds a multi-row VALUES that Calcite converted row by row back into one VALUES. When a row
 * needs a conversion (a CAST the validator added, or a driver check), Calcite's converter makes
 * {@code UNION ALL} of one one-row projection per row; its planners are quadratic in the inputs
 * of such a union, and its code generator inlines every row. Where the rows of a column are
 * literals or apply one conversion to a literal, the conversion is lifted into one projection
 * above a VALUES of the literals: one expression per column, evaluated per row at run time (so a
 * value that does not convert still fails naming its column). A union of another shape is kept.
 */
public final class ValuesFolding {
  private ValuesFolding() {
  }

  /** The tree, with each foldable union of constant rows replaced by VALUES (and a projection). */
  public static RelNode fold(RelNode rel) {
    return rel.accept(new Shuttle());
  }

  /** Folds unions bottom-up. */
  private static final class Shuttle extends RelShuttleImpl {
    @Override
    public RelNode visit(LogicalUnion union) {
      RelNode visited = super.visit(union);
      return visited instanceof LogicalUnion u ? folded(u) : visited;
    }
  }

  private static RelNode folded(LogicalUnion union) {
    if (!union.all) {
      return union;
    }
    List<List<RexNode>> rows = new ArrayList<>();
    for (RelNode input : union.getInputs()) {
      if (input instanceof LogicalValues v) {
        v.getTuples().forEach(t -> rows.add(List.copyOf(t)));
      } else if (input instanceof LogicalProject p && p.getInput() instanceof LogicalValues v
          && v.getTuples().size() == 1 && RelOptUtil.InputFinder.bits(p.getProjects(), null)
              .isEmpty()) {
        List<RexNode> row = new ArrayList<>(p.getProjects().size());
        for (RexNode e : p.getProjects()) {
          row.add(withoutNullabilityCast(e));
        }
        rows.add(row);
      } else {
        return union;
      }
    }
    if (rows.size() < 2) {
      return union;
    }
    RexBuilder rex = union.getCluster().getRexBuilder();
    RelDataTypeFactory types = rex.getTypeFactory();
    List<RelDataTypeField> fields = union.getRowType().getFieldList();
    int n = fields.size();
    Column[] columns = new Column[n];
    RelDataTypeFactory.Builder valuesType = types.builder();
    for (int j = 0; j < n; j++) {
      Column column = column(rows, j);
      if (!column.foldable()) {
        return union;
      }
      columns[j] = column;
      RelDataType type = fields.get(j).getType();
      if (column.conversion() != null) {
        valuesType.add(fields.get(j).getName() + "$ARG",
            types.createTypeWithNullability(liftedType(column.conversion(), types), true));
        type = types.createTypeWithNullability(type, true);
      }
      if (column.conversion() == null || column.literals()) {
        valuesType.add(fields.get(j).getName(), type);
      }
    }
    RelDataType rowType = valuesType.build();
    List<RelDataTypeField> valuesFields = rowType.getFieldList();
    ImmutableList.Builder<ImmutableList<RexLiteral>> tuples = ImmutableList.builder();
    for (List<RexNode> row : rows) {
      ImmutableList.Builder<RexLiteral> tuple = ImmutableList.builder();
      int k = 0;
      for (int j = 0; j < n; j++) {
        RexNode e = row.get(j);
        Column column = columns[j];
        if (column.conversion() != null) {
          tuple.add(e instanceof RexCall call ? (RexLiteral) call.getOperands().get(0)
              : rex.makeNullLiteral(valuesFields.get(k).getType()));
          k++;
        }
        if (column.conversion() == null || column.literals()) {
          tuple.add(e instanceof RexLiteral lit ? lit
              : rex.makeNullLiteral(valuesFields.get(k).getType()));
          k++;
        }
      }
      tuples.add(tuple.build());
    }
    LogicalValues values = LogicalValues.create(union.getCluster(), rowType, tuples.build());
    boolean lifted = false;
    List<RexNode> exprs = new ArrayList<>(n);
    int k = 0;
    for (int j = 0; j < n; j++) {
      Column column = columns[j];
      RelDataType type = fields.get(j).getType();
      if (column.conversion() == null) {
        exprs.add(rex.makeInputRef(values, k++));
        continue;
      }
      lifted = true;
      RexNode arg = rex.makeInputRef(values, k++);
      List<RexNode> operands = new ArrayList<>(column.conversion().getOperands());
      operands.set(0, arg);
      RexNode converted = column.conversion().clone(type, operands);
      if (column.literals()) {
        // a row gives either a literal of the column's type or a value to convert
        converted = rex.makeCall(type, SqlStdOperatorTable.CASE, List.of(
            rex.makeCall(SqlStdOperatorTable.IS_NOT_NULL, arg), converted,
            rex.makeInputRef(values, k++)));
      }
      exprs.add(converted);
    }
    if (!lifted) {
      return values;
    }
    return LogicalProject.create(values, List.of(), exprs, union.getRowType().getFieldNames(),
        Set.of());
  }

  /** The operand of a CAST that changes only nullability, recursively; else the expression. */
  private static RexNode withoutNullabilityCast(RexNode e) {
    RexNode x = e;
    while (x.getKind() == SqlKind.CAST && x instanceof RexCall c && c.getOperands().size() == 1
        && SqlTypeUtil.equalSansNullability(c.getType(), c.getOperands().get(0).getType())) {
      x = c.getOperands().get(0);
    }
    return x;
  }

  /**
   * What a column's rows hold: foldable with no conversion when every row is a literal; foldable
   * with a conversion when every row that is not a literal applies the same call, with the same
   * other operands, to a literal; {@code literals} when some rows are literals other than NULL.
   */
  private record Column(boolean foldable, RexCall conversion, boolean literals) {
    static final Column NOT_FOLDABLE = new Column(false, null, false);
  }

  private static Column column(List<List<RexNode>> rows, int j) {
    RexCall template = null;
    boolean nonNullLiteral = false;
    for (List<RexNode> row : rows) {
      RexNode e = row.get(j);
      if (e instanceof RexLiteral lit) {
        nonNullLiteral |= !lit.isNull();
        continue;
      }
      if (!(e instanceof RexCall call) || !call.getOperator().isDeterministic()
          || call.getOperands().isEmpty()) {
        return Column.NOT_FOLDABLE;
      }
      for (RexNode operand : call.getOperands()) {
        if (!(operand instanceof RexLiteral)) {
          return Column.NOT_FOLDABLE;
        }
      }
      if (template == null) {
        template = call;
      } else if (!sameConversion(template, call)) {
        return Column.NOT_FOLDABLE;
      }
    }
    return new Column(true, template, nonNullLiteral);
  }

  private static boolean sameConversion(RexCall a, RexCall b) {
    List<RexNode> x = a.getOperands();
    List<RexNode> y = b.getOperands();
    return a.getOperator().equals(b.getOperator()) && x.size() == y.size()
        && a.getType().getSqlTypeName() == b.getType().getSqlTypeName()
        && a.getType().getPrecision() == b.getType().getPrecision()
        && a.getType().getScale() == b.getType().getScale()
        && sameLiteralType(x.get(0).getType(), y.get(0).getType())
        && x.subList(1, x.size()).equals(y.subList(1, y.size()));
  }

  /** Equal but for nullability and, for strings, length. */
  private static boolean sameLiteralType(RelDataType a, RelDataType b) {
    if (SqlTypeUtil.inCharFamily(a) && SqlTypeUtil.inCharFamily(b)) {
      return true;
    }
    return a.getSqlTypeName() == b.getSqlTypeName() && a.getPrecision() == b.getPrecision()
        && a.getScale() == b.getScale();
  }

  /** The type of the lifted literals: the template's operand type, strings as VARCHAR. */
  private static RelDataType liftedType(RexCall template, RelDataTypeFactory types) {
    RelDataType t = template.getOperands().get(0).getType();
    if (!SqlTypeUtil.inCharFamily(t)) {
      return t;
    }
    return types.createTypeWithCharsetAndCollation(types.createSqlType(SqlTypeName.VARCHAR),
        t.getCharset(), t.getCollation());
  }
}
