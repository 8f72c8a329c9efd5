package org.curata.driver;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.interpreter.BindableConvention;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.CalciteSqlValidator;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorTable;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.util.Util;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalciteSchema;
import org.curata.adapter.CurataSchema;
import org.curata.adapter.PlanCache;
import org.curata.adapter.rel.CurataCost;
import org.curata.adapter.rel.CurataMetadata;
import org.curata.adapter.rel.LiteralCasts;
import org.curata.adapter.rel.ValuesFolding;
import org.curata.adapter.rule.CurataRules;

/**
 * Calcite's statement preparation with the Curata rules in every planner (a scan registers them
 * itself, but a statement without a scan, INSERT ... VALUES, must find the table-modify rule too),
 * and with INSERT's values checked on their way into their columns ({@link InsertChecks}): a
 * value longer than a CHAR(n) column fails instead of being truncated, and a string that does not
 * convert to its column's type fails naming the column.
 */
final class CurataPrepare extends CalcitePrepareImpl {
  /**
   * Prepares a statement, or takes its compiled plan from the schema's {@link PlanCache} when the
   * same text with the same settings was prepared on the dataset's current version. Only queries
   * are cached; DDL and DML always run the whole preparation (and commit a new version anyway).
   */
  @Override
  public <T> CalciteSignature<T> prepareSql(Context context, Query<T> query, Type elementType,
      long maxRowCount) {
    CurataSchema schema = query.sql == null ? null : curataSchema(context);
    if (schema == null) {
      return super.prepareSql(context, query, elementType, maxRowCount);
    }
    String key = context.getDefaultSchemaPath() + "\n" + elementType + "\n" + maxRowCount
        + "\n" + query.sql;
    long version = schema.versionId();
    @SuppressWarnings("unchecked")
    CalciteSignature<T> cached = (CalciteSignature<T>) schema.planCache().get(key, version);
    if (cached != null) {
      return cached;
    }
    CalciteSignature<T> signature = super.prepareSql(context, query, elementType, maxRowCount);
    if (signature.statementType == Meta.StatementType.SELECT) {
      schema.planCache().put(key, version, signature);
    }
    return signature;
  }

  /** The connection's Curata schema (the driver registers exactly one), or null. */
  private static CurataSchema curataSchema(Context context) {
    for (CalciteSchema sub : context.getRootSchema().getSubSchemaMap().values()) {
      if (sub.schema instanceof CurataSchema c) {
        return c;
      }
    }
    return null;
  }

  @Override
  protected RelOptPlanner createPlanner(CalcitePrepare.Context prepareContext,
      org.apache.calcite.plan.Context externalContext, RelOptCostFactory costFactory) {
    // Curata's cost model (rows, cpu, io, memory), whatever factory Calcite passes
    RelOptPlanner planner = super.createPlanner(prepareContext, externalContext,
        CurataCost.FACTORY);
    // Every table is a Curata table: INSERT runs through CurataTableModify, never through
    // Calcite's collection-based EnumerableTableModify.
    planner.removeRule(EnumerableRules.ENUMERABLE_TABLE_MODIFICATION_RULE);
    for (RelOptRule rule : CurataRules.RULES) {
      planner.addRule(rule);
    }
    // Calcite folds each constant CAST by compiling a class for it: once per row of a VALUES
    // whose rows need a conversion.
    planner.setExecutor(LiteralCasts.executor(
        Util.first(planner.getExecutor(), RexUtil.EXECUTOR)));
    return planner;
  }

  /** A cluster whose metadata includes Curata's distinct counts ({@link CurataMetadata}). */
  @Override
  protected RelOptCluster createCluster(RelOptPlanner planner, RexBuilder rexBuilder) {
    RelOptCluster cluster = super.createCluster(planner, rexBuilder);
    CurataMetadata.install(cluster);
    return cluster;
  }

  @Override
  protected CalcitePreparingStmt getPreparingStmt(Context context, Type elementType,
      CalciteCatalogReader catalogReader, RelOptPlanner planner) {
    // as CalcitePrepareImpl's, with Curata's validator and converter
    JavaTypeFactory typeFactory = context.getTypeFactory();
    EnumerableRel.Prefer prefer = elementType == Object[].class
        ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    Convention resultConvention = enableBindable ? BindableConvention.INSTANCE
        : EnumerableConvention.INSTANCE;
    return new PreparingStmt(this, context, catalogReader, typeFactory, context.getRootSchema(),
        prefer, createCluster(planner, new RexBuilder(typeFactory)), resultConvention,
        createConvertletTable());
  }

