package org.curata.adapter.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * Builds the two-phase form of a hash aggregate over a parallel pipeline: each worker of a
 * {@link GatherNode} aggregates the blocks it scans into partial groups, and one aggregate merges
 * them, so no input batch is handed between threads. COUNT merges by $SUM0; SUM and $SUM0 by
 * themselves (integer partial sums as BIGINT, so only the total is range-checked); MIN and MAX by
 * themselves; a FILTER applies in the partial; AVG is a partial SUM (exact long over
 * integers, double over floats: what the single-phase aggregate accumulates) and COUNT, merged,
 * then divided as the single-phase aggregate divides. Calls that are all DISTINCT over the same
 * column without FILTER split too: the partial groups by the keys and that column, the merge
 * aggregates the (now far fewer) distinct values. Other mixes with DISTINCT do not split.
 */
public final class ParallelAggregate {
  private ParallelAggregate() {
  }

  /**
   * True when {@link #of} can split these calls over input columns of {@code inputTypes}, and
   * splitting pays. DISTINCT over a string column splits only when its codes reach the merge
   * ({@code coded}): the column is read with dictionary codes and is the partial's only group
   * key (no GROUP BY), so the partials pass their distinct values on as codes, which the merge
   * groups without hashing; plain strings would be hashed twice, which costs more than the
   * parallel scan saves.
   *
   * @param coded whether an input column is a string read with dictionary codes that would be
   *     the partial's only key
   */
  public static boolean splits(List<AggregateNode.Call> calls, List<FieldType> inputTypes,
      IntPredicate coded) {
    if (mergeable(calls)) {
      return true;
    }
    int column = distinctColumn(calls);
    return column >= 0 && (!inputTypes.get(column).kind().isString() || coded.test(column));
  }

  /**
   * The two-phase aggregate of {@code pipeline} grouped by its columns {@code groups}; its output
   * is that of {@code new AggregateNode(pipeline, groups, calls)}.
   *
   * @throws IllegalArgumentException when {@code calls} cannot be split
   */
  public static ExecNode of(ExecNode pipeline, int[] groups, List<AggregateNode.Call> calls) {
    int k = groups.length;
    int[] keys = new int[k];
    for (int i = 0; i < k; i++) {
      keys[i] = i;
    }
    List<FieldType> inTypes = pipeline.columnTypes();
    if (mergeable(calls)) {
      List<AggregateNode.Call> partial = new ArrayList<>();
      List<AggregateNode.Call> merge = new ArrayList<>();
      List<Expr> finish = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        finish.add(Expr.ref(i, inTypes.get(groups[i]), "$" + i));
      }
      boolean divides = false;
      for (AggregateNode.Call c : calls) {
        int col = k + partial.size();
        FieldType result = c.resultType();
        switch (c.kind()) {
          case COUNT_STAR:
          case COUNT:
            partial.add(c);
            merge.add(new AggregateNode.Call(AggregateNode.Kind.SUM0, col, result));
            finish.add(Expr.ref(col, result, "$" + col));
            break;
          case SUM:
          case SUM0: {
            // integer partial sums are BIGINT: only the total is range-checked, as in one phase
            FieldType partialType = result.kind().isFloating() ? result
                : FieldType.of(FieldKind.INT64);
            partial.add(new AggregateNode.Call(c.kind(), c.column(), c.filter(), partialType));
            merge.add(new AggregateNode.Call(c.kind(), col, result));
            finish.add(Expr.ref(col, result, "$" + col));
            break;
          }
          case AVG: {
            FieldType sumType = FieldType.of(inTypes.get(c.column()).kind().isFloating()
                ? FieldKind.FLOAT64 : FieldKind.INT64);
            FieldType countType = FieldType.of(FieldKind.INT64);
            FieldType doubleType = FieldType.of(FieldKind.FLOAT64);
            partial.add(new AggregateNode.Call(AggregateNode.Kind.SUM, c.column(), c.filter(),
                sumType));
            partial.add(new AggregateNode.Call(AggregateNode.Kind.COUNT, c.column(), c.filter(),
                countType));
            merge.add(new AggregateNode.Call(AggregateNode.Kind.SUM, col, sumType));
            merge.add(new AggregateNode.Call(AggregateNode.Kind.SUM0, col + 1, countType));
            // a group without values has a NULL sum, so its average is NULL, as in one phase
            Expr sum = Expr.ref(col, sumType, "$" + col);
            if (sumType.kind() != FieldKind.FLOAT64) {
              sum = Expr.cast(sum, doubleType, "CAST($" + col + " AS DOUBLE)");
            }
            Expr count = Expr.cast(Expr.ref(col + 1, countType, "$" + (col + 1)), doubleType,
                "CAST($" + (col + 1) + " AS DOUBLE)");
            finish.add(Expr.arith(ArithOp.DIVIDE, doubleType, sum, count));
            divides = true;
            break;
          }
          default:
            partial.add(c);
            merge.add(new AggregateNode.Call(c.kind(), col, result));
            finish.add(Expr.ref(col, result, "$" + col));
            break;
        }
      }
      ExecNode partials = new AggregateNode(pipeline, groups, partial, false);
      ExecNode merged = new AggregateNode(new GatherNode(partials), keys, merge, false);
      return divides ? new ComputeNode(merged, finish) : merged;
    }
    int column = distinctColumn(calls);
    if (column < 0) {
      throw new IllegalArgumentException("aggregate calls " + calls + " do not split in two");
    }
    int[] partialKeys = new int[k + 1];
    System.arraycopy(groups, 0, partialKeys, 0, k);
    partialKeys[k] = column;
    ExecNode partials = new AggregateNode(pipeline, partialKeys, List.of(), false);
    List<AggregateNode.Call> merge = new ArrayList<>();
    for (AggregateNode.Call c : calls) {
      merge.add(new AggregateNode.Call(c.kind(), k, -1, true, c.resultType()));
    }
    return new AggregateNode(new GatherNode(partials), keys, merge, false);
  }

  /** True when no call is DISTINCT (every other call merges). */
  private static boolean mergeable(List<AggregateNode.Call> calls) {
    for (AggregateNode.Call c : calls) {
      if (c.distinct()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The input column every call aggregates DISTINCT without FILTER, or -1 when the calls are
   * not all of that shape (or there are none).
   */
  private static int distinctColumn(List<AggregateNode.Call> calls) {
    int column = -1;
    for (AggregateNode.Call c : calls) {
      if (!c.distinct() || c.filter() >= 0 || (column >= 0 && c.column() != column)) {
        return -1;
      }
      column = c.column();
    }
    return column;
  }
}
