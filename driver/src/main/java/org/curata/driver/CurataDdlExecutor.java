package org.curata.driver;

import java.io.Reader;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.server.DdlExecutor;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.ddl.SqlColumnDeclaration;
import org.apache.calcite.sql.ddl.SqlCreateTable;
import org.apache.calcite.sql.ddl.SqlDropTable;
import org.apache.calcite.sql.ddl.SqlKeyConstraint;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParserImplFactory;
import org.apache.calcite.sql.pretty.SqlPrettyWriter;
import org.curata.adapter.CurataSchema;
import org.curata.driver.parser.CurataSqlParser;
import org.curata.storage.CurataException;
import org.curata.storage.DataFrame;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldAppender;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.Snapshot;
import org.curata.storage.Transaction;

/**
 * Executes Curata's DDL (CREATE TABLE, CREATE TABLE ... AS, DROP TABLE) against the storage API,
 * each statement one atomic commit. Named by the {@code parserFactory} connection property through
 * {@link #PARSER_FACTORY}, as calcite-server's ServerDdlExecutor is.
 */
public final class CurataDdlExecutor implements DdlExecutor {
  /** The one instance. */
  public static final CurataDdlExecutor INSTANCE = new CurataDdlExecutor();

  /** Curata's parser (Calcite's grammar plus Curata's DDL), executing DDL with this class. */
  public static final SqlParserImplFactory PARSER_FACTORY = new SqlParserImplFactory() {
    @Override
    public SqlAbstractParserImpl getParser(Reader stream) {
      return CurataSqlParser.create(stream);
    }

    @Override
    public DdlExecutor getDdlExecutor() {
      return INSTANCE;
    }
  };

  private CurataDdlExecutor() {
  }

  @Override
  public void executeDdl(CalcitePrepare.Context context, SqlNode node) {
    if (node.getKind() == SqlKind.CREATE_TABLE) {
      createTable(context, (SqlCreateTable) node);
    } else if (node.getKind() == SqlKind.DROP_TABLE) {
      dropTable(context, (SqlDropTable) node);
    } else {
      throw new CurataException(ErrorCode.UNSUPPORTED, node.getKind() + " is not supported;"
          + " Curata's DDL is CREATE TABLE, CREATE TABLE ... AS and DROP TABLE");
    }
  }

  private static void createTable(CalcitePrepare.Context context, SqlCreateTable create) {
    Target target = Target.of(context, create.name);
    if (create.getReplace()) {
      throw new CurataException(ErrorCode.UNSUPPORTED, "CREATE OR REPLACE TABLE is not supported;"
          + " DROP TABLE " + target.table + " first");
    }
    if (create.query != null && create.columnList != null) {
      throw new CurataException(ErrorCode.UNSUPPORTED, "CREATE TABLE " + target.table
          + " ... AS takes its columns from the query: remove the column list and name or CAST"
          + " the query's columns instead");
    }
    if (create.query == null && create.columnList == null) {
      throw new CurataException(ErrorCode.INVALID_INPUT, "CREATE TABLE " + target.table
          + " needs a column list, e.g. CREATE TABLE " + target.table + " (id INTEGER NOT NULL,"
          + " name VARCHAR), or AS followed by a query");
    }
    List<FieldSpec> fields = new ArrayList<>();
    List<String> primaryKeys = new ArrayList<>();
    if (create.columnList != null) {
      columns(create.columnList, target.table, fields, primaryKeys);
    }
    try (Transaction tx = target.dataset.beginWrite(unparse(create))) {
      if (target.existing().isPresent()) {
        if (create.ifNotExists) {
          return;
        }
        throw new CurataException(ErrorCode.ALREADY_EXISTS, "table '" + target.existing().get()
            + "' already exists in schema '" + target.schema + "'"
            + (target.existing().get().equals(target.table) ? ""
                : " (names differ only in case, and Curata matches names ignoring case)")
            + "; use CREATE TABLE IF NOT EXISTS, or DROP TABLE it first");
      }
      if (create.query == null) {
        tx.createDataFrame(target.table, fields, List.of(), primaryKeys);
      } else {
        createAs(context, tx, target, create.query);
      }
      tx.commit();
    }
  }

