package org.curata.adapter.rel;

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
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;
import org.curata.adapter.CurataTypes;
import org.curata.adapter.exec.AggregateNode;
import org.curata.adapter.exec.ExecNode;
import org.curata.adapter.exec.ParallelAggregate;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * A native aggregate: COUNT(*), COUNT(x), SUM, $SUM0, AVG, MIN and MAX (with FILTER on a bool
 * column), without GROUP BY or grouped by up to 16 columns of any type; hashing, or streaming
 * when the input is sorted on the group keys (EXPLAIN shows {@code streaming}). Anything else
 * stays with Enumerable.
 */
public final class CurataAggregate extends SingleRel implements CurataRel {
  private final ImmutableBitSet groupSet;
  private final List<AggregateCall> aggCalls;
  private final List<AggregateNode.Call> calls;
  private final List<FieldType> types;
  private final List<FieldType> inputTypes;
  private final boolean streaming;

  /** The most group keys run natively. */
  public static final int MAX_KEYS = 16;

  /**
   * Creates an aggregate; {@code calls} must be {@link #translate} of the arguments over input
   * columns of {@code inputTypes}.
   */
  public CurataAggregate(RelOptCluster cluster, RelTraitSet traitSet, RelNode input,
      ImmutableBitSet groupSet, List<AggregateCall> aggCalls, List<AggregateNode.Call> calls,
      List<FieldType> inputTypes) {
    this(cluster, traitSet, input, groupSet, aggCalls, calls, inputTypes, false);
  }

  /**
   * Creates an aggregate that streams when {@code streaming} (the input is sorted on the group
   * keys: see {@link #sortedOnKeys}).
   */
  public CurataAggregate(RelOptCluster cluster, RelTraitSet traitSet, RelNode input,
      ImmutableBitSet groupSet, List<AggregateCall> aggCalls, List<AggregateNode.Call> calls,
      List<FieldType> inputTypes, boolean streaming) {
    super(cluster, traitSet, input);
    this.streaming = streaming && !groupSet.isEmpty();
    this.groupSet = groupSet;
    this.aggCalls = List.copyOf(aggCalls);
    this.calls = List.copyOf(calls);
    this.inputTypes = List.copyOf(inputTypes);
    List<FieldType> in = inputTypes;
    List<FieldType> out = new ArrayList<>();
    for (int g : groupSet) {
      out.add(in.get(g));
    }
    for (AggregateNode.Call c : calls) {
      out.add(c.resultType());
    }
    this.types = List.copyOf(out);
  }

  /**
   * The native form of an aggregate over an input with the given column types, or null when some
   * part of it is not supported natively: grouping sets, more than 16 keys, and calls other than
   * COUNT, SUM, $SUM0, AVG (of DOUBLE type over integers or float64), MIN and MAX, each optionally
   * DISTINCT; a FILTER must be a bool column.
   */
  public static List<AggregateNode.Call> translate(org.apache.calcite.rel.core.Aggregate agg,
      List<FieldType> inTypes) {
    if (agg.getGroupType() != Aggregate.Group.SIMPLE || agg.getGroupCount() > MAX_KEYS) {
      return null;
    }
    List<AggregateNode.Call> out = new ArrayList<>();
    for (AggregateCall call : agg.getAggCallList()) {
      AggregateNode.Call c = translate(call, inTypes);
      if (c == null) {
        return null;
      }
      out.add(c);
    }
    return out;
  }

