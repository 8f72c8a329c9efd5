package org.curata.adapter.rule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mappings;
import org.curata.adapter.CurataTable;
import org.curata.adapter.exec.AggregateNode;
import org.curata.adapter.exec.Expr;
import org.curata.adapter.exec.Predicate;
import org.curata.adapter.rel.ColumnTypes;
import org.curata.adapter.rel.CurataAggregate;
import org.curata.adapter.rel.CurataFilter;
import org.curata.adapter.rel.CurataJoin;
import org.curata.adapter.rel.CurataMergeJoin;
import org.curata.adapter.rel.CurataProject;
import org.curata.adapter.rel.CurataRel;
import org.curata.adapter.rel.CurataSort;
import org.curata.adapter.rel.CurataStashedValues;
import org.curata.adapter.rel.CurataTableModify;
import org.curata.adapter.rel.CurataTableScan;
import org.curata.adapter.rel.CurataToEnumerableConverter;
import org.curata.adapter.rel.CurataUnion;
import org.curata.adapter.rel.ExprCompiler;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;
import org.curata.storage.Field;
import org.curata.storage.FieldType;

/** The planner rules of Curata's convention; {@link #RULES} is what a scan registers. */
public final class CurataRules {
  private CurataRules() {
  }

  /** Folds the translatable conjuncts of a filter into the scan below; the rest stays above. */
  public static final RelOptRule FILTER_SCAN = new RuleConfig(RelFactories.LOGICAL_BUILDER,
      "CurataFilterScanRule",
      b0 -> b0.operand(LogicalFilter.class).oneInput(b1 ->
          b1.operand(CurataTableScan.class).noInputs()),
      FilterScanRule::new).toRule();

  /** Narrows the scan below a projection to the fields the projection uses. */
  public static final RelOptRule PROJECT_SCAN = new RuleConfig(RelFactories.LOGICAL_BUILDER,
      "CurataProjectScanRule",
      b0 -> b0.operand(LogicalProject.class).oneInput(b1 ->
          b1.operand(CurataTableScan.class).noInputs()),
      ProjectScanRule::new).toRule();

  /**
   * Turns a filter whose whole condition translates into a typed predicate, or else compiles into
   * a boolean expression, into a native {@link CurataFilter}.
   */
  public static final RelOptRule FILTER = new RuleConfig(RelFactories.LOGICAL_BUILDER,
      "CurataFilterRule",
      b0 -> b0.operand(LogicalFilter.class).anyInputs(),
      FilterRule::new).toRule();

  /**
   * Turns a projection of column references and compilable expressions into a native
   * {@link CurataProject}.
   */
  public static final RelOptRule PROJECT = new RuleConfig(RelFactories.LOGICAL_BUILDER,
      "CurataProjectRule",
      b0 -> b0.operand(LogicalProject.class).anyInputs(),
      ProjectRule::new).toRule();

  /**
   * Turns a supported aggregate into a native hash {@link CurataAggregate}, and also a streaming
   * one when the input is sorted on the group keys (the planner keeps the cheaper).
   */
  public static final RelOptRule AGGREGATE = new RuleConfig(RelFactories.LOGICAL_BUILDER,
      "CurataAggregateRule",
      b0 -> b0.operand(LogicalAggregate.class).anyInputs(),
      AggregateRule::new).toRule();

  /**
   * Turns ORDER BY with literal OFFSET/FETCH, or OFFSET/FETCH alone, over Curata columns into a
   * native {@link CurataSort}.
   */
  public static final RelOptRule SORT = new RuleConfig(RelFactories.LOGICAL_BUILDER,
      "CurataSortRule",
      b0 -> b0.operand(LogicalSort.class)
          .predicate(s -> CurataSort.supports(s.getCollation(), s.offset, s.fetch)).anyInputs(),
      SortRule::new).toRule();

