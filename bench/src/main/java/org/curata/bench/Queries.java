package org.curata.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The query set of BENCHMARK.md, verbatim except Q5's offset, which is half the assessments. */
final class Queries {
  private Queries() {
  }

  /** All queries for a data set. */
  static List<Query> all(BenchData data) {
    return List.of(
        new Query("Q1", "selective count on a categorical",
            "SELECT count(*) FROM assessments WHERE tested_covid_positive = 3", List.of()),
        new Query("Q2", "small group-by, avg over a NULL-heavy field",
            "SELECT country, gender, count(*), avg(bmi) FROM patients GROUP BY country, gender",
            List.of()),
        new Query("Q3", "high-cardinality group-by, top 100",
            "SELECT patient_id, max(temperature) FROM assessments WHERE temperature IS NOT NULL\n"
                + "GROUP BY patient_id ORDER BY 2 DESC LIMIT 100", List.of(2)),
        new Query("Q4", "join on string keys, filter on a sparse field",
            "SELECT p.country, count(*) FROM assessments a JOIN patients p ON a.patient_id = p.id\n"
                + "WHERE a.fever = 1 GROUP BY p.country", List.of()),
        new Query("Q5", "deep page of a sort over the large table",
            "SELECT * FROM assessments ORDER BY created_at LIMIT 1000 OFFSET "
                + data.assessmentRows() / 2, List.of(3)),
        new Query("Q6", "distinct count over a time range",
            "SELECT count(DISTINCT patient_id) FROM assessments "
                + "WHERE created_at >= TIMESTAMP '2020-06-01 00:00:00'", List.of()),
        new Query("Q7", "full sort streamed out",
            "SELECT * FROM patients ORDER BY year_of_birth, id", List.of(3, 1)));
  }

  /** The queries named in a comma-separated list (case-insensitive), or all for "all". */
  static List<Query> select(BenchData data, String names) {
    List<Query> all = all(data);
    if (names.equalsIgnoreCase("all")) {
      return all;
    }
    List<Query> out = new ArrayList<>();
    for (String n : names.split(",")) {
      String id = n.trim().toUpperCase(Locale.ROOT);
      Query q = all.stream().filter(x -> x.id().equals(id)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("--queries: unknown query '" + n.trim()
              + "'; known: Q1..Q7 or all"));
      out.add(q);
    }
    return out;
  }
}
