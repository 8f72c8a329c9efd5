package org.curata.adapter.rel;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.ChainedRelMetadataProvider;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.JaninoRelMetadataProvider;
import org.apache.calcite.rel.metadata.MetadataDef;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.ReflectiveRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Curata's metadata for Calcite's planner: distinct counts of Curata rels' columns from block
 * statistics (see {@link CurataTableScan#distinct}), so that Calcite's estimates for its own
 * rels over Curata inputs (an Enumerable aggregate's groups, a join's rows) agree with Curata's;
 * and the cost of Calcite's hash join on the scale of Curata's ({@link EnumerableMemoryCost}).
 * {@link #install} puts it on a cluster, before Calcite's default metadata.
 */
public final class CurataMetadata implements MetadataHandler<BuiltInMetadata.DistinctRowCount> {
  /** Curata's handlers chained before Calcite's defaults. */
  public static final RelMetadataProvider PROVIDER = ChainedRelMetadataProvider.of(List.of(
      ReflectiveRelMetadataProvider.reflectiveSource(new CurataMetadata(),
          BuiltInMetadata.DistinctRowCount.Handler.class),
      ReflectiveRelMetadataProvider.reflectiveSource(new EnumerableMemoryCost(),
          BuiltInMetadata.NonCumulativeCost.Handler.class),
      DefaultRelMetadataProvider.INSTANCE));

  private CurataMetadata() {
  }

  /**
   * Makes {@code cluster}'s metadata queries use {@link #PROVIDER}. (Calcite's standard program
   * resets the cluster's provider between its phases; the query supplier set here stays.)
   */
  public static void install(RelOptCluster cluster) {
    cluster.setMetadataProvider(PROVIDER);
    JaninoRelMetadataProvider janino = JaninoRelMetadataProvider.of(PROVIDER);
    cluster.setMetadataQuerySupplier(() -> new RelMetadataQuery(janino));
    cluster.invalidateMetadataQuery();
  }

  @Override
  public MetadataDef<BuiltInMetadata.DistinctRowCount> getDef() {
    return BuiltInMetadata.DistinctRowCount.DEF;
  }

  /** Distinct values of a scan's columns, from its statistics. */
  public Double getDistinctRowCount(CurataTableScan rel, RelMetadataQuery mq,
      ImmutableBitSet groupKey, RexNode predicate) {
    return of(rel, mq, groupKey, predicate);
  }

  /** Distinct values through a filter. */
  public Double getDistinctRowCount(CurataFilter rel, RelMetadataQuery mq,
      ImmutableBitSet groupKey, RexNode predicate) {
    return of(rel, mq, groupKey, predicate);
  }

  /** Distinct values through a projection of column references. */
  public Double getDistinctRowCount(CurataProject rel, RelMetadataQuery mq,
      ImmutableBitSet groupKey, RexNode predicate) {
    return of(rel, mq, groupKey, predicate);
  }

  /** Distinct values of an aggregate's group columns. */
  public Double getDistinctRowCount(CurataAggregate rel, RelMetadataQuery mq,
      ImmutableBitSet groupKey, RexNode predicate) {
    return of(rel, mq, groupKey, predicate);
  }

  /** Distinct values through a sort. */
  public Double getDistinctRowCount(CurataSort rel, RelMetadataQuery mq,
      ImmutableBitSet groupKey, RexNode predicate) {
    return of(rel, mq, groupKey, predicate);
  }

  /** Distinct values of a hash join's columns. */
  public Double getDistinctRowCount(CurataJoin rel, RelMetadataQuery mq,
      ImmutableBitSet groupKey, RexNode predicate) {
    return of(rel, mq, groupKey, predicate);
  }

  /** Distinct values of a merge join's columns. */
  public Double getDistinctRowCount(CurataMergeJoin rel, RelMetadataQuery mq,
      ImmutableBitSet groupKey, RexNode predicate) {
    return of(rel, mq, groupKey, predicate);
  }

  /** Distinct values of the Curata rows handed to Enumerable. */
  public Double getDistinctRowCount(CurataToEnumerableConverter rel, RelMetadataQuery mq,
      ImmutableBitSet groupKey, RexNode predicate) {
    return of(rel.getInput(), mq, groupKey, predicate);
  }

  /**
   * The cost of Calcite's hash join and hash aggregate on the scale of Curata's: a SEMI join
   * without the factor of 0.01 Calcite applies to it (and to no other join), plus the memory the
   * hash table holds. Calcite's join keeps its whole right side, its aggregate all its groups, on
   * the heap as boxed rows whatever the query's {@code memory} budget; beyond the budget they are
   * charged the spill IO Curata's operators pay there, the price of the OutOfMemoryError they
   * risk instead. Any other rel's cost is its own. (Public, as the code Calcite generates to
   * dispatch metadata calls must reach it.)
   */
  public static final class EnumerableMemoryCost
      implements MetadataHandler<BuiltInMetadata.NonCumulativeCost> {
    /** Heap bytes of one boxed row: the Object[] and a reference, plus per value a boxed one. */
    private static final double ROW_BYTES = 32;
    private static final double VALUE_BYTES = 24;

    private EnumerableMemoryCost() {
    }

    @Override
    public MetadataDef<BuiltInMetadata.NonCumulativeCost> getDef() {
      return BuiltInMetadata.NonCumulativeCost.DEF;
    }

    /** The hash join's own cost, a SEMI join's undiscounted, with the memory it holds. */
    public RelOptCost getNonCumulativeCost(EnumerableHashJoin rel, RelMetadataQuery mq) {
      RelOptCost cost = rel.computeSelfCost(rel.getCluster().getPlanner(), mq);
      if (cost == null) {
        return null;
      }
      if (rel.isSemiJoin()) {
        cost = cost.multiplyBy(100);
      }
      double build = boxedBytes(rel.getRight(), mq);
      return cost.plus(held(rel, build, build + boxedBytes(rel.getLeft(), mq)));
    }

    /** The aggregate's own cost, with the memory its groups hold. */
    public RelOptCost getNonCumulativeCost(EnumerableAggregate rel, RelMetadataQuery mq) {
      RelOptCost cost = rel.computeSelfCost(rel.getCluster().getPlanner(), mq);
      return cost == null ? null
          : cost.plus(held(rel, boxedBytes(rel, mq), boxedBytes(rel.getInput(), mq)));
    }

    /** Heap bytes of {@code rel}'s output rows, boxed. */
    private static double boxedBytes(RelNode rel, RelMetadataQuery mq) {
      return mq.getRowCount(rel) * (ROW_BYTES + VALUE_BYTES * rel.getRowType().getFieldCount());
    }

    /**
     * The cost of holding {@code bytes} on the heap; beyond the budget, the IO of spilling
     * {@code spilled} bytes, as Curata's operator would (its inputs partitioned to disk).
     */
    private static RelOptCost held(RelNode rel, double bytes, double spilled) {
      long budget = Estimates.budget(rel);
      return CurataCost.make(rel.getCluster().getPlanner(), 0, 0,
          bytes > budget ? Estimates.spillIo(spilled, 0) : 0, Estimates.held(bytes, budget));
    }
  }

  private static Double of(RelNode rel, RelMetadataQuery mq, ImmutableBitSet keys,
      RexNode predicate) {
    if (predicate != null && !predicate.isAlwaysTrue()) {
      return null;
    }
    if (keys.isEmpty()) {
      return 1.0;
    }
    Double d = Estimates.distinctOrNull(mq, rel, keys);
    return d == null ? null : Math.max(1, Math.min(d, mq.getRowCount(rel)));
  }
}
