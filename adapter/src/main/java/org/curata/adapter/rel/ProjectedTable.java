package org.curata.adapter.rel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.RelOptSchema;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelDistribution;
import org.apache.calcite.rel.RelDistributions;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelReferentialConstraint;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.ColumnStrategy;
import org.apache.calcite.util.ImmutableBitSet;
import org.curata.adapter.CurataTable;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;

/**
 * The table a narrowed {@link CurataTableScan} reports to Calcite: the scanned table seen through
 * the scan's fields, so that metadata read from the table (collations, unique keys, column
 * strategies, the row type) is numbered like the scan's columns. Calcite's metadata handlers ask
 * {@code scan.getTable()} and take the answer as scan column numbers; answering in dataframe field
 * numbers gave the field trimmer a sort key at a column the scan does not have (an
 * IndexOutOfBoundsException) and could make a non-key column look unique.
 */
final class ProjectedTable implements RelOptTable {
  private final RelOptTable base;
  private final int[] fields;
  private final RelDataType rowType;

  /**
   * Creates a view of {@code base} through {@code fields}.
   *
   * @param base the table as the catalog gives it (every dataframe field)
   * @param fields the dataframe field index of each column, in column order
   * @param rowType the row type of those columns
   */
  ProjectedTable(RelOptTable base, int[] fields, RelDataType rowType) {
    this.base = Objects.requireNonNull(base, "base");
    this.fields = fields.clone();
    this.rowType = Objects.requireNonNull(rowType, "rowType");
  }

  /** The column holding dataframe field {@code field}, or -1. */
  private int columnOf(int field) {
    for (int i = 0; i < fields.length; i++) {
      if (fields[i] == field) {
        return i;
      }
    }
    return -1;
  }

  /** The base table's collations on these columns: the longest prefix of each that is read. */
  static List<RelCollation> collations(List<RelCollation> declared, int[] fields) {
    List<RelCollation> out = new ArrayList<>();
    for (RelCollation c : declared) {
      List<RelFieldCollation> kept = new ArrayList<>();
      for (RelFieldCollation fc : c.getFieldCollations()) {
        int at = -1;
        for (int i = 0; i < fields.length && at < 0; i++) {
          at = fields[i] == fc.getFieldIndex() ? i : -1;
        }
        if (at < 0) {
          break;
        }
        kept.add(fc.withFieldIndex(at));
      }
      if (!kept.isEmpty()) {
        out.add(RelCollations.of(kept));
      }
    }
    return out;
  }

  @Override
  public List<String> getQualifiedName() {
    return base.getQualifiedName();
  }

  @Override
  public double getRowCount() {
    return base.getRowCount();
  }

  @Override
  public RelDataType getRowType() {
    return rowType;
  }

  @Override
  public RelOptSchema getRelOptSchema() {
    return base.getRelOptSchema();
  }

  @Override
  public RelNode toRel(ToRelContext context) {
    CurataTable table = base.unwrapOrThrow(CurataTable.class);
    return CurataTableScan.create(context.getCluster(), base, table).withFields(fields);
  }

  @Override
  public List<RelCollation> getCollationList() {
    List<RelCollation> declared = base.getCollationList();
    return declared == null ? List.of() : collations(declared, fields);
  }

  @Override
  public RelDistribution getDistribution() {
    RelDistribution d = base.getDistribution();
    return d == null || d.getKeys().isEmpty() ? d : RelDistributions.ANY;
  }

  @Override
  public boolean isKey(ImmutableBitSet columns) {
    for (ImmutableBitSet key : getKeys()) {
      if (columns.contains(key)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<ImmutableBitSet> getKeys() {
    List<ImmutableBitSet> declared = base.getKeys();
    List<ImmutableBitSet> out = new ArrayList<>();
    if (declared == null) {
      return out;
    }
    outer:
    for (ImmutableBitSet key : declared) {
      ImmutableBitSet.Builder b = ImmutableBitSet.builder();
      for (int f : key) {
        int at = columnOf(f);
        if (at < 0) {
          continue outer;
        }
        b.set(at);
      }
      out.add(b.build());
    }
    return out;
  }

  @Override
  public List<RelReferentialConstraint> getReferentialConstraints() {
    return List.of();
  }

  @Override
  @SuppressWarnings("rawtypes") // the signature RelOptTable declares
  public Expression getExpression(Class clazz) {
    return base.getExpression(clazz);
  }

  @Override
  public RelOptTable extend(List<RelDataTypeField> extendedFields) {
    throw new CurataException(ErrorCode.UNSUPPORTED, "dataframe "
        + base.getQualifiedName() + " cannot be extended with columns " + extendedFields);
  }

  @Override
  public List<ColumnStrategy> getColumnStrategies() {
    List<ColumnStrategy> all = base.getColumnStrategies();
    List<ColumnStrategy> out = new ArrayList<>();
    for (int f : fields) {
      out.add(all.get(f));
    }
    return out;
  }

  @Override
  public <C> C unwrap(Class<C> aClass) {
    if (aClass.isInstance(this)) {
      return aClass.cast(this);
    }
    return base.unwrap(aClass);
  }

  @Override
  public String toString() {
    return base + " fields " + java.util.Arrays.toString(fields);
  }
}