  /** Prepares with {@link Validator} and {@link Converter}. */
  private static final class PreparingStmt extends CalcitePreparingStmt {
    private final RelOptCluster relCluster;

    PreparingStmt(CalcitePrepareImpl prepare, Context context, CatalogReader catalogReader,
        RelDataTypeFactory typeFactory, org.apache.calcite.jdbc.CalciteSchema schema,
        EnumerableRel.Prefer prefer, RelOptCluster cluster, Convention resultConvention,
        SqlRexConvertletTable convertletTable) {
      super(prepare, context, catalogReader, typeFactory, schema, prefer, cluster,
          resultConvention, convertletTable);
      this.relCluster = cluster;
    }

    @Override
    protected SqlValidator createSqlValidator(Prepare.CatalogReader catalogReader,
        UnaryOperator<SqlValidator.Config> configTransform) {
      SqlValidator calcite = super.createSqlValidator(catalogReader, configTransform);
      return new Validator(calcite.getOperatorTable(), (CalciteCatalogReader) catalogReader,
          (JavaTypeFactory) calcite.getTypeFactory(), calcite.config());
    }

    @Override
    protected SqlToRelConverter getSqlToRelConverter(SqlValidator validator,
        Prepare.CatalogReader catalogReader, SqlToRelConverter.Config config) {
      // as CalcitePreparingStmt's
      return new Converter(this, validator, catalogReader, relCluster, convertletTable,
          config.withTopDownGeneralDecorrelationEnabled(
              context.config().topDownGeneralDecorrelationEnabled()));
    }
  }

  /**
   * Calcite's validator, except that INSERT coerces a value (or types a parameter) for a CHAR(n)
   * column as VARCHAR, not as CHAR(n): Calcite would truncate it silently; {@link Converter}
   * checks it.
   */
  private static final class Validator extends CalciteSqlValidator {
    Validator(SqlOperatorTable opTab, CalciteCatalogReader catalogReader,
        JavaTypeFactory typeFactory, Config config) {
      super(opTab, catalogReader, typeFactory, config);
    }

    @Override
    protected RelDataType createTargetRowType(SqlValidatorTable table,
        SqlNodeList targetColumnList, boolean append, SqlIdentifier targetTableAlias) {
      // Also the type of a parameter in VALUES, which Calcite's runtime truncates to its length.
      RelDataType target = super.createTargetRowType(table, targetColumnList, append,
          targetTableAlias);
      RelDataTypeFactory.Builder b = typeFactory.builder();
      boolean changed = false;
      for (RelDataTypeField f : target.getFieldList()) {
        RelDataType t = f.getType();
        if (isBoundedString(t)) {
          RelDataType unbounded = typeFactory.createTypeWithCharsetAndCollation(
              typeFactory.createSqlType(SqlTypeName.VARCHAR),
              Util.first(t.getCharset(), typeFactory.getDefaultCharset()),
              Util.first(t.getCollation(), org.apache.calcite.sql.SqlCollation.IMPLICIT));
          t = typeFactory.createTypeWithNullability(unbounded, t.isNullable());
          changed = true;
        }
        b.add(f.getName(), t);
      }
      return changed ? b.build() : target;
    }
  }

  private static boolean isBoundedString(RelDataType t) {
    return SqlTypeUtil.inCharFamily(t) && t.getPrecision() != RelDataType.PRECISION_NOT_SPECIFIED;
  }

  /**
   * Calcite's converter, wrapping what INSERT assigns to each column in {@link InsertChecks}: a
   * string CAST to the column's non-string type becomes a conversion whose error names the column,
   * and a value for a CHAR(n) column passes a length check.
   */
  private static final class Converter extends SqlToRelConverter {
    Converter(RelOptTable.ViewExpander viewExpander, SqlValidator validator,
        Prepare.CatalogReader catalogReader, RelOptCluster cluster,
        SqlRexConvertletTable convertletTable, Config config) {
      super(viewExpander, validator, catalogReader, cluster, convertletTable, config);
    }