  private static AggregateNode.Call translate(AggregateCall call, List<FieldType> inTypes) {
    SqlKind kind = call.getAggregation().getKind();
    if (call.isApproximate() || !call.collation.getFieldCollations().isEmpty()
        || call.distinctKeys != null) {
      return null;
    }
    // DISTINCT changes nothing for MIN and MAX
    boolean distinct = call.isDistinct() && kind != SqlKind.MIN && kind != SqlKind.MAX;
    int filter = call.filterArg;
    if (filter >= 0 && inTypes.get(filter).kind() != FieldKind.BOOL) {
      return null;
    }
    List<Integer> args = call.getArgList();
    SqlTypeName result = call.getType().getSqlTypeName();
    if (kind == SqlKind.COUNT) {
      if (args.size() > 1 || (args.isEmpty() && distinct)) {
        return null;
      }
      return new AggregateNode.Call(args.isEmpty() ? AggregateNode.Kind.COUNT_STAR
          : AggregateNode.Kind.COUNT, args.isEmpty() ? -1 : args.get(0), filter, distinct,
          FieldType.of(FieldKind.INT64));
    }
    if (args.size() != 1) {
      return null;
    }
    int arg = args.get(0);
    FieldType in = inTypes.get(arg);
    switch (kind) {
      case SUM:
      case SUM0: {
        if (!isNumber(in.kind())) {
          return null;
        }
        FieldKind resultKind = kindOf(result);
        if (resultKind == null || (in.kind().isFloating() && !resultKind.isFloating())) {
          return null;
        }
        return new AggregateNode.Call(kind == SqlKind.SUM ? AggregateNode.Kind.SUM
            : AggregateNode.Kind.SUM0, arg, filter, distinct, FieldType.of(resultKind));
      }
      case AVG:
        if (!isNumber(in.kind()) || in.kind() == FieldKind.FLOAT32
            || result != SqlTypeName.DOUBLE) {
          return null;
        }
        return new AggregateNode.Call(AggregateNode.Kind.AVG, arg, filter, distinct,
            FieldType.of(FieldKind.FLOAT64));
      case MIN:
      case MAX:
        if (CurataTypes.sqlTypeName(in) != result) {
          return null;
        }
        return new AggregateNode.Call(kind == SqlKind.MIN ? AggregateNode.Kind.MIN
            : AggregateNode.Kind.MAX, arg, filter, in);
      default:
        return null;
    }
  }

  /** True for kinds SQL sees as numbers (not bool, categorical, timestamp or date). */
  private static boolean isNumber(FieldKind kind) {
    return kind.isFloating() || (kind.isIntegral() && kind != FieldKind.BOOL
        && kind != FieldKind.CATEGORICAL && kind != FieldKind.TIMESTAMP
        && kind != FieldKind.DATE);
  }

  /**
   * True when the input's collation sorts on the group keys (in any order of them first), so
   * each group's rows are contiguous and the aggregate can stream.
   */
  public static boolean sortedOnKeys(ImmutableBitSet groupSet, List<RelCollation> collations) {
    if (groupSet.isEmpty() || collations == null) {
      return false;
    }
    int k = groupSet.cardinality();
    for (RelCollation c : collations) {
      List<RelFieldCollation> fc = c.getFieldCollations();
      if (fc.size() < k) {
        continue;
      }
      ImmutableBitSet.Builder prefix = ImmutableBitSet.builder();
      for (int i = 0; i < k; i++) {
        prefix.set(fc.get(i).getFieldIndex());
      }
      if (prefix.build().equals(groupSet)) {
        return true;
      }
    }
    return false;
  }

  private static FieldKind kindOf(SqlTypeName t) {
    switch (t) {
      case TINYINT: return FieldKind.INT8;
      case SMALLINT: return FieldKind.INT16;
      case INTEGER: return FieldKind.INT32;
      case BIGINT: return FieldKind.INT64;
      case REAL: return FieldKind.FLOAT32;
      case DOUBLE: return FieldKind.FLOAT64;
      default: return null;
    }
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new CurataAggregate(getCluster(), traitSet, sole(inputs), groupSet, aggCalls, calls,
        inputTypes, streaming);
  }