  /**
   * Turns an equi-join of inputs that can run natively into every native way to run it: a
   * {@link CurataJoin} building either side, and a {@link CurataMergeJoin} of the inputs when
   * both are already sorted on the keys, else of the inputs sorted by {@link CurataSort}s (for
   * INNER, the non-equi rest of the condition stays as a filter above). The planner keeps the
   * cheapest by {@link org.curata.adapter.rel.CurataCost}.
   */
  public static final RelOptRule JOIN = new RuleConfig(RelFactories.LOGICAL_BUILDER,
      "CurataJoinRule",
      b0 -> b0.operand(LogicalJoin.class).anyInputs(),
      JoinRule::new).toRule();

  /**
   * Turns a filter {@code IS NULL} on a right column over a LEFT join (what NOT EXISTS
   * decorrelates into) into an ANTI join, when that filter keeps exactly the unmatched rows (see
   * {@link AntiJoinRule}).
   */
  public static final RelOptRule ANTI_JOIN = new RuleConfig(RelFactories.LOGICAL_BUILDER,
      "CurataAntiJoinRule",
      b0 -> b0.operand(LogicalFilter.class).oneInput(b1 -> b1.operand(LogicalJoin.class)
          .predicate(j -> j.getJoinType() == JoinRelType.LEFT).anyInputs()),
      AntiJoinRule::new).toRule();

  /**
   * Turns an aggregate of left columns over an INNER join with a right side distinct on the keys
   * (EXISTS or IN, once planned) into the aggregate over a SEMI join (see {@link SemiJoinRule}).
   */
  public static final RelOptRule AGGREGATE_SEMI_JOIN = new RuleConfig(
      RelFactories.LOGICAL_BUILDER, "CurataAggregateSemiJoinRule",
      b0 -> b0.operand(LogicalAggregate.class).oneInput(b1 -> semiJoinOperands(b1)),
      SemiJoinRule::new).toRule();

  /** The same as {@link #AGGREGATE_SEMI_JOIN} with a projection of left columns on top. */
  public static final RelOptRule PROJECT_SEMI_JOIN = new RuleConfig(
      RelFactories.LOGICAL_BUILDER, "CurataProjectSemiJoinRule",
      b0 -> b0.operand(LogicalProject.class).oneInput(b1 -> semiJoinOperands(b1)),
      SemiJoinRule::new).toRule();

  /** An INNER join whose right input is an aggregate. */
  private static RelRule.Done semiJoinOperands(RelRule.OperandBuilder b) {
    return b.operand(LogicalJoin.class).predicate(j -> j.getJoinType() == JoinRelType.INNER)
        .inputs(b2 -> b2.operand(RelNode.class).anyInputs(),
            b3 -> b3.operand(LogicalAggregate.class).anyInputs());
  }

  /** Turns UNION ALL of inputs that produce the same storage types into a {@link CurataUnion}. */
  public static final RelOptRule UNION = new RuleConfig(RelFactories.LOGICAL_BUILDER,
      "CurataUnionRule",
      b0 -> b0.operand(LogicalUnion.class).predicate(u -> u.all).anyInputs(),
      UnionRule::new).toRule();

  /** Converts Curata's convention to Enumerable at the top of a Curata subtree. */
  public static final ConverterRule TO_ENUMERABLE = ConverterRule.Config.INSTANCE
      .withConversion(RelNode.class, CurataRel.CONVENTION, EnumerableConvention.INSTANCE,
          "CurataToEnumerableConverterRule")
      .withRuleFactory(ToEnumerableRule::new)
      .toRule(ConverterRule.class);

  /**
   * Turns an INSERT into a Curata table into {@link CurataTableModify}; refuses UPDATE, DELETE
   * and MERGE with an UNSUPPORTED error (dataframes are append-only).
   */
  public static final ConverterRule TABLE_MODIFY = ConverterRule.Config.INSTANCE
      .withConversion(LogicalTableModify.class,
          m -> m.getTable().unwrap(CurataTable.class) != null,
          Convention.NONE, EnumerableConvention.INSTANCE, "CurataTableModifyRule")
      .withRuleFactory(TableModifyRule::new)
      .toRule(ConverterRule.class);