    @Override
    public RelRoot convertQuery(SqlNode query, boolean needsValidation, boolean top) {
      // CREATE TABLE ... AS VALUES and SELECT ... FROM (VALUES ...) too; INSERT folds its own
      RelRoot root = super.convertQuery(query, needsValidation, top);
      RelNode folded = ValuesFolding.fold(root.rel);
      return folded == root.rel ? root : root.withRel(folded);
    }

    @Override
    protected RelNode convertColumnList(SqlInsert call, RelNode source) {
      RelOptTable table = getTargetTable(call);
      String tableName = Util.last(table.getQualifiedName());
      // The source's columns, in order, go to these columns of the table.
      List<String> columns = java.util.Objects.requireNonNull(validator, "validator")
          .getValidatedNodeType(call).getFieldNames();
      RelNode converted = super.convertColumnList(call,
          checkConversions(source, columns, tableName));
      return checkLengths(converted, table.getRowType(), tableName);
    }

    /** Replaces the string-to-other CASTs at the top of each source column. */
    private RelNode checkConversions(RelNode rel, List<String> columns, String table) {
      if (rel instanceof Union) {
        List<RelNode> inputs = new ArrayList<>();
        boolean changed = false;
        for (RelNode input : rel.getInputs()) {
          RelNode checked = checkConversions(input, columns, table);
          changed |= checked != input;
          inputs.add(checked);
        }
        return changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
      }
      if (!(rel instanceof Project)) {
        return rel;
      }
      Project project = (Project) rel;
      List<RexNode> exprs = new ArrayList<>(project.getProjects());
      boolean changed = false;
      for (int i = 0; i < exprs.size() && i < columns.size(); i++) {
        RexNode checked = checkConversion(exprs.get(i), table, columns.get(i));
        changed |= checked != exprs.get(i);
        exprs.set(i, checked);
      }
      return changed
          ? project.copy(project.getTraitSet(), project.getInput(), exprs, project.getRowType())
          : rel;
    }

    private RexNode checkConversion(RexNode e, String table, String column) {
      if (e.getKind() != SqlKind.CAST) {
        return e;
      }
      RexCall cast = (RexCall) e;
      RexNode operand = cast.getOperands().get(0);
      if (SqlTypeUtil.inCharFamily(operand.getType()) && !SqlTypeUtil.inCharFamily(cast.getType())) {
        SqlOperator op = InsertChecks.conversionOperator(cast.getType().getSqlTypeName());
        if (op == null) {
          return e;
        }
        return rexBuilder.makeCall(cast.getType(), op, List.of(operand,
            rexBuilder.makeLiteral(table), rexBuilder.makeLiteral(column)));
      }
      RexNode checked = checkConversion(operand, table, column);
      return checked == operand ? e : cast.clone(cast.getType(), List.of(checked));
    }

    /** Adds a length check above the values of each CHAR(n) column. */
    private RelNode checkLengths(RelNode rel, RelDataType tableType, String table) {
      List<RelDataTypeField> fields = tableType.getFieldList();
      List<RelDataTypeField> inputs = rel.getRowType().getFieldList();
      List<RexNode> exprs = new ArrayList<>();
      boolean changed = false;
      for (int i = 0; i < inputs.size(); i++) {
        RexNode ref = rexBuilder.makeInputRef(rel, i);
        RelDataType want = i < fields.size() ? fields.get(i).getType() : null;
        if (want != null && isBoundedString(want)
            && SqlTypeUtil.inCharFamily(inputs.get(i).getType())) {
          RelDataType type = typeFactory.createTypeWithNullability(want,
              inputs.get(i).getType().isNullable());
          exprs.add(rexBuilder.makeCall(type, InsertChecks.fitOperator(), List.of(ref,
              rexBuilder.makeExactLiteral(java.math.BigDecimal.valueOf(want.getPrecision()),
                  typeFactory.createSqlType(SqlTypeName.INTEGER)),
              rexBuilder.makeLiteral(table), rexBuilder.makeLiteral(fields.get(i).getName()))));
          changed = true;
        } else {
          exprs.add(ref);
        }
      }
      return changed ? LogicalProject.create(rel, List.of(), exprs,
          rel.getRowType().getFieldNames(), java.util.Set.of()) : rel;
    }
  }
}
