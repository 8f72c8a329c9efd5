package org.curata.adapter.rel;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
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
 * rels over Curata inputs (an Enumerable aggregate's groups, a join's rows) agree with Curata's.
 * {@link #install} puts it on a cluster, before Calcite's default metadata.
 */
public final class CurataMetadata implements MetadataHandler<BuiltInMetadata.DistinctRowCount> {
  /** Curata's handlers chained before Calcite's defaults. */
  public static final RelMetadataProvider PROVIDER = ChainedRelMetadataProvider.of(List.of(
      ReflectiveRelMetadataProvider.reflectiveSource(new CurataMetadata(),
          BuiltInMetadata.DistinctRowCount.Handler.class),
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
