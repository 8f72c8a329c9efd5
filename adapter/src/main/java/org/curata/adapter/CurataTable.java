package org.curata.adapter;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ModifiableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.util.ImmutableBitSet;
import org.curata.adapter.exec.ExecOptions;
import org.curata.adapter.exec.Inserter;
import org.curata.adapter.exec.TableSource;
import org.curata.adapter.rel.CurataTableScan;
import org.curata.adapter.rel.ValuesFolding;
import org.curata.adapter.rule.CurataRules;
import org.curata.storage.CurataException;
import org.curata.storage.DataFrame;
import org.curata.storage.Dataset;
import org.curata.storage.ErrorCode;
import org.curata.storage.Field;
import org.curata.storage.FieldKind;

/**
 * A dataframe at one pinned version as a Calcite table: scanned by {@link CurataTableScan},
 * appended to by {@code CurataTableModify} (INSERT only).
 */
public final class CurataTable extends AbstractTable
    implements TranslatableTable, ModifiableTable, TableSource {
  private final Dataset dataset;
  private final PinnedVersion version;
  private final DataFrame frame;
  private final ExecOptions options;

  CurataTable(Dataset dataset, PinnedVersion version, DataFrame frame, ExecOptions options) {
    this.dataset = Objects.requireNonNull(dataset, "dataset");
    this.version = Objects.requireNonNull(version, "version");
    this.frame = Objects.requireNonNull(frame, "frame");
    this.options = options;
  }

  @Override
  public String name() {
    return frame.name();
  }

  @Override
  public long versionId() {
    return version.versionId();
  }

  @Override
  public DataFrame plannedFrame() {
    return frame;
  }

  @Override
  public Lease lease() {
    return version.lease(frame.name());
  }

  /** How statements over this table execute (batch size, memory budget, threads). */
  public ExecOptions execOptions() {
    return options;
  }

  /** The writer of INSERT statements into this dataframe. */
  public Inserter inserter() {
    return new Inserter(dataset, frame.name());
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return CurataTypes.rowType(frame.fields(), typeFactory);
  }

  /**
   * Row count; unique key from the primary key; collation from the sort keys (ascending, NULLs
   * first) up to the first key whose SQL order may differ from the stored order (categoricals
   * sort by label in SQL but are stored by code; strings compare as UTF-16 in Calcite).
   */
  @Override
  public Statistic getStatistic() {
    List<ImmutableBitSet> keys = new ArrayList<>();
    if (!frame.primaryKeys().isEmpty()) {
      ImmutableBitSet.Builder b = ImmutableBitSet.builder();
      for (String k : frame.primaryKeys()) {
        b.set(indexOf(k));
      }
      keys.add(b.build());
    }
    List<RelFieldCollation> sort = new ArrayList<>();
    for (String k : frame.sortKeys()) {
      int i = indexOf(k);
      FieldKind kind = frame.fields().get(i).type().kind();
      if (kind == FieldKind.CATEGORICAL || kind.isString()) {
        break;
      }
      sort.add(new RelFieldCollation(i, RelFieldCollation.Direction.ASCENDING,
          RelFieldCollation.NullDirection.FIRST));
    }
    List<RelCollation> collations = sort.isEmpty() ? List.of() : List.of(RelCollations.of(sort));
    return Statistics.of((double) frame.rowCount(), keys, collations);
  }

  private int indexOf(String field) {
    List<Field> fields = frame.fields();
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(field)) {
        return i;
      }
    }
    throw new CurataException(ErrorCode.CORRUPTION, "dataframe '" + frame.name()
        + "' declares key field '" + field + "', which it does not have");
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return CurataTableScan.create(context.getCluster(), relOptTable, this);
  }

  /** Not used: INSERT runs through {@code CurataTableModify}, never through a collection. */
  @Override
  public Collection<?> getModifiableCollection() {
    throw new CurataException(ErrorCode.INTERNAL, "INSERT into dataframe '" + frame.name()
        + "' must run through CurataTableModify; the Curata rules were not registered");
  }

  @Override
  public TableModify toModificationRel(RelOptCluster cluster, RelOptTable table,
      Prepare.CatalogReader catalogReader, RelNode child, TableModify.Operation operation,
      List<String> updateColumnList, List<RexNode> sourceExpressionList, boolean flattened) {
    if (operation != TableModify.Operation.INSERT) {
      throw new CurataException(ErrorCode.UNSUPPORTED, operation + " on dataframe '" + frame.name()
          + "' is not supported: Curata dataframes are append-only; use INSERT, or CREATE TABLE AS"
          + " to write a changed copy");
    }
    // INSERT VALUES reads no Curata table, so no scan registered the rules that implement it
    for (RelOptRule rule : CurataRules.RULES) {
      cluster.getPlanner().addRule(rule);
    }
    // a multi-row VALUES that Calcite converted row by row is one VALUES again before planning
    return LogicalTableModify.create(table, catalogReader, ValuesFolding.fold(child), operation,
        updateColumnList, sourceExpressionList, flattened);
  }

  @Override
  public <T> Queryable<T> asQueryable(QueryProvider queryProvider, SchemaPlus schema,
      String tableName) {
    throw new CurataException(ErrorCode.UNSUPPORTED, "dataframe '" + frame.name()
        + "' is queried through SQL, not through linq4j Queryable");
  }

  @Override
  public Type getElementType() {
    return Object[].class;
  }

  @Override
  @SuppressWarnings("rawtypes") // the signature Calcite's QueryableTable declares
  public Expression getExpression(SchemaPlus schema, String tableName, Class clazz) {
    return Schemas.tableExpression(schema, getElementType(), tableName, clazz);
  }
}