  /**
   * Implements VALUES as {@link CurataStashedValues} (rows handed to the generated code as one
   * object) where its literals already have their columns' types; Calcite's EnumerableValues
   * (one expression per literal) remains for the rest.
   */
  public static final ConverterRule VALUES = ConverterRule.Config.INSTANCE
      .withConversion(LogicalValues.class,
          v -> CurataStashedValues.canStash(v.getRowType(), v.getTuples()),
          Convention.NONE, EnumerableConvention.INSTANCE, "CurataStashedValuesRule")
      .withRuleFactory(ValuesRule::new)
      .toRule(ConverterRule.class);

  /** Every Curata rule. */
  public static final List<RelOptRule> RULES = List.of(FILTER_SCAN, PROJECT_SCAN, FILTER, PROJECT,
      AGGREGATE, JOIN, ANTI_JOIN, AGGREGATE_SEMI_JOIN, PROJECT_SEMI_JOIN, UNION, SORT,
      TO_ENUMERABLE, TABLE_MODIFY, VALUES);

  /** The columns of a scan as the translator sees them (dataframe field indexes as ids). */
  private static List<PredicateTranslator.Column> scanColumns(CurataTableScan scan) {
    List<Field> all = scan.curataTable().plannedFrame().fields();
    List<PredicateTranslator.Column> cols = new ArrayList<>();
    for (int f : scan.fields()) {
      cols.add(new PredicateTranslator.Column(f, all.get(f).name(), all.get(f).type()));
    }
    return cols;
  }

  /** The input in Curata's convention (a planner subset to be filled by other rules). */
  private static RelNode toCurata(RelNode input) {
    return RelOptRule.convert(input, input.getTraitSet().replace(CurataRel.CONVENTION));
  }

