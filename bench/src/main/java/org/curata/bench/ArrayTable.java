package org.curata.bench;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * A {@link ColumnarTable} as a plain Calcite table: the Enumerable convention scans it, building a
 * boxed row of the projected columns per row (as Calcite's own CSV and file adapters do). Filters
 * are left to Calcite. The scan checks the statement's cancel flag so that a timeout stops it.
 */
final class ArrayTable extends AbstractTable implements ProjectableFilterableTable {
  private final ColumnarTable table;

  ArrayTable(ColumnarTable table) {
    this.table = Objects.requireNonNull(table, "table");
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory f) {
    RelDataTypeFactory.Builder b = f.builder();
    for (Column c : table.def().columns()) {
      RelDataType t;
      switch (c.type()) {
        case ID:
        case CATEGORY_LABEL:
          t = f.createSqlType(SqlTypeName.VARCHAR);
          break;
        case TIMESTAMP:
          t = f.createSqlType(SqlTypeName.TIMESTAMP, 3);
          break;
        case INT32:
          t = f.createSqlType(SqlTypeName.INTEGER);
          break;
        case INT8:
        case CATEGORY_CODE:
          t = f.createSqlType(SqlTypeName.TINYINT);
          break;
        case FLOAT64:
          t = f.createSqlType(SqlTypeName.DOUBLE);
          break;
        case BOOL:
          t = f.createSqlType(SqlTypeName.BOOLEAN);
          break;
        default:
          throw new IllegalStateException("unknown column type " + c.type());
      }
      b.add(c.name(), f.createTypeWithNullability(t, true));
    }
    return b.build();
  }

  @Override
  public Statistic getStatistic() {
    return Statistics.of(table.rows(), List.of(ImmutableBitSet.of(0)));
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters, int[] projects) {
    int width = table.def().columns().size();
    int[] cols = projects;
    if (cols == null) {
      cols = new int[width];
      for (int i = 0; i < width; i++) {
        cols[i] = i;
      }
    }
    int[] columns = cols;
    AtomicBoolean cancel = DataContext.Variable.CANCEL_FLAG.get(root);
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new Enumerator<>() {
          private int row = -1;
          private Object[] current;

          @Override
          public Object[] current() {
            return current;
          }

          @Override
          public boolean moveNext() {
            if (++row >= table.rows()) {
              return false;
            }
            if ((row & 0xFFF) == 0 && cancel != null && cancel.get()) {
              throw new IllegalStateException("query cancelled");
            }
            Object[] r = new Object[columns.length];
            for (int i = 0; i < columns.length; i++) {
              r[i] = table.value(columns[i], row);
            }
            current = r;
            return true;
          }

          @Override
          public void reset() {
            row = -1;
          }

          @Override
          public void close() {
            current = null;
          }
        };
      }
    };
  }
}
