<#--
  Curata's DDL: CREATE TABLE [IF NOT EXISTS] name ( elements ) | AS query, and
  DROP TABLE [IF EXISTS] name. The productions build org.apache.calcite.sql.ddl nodes;
  org.curata.driver.CurataDdlExecutor executes them (and rejects what Curata cannot store).
-->

boolean CurataIfNotExists() :
{
}
{
    <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

boolean CurataIfExists() :
{
}
{
    <IF> <EXISTS> { return true; }
|
    { return false; }
}

SqlCreate CurataCreateTable(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier id;
    SqlNodeList elements = null;
    SqlNode query = null;
}
{
    <TABLE> ifNotExists = CurataIfNotExists() id = CompoundIdentifier()
    [ elements = CurataTableElements() ]
    [ <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) ]
    {
        return SqlDdlNodes.createTable(s.end(this), replace, ifNotExists, id,
            elements, query);
    }
}

SqlNodeList CurataTableElements() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
}
{
    <LPAREN> { s = span(); }
    CurataTableElement(list)
    (
        <COMMA> CurataTableElement(list)
    )*
    <RPAREN> {
        return new SqlNodeList(list, s.end(this));
    }
}

<#-- A column (with inline NOT NULL / NULL / PRIMARY KEY / UNIQUE / CHECK / DEFAULT, of which
     the executor rejects the last three) or a table constraint. -->
void CurataTableElement(List<SqlNode> list) :
{
    final SqlIdentifier id;
    final SqlDataTypeSpec type;
    boolean nullable = true;
    boolean primary = false;
    SqlNode defaultValue = null;
    SqlNode e;
    SqlIdentifier name = null;
    final SqlNodeList columns;
    final Span s = Span.of();
    final List<SqlNode> constraints = new ArrayList<SqlNode>();
}
{
    id = SimpleIdentifier()
    type = DataType()
    (
        <NOT> <NULL> { nullable = false; }
    |
        <NULL> { nullable = true; }
    |
        <PRIMARY> <KEY> { primary = true; nullable = false; }
    |
        <UNIQUE> {
            constraints.add(
                SqlDdlNodes.unique(getPos(), null, new SqlNodeList(Collections.singletonList(id), getPos())));
        }
    |
        <CHECK> <LPAREN> e = Expression(ExprContext.ACCEPT_SUB_QUERY) <RPAREN> {
            constraints.add(SqlDdlNodes.check(getPos(), null, e));
        }
    |
        <DEFAULT_> defaultValue = Expression3(ExprContext.ACCEPT_SUB_QUERY)
    )*
    {
        list.add(
            SqlDdlNodes.column(s.add(id).end(this), id, type.withNullable(nullable),
                defaultValue,
                defaultValue != null ? ColumnStrategy.DEFAULT
                    : nullable ? ColumnStrategy.NULLABLE : ColumnStrategy.NOT_NULLABLE));
        if (primary) {
            list.add(
                SqlDdlNodes.primary(id.getParserPosition(), null,
                    new SqlNodeList(Collections.singletonList(id), id.getParserPosition())));
        }
        list.addAll(constraints);
    }
|
    [ <CONSTRAINT> { s.add(this); } name = SimpleIdentifier() ]
    (
        <PRIMARY> { s.add(this); } <KEY>
        columns = ParenthesizedSimpleIdentifierList() {
            list.add(SqlDdlNodes.primary(s.end(columns), name, columns));
        }
    |
        <UNIQUE> { s.add(this); }
        columns = ParenthesizedSimpleIdentifierList() {
            list.add(SqlDdlNodes.unique(s.end(columns), name, columns));
        }
    |
        <CHECK> { s.add(this); } <LPAREN>
        e = Expression(ExprContext.ACCEPT_SUB_QUERY) <RPAREN> {
            list.add(SqlDdlNodes.check(s.end(this), name, e));
        }
    )
}

SqlDrop CurataDropTable(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier id;
}
{
    <TABLE> ifExists = CurataIfExists() id = CompoundIdentifier()
    {
        return SqlDdlNodes.dropTable(s.end(this), ifExists, id);
    }
}