  /** See {@link #FILTER_SCAN}. */
  private static final class FilterScanRule extends RelRule<RuleConfig> {
    FilterScanRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalFilter filter = call.rel(0);
      CurataTableScan scan = call.rel(1);
      PredicateTranslator t = new PredicateTranslator(filter.getCluster().getRexBuilder(),
          scanColumns(scan));
      PredicateTranslator.Split split = t.split(filter.getCondition());
      if (split.pushed() instanceof Predicate.Const c && c.value()) {
        return;
      }
      RelNode out = scan.withPredicate(Predicate.and(List.of(scan.predicate(), split.pushed())));
      if (!split.remainder().isEmpty()) {
        out = filter.copy(filter.getTraitSet(), out,
            RexUtil.composeConjunction(filter.getCluster().getRexBuilder(), split.remainder()));
      }
      call.transformTo(out);
    }
  }

  /** See {@link #PROJECT_SCAN}. */
  private static final class ProjectScanRule extends RelRule<RuleConfig> {
    ProjectScanRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalProject project = call.rel(0);
      CurataTableScan scan = call.rel(1);
      int[] scanFields = scan.fields();
      int[] refs = CurataProject.mapping(project.getProjects());
      if (refs != null && distinct(refs) && refs.length > 0) {
        if (isIdentity(refs, scanFields.length)) {
          // Calcite's ProjectRemoveRule is registered but does not remove it here: the identity
          // would stay as an EnumerableCalc above the converter (and the result set would box)
          call.transformTo(scan);
          return;
        }
        int[] fields = new int[refs.length];
        for (int i = 0; i < refs.length; i++) {
          fields[i] = scanFields[refs[i]];
        }
        call.transformTo(scan.withFields(fields));
        return;
      }
      ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), null);
      if (used.isEmpty()) {
        used = ImmutableBitSet.of(narrowest(scan));
      }
      if (used.cardinality() == scanFields.length) {
        return;
      }
      int[] fields = new int[used.cardinality()];
      Map<Integer, Integer> map = new LinkedHashMap<>();
      int k = 0;
      for (int i : used) {
        map.put(i, k);
        fields[k++] = scanFields[i];
      }
      CurataTableScan narrowed = scan.withFields(fields);
      Mappings.TargetMapping mapping = Mappings.target(map, scanFields.length, fields.length);
      RexPermuteInputsShuttle shuttle = RexPermuteInputsShuttle.of(mapping);
      List<RexNode> exprs = new ArrayList<>();
      for (RexNode e : project.getProjects()) {
        exprs.add(e.accept(shuttle));
      }
      call.transformTo(project.copy(project.getTraitSet(), narrowed, exprs, project.getRowType()));
    }

    private static boolean distinct(int[] refs) {
      return Arrays.stream(refs).distinct().count() == refs.length;
    }

    private static boolean isIdentity(int[] refs, int n) {
      if (refs.length != n) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (refs[i] != i) {
          return false;
        }
      }
      return true;
    }

    /** The scan column with the narrowest values, read when a projection needs none. */
    private static int narrowest(CurataTableScan scan) {
      List<FieldType> types = scan.columnTypes();
      int best = 0;
      for (int i = 1; i < types.size(); i++) {
        int w = types.get(i).width();
        int bw = types.get(best).width();
        if (w > 0 && (bw < 0 || w < bw)) {
          best = i;
        }
      }
      return best;
    }
  }

  /** See {@link #FILTER}. */
  private static final class FilterRule extends RelRule<RuleConfig> {
    FilterRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalFilter filter = call.rel(0);
      RelNode input = filter.getInput();
      List<FieldType> types = ColumnTypes.of(input);
      if (types == null) {
        return;
      }
      List<String> names = input.getRowType().getFieldNames();
      List<PredicateTranslator.Column> cols = new ArrayList<>();
      for (int i = 0; i < types.size(); i++) {
        cols.add(new PredicateTranslator.Column(i, names.get(i), types.get(i)));
      }
      Predicate p = new PredicateTranslator(filter.getCluster().getRexBuilder(), cols)
          .translateAll(filter.getCondition());
      RelTraitSet traits = filter.getTraitSet().replace(CurataRel.CONVENTION);
      if (p != null) {
        call.transformTo(new CurataFilter(filter.getCluster(), traits, toCurata(input),
            filter.getCondition(), p, types));
        return;
      }
      Expr e = new ExprCompiler(filter.getCluster().getRexBuilder(), types, names)
          .condition(filter.getCondition());
      if (e != null) {
        call.transformTo(new CurataFilter(filter.getCluster(), traits, toCurata(input),
            filter.getCondition(), e, types));
      }
    }
  }

  /** See {@link #PROJECT}. */
  private static final class ProjectRule extends RelRule<RuleConfig> {
    ProjectRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalProject project = call.rel(0);
      RelNode input = project.getInput();
      List<FieldType> types = ColumnTypes.of(input);
      int[] refs = CurataProject.mapping(project.getProjects());
      if (types == null || (refs != null && ProjectScanRule.isIdentity(refs, types.size()))) {
        return; // an identity projection is removed by Calcite's own rules
      }
      // compiled once; the input is converted only when the projection runs natively
      CurataProject curata = CurataProject.create(project.getCluster(),
          project.getTraitSet().replace(CurataRel.CONVENTION), input,
          project.getProjects(), project.getRowType(), types);
      if (curata != null) {
        call.transformTo(curata.copy(curata.getTraitSet(), List.of(toCurata(input))));
      }
    }
  }

  /** See {@link #AGGREGATE}. */
  private static final class AggregateRule extends RelRule<RuleConfig> {
    AggregateRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalAggregate agg = call.rel(0);
      List<FieldType> types = ColumnTypes.of(agg.getInput());
      List<AggregateNode.Call> calls = types == null ? null : CurataAggregate.translate(agg, types);
      if (calls == null) {
        return;
      }
      RelNode input = toCurata(agg.getInput());
      boolean sorted = CurataAggregate.sortedOnKeys(agg.getGroupSet(),
          agg.getCluster().getMetadataQuery().collations(agg.getInput()));
      RelTraitSet traits = agg.getTraitSet().replace(CurataRel.CONVENTION);
      // hashing always; streaming too when the input is sorted on the keys: the cheaper wins
      RelNode hash = new CurataAggregate(agg.getCluster(), traits, input, agg.getGroupSet(),
          agg.getAggCallList(), calls, types, false);
      if (!sorted || agg.getGroupSet().isEmpty()) {
        call.transformTo(hash);
        return;
      }
      RelNode streaming = new CurataAggregate(agg.getCluster(), traits, input,
          agg.getGroupSet(), agg.getAggCallList(), calls, types, true);
      call.transformTo(hash);
      call.transformTo(streaming);
    }
  }

  /** See {@link #SORT}. */
  private static final class SortRule extends RelRule<RuleConfig> {
    SortRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalSort sort = call.rel(0);
      RelNode input = sort.getInput();
      List<FieldType> types = ColumnTypes.of(input);
      if (types == null) {
        return;
      }
      call.transformTo(new CurataSort(sort.getCluster(),
          sort.getTraitSet().replace(CurataRel.CONVENTION), toCurata(input),
          sort.getCollation(), sort.offset, sort.fetch, types));
    }
  }

  /** See {@link #UNION}. */
  private static final class UnionRule extends RelRule<RuleConfig> {
    UnionRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalUnion union = call.rel(0);
      List<FieldType> types = null;
      List<RelNode> inputs = new ArrayList<>();
      for (RelNode input : union.getInputs()) {
        List<FieldType> t = ColumnTypes.of(input);
        if (t == null || (types != null && !t.equals(types))) {
          return;
        }
        types = t;
        inputs.add(toCurata(input));
      }
      call.transformTo(new CurataUnion(union.getCluster(),
          union.getTraitSet().replace(CurataRel.CONVENTION), inputs, types));
    }
  }

  /** See {@link #JOIN}. */
  private static final class JoinRule extends RelRule<RuleConfig> {
    JoinRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalJoin join = call.rel(0);
      List<FieldType> lt = ColumnTypes.of(join.getLeft());
      List<FieldType> rt = lt == null ? null : ColumnTypes.of(join.getRight());
      if (!CurataJoin.supports(join, lt, rt)) {
        return;
      }
      JoinInfo info = join.analyzeCondition();
      RexBuilder rex = join.getCluster().getRexBuilder();
      RelNode left = toCurata(join.getLeft());
      RelNode right = toCurata(join.getRight());
      RexNode equi = info.getEquiCondition(left, right, rex);
      RelMetadataQuery mq = call.getMetadataQuery();
      RelTraitSet traits = join.getTraitSet().replace(CurataRel.CONVENTION);
      int[][] merge = CurataMergeJoin.mergeOrder(info.leftKeys.toIntArray(),
          info.rightKeys.toIntArray(), mq.collations(join.getLeft()),
          mq.collations(join.getRight()), lt, rt);
      // every way the join can run natively; the planner keeps the cheapest (CurataCost):
      // a hash join building either side, an ordered merge when both inputs are sorted on the
      // keys, else a merge of both inputs sorted on the keys
      List<RelNode> ways = new ArrayList<>();
      for (boolean buildLeft : new boolean[] {false, true}) {
        ways.add(new CurataJoin(join.getCluster(), traits, left, right, equi,
            join.getJoinType(), info.leftKeys.toIntArray(), info.rightKeys.toIntArray(),
            buildLeft, join.getRowType(), lt, rt));
      }
      if (merge != null) {
        ways.add(new CurataMergeJoin(join.getCluster(), traits, left, right, equi,
            join.getJoinType(), merge[0], merge[1], join.getRowType(), lt, rt));
      } else {
        RelNode sortMerge = sortMerge(join, info, traits, left, right, equi, lt, rt, mq);
        if (sortMerge != null) {
          ways.add(sortMerge);
        }
      }
      for (RelNode way : ways) {
        RelNode out = way;
        if (!info.isEqui()) {
          out = LogicalFilter.create(out,
              RexUtil.composeConjunction(rex, info.nonEquiConditions));
        }
        call.transformTo(out);
      }
    }

    /**
     * A merge join of both inputs sorted ascending (NULLs first, as a dataframe's declared order)
     * on the keys, each by a {@link CurataSort} unless it is sorted so already (one key), or null
     * when a key pair cannot be merged.
     */
    private static RelNode sortMerge(LogicalJoin join, JoinInfo info, RelTraitSet traits,
        RelNode left, RelNode right, RexNode equi, List<FieldType> lt, List<FieldType> rt,
        RelMetadataQuery mq) {
      int[] lk = info.leftKeys.toIntArray();
      int[] rk = info.rightKeys.toIntArray();
      RelCollation lc = ascending(lk);
      RelCollation rc = ascending(rk);
      int[][] merge = CurataMergeJoin.mergeOrder(lk, rk, List.of(lc), List.of(rc), lt, rt);
      if (merge == null) {
        return null;
      }
      RelNode ls = lk.length == 1 && sortedOn(mq.collations(join.getLeft()), lk[0]) ? left
          : new CurataSort(join.getCluster(),
              left.getTraitSet().replace(CurataRel.CONVENTION).replace(lc), left, lc, null, null,
              lt);
      RelNode rs = rk.length == 1 && sortedOn(mq.collations(join.getRight()), rk[0]) ? right
          : new CurataSort(join.getCluster(),
              right.getTraitSet().replace(CurataRel.CONVENTION).replace(rc), right, rc, null,
              null, rt);
      return new CurataMergeJoin(join.getCluster(), traits, ls, rs, equi, join.getJoinType(),
          merge[0], merge[1], join.getRowType(), lt, rt);
    }

    /** Whether a collation starts with {@code field} ascending (NULLs first). */
    private static boolean sortedOn(List<RelCollation> collations, int field) {
      if (collations == null) {
        return false;
      }
      for (RelCollation c : collations) {
        List<RelFieldCollation> f = c.getFieldCollations();
        if (!f.isEmpty() && f.get(0).getFieldIndex() == field
            && f.get(0).getDirection() == RelFieldCollation.Direction.ASCENDING
            && f.get(0).nullDirection == RelFieldCollation.NullDirection.FIRST) {
          return true;
        }
      }
      return false;
    }

    private static RelCollation ascending(int[] keys) {
      List<RelFieldCollation> fc = new ArrayList<>();
      for (int k : keys) {
        fc.add(new RelFieldCollation(k, RelFieldCollation.Direction.ASCENDING,
            RelFieldCollation.NullDirection.FIRST));
      }
      return RelCollations.of(fc);
    }
  }

  /** See {@link #TO_ENUMERABLE}. */
  private static final class ToEnumerableRule extends ConverterRule {
    ToEnumerableRule(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      return new CurataToEnumerableConverter(rel.getCluster(),
          rel.getTraitSet().replace(getOutConvention()), rel);
    }
  }

  /** See {@link #TABLE_MODIFY}. */
  /** See {@link #VALUES}. */
  private static final class ValuesRule extends ConverterRule {
    ValuesRule(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      LogicalValues values = (LogicalValues) rel;
      return CurataStashedValues.create(values.getCluster(), values.getRowType(),
          values.getTuples());
    }
  }

  private static final class TableModifyRule extends ConverterRule {
    TableModifyRule(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      LogicalTableModify modify = (LogicalTableModify) rel;
      if (modify.getOperation() != TableModify.Operation.INSERT) {
        throw new CurataException(ErrorCode.UNSUPPORTED, modify.getOperation() + " on dataframe "
            + modify.getTable().getQualifiedName() + " is not supported: Curata dataframes are"
            + " append-only; use INSERT, or CREATE TABLE AS to write a changed copy");
      }
      return new CurataTableModify(modify.getCluster(),
          modify.getTraitSet().replace(EnumerableConvention.INSTANCE), modify.getTable(),
          modify.getCatalogReader(),
          convert(modify.getInput(), modify.getTraitSet().replace(EnumerableConvention.INSTANCE)),
          modify.getOperation(), modify.getUpdateColumnList(), modify.getSourceExpressionList(),
          modify.isFlattened());
    }
  }
}