  /** Reads the column declarations and key constraints. */
  private static void columns(SqlNodeList list, String table, List<FieldSpec> fields,
      List<String> primaryKeys) {
    List<SqlKeyConstraint> keys = new ArrayList<>();
    for (SqlNode e : list) {
      if (e instanceof SqlColumnDeclaration) {
        SqlColumnDeclaration c = (SqlColumnDeclaration) e;
        String name = c.name.getSimple();
        if (c.expression != null) {
          throw new CurataException(ErrorCode.UNSUPPORTED, "column '" + name + "' of table '"
              + table + "': DEFAULT values are not supported; give every value in INSERT");
        }
        for (FieldSpec f : fields) {
          if (f.name().equalsIgnoreCase(name)) {
            throw new CurataException(ErrorCode.INVALID_INPUT, "table '" + table
                + "' declares column '" + name + "' twice (names are matched ignoring case)");
          }
        }
        Boolean nullable = c.dataType.getNullable();
        fields.add(new FieldSpec(name, DdlTypes.of(c.dataType, name),
            nullable == null || nullable));
      } else if (e.getKind() == SqlKind.PRIMARY_KEY) {
        keys.add((SqlKeyConstraint) e);
      } else if (e.getKind() == SqlKind.UNIQUE) {
        throw new CurataException(ErrorCode.UNSUPPORTED, "table '" + table
            + "': UNIQUE constraints are not supported (Curata does not enforce keys)");
      } else if (e.getKind() == SqlKind.CHECK) {
        throw new CurataException(ErrorCode.UNSUPPORTED, "table '" + table
            + "': CHECK constraints are not supported");
      } else {
        throw new CurataException(ErrorCode.UNSUPPORTED, "table '" + table + "': '" + e
            + "' is not supported in CREATE TABLE");
      }
    }
    if (keys.size() > 1) {
      throw new CurataException(ErrorCode.INVALID_INPUT, "table '" + table
          + "' declares more than one PRIMARY KEY");
    }
    if (keys.isEmpty()) {
      return;
    }
    for (SqlNode k : (SqlNodeList) keys.get(0).getOperandList().get(1)) {
      String key = ((SqlIdentifier) k).getSimple();
      int index = -1;
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).name().equalsIgnoreCase(key)) {
          index = i;
        }
      }
      if (index < 0) {
        throw new CurataException(ErrorCode.NOT_FOUND, "PRIMARY KEY of table '" + table
            + "' names column '" + key + "', which the table does not declare");
      }
      FieldSpec f = fields.get(index);
      if (primaryKeys.contains(f.name())) {
        throw new CurataException(ErrorCode.INVALID_INPUT, "PRIMARY KEY of table '" + table
            + "' names column '" + key + "' twice");
      }
      primaryKeys.add(f.name());
      // SQL: a primary key column is NOT NULL.
      fields.set(index, new FieldSpec(f.name(), f.type(), false));
    }
  }

  /** Runs the query on the statement's connection and appends its rows in the same commit. */
  private static void createAs(CalcitePrepare.Context context, Transaction tx, Target target,
      SqlNode query) {
    Connection connection = connection(context);
    String sql = unparse(query);
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      int n = md.getColumnCount();
      List<FieldSpec> fields = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) {
        String name = md.getColumnLabel(i);
        for (FieldSpec f : fields) {
          if (f.name().equalsIgnoreCase(name)) {
            throw new CurataException(ErrorCode.INVALID_INPUT, "the query of CREATE TABLE "
                + target.table + " has two columns named '" + name
                + "'; give each a distinct name with AS");
          }
        }
        fields.add(new FieldSpec(name, DdlTypes.of(md, i),
            md.isNullable(i) != ResultSetMetaData.columnNoNulls));
      }
      DataFrameAppender out = tx.createDataFrame(target.table, fields, List.of(), List.of());
      FieldAppender[] appenders = new FieldAppender[n];
      for (int i = 0; i < n; i++) {
        appenders[i] = out.field(i);
      }
      Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
      while (rs.next()) {
        for (int i = 0; i < n; i++) {
          copy(rs, i + 1, fields.get(i).type(), appenders[i], utc);
        }
      }
    } catch (SQLException e) {
      // The SQLException's causes hold the real error, which the driver's translation finds.
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static void copy(ResultSet rs, int column, FieldType type, FieldAppender out,
      Calendar utc) throws SQLException {
    switch (type.kind()) {
      case BOOL: {
        boolean v = rs.getBoolean(column);
        if (rs.wasNull()) {
          out.appendNull();
        } else {
          out.appendLong(v ? 1 : 0);
        }
        return;
      }
      case FLOAT32:
      case FLOAT64: {
        double v = rs.getDouble(column);
        if (rs.wasNull()) {
          out.appendNull();
        } else {
          out.appendDouble(v);
        }
        return;
      }
      case STRING: {
        String v = rs.getString(column);
        if (v == null) {
          out.appendNull();
        } else {
          out.appendString(v);
        }
        return;
      }
      case DATE: {
        Date v = rs.getDate(column, utc);
        if (v == null) {
          out.appendNull();
        } else {
          out.appendLong(Math.floorDiv(v.getTime(), 86_400_000L));
        }
        return;
      }
      case TIMESTAMP: {
        Timestamp v = rs.getTimestamp(column, utc);
        if (v == null) {
          out.appendNull();
        } else {
          out.appendLong(Math.floorDiv(v.getTime(), 1000L) * 1_000_000L + v.getNanos() / 1000);
        }
        return;
      }
      default: {
        long v = rs.getLong(column);
        if (rs.wasNull()) {
          out.appendNull();
        } else {
          out.appendLong(v);
        }
      }
    }
  }

  private static void dropTable(CalcitePrepare.Context context, SqlDropTable drop) {
    Target target = Target.of(context, drop.name);
    try (Transaction tx = target.dataset.beginWrite(unparse(drop))) {
      Optional<String> existing = target.existing();
      if (existing.isEmpty()) {
        if (drop.ifExists) {
          return;
        }
        throw new CurataException(ErrorCode.NOT_FOUND, "table '" + target.table
            + "' does not exist in schema '" + target.schema + "'; use DROP TABLE IF EXISTS"
            + " to ignore a missing table");
      }
      tx.dropDataFrame(existing.get());
      tx.commit();
    }
  }

  /** The connection preparing the statement (Calcite's data context's query provider). */
  private static Connection connection(CalcitePrepare.Context context) {
    QueryProvider provider = context.getDataContext().getQueryProvider();
    if (provider instanceof Connection) {
      return (Connection) provider;
    }
    throw new CurataException(ErrorCode.INTERNAL,
        "CREATE TABLE ... AS found no connection to run its query on");
  }

  private static String unparse(SqlNode node) {
    SqlPrettyWriter w = new SqlPrettyWriter(SqlPrettyWriter.config()
        .withDialect(CalciteSqlDialect.DEFAULT)
        .withAlwaysUseParentheses(false)
        .withQuoteAllIdentifiers(true));
    node.unparse(w, 0, 0);
    return w.toSqlString().getSql();
  }

  /** The dataset and dataframe name a DDL statement's table name resolves to. */
  private static final class Target {
    final Dataset dataset;
    final String schema;
    final String table;
    final boolean caseSensitive;

    private Target(Dataset dataset, String schema, String table, boolean caseSensitive) {
      this.dataset = dataset;
      this.schema = schema;
      this.table = table;
      this.caseSensitive = caseSensitive;
    }

    static Target of(CalcitePrepare.Context context, SqlIdentifier id) {
      boolean caseSensitive = context.config().caseSensitive();
      List<String> path;
      if (id.names.size() == 1) {
        path = context.getDefaultSchemaPath();
      } else if (id.names.size() == 2) {
        path = List.of(id.names.get(0));
      } else {
        throw new CurataException(ErrorCode.INVALID_INPUT, "table name '" + id
            + "' has too many parts; use table or schema.table");
      }
      if (path.isEmpty()) {
        throw new CurataException(ErrorCode.INVALID_INPUT, "table '" + id
            + "' names no schema and the connection has no default schema");
      }
      CalciteSchema schema = context.getMutableRootSchema();
      for (String p : path) {
        CalciteSchema sub = schema.getSubSchema(p, caseSensitive);
        if (sub == null) {
          throw new CurataException(ErrorCode.NOT_FOUND, "schema '" + p + "' does not exist");
        }
        schema = sub;
      }
      Schema s = schema.schema;
      if (!(s instanceof CurataSchema)) {
        throw new CurataException(ErrorCode.UNSUPPORTED, "schema '" + schema.getName()
            + "' is not a Curata dataset; tables can be created and dropped only in one");
      }
      return new Target(((CurataSchema) s).dataset(), schema.getName(),
          id.names.get(id.names.size() - 1), caseSensitive);
    }

    /** The name of the dataframe this name matches in the latest version, if any. */
    Optional<String> existing() {
      try (Snapshot s = dataset.snapshot()) {
        Optional<DataFrame> exact = s.dataFrame(table);
        if (exact.isPresent()) {
          return Optional.of(exact.get().name());
        }
        for (DataFrame f : s.dataFrames()) {
          if (!caseSensitive && f.name().equalsIgnoreCase(table)) {
            return Optional.of(f.name());
          }
        }
        return Optional.empty();
      }
    }
  }
}
