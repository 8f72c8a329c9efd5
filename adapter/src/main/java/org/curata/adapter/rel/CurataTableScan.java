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
import org.curata.storage.FieldKind;
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
  /** {@link #estimateRowCount}, computed once: the frame and the predicate are fixed. */
  private double rowEstimate = -1;
  private double[] distinctCache;

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
    super.explainTerms(pw)
        .item("version", curataTable.versionId())
        .item("fields", names)
        .itemIf("filter", predicate, !(predicate instanceof Predicate.Const c && c.value()))
        .item("blocks", "kept " + blocks[0] + " of " + blocks[1]);
    return Estimates.explainEstimate(pw, this);
  }

  private double keptFraction() {
    long[] b = blockCounts();
    return b[1] == 0 ? 1.0 : (double) b[0] / b[1];
  }

  /**
   * Rows after the pushed predicate: the dataframe's rows times the predicate's selectivity as
   * block statistics suggest ({@link #selectivity}), at most the rows of the blocks kept.
   */
  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    if (rowEstimate < 0) {
      double total = curataTable.plannedFrame().rowCount();
      double rows = Math.min(total * keptFraction(), total * selectivity(predicate));
      rowEstimate = Math.max(rows, 1.0);
    }
    return rowEstimate;
  }

  /**
   * The fraction of rows a pushed predicate keeps: an equality keeps one distinct value's share,
   * a range the share of the field's [min, max] it covers (from block statistics), IS NULL the
   * NULL share; AND multiplies, OR adds (as independent events).
   */
  double selectivity(Predicate p) {
    if (p instanceof Predicate.Const c) {
      return c.value() ? 1 : 0;
    }
    if (p instanceof Predicate.And a) {
      double s = 1;
      for (Predicate t : a.terms()) {
        s *= selectivity(t);
      }
      return s;
    }
    if (p instanceof Predicate.Or o) {
      double none = 1;
      for (Predicate t : o.terms()) {
        none *= 1 - selectivity(t);
      }
      return 1 - none;
    }
    long total = Math.max(1, curataTable.plannedFrame().rowCount());
    if (p instanceof Predicate.IsNull n) {
      Field f = curataTable.plannedFrame().fields().get(n.column());
      double nulls = (double) f.nullCount() / total;
      return n.negated() ? 1 - nulls : nulls;
    }
    if (p instanceof Predicate.Codes c) {
      double share = Math.min(1, c.codes().length / fieldDistinct(c.column()));
      return nonNullShare(c.column()) * (c.negated() ? 1 - share : share);
    }
    if (p instanceof Predicate.In in) {
      double share = Math.min(1, in.values().size() / fieldDistinct(in.column()));
      return nonNullShare(in.column()) * (in.negated() ? 1 - share : share);
    }
    Predicate.Compare c = (Predicate.Compare) p;
    double nonNull = nonNullShare(c.column());
    switch (c.op()) {
      case EQ: return nonNull / fieldDistinct(c.column());
      case NE: return nonNull * (1 - 1 / fieldDistinct(c.column()));
      default: return nonNull * rangeShare(c);
    }
  }

  private double nonNullShare(int field) {
    Field f = curataTable.plannedFrame().fields().get(field);
    long total = Math.max(1, f.rowCount());
    return 1 - (double) f.nullCount() / total;
  }

  /** The share of a field's [min, max] a range comparison keeps; a third when unknown. */
  private double rangeShare(Predicate.Compare c) {
    Field f = curataTable.plannedFrame().fields().get(c.column());
    double v;
    if (c.value() instanceof org.curata.adapter.exec.Literal.OfLong l && f.type().kind()
        .isIntegral()) {
      v = l.value();
    } else if (c.value() instanceof org.curata.adapter.exec.Literal.OfDouble d
        && f.type().kind().isFloating()) {
      v = d.value();
    } else {
      return 1.0 / 3;
    }
    double[] mm = minMax(f);
    if (mm == null || !(mm[1] > mm[0])) {
      return 1.0 / 3;
    }
    double below = Math.max(0, Math.min(1, (v - mm[0]) / (mm[1] - mm[0])));
    switch (c.op()) {
      case LT:
      case LE:
        return Math.max(below, 1.0 / total(f));
      default:
        return Math.max(1 - below, 1.0 / total(f));
    }
  }

  private static double total(Field f) {
    return Math.max(1, f.rowCount());
  }

  /** The field's smallest and largest value over its blocks (integral or float), or null. */
  private static double[] minMax(Field f) {
    boolean integral = f.type().kind().isIntegral();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (org.curata.storage.BlockInfo b : f.blocks()) {
      org.curata.storage.BlockStats s = b.stats();
      if (!s.hasMinMax()) {
        continue;
      }
      lo = Math.min(lo, integral ? s.minLong() : s.minDouble());
      hi = Math.max(hi, integral ? s.maxLong() : s.maxDouble());
    }
    return lo <= hi ? new double[] {lo, hi} : null;
  }

  /**
   * Distinct values (NULL counting as one) of output column {@code column}: a unique key's row
   * count; a categorical's label count; a dictionary-encoded field's dictionary size; an integral
   * field's span of values (max - min + 1, from block statistics; for a timestamp in SQL's
   * milliseconds); else its non-NULL row count. At most the rows, at least 1.
   */
  public double distinct(int column) {
    return Math.min(fieldDistinct(fields[column]), estimateRowCount(getCluster()
        .getMetadataQuery()));
  }

  private double fieldDistinct(int field) {
    if (distinctCache == null) {
      distinctCache = new double[curataTable.plannedFrame().fields().size()];
    }
    if (distinctCache[field] == 0) {
      distinctCache[field] = computeDistinct(field);
    }
    return distinctCache[field];
  }

  private double computeDistinct(int field) {
    Field f = curataTable.plannedFrame().fields().get(field);
    double rows = Math.max(1, f.rowCount());
    double nonNull = f.rowCount() - f.nullCount();
    double nullGroup = f.nullCount() > 0 ? 1 : 0;
    if (curataTable.plannedFrame().primaryKeys().equals(List.of(f.name()))) {
      return rows;
    }
    FieldType t = f.type();
    double d;
    if (t.kind() == FieldKind.BOOL) {
      d = 2;
    } else if (t.kind() == FieldKind.CATEGORICAL) {
      d = t.key().labels().size();
    } else if (f.dictionarySize() >= 0) {
      d = f.dictionarySize();
    } else if (t.kind().isIntegral()) {
      double[] mm = minMax(f);
      d = mm == null ? nonNull : mm[1] - mm[0] + 1;
      if (t.kind() == FieldKind.TIMESTAMP && mm != null) {
        d = Math.floor(mm[1] / 1000) - Math.floor(mm[0] / 1000) + 1;
      }
    } else {
      d = nonNull;
    }
    return Math.max(1, Math.min(nonNull, d) + nullGroup);
  }

  /** Whether output column {@code column} is a field with a dictionary (read as codes). */
  public boolean dictionaryCoded(int column) {
    return curataTable.plannedFrame().fields().get(fields[column]).dictionarySize() >= 0;
  }

  /** On-disk bytes per row of output column {@code column}. */
  double columnBytes(int column) {
    return fieldBytes(fields[column]);
  }

  /** On-disk bytes per row of field {@code field}: its width, else its average size. */
  private double fieldBytes(int field) {
    Field f = curataTable.plannedFrame().fields().get(field);
    int w = f.type().width();
    return w > 0 ? w : (double) f.byteSize() / Math.max(1, f.rowCount());
  }

  /** Bytes a scan reads per row kept: the on-disk width of each field read. */
  double bytesPerRow() {
    java.util.BitSet readSet = new java.util.BitSet();
    for (int f : Predicate.columns(predicate)) {
      readSet.set(f);
    }
    for (int f : fields) {
      readSet.set(f);
    }
    double bytes = 0;
    for (int f = readSet.nextSetBit(0); f >= 0; f = readSet.nextSetBit(f + 1)) {
      bytes += fieldBytes(f);
    }
    return Math.max(bytes, 1);
  }

  /**
   * io: the bytes of the fields read in the blocks kept; cpu: one operation per value read and
   * one per predicate term and row of the blocks kept.
   */
  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double scanned = Math.max(1.0, curataTable.plannedFrame().rowCount() * keptFraction());
    double rows = estimateRowCount(mq);
    int terms = predicate instanceof Predicate.Const ? 0 : Predicate.columns(predicate).length;
    double cpu = scanned * terms + rows * fields.length;
    return CurataCost.make(planner, rows, cpu, scanned * bytesPerRow(), 0);
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
