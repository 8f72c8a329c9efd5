package org.curata.adapter.exec;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A typed predicate pushed into a scan or a native filter, in negation normal form: a row is
 * selected where the predicate is TRUE; every leaf is FALSE on NULL unless it says otherwise, so
 * AND is an intersection and OR a union of selections (SQL's three-valued logic holds because no
 * NOT remains above a leaf). Columns are numbered by the consumer (dataframe field index in a
 * scan, input column in a filter).
 */
public sealed interface Predicate permits Predicate.Compare, Predicate.In, Predicate.Codes,
    Predicate.IsNull, Predicate.And, Predicate.Or, Predicate.Const {

  /** TRUE, which selects every row. */
  Predicate TRUE = new Const(true);

  /** FALSE, which selects no row. */
  Predicate FALSE = new Const(false);

  /**
   * {@code column op value}; FALSE on NULL.
   *
   * @param column the column
   * @param name the column's name, for EXPLAIN
   * @param op the comparison
   * @param value the literal, in the column's physical representation
   */
  record Compare(int column, String name, CompareOp op, Literal value) implements Predicate {
    public Compare {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return op.sql() + "(" + name + ", " + value + ")";
    }
  }

  /**
   * {@code column [NOT] IN (values)}; FALSE on NULL either way.
   *
   * @param column the column
   * @param name the column's name, for EXPLAIN
   * @param values the literals (no NULL among them)
   * @param negated NOT IN
   */
  record In(int column, String name, List<Literal> values, boolean negated) implements Predicate {
    public In {
      Objects.requireNonNull(name, "name");
      values = List.copyOf(values);
    }

    @Override
    public String toString() {
      StringJoiner j = new StringJoiner(", ", (negated ? "NOT IN(" : "IN(") + name + ", ", ")");
      for (Literal v : values) {
        j.add(v.toString());
      }
      return j.toString();
    }
  }

  /**
   * A predicate on a categorical column planned on its codes: when not negated, TRUE where the
   * code is not NULL and in {@code codes}; when negated, TRUE where the code is NULL or not in
   * {@code codes} (codes outside the key read as NULL labels, so IS NULL is the negation of the
   * key's codes). A row whose code is in {@code failing} raises {@code failure} instead of
   * giving TRUE or FALSE: that is how a CAST of the label that SQL would reject at run time
   * (such as {@code CAST('yes' AS INTEGER)}) stays an error rather than a silent FALSE.
   *
   * @param column the column
   * @param sql the predicate as written on labels, for EXPLAIN
   * @param codes the codes, sorted ascending, distinct
   * @param negated see above
   * @param failing codes whose rows raise the failure, sorted ascending, distinct (only when not
   *     negated)
   * @param failure the error message for a row with a failing code, or null when none fails
   */
  record Codes(int column, String sql, long[] codes, boolean negated, long[] failing,
      String failure) implements Predicate {
    public Codes {
      Objects.requireNonNull(sql, "sql");
      codes = Arrays.stream(codes).sorted().distinct().toArray();
      failing = Arrays.stream(failing).sorted().distinct().toArray();
      if (failing.length > 0 && (negated || failure == null)) {
        throw new IllegalArgumentException("failing codes need a failure and no negation");
      }
    }

    /** Codes without failing ones. */
    public Codes(int column, String sql, long[] codes, boolean negated) {
      this(column, sql, codes, negated, new long[0], null);
    }

    @Override
    public long[] codes() {
      return codes.clone();
    }

    @Override
    public long[] failing() {
      return failing.clone();
    }

    long[] raw() {
      return codes;
    }

    long[] rawFailing() {
      return failing;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Codes c && c.column == column && c.negated == negated
          && Arrays.equals(c.codes, codes) && Arrays.equals(c.failing, failing);
    }

    @Override
    public int hashCode() {
      return Objects.hash(column, negated, Arrays.hashCode(codes), Arrays.hashCode(failing));
    }

    @Override
    public String toString() {
      StringJoiner j = new StringJoiner(", ", "{", "}");
      for (long c : codes) {
        j.add(Long.toString(c));
      }
      StringJoiner f = new StringJoiner(", ", "{", "}");
      for (long c : failing) {
        f.add(Long.toString(c));
      }
      return sql + (negated ? " [codes NOT IN " : " [codes IN ") + j
          + (failing.length > 0 ? ", error on codes " + f : "") + "]";
    }
  }

  /**
   * {@code column IS [NOT] NULL}.
   *
   * @param column the column
   * @param name the column's name, for EXPLAIN
   * @param negated IS NOT NULL
   */
  record IsNull(int column, String name, boolean negated) implements Predicate {
    @Override
    public String toString() {
      return (negated ? "IS NOT NULL(" : "IS NULL(") + name + ")";
    }
  }

  /**
   * All of the terms.
   *
   * @param terms at least two terms
   */
  record And(List<Predicate> terms) implements Predicate {
    public And {
      terms = List.copyOf(terms);
    }

    @Override
    public String toString() {
      return join("AND", terms);
    }
  }

  /**
   * Any of the terms.
   *
   * @param terms at least two terms
   */
  record Or(List<Predicate> terms) implements Predicate {
    public Or {
      terms = List.copyOf(terms);
    }

    @Override
    public String toString() {
      return join("OR", terms);
    }
  }

  /**
   * A constant: TRUE or FALSE for every row.
   *
   * @param value the constant
   */
  record Const(boolean value) implements Predicate {
    @Override
    public String toString() {
      return value ? "true" : "false";
    }
  }

  /** The conjunction of the terms, flattened; TRUE when empty. */
  static Predicate and(List<Predicate> terms) {
    java.util.ArrayList<Predicate> flat = new java.util.ArrayList<>();
    for (Predicate t : terms) {
      if (t instanceof And a) {
        flat.addAll(a.terms());
      } else if (t instanceof Const c) {
        if (!c.value()) {
          return FALSE;
        }
      } else {
        flat.add(t);
      }
    }
    return flat.isEmpty() ? TRUE : flat.size() == 1 ? flat.get(0) : new And(flat);
  }

  /** The disjunction of the terms, flattened; FALSE when empty. */
  static Predicate or(List<Predicate> terms) {
    java.util.ArrayList<Predicate> flat = new java.util.ArrayList<>();
    for (Predicate t : terms) {
      if (t instanceof Or o) {
        flat.addAll(o.terms());
      } else if (t instanceof Const c) {
        if (c.value()) {
          return TRUE;
        }
      } else {
        flat.add(t);
      }
    }
    return flat.isEmpty() ? FALSE : flat.size() == 1 ? flat.get(0) : new Or(flat);
  }

  /** The columns the predicate reads, each once, in first-use order. */
  static int[] columns(Predicate p) {
    java.util.LinkedHashSet<Integer> out = new java.util.LinkedHashSet<>();
    collect(p, out);
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static void collect(Predicate p, java.util.Set<Integer> out) {
    if (p instanceof Compare c) {
      out.add(c.column());
    } else if (p instanceof In i) {
      out.add(i.column());
    } else if (p instanceof Codes c) {
      out.add(c.column());
    } else if (p instanceof IsNull n) {
      out.add(n.column());
    } else if (p instanceof And a) {
      a.terms().forEach(t -> collect(t, out));
    } else if (p instanceof Or o) {
      o.terms().forEach(t -> collect(t, out));
    }
  }

  /**
   * The column of a top-level conjunct that is FALSE on NULL, so that only non-NULL rows of it
   * need to be looked at; -1 when there is none.
   */
  static int[] nonNullColumns(Predicate p) {
    List<Predicate> conjuncts = p instanceof And a ? a.terms() : List.of(p);
    java.util.LinkedHashSet<Integer> out = new java.util.LinkedHashSet<>();
    for (Predicate t : conjuncts) {
      if (t instanceof Compare c) {
        out.add(c.column());
      } else if (t instanceof In i) {
        out.add(i.column());
      } else if (t instanceof Codes c && !c.negated()) {
        out.add(c.column());
      } else if (t instanceof IsNull n && n.negated()) {
        out.add(n.column());
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Renumbers the columns of a predicate. */
  static Predicate remap(Predicate p, java.util.function.IntUnaryOperator map) {
    if (p instanceof Compare c) {
      return new Compare(map.applyAsInt(c.column()), c.name(), c.op(), c.value());
    } else if (p instanceof In i) {
      return new In(map.applyAsInt(i.column()), i.name(), i.values(), i.negated());
    } else if (p instanceof Codes c) {
      return new Codes(map.applyAsInt(c.column()), c.sql(), c.raw(), c.negated(), c.rawFailing(),
          c.failure());
    } else if (p instanceof IsNull n) {
      return new IsNull(map.applyAsInt(n.column()), n.name(), n.negated());
    } else if (p instanceof And a) {
      return new And(a.terms().stream().map(t -> remap(t, map)).toList());
    } else if (p instanceof Or o) {
      return new Or(o.terms().stream().map(t -> remap(t, map)).toList());
    }
    return p;
  }

  private static String join(String op, List<Predicate> terms) {
    StringJoiner j = new StringJoiner(", ", op + "(", ")");
    for (Predicate t : terms) {
      j.add(t.toString());
    }
    return j.toString();
  }
}
