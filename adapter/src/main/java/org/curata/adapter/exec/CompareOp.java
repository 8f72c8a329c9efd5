package org.curata.adapter.exec;

/** A comparison of a column with a literal, as pushed into a scan or a native filter. */
public enum CompareOp {
  EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

  private final String sql;

  CompareOp(String sql) {
    this.sql = sql;
  }

  /** The SQL spelling of the operator. */
  public String sql() {
    return sql;
  }

  /** The operator that is true exactly where this one is false (for non-NULL, non-NaN values). */
  public CompareOp negate() {
    switch (this) {
      case EQ: return NE;
      case NE: return EQ;
      case LT: return GE;
      case LE: return GT;
      case GT: return LE;
      default: return LT;
    }
  }

  /** The operator with its operands swapped ({@code 3 < x} is {@code x > 3}). */
  public CompareOp reverse() {
    switch (this) {
      case LT: return GT;
      case LE: return GE;
      case GT: return LT;
      case GE: return LE;
      default: return this;
    }
  }

  /** Applies the operator to the result of a three-way comparison. */
  public boolean test(int cmp) {
    switch (this) {
      case EQ: return cmp == 0;
      case NE: return cmp != 0;
      case LT: return cmp < 0;
      case LE: return cmp <= 0;
      case GT: return cmp > 0;
      default: return cmp >= 0;
    }
  }
}
