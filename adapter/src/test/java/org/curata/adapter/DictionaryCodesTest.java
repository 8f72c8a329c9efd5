package org.curata.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.curata.adapter.exec.ExecOptions;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.OpenOptions;
import org.curata.storage.Snapshot;
import org.curata.storage.StringEncoding;
import org.curata.storage.Transaction;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Grouping and DISTINCT on a dictionary-encoded string field (found through its codes) give the
 * same answers as on the same strings stored plain, under small batches, parallel scans and a
 * budget small enough to spill.
 */
final class DictionaryCodesTest {
  @TempDir
  Path tmp;

  private static final String[] QUERIES = {
      "select s, count(*), max(x), min(x) from t group by s",
      "select count(distinct s) from t",
      "select count(distinct s) from t where x > 0",
      "select n, count(distinct s) from t group by n",
      "select s, n, count(*) from t group by s, n",
      "select s, sum(x) from t where s like 'v1%' group by s",
  };

  private Dataset write(Path dir, StringEncoding enc, int blockRows, long seed) {
    Dataset ds = Datasets.open(dir, OpenOptions.defaults().withCreate(true)
        .withBlockRows(blockRows).withStringEncoding(enc));
    Random r = new Random(seed);
    try (Transaction tx = ds.beginWrite("t")) {
      DataFrameAppender a = tx.createDataFrame("t", List.of(
          FieldSpec.of("s", FieldType.of(FieldKind.STRING)),
          FieldSpec.of("x", FieldType.of(FieldKind.INT64)),
          FieldSpec.of("n", FieldType.of(FieldKind.INT32))), List.of(), List.of());
      for (int i = 0; i < 30_000; i++) {
        if (r.nextInt(20) == 0) {
          a.field(0).appendNull();
        } else {
          a.field(0).appendString("v" + (r.nextInt(10) < 8 ? r.nextInt(50) : r.nextInt(5000)));
        }
        a.field(1).appendLong(r.nextInt(2001) - 1000);
        a.field(2).appendLong(r.nextInt(4));
      }
      tx.commit();
    }
    return ds;
  }

  @ParameterizedTest
  @CsvSource({"4096, 2, 1073741824, 65536", "4096, 2, 1073741824, 1000", "3, 1, 1073741824, 1000",
      "256, 2, 65536, 4096"})
  void codesGiveThePlainAnswers(int batch, int threads, long memory, int blockRows)
      throws Exception {
    long seed = new Random().nextLong();
    ExecOptions options = ExecOptions.defaults().withBatchSize(batch).withThreads(threads)
        .withMemoryBytes(memory);
    try (Dataset plain = write(tmp.resolve("plain"), StringEncoding.PLAIN, blockRows, seed);
        Dataset dict = write(tmp.resolve("dict"), StringEncoding.DICTIONARY, blockRows, seed);
        Sql p = new Sql(plain, options); Sql d = new Sql(dict, options)) {
      try (Snapshot s = dict.snapshot()) {
        assertNotNull(s.dataFrames().get(0).fields().get(0).dictionary(), "not dictionary-encoded");
      }
      try (Snapshot s = plain.snapshot()) {
        assertNull(s.dataFrames().get(0).fields().get(0).dictionary(), "dictionary-encoded");
      }
      for (String q : QUERIES) {
        assertEquals(ParitySupport.sorted(p.rows(q)), ParitySupport.sorted(d.rows(q)), q + " (seed " + seed + ")");
      }
    }
  }
}
