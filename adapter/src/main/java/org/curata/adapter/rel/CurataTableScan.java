package org.curata.adapter.rel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;
import org.curata.adapter.CurataTable;
import org.curata.adapter.exec.ExecNode;
import org.curata.adapter.exec.Predicate;
import org.curata.adapter.exec.ScanNode;
import org.curata.adapter.rule.CurataRules;
import org.curata.storage.Field;
import org.curata.storage.FieldType;

/**
 * Scans a dataframe at its pinned version: reads only the projected fields, evaluates the pushed
 * typed predicate on vectors and skips blocks whose statistics rule it out. EXPLAIN shows the
 * version, fields, pushed predicate and blocks kept at plan time.
 */
public final class CurataTableScan extends TableScan implements CurataRel {
  private final RelOptTable baseTable;
  private final CurataTable curataTable;
  private final int[] fields;
  private final Predicate predicate;
  private final ScanNode node;
  private long[] blockCounts;

  private CurataTableScan(RelOptCluster cluster, RelTraitSet traitSet, RelOptTable table,
      CurataTable curataTable, int[] fields, Predicate predicate) {
    super(cluster, traitSet, List.of(), reported(cluster, table, fields));
    this.baseTable = table;
    this.curataTable = Objects.requireNonNull(curataTable, "curataTable");
    this.fields = fields.clone();
    this.predicate = Objects.requireNonNull(predicate, "predicate");
    this.node = new ScanNode(curataTable, this.fields, predicate);
  }

  /**
   * The table Calcite's metadata sees: the catalog's table when every field is read in order,
   * else that table seen through the fields read (see {@link ProjectedTable}).
   */
  private static RelOptTable reported(RelOptCluster cluster, RelOptTable table, int[] fields) {
    boolean identity = fields.length == table.getRowType().getFieldCount();
    for (int i = 0; i < fields.length && identity; i++) {
      identity = fields[i] == i;
    }
    return identity ? table
        : new ProjectedTable(table, fields, rowType(cluster, table, fields));
  }

  private static RelDataType rowType(RelOptCluster cluster, RelOptTable table, int[] fields) {
    List<RelDataTypeField> all = table.getRowType().getFieldList();
    RelDataTypeFactory.Builder b = cluster.getTypeFactory().builder();
    for (int f : fields) {
      b.add(all.get(f));
    }
    return b.build();
  }

  /** A scan of every field of a table, without predicate. */
  public static CurataTableScan create(RelOptCluster cluster, RelOptTable table,
      CurataTable curataTable) {
    int n = curataTable.plannedFrame().fields().size();
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    return create(cluster, table, curataTable, all, Predicate.TRUE);
  }

  private static CurataTableScan create(RelOptCluster cluster, RelOptTable table,
      CurataTable curataTable, int[] fields, Predicate predicate) {
    RelTraitSet traits = cluster.traitSetOf(CONVENTION)
        .replaceIfs(RelCollationTraitDef.INSTANCE, () -> collations(curataTable, fields));
    return new CurataTableScan(cluster, traits, table, curataTable, fields, predicate);
  }

  /** The table's collations carried to the projected fields (the longest prefix kept). */
  private static List<RelCollation> collations(CurataTable table, int[] fields) {
    List<RelCollation> declared = table.getStatistic().getCollations();
    List<RelCollation> out = declared == null ? new ArrayList<>()
        : new ArrayList<>(ProjectedTable.collations(declared, fields));
    if (out.isEmpty()) {
      out.add(RelCollations.EMPTY);
    }
    return out;
  }

  /** The same scan reading other fields (dataframe field indexes, in output order). */
  public CurataTableScan withFields(int[] newFields) {
    return create(getCluster(), baseTable, curataTable, newFields, predicate);
  }

  /** The same scan with another pushed predicate (on dataframe field indexes). */
  public CurataTableScan withPredicate(Predicate newPredicate) {
    return create(getCluster(), baseTable, curataTable, fields, newPredicate);
  }

  /**
   * Narrows the scan to the used fields when Calcite's field trimmer asks (instead of adding a
   * projection above it).
   */
  @Override
  public RelNode project(ImmutableBitSet fieldsUsed, Set<RelDataTypeField> extraFields,
      RelBuilder relBuilder) {
    if (!extraFields.isEmpty() || fieldsUsed.cardinality() == fields.length) {
      return super.project(fieldsUsed, extraFields, relBuilder);
    }
    if (fieldsUsed.isEmpty()) {
      return super.project(fieldsUsed, extraFields, relBuilder);
    }
    int[] narrowed = new int[fieldsUsed.cardinality()];
    int k = 0;
    for (int i : fieldsUsed) {
      narrowed[k++] = fields[i];
    }
    return withFields(narrowed);
  }

  /** The table scanned. */
  public CurataTable curataTable() {
    return curataTable;
  }

  /** The dataframe field index of each output column. */
  public int[] fields() {
    return fields.clone();
  }

  /** The pushed predicate, on dataframe field indexes. */
  public Predicate predicate() {
    return predicate;
  }

  @Override
  public List<FieldType> columnTypes() {
    return node.columnTypes();
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    if (traitSet.equals(getTraitSet())) {
      return this;
    }
    return new CurataTableScan(getCluster(), traitSet, baseTable, curataTable, fields, predicate);
  }

  @Override
  public RelDataType deriveRowType() {
    return rowType(getCluster(), baseTable, fields);
  }

  private long[] blockCounts() {
    if (blockCounts == null) {
      blockCounts = node.blockCounts();
    }
    return blockCounts;
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    List<Field> all = curataTable.plannedFrame().fields();
    List<String> names = new ArrayList<>();
    for (int f : fields) {
      names.add(all.get(f).name());
    }
    long[] blocks = blockCounts();
    return super.explainTerms(pw)
        .item("version", curataTable.versionId())
        .item("fields", names)
        .itemIf("filter", predicate, !(predicate instanceof Predicate.Const c && c.value()))
        .item("blocks", "kept " + blocks[0] + " of " + blocks[1]);
  }

  private double keptFraction() {
    long[] b = blockCounts();
    return b[1] == 0 ? 1.0 : (double) b[0] / b[1];
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    double rows = curataTable.plannedFrame().rowCount() * keptFraction();
    if (!(predicate instanceof Predicate.Const)) {
      rows *= 0.25;
    }
    return Math.max(rows, 1.0);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double total = Math.max(1, curataTable.plannedFrame().fields().size());
    // each field read once, whether the predicate, the output or both use it
    java.util.BitSet readSet = new java.util.BitSet();
    for (int f : Predicate.columns(predicate)) {
      readSet.set(f);
    }
    for (int f : fields) {
      readSet.set(f);
    }
    int read = readSet.cardinality();
    double work = Math.max(1.0, curataTable.plannedFrame().rowCount() * keptFraction())
        * (0.5 + 0.5 * Math.min(1.0, read / total)) * 0.5;
    return planner.getCostFactory().makeCost(work, work, work * read);
  }

  @Override
  public void register(RelOptPlanner planner) {
    for (RelOptRule rule : CurataRules.RULES) {
      planner.addRule(rule);
    }
  }

  @Override
  public ExecNode implement(Implementor implementor) {
    return node;
  }
}
