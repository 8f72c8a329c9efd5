package org.curata.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Result comparison: equal answers in other Java types agree, wrong answers do not. */
final class ResultDigestTest {
  private static final Query UNORDERED = new Query("T1", "t", "select", List.of());
  private static final Query TOP = new Query("T2", "t", "select", List.of(2));

  private static ResultDigest digest(Query q, Object[]... rows) {
    ResultDigest d = new ResultDigest(q);
    for (Object[] r : rows) {
      d.add(r);
    }
    return d;
  }

  @Test
  void typesAndRowOrderDoNotMatterWithoutOrderBy() {
    ResultDigest a = digest(UNORDERED, new Object[] {"GB", 3L, 27.000000000001},
        new Object[] {"US", 1L, null});
    ResultDigest b = digest(UNORDERED, new Object[] {"US", (byte) 1, null},
        new Object[] {"GB", new BigDecimal("3"), 27.0});
    assertEquals("OK", b.compareTo(a));
  }

  @Test
  void timestampsBooleansAndIntegralDoublesAreCanonical() {
    LocalDateTime t = LocalDateTime.of(2020, 6, 1, 0, 0, 0, 123_000_000);
    ResultDigest a = digest(UNORDERED, new Object[] {Timestamp.valueOf(t), true, 40.0});
    ResultDigest b = digest(UNORDERED, new Object[] {t, 1, 40L});
    assertEquals("OK", b.compareTo(a));
  }

  @Test
  void wrongValuesAndCountsAreMismatches() {
    ResultDigest a = digest(UNORDERED, new Object[] {"GB", 3L});
    assertTrue(digest(UNORDERED, new Object[] {"GB", 4L}).compareTo(a).startsWith("MISMATCH"));
    assertTrue(digest(UNORDERED, new Object[] {"GB", 3L}, new Object[] {"GB", 3L}).compareTo(a)
        .startsWith("MISMATCH"));
    assertTrue(digest(UNORDERED, new Object[] {"GB", 3.001}).compareTo(a).startsWith("MISMATCH"));
  }

  @Test
  void orderMattersWithOrderByButTiesAtTheLimitMayDiffer() {
    ResultDigest ref = digest(TOP, new Object[] {"a", 9.5}, new Object[] {"b", 9.1},
        new Object[] {"c", 8.0});
    assertTrue(digest(TOP, new Object[] {"b", 9.1}, new Object[] {"a", 9.5},
        new Object[] {"c", 8.0}).compareTo(ref).startsWith("MISMATCH"));
    // Another row with the last key value (a tie at the LIMIT boundary) is acceptable.
    assertEquals("OK (ties at the limit)", digest(TOP, new Object[] {"a", 9.5},
        new Object[] {"b", 9.1}, new Object[] {"z", 8.0}).compareTo(ref));
    // A different row in the middle is not.
    assertTrue(digest(TOP, new Object[] {"a", 9.5}, new Object[] {"x", 9.1},
        new Object[] {"c", 8.0}).compareTo(ref).startsWith("MISMATCH"));
  }
}
