package org.curata.adapter.rel;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.curata.adapter.exec.ExecNode;
import org.curata.adapter.exec.FetchNode;
import org.curata.adapter.exec.GatherNode;
import org.curata.adapter.exec.ScanNode;
import org.curata.adapter.exec.LimitNode;
import org.curata.adapter.exec.SortNode;
import org.curata.storage.FieldType;

/**
 * A native ORDER BY with OFFSET/FETCH ({@link SortNode}: in-memory radix/quick sort, top-k, or
 * an external merge sort when the memory budget is exceeded), or OFFSET/FETCH alone
 * ({@link LimitNode}, streaming). Its trait set carries the collation, so the Enumerable
 * converter above it delivers sorted rows and the planner adds no other sort.
 */
public final class CurataSort extends Sort implements CurataRel {
  private final List<FieldType> types;

  /**
   * Creates a sort; the collation, offset and fetch must satisfy {@link #supports}.
   *
   * @param inputTypes the column types of the input (and of the output)
   */
  public CurataSort(RelOptCluster cluster, RelTraitSet traitSet, RelNode input,
      RelCollation collation, RexNode offset, RexNode fetch, List<FieldType> inputTypes) {
    super(cluster, traitSet, input, collation, offset, fetch);
    this.types = List.copyOf(inputTypes);
  }

  /**
   * Whether a sort can run natively: every key ascending or descending, and OFFSET and FETCH
   * absent or non-negative integer literals.
   */
  public static boolean supports(RelCollation collation, RexNode offset, RexNode fetch) {
    for (RelFieldCollation fc : collation.getFieldCollations()) {
      if (fc.getDirection() != RelFieldCollation.Direction.ASCENDING
          && fc.getDirection() != RelFieldCollation.Direction.DESCENDING) {
        return false;
      }
    }
    return rows(offset, 0) >= 0 && rows(fetch, -1) >= -1;
  }

  /** The value of a row count literal, {@code absent} when null, -2 when not a usable literal. */
  private static long rows(RexNode n, long absent) {
    if (n == null) {
      return absent;
    }
    if (!(n instanceof RexLiteral lit)) {
      return -2;
    }
    BigDecimal v = lit.getValueAs(BigDecimal.class);
    if (v == null || v.signum() < 0 || v.scale() > 0 && v.stripTrailingZeros().scale() > 0) {
      return -2;
    }
    return v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? Long.MAX_VALUE
        : v.longValueExact();
  }

  private long offsetRows() {
    return rows(offset, 0);
  }

  private long fetchRows() {
    return rows(fetch, -1);
  }

  @Override
  public Sort copy(RelTraitSet traitSet, RelNode newInput, RelCollation newCollation,
      RexNode newOffset, RexNode newFetch) {
    List<FieldType> t = newInput == getInput() ? types : ColumnTypes.of(newInput);
    return new CurataSort(getCluster(), traitSet, newInput, newCollation, newOffset, newFetch,
        t != null ? t : types);
  }

  /** How the sort runs: "limit" (no keys), "top-k" or "sort" (which spills when it must). */
  public String strategy() {
    if (collation.getFieldCollations().isEmpty()) {
      return "limit";
    }
    return SortNode.isTopK(offsetRows(), fetchRows()) ? "top-k" : "sort";
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("strategy", strategy())
        .itemIf("late", "fetch non-key columns by row id", lateScan() != null);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    RelOptCost cost = super.computeSelfCost(planner, mq);
    return cost == null ? null : cost.multiplyBy(0.5);
  }

  @Override
  public List<FieldType> columnTypes() {
    return types;
  }

  @Override
  public ExecNode implement(Implementor implementor) {
    long off = offsetRows();
    long fet = fetchRows();
    if (collation.getFieldCollations().isEmpty()) {
      return new LimitNode(implementor.visitChild(getInput()), off, fet);
    }
    CurataTableScan late = lateScan();
    if (late != null) {
      return lateMaterialised(implementor, late, off, fet);
    }
    List<SortNode.Key> keys = new ArrayList<>();
    for (RelFieldCollation fc : collation.getFieldCollations()) {
      keys.add(key(fc, fc.getFieldIndex()));
    }
    return new SortNode(implementor.visitChildUnordered(getInput()), keys, off, fet);
  }

  private static SortNode.Key key(RelFieldCollation fc, int column) {
    return new SortNode.Key(column, fc.getDirection() == RelFieldCollation.Direction.DESCENDING,
        fc.nullDirection == RelFieldCollation.NullDirection.FIRST);
  }

  /**
   * The scan right below, when sorting it can be late-materialised: the scan reads columns that
   * are not sort keys, so the sort need only carry the keys and a row id, and the other columns
   * are fetched for the rows that come out (with LIMIT, a few; always fewer bytes sorted and
   * spilled).
   */
  private CurataTableScan lateScan() {
    if (!(getInput() instanceof CurataTableScan scan)) {
      return null;
    }
    java.util.Set<Integer> keyColumns = new java.util.HashSet<>();
    for (RelFieldCollation fc : collation.getFieldCollations()) {
      keyColumns.add(fc.getFieldIndex());
    }
    return keyColumns.size() < scan.fields().length ? scan : null;
  }

  /** Scan of the keys and the row id, sort, then fetch of the other columns by row id. */
  private ExecNode lateMaterialised(Implementor implementor, CurataTableScan scan, long off,
      long fet) {
    int[] scanFields = scan.fields();
    List<Integer> narrow = new ArrayList<>();
    int[] narrowIndex = new int[scanFields.length];
    java.util.Arrays.fill(narrowIndex, -1);
    List<SortNode.Key> keys = new ArrayList<>();
    for (RelFieldCollation fc : collation.getFieldCollations()) {
      int c = fc.getFieldIndex();
      if (narrowIndex[c] < 0) {
        narrowIndex[c] = narrow.size();
        narrow.add(scanFields[c]);
      }
      keys.add(key(fc, narrowIndex[c]));
    }
    int rowId = narrow.size();
    narrow.add(ScanNode.ROW_ID);
    ExecNode narrowScan = new ScanNode(scan.curataTable(),
        narrow.stream().mapToInt(Integer::intValue).toArray(), scan.predicate());
    // the same rule as for any unordered input: threads only for scans large enough to pay
    ExecNode sorted = new SortNode(implementor.worthParallel(scan) ? new GatherNode(narrowScan)
        : narrowScan, keys, off, fet);
    return new FetchNode(sorted, scan.curataTable(), rowId, narrowIndex, scanFields);
  }
}
