package org.curata.adapter.rel;

import java.util.List;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.util.ImmutableBitSet;
import org.curata.adapter.exec.ColumnVector;
import org.curata.adapter.exec.ExecOptions;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * What the cost model knows of a plan before it runs: the widths of rows in memory, the query's
 * memory budget (from the scans' {@link ExecOptions}), distinct counts of key columns (from block
 * statistics, dictionaries and categorical labels, see {@link CurataTableScan#distinct}), the
 * IO that memory beyond the budget causes, and the EXPLAIN item that shows a rel's estimate.
 */
final class Estimates {
  private Estimates() {
  }

  /** cpu units per row hashed and looked up in a hash table (hash, probe, cache miss). */
  static final double HASH_ROW = 20;
  /** cpu units per comparison of two rows' sort keys. */
  static final double COMPARE = 5;
  /** cpu units per value fetched by row id (locate the block, decode one value). */
  static final double FETCH_VALUE = 30;
  /** cpu units per value copied into a buffer or an output vector. */
  static final double COPY_VALUE = 1;
  /** cpu units per value boxed into a Calcite row at the top of a Curata subtree. */
  static final double BOX_VALUE = 8;
  /**
   * Storage-byte equivalents per byte spilled, for each of its write and its read: a spilled
   * byte is serialised, written through a file and read back, not streamed from a mapped block.
   */
  static final double SPILL_FACTOR = 3;
  /** Bytes of the hash table per build row beyond its values (slot, chain link, hash). */
  static final double HASH_ENTRY_BYTES = 16;
  /** Bytes an aggregate state takes per call and group. */
  static final double STATE_BYTES = 16;

  /**
   * Bytes one value of this type takes in a column vector (with its NULL flag), as the operators
   * charge it to the budget; a variable-length string is taken as 16 bytes.
   */
  static double valueBytes(FieldType t) {
    return ColumnVector.valueBytes(t, t.kind() == FieldKind.FIXED_STRING ? t.length() : 16);
  }

  /** Bytes one row of these columns takes in memory. */
  static double rowBytes(List<FieldType> types) {
    double b = 0;
    for (FieldType t : types) {
      b += valueBytes(t);
    }
    return Math.max(b, 1);
  }

  /** The memory budget of the query {@code rel} is part of (from the first scan below it). */
  static long budget(RelNode rel) {
    ExecOptions o = options(rel, 0);
    return o != null ? o.memoryBytes() : ExecOptions.defaultMemory();
  }

  private static ExecOptions options(RelNode rel, int depth) {
    RelNode r = rel.stripped();
    if (r == null || depth > 64) {
      return null;
    }
    if (r instanceof CurataTableScan scan) {
      return scan.curataTable().execOptions();
    }
    for (RelNode in : r.getInputs()) {
      ExecOptions o = options(in, depth + 1);
      if (o != null) {
        return o;
      }
    }
    return null;
  }

  /**
   * IO that holding {@code bytes} causes under {@code budget}: none when it fits; else every
   * byte is spilled once and read back once.
   */
  static double spillIo(double bytes, long budget) {
    return bytes <= budget ? 0 : 2 * SPILL_FACTOR * bytes;
  }

  /** Memory held for {@code bytes} of buffered rows: at most the budget (the rest spills). */
  static double held(double bytes, long budget) {
    return Math.min(bytes, budget);
  }

  /**
   * Distinct values of the key columns of {@code rel}'s output, at most its rows: from the scans'
   * statistics through filters, projections of column references, sorts, aggregates and joins
   * of either convention; else Calcite's metadata; else a tenth of the rows.
   */
  static double distinct(RelMetadataQuery mq, RelNode rel, ImmutableBitSet keys) {
    double rows = Math.max(1, mq.getRowCount(rel));
    if (keys.isEmpty()) {
      return 1;
    }
    Double d = distinctOrNull(mq, rel, keys);
    if (d == null) {
      d = mq.getDistinctRowCount(rel, keys, null);
    }
    if (d == null || d.isNaN()) {
      d = Math.max(1, rows / 10);
    }
    return Math.max(1, Math.min(rows, d));
  }

  /** Distinct values of the key columns from Curata's statistics, or null when unknown. */
  static Double distinctOrNull(RelMetadataQuery mq, RelNode rel, ImmutableBitSet keys) {
    return distinctOrNull(mq, rel, keys, 0);
  }

  private static Double distinctOrNull(RelMetadataQuery mq, RelNode rel, ImmutableBitSet keys,
      int depth) {
    RelNode r = rel.stripped();
    if (r == null || depth > 32) {
      return null;
    }
    if (r instanceof CurataToEnumerableConverter c) {
      return distinctOrNull(mq, c.getInput(), keys, depth + 1);
    }
    if (r instanceof CurataTableScan scan) {
      double p = 1;
      for (int k : keys) {
        p *= scan.distinct(k);
      }
      return Math.min(p, scan.estimateRowCount(mq));
    }
    if (r instanceof TableScan scan) {
      return mq.getDistinctRowCount(scan, keys, null);
    }
    if (r instanceof CurataFilter || r instanceof Filter || r instanceof Sort
        || r instanceof CurataSort) {
      Double d = distinctOrNull(mq, r.getInput(0), keys, depth + 1);
      return d == null ? null : Math.min(d, Math.max(1, mq.getRowCount(r)));
    }
    int[] refs = r instanceof CurataProject p ? p.refs()
        : r instanceof Project p ? CurataProject.mapping(p.getProjects()) : null;
    if (refs != null) {
      ImmutableBitSet.Builder b = ImmutableBitSet.builder();
      for (int k : keys) {
        b.set(refs[k]);
      }
      return distinctOrNull(mq, r.getInput(0), b.build(), depth + 1);
    }
    ImmutableBitSet group = r instanceof CurataAggregate a ? a.groupSet()
        : r instanceof Aggregate a ? a.getGroupSet() : null;
    if (group != null) {
      int[] g = group.toArray();
      ImmutableBitSet.Builder b = ImmutableBitSet.builder();
      for (int k : keys) {
        if (k >= g.length) {
          return null;
        }
        b.set(g[k]);
      }
      return distinctOrNull(mq, r.getInput(0), b.build(), depth + 1);
    }
    if (r.getInputs().size() == 2 && (r instanceof CurataJoin || r instanceof CurataMergeJoin
        || r instanceof org.apache.calcite.rel.core.Join)) {
      int leftCount = r.getInput(0).getRowType().getFieldCount();
      ImmutableBitSet left = keys.get(0, Math.min(leftCount, keys.length()));
      ImmutableBitSet right = keys.length() <= leftCount ? ImmutableBitSet.of()
          : keys.get(leftCount, keys.length()).shift(-leftCount);
      double p = 1;
      if (!left.isEmpty()) {
        Double d = distinctOrNull(mq, r.getInput(0), left, depth + 1);
        if (d == null) {
          return null;
        }
        p *= d;
      }
      if (!right.isEmpty()) {
        if (r.getInput(1).getRowType().getFieldCount() <= right.length() - 1) {
          return null;
        }
        Double d = distinctOrNull(mq, r.getInput(1), right, depth + 1);
        if (d == null) {
          return null;
        }
        p *= d;
      }
      return p;
    }
    return null;
  }

  /**
   * Adds the estimate item to an EXPLAIN, except in the planner's digests (whose estimates
   * change as inputs are found cheaper, and must not make equal rels look different).
   */
  static RelWriter explainEstimate(RelWriter pw, RelNode rel) {
    if (pw.getDetailLevel() == SqlExplainLevel.DIGEST_ATTRIBUTES
        || pw.getDetailLevel() == SqlExplainLevel.NO_ATTRIBUTES) {
      return pw;
    }
    RelMetadataQuery mq = rel.getCluster().getMetadataQuery();
    RelOptPlanner planner = rel.getCluster().getPlanner();
    RelOptCost c = rel.computeSelfCost(planner, mq);
    StringBuilder b = new StringBuilder("rows=").append(CurataCost.num(mq.getRowCount(rel)));
    if (c instanceof CurataCost cc) {
      b.append(", cost=").append(CurataCost.num(cc.value())).append(" ns")
          .append(" (cpu=").append(CurataCost.num(cc.getCpu()))
          .append(", io=").append(CurataCost.num(cc.getIo()))
          .append(", mem=").append(CurataCost.num(cc.getMemory())).append(")");
    } else if (c != null) {
      b.append(", cost=").append(c);
    }
    return pw.item("est", b.toString());
  }
}
