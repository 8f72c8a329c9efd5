package org.curata.adapter.exec;

/** A binary arithmetic operator of an {@link Expr}. */
public enum ArithOp {
  PLUS("+"), MINUS("-"), TIMES("*"), DIVIDE("/"), MOD("MOD");

  private final String sql;

  ArithOp(String sql) {
    this.sql = sql;
  }

  /** The SQL spelling. */
  public String sql() {
    return sql;
  }
}
