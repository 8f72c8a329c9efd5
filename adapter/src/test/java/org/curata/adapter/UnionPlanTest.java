package org.curata.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.OpenOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** UNION ALL of Curata inputs runs as one native CurataUnion. */
final class UnionPlanTest {
  @TempDir
  Path tmp;

  @Test
  void unionAllIsNative() throws Exception {
    try (Dataset ds = Datasets.open(tmp, OpenOptions.defaults().withCreate(true))) {
      Fixtures.writeAllTypes(ds);
      try (Sql sql = new Sql(ds, 4096)) {
        String q = "select id, s from t where id < 3 union all select id, s from t where id > 3";
        String plan = String.join("\n", sql.rows("explain plan for " + q));
        assertTrue(plan.contains("CurataUnion"), plan);
        assertFalse(plan.contains("EnumerableUnion"), plan);
        assertEquals(List.of("1, héllo", "2, ", "4, zz", "5, a'b"),
            sql.rows("select * from (" + q + ") order by id"));
      }
    }
  }
}
