package org.curata.bench;

import java.util.List;
import java.util.Objects;

/**
 * One benchmark query.
 *
 * @param id Q1..Q7
 * @param title what the query stands for
 * @param sql the text sent to every engine
 * @param sortKeys 1-based output columns of the ORDER BY, in order; empty when unordered
 */
record Query(String id, String title, String sql, List<Integer> sortKeys) {
  Query {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(sql, "sql");
    sortKeys = List.copyOf(sortKeys);
  }

  /** True when the order of the rows is part of the answer. */
  boolean ordered() {
    return !sortKeys.isEmpty();
  }
}
