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
import org.apache.calcite.sql.SqlExplainLevel;
import org.curata.adapter.exec.ExecNode;
import org.curata.adapter.exec.FetchNode;
import org.curata.adapter.exec.GatherNode;
import org.curata.adapter.exec.ScanNode;
import org.curata.adapter.exec.LimitNode;
import org.curata.adapter.exec.SortNode;
import org.curata.storage.FieldType;

/**
 * A native ORDER BY with OFFSET/FETCH ({@link SortNode}: in-memory radix/quick sort, top-k, or
 * an external merge sort when the memory budget is exceeded; of whole rows or late-materialised,
 * whichever {@link CurataCost} finds cheaper), or OFFSET/FETCH alone
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

  /**
   * How the sort runs: "limit" (no keys), "top-k" (FETCH keeps the buffer at most twice the
   * rows wanted, and that costs less than sorting every row) or "sort" (which spills when it
   * must).
   */
  public String strategy() {
    return choice(getCluster().getMetadataQuery()).strategy;
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    super.explainTerms(pw);
    if (pw.getDetailLevel() == SqlExplainLevel.DIGEST_ATTRIBUTES) {
      return pw; // the strategy follows from the estimates, not from what the sort is
    }
    Choice c = choice(getCluster().getMetadataQuery());
    pw.item("strategy", c.strategy).itemIf("late", "fetch non-key columns by row id", c.late);
    return Estimates.explainEstimate(pw, this);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    Choice c = choice(mq);
    return CurataCost.make(planner, mq.getRowCount(this), c.cpu, c.io, c.memory);
  }

  /**
   * A way to run this sort, its cost's dimensions, and the scan IO it saves (a late-materialised
   * sort's scan reads only the keys; the other columns are fetched for the rows that come out).
   */
  private record Choice(String strategy, boolean late, double cpu, double io, double memory,
      double savedIo) {
    /** The scalar that ranks the ways: the cost less the scan IO saved. */
    double rank() {
      return new CurataCost(0, cpu, io - savedIo, memory).value();
    }
  }

  /**
   * Chooses by cost among a full sort and a top-k (when there is a FETCH), each of whole rows or,
   * when the input is a scan reading non-key columns, late-materialised (keys and row ids sorted,
   * the other columns fetched by row id for the rows that come out, their scan IO saved; the
   * cost reported is the sort's own, without that saving).
   */
  private Choice choice(RelMetadataQuery mq) {
    double n = Math.max(1, mq.getRowCount(getInput()));
    long off = offsetRows();
    long fet = fetchRows();
    double out = mq.getRowCount(this);
    int cols = types.size();
    if (collation.getFieldCollations().isEmpty()) {
      return new Choice("limit", false, out * 0.1, 0, 0, 0);
    }
    long budget = Estimates.budget(this);
    Choice best = null;
    for (int late = 0; late < 2; late++) {
      List<FieldType> carried = types;
      double fetchCpu = 0;
      double savedIo = 0;
      if (late == 1) {
        CurataTableScan scan = lateScan();
        if (scan == null) {
          break;
        }
        carried = new ArrayList<>();
        java.util.Set<Integer> keys = new java.util.HashSet<>();
        for (RelFieldCollation fc : collation.getFieldCollations()) {
          if (keys.add(fc.getFieldIndex())) {
            carried.add(types.get(fc.getFieldIndex()));
          }
        }
        carried.add(FieldType.of(org.curata.storage.FieldKind.INT64)); // the row id
        fetchCpu = out * (cols - keys.size()) * Estimates.FETCH_VALUE;
        for (int c = 0; c < cols; c++) {
          savedIo += keys.contains(c) ? 0 : n * scan.columnBytes(c);
        }
      }
      double width = Estimates.rowBytes(carried);
      int carriedCols = carried.size();
      for (int topK = 0; topK < 2; topK++) {
        double cpu;
        double bytes;
        if (topK == 1) {
          if (fet < 0) {
            break;
          }
          double k = Math.max(1, Math.min(n, (double) off + fet));
          if (2 * k >= n) {
            break; // the buffer is never cut back: a full sort
          }
          // every row is compared with the last row kept; in random order about
          // k (1 + ln(n / k)) of them get in, and the buffer is re-sorted each time it holds 2k
          double inserted = Math.min(n, k * (1 + Math.log(n / k)));
          cpu = n * Estimates.COMPARE + inserted * (carriedCols * Estimates.COPY_VALUE
              + 2 * log2(2 * k) * Estimates.COMPARE);
          bytes = 2 * k * width;
        } else {
          cpu = n * log2(n) * Estimates.COMPARE + n * carriedCols * Estimates.COPY_VALUE;
          bytes = n * width;
        }
        Choice c = new Choice(topK == 1 ? "top-k" : "sort", late == 1, cpu + fetchCpu,
            Estimates.spillIo(bytes, budget), Estimates.held(bytes, budget), savedIo);
        if (best == null || c.rank() < best.rank()) {
          best = c;
        }
      }
    }
    return best;
  }

  private static double log2(double x) {
    return Math.max(1, Math.log(x) / Math.log(2));
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
    if (choice(getCluster().getMetadataQuery()).late) {
      return lateMaterialised(implementor, lateScan(), off, fet);
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
    if (!(getInput().stripped() instanceof CurataTableScan scan)) {
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