  @Override
  protected RelDataType deriveRowType() {
    return Aggregate.deriveRowType(getCluster().getTypeFactory(), getInput().getRowType(), false,
        groupSet, null, aggCalls);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    super.explainTerms(pw).item("group", groupSet).itemIf("streaming", "sorted input", streaming);
    List<String> names = getRowType().getFieldNames();
    for (int i = 0; i < aggCalls.size(); i++) {
      pw.item(names.get(groupSet.cardinality() + i), aggCalls.get(i));
    }
    // shown in EXPLAIN, not in digests: it depends on the input chosen, not on this node
    pw.itemIf("phases", "partial+merge",
        pw.getDetailLevel() != SqlExplainLevel.DIGEST_ATTRIBUTES && splitsInTwo());
    return Estimates.explainEstimate(pw, this);
  }

  /**
   * True when {@link #implement} runs this aggregate in two phases: a partial aggregate in each
   * worker of its parallel scan pipeline, then a merge.
   */
  private boolean splitsInTwo() {
    return !streaming
        && ParallelAggregate.splits(calls, inputTypes,
            c -> groupSet.isEmpty() && readsCodes(getInput(), c))
        && new Implementor().worthParallel(getInput());
  }

  /**
   * Whether output column {@code column} of {@code rel} is a string field its scan reads with
   * dictionary codes, through filters and projections that pass the column on unchanged.
   */
  private static boolean readsCodes(RelNode rel, int column) {
    RelNode r = rel.stripped();
    if (r instanceof CurataTableScan scan) {
      return scan.dictionaryCoded(column);
    }
    if (r instanceof CurataFilter) {
      return readsCodes(r.getInput(0), column);
    }
    if (r instanceof CurataProject p && p.inputColumn(column) >= 0) {
      return readsCodes(p.getInput(), p.inputColumn(column));
    }
    return false;
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    if (groupSet.isEmpty()) {
      return 1;
    }
    return Estimates.distinct(mq, getInput(), groupSet);
  }

  /**
   * cpu: per input row, one operation per call and key, plus a hash lookup (hashing) or a
   * comparison with the previous row's keys (streaming); memory: the groups' keys and states
   * (hashing; streaming holds one group), beyond the budget charged as the spilled input's IO.
   */
  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double rows = mq.getRowCount(getInput());
    double groups = mq.getRowCount(this);
    int keys = groupSet.cardinality();
    double perRow = calls.size() + keys;
    double memory = 0;
    double io = 0;
    if (keys > 0 && streaming) {
      perRow += Estimates.COMPARE;
    } else if (keys > 0) {
      perRow += Estimates.HASH_ROW;
      double keyBytes = 0;
      for (int g : groupSet) {
        keyBytes += Estimates.valueBytes(inputTypes.get(g));
      }
      double need = groups * (keyBytes + calls.size() * Estimates.STATE_BYTES
          + Estimates.HASH_ENTRY_BYTES);
      long budget = Estimates.budget(this);
      memory = Estimates.held(need, budget);
      io = need > budget ? Estimates.spillIo(rows * Estimates.rowBytes(inputTypes), 0) : 0;
    }
    return CurataCost.make(planner, groups, rows * perRow, io, memory);
  }

  /** The group keys (input columns). */
  ImmutableBitSet groupSet() {
    return groupSet;
  }

  /** Whether it streams (its input sorted on the keys). */
  public boolean streaming() {
    return streaming;
  }

  @Override
  public List<FieldType> columnTypes() {
    return types;
  }

  @Override
  public ExecNode implement(Implementor implementor) {
    if (splitsInTwo()) {
      // two phases: each worker aggregates the blocks it scans, one aggregate merges the
      // workers' partial groups (no input batch is handed between threads)
      return ParallelAggregate.of(implementor.visitChild(getInput()), groupSet.toArray(), calls);
    }
    // a streaming aggregate needs its input in order; a hash aggregate takes it in any order,
    // so its scan pipeline can run block-parallel
    ExecNode in = streaming ? implementor.visitChild(getInput())
        : implementor.visitChildUnordered(getInput());
    return new AggregateNode(in, groupSet.toArray(), calls, streaming);
  }
}
