package org.curata.adapter.rel;

import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.curata.adapter.exec.ExecNode;
import org.curata.adapter.exec.GatherNode;
import org.curata.storage.FieldType;

/** A relational expression in Curata's convention: it runs as vectorised operators. */
public interface CurataRel extends RelNode {
  /** Curata's calling convention. */
  Convention CONVENTION = new Convention.Impl("CURATA", CurataRel.class);

  /** The storage type of each output column, which fixes its physical representation. */
  List<FieldType> columnTypes();

  /** Builds this expression's immutable execution plan. */
  ExecNode implement(Implementor implementor);

  /** Rows a scan must have before its pipeline runs on several threads. */
  long PARALLEL_MIN_ROWS = 1L << 17;

  /** Builds execution plans of inputs; one per conversion to Enumerable. */
  final class Implementor {
    /** Builds the execution plan of an input. */
    public ExecNode visitChild(RelNode input) {
      return ((CurataRel) input).implement(this);
    }

    /**
     * Builds the execution plan of an input whose row order the caller does not need (a hash
     * aggregate's, a sort's, a hash join's): a pipeline of a scan with filters and projections
     * above it then runs on the query's threads, block-parallel.
     */
    public ExecNode visitChildUnordered(RelNode input) {
      ExecNode node = visitChild(input);
      return worthParallel(input) ? new GatherNode(node) : node;
    }

    /**
     * Whether the input is a pipeline over a scan of enough rows that handing batches between
     * threads pays off (each hand-over costs a few microseconds).
     */
    public boolean worthParallel(RelNode rel) {
      if (rel instanceof CurataTableScan scan) {
        return scan.curataTable().plannedFrame().rowCount() >= PARALLEL_MIN_ROWS;
      }
      if (rel instanceof CurataFilter || rel instanceof CurataProject) {
        return worthParallel(rel.getInput(0));
      }
      return false;
    }
  }
}
