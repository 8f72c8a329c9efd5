package org.curata.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator is deterministic, whatever the thread count, and writes what the loader reads. */
final class DataGeneratorTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @Test
  void sameSeedGivesTheSameBytesWhateverTheThreads(@TempDir Path tmp) throws Exception {
    // 0.03 gives 300,000 assessments: several chunks, so the thread count matters if anything does.
    BigDecimal sf = new BigDecimal("0.03");
    BenchData one = DataGenerator.ensure(BenchData.under(tmp.resolve("a"), sf, 5), 1, QUIET);
    BenchData two = DataGenerator.ensure(BenchData.under(tmp.resolve("b"), sf, 5), 2, QUIET);
    BenchData other = DataGenerator.ensure(BenchData.under(tmp.resolve("c"), sf, 6), 2, QUIET);
    for (TableDef t : BenchSchema.tables()) {
      byte[] a = Files.readAllBytes(one.csv(t));
      assertArrayEquals(a, Files.readAllBytes(two.csv(t)), t.name());
      assertFalse(Arrays.equals(a, Files.readAllBytes(other.csv(t))), t.name());
    }
  }

  @Test
  void theLoaderReadsBackEveryRowWithTheSpecifiedShape(@TempDir Path tmp) throws Exception {
    BenchData d = DataGenerator.ensure(BenchData.under(tmp, new BigDecimal("0.002"), 1), 2, QUIET);
    ColumnarTable p = ColumnarTable.load(BenchSchema.PATIENTS, d.csv(BenchSchema.PATIENTS),
        d.patientRows(), Map.of());
    Map<String, String> ids = p.internTable("id");
    assertEquals(2_000, ids.size(), "patient ids are unique");
    ColumnarTable a = ColumnarTable.load(BenchSchema.ASSESSMENTS, d.csv(BenchSchema.ASSESSMENTS),
        d.assessmentRows(), Map.of("patient_id", ids));
    assertEquals(20_000, a.rows());
    int patientId = BenchSchema.ASSESSMENTS.indexOf("patient_id");
    int temperature = BenchSchema.ASSESSMENTS.indexOf("temperature");
    int fever = BenchSchema.ASSESSMENTS.indexOf("fever");
    int nullTemp = 0;
    int nullFever = 0;
    for (int r = 0; r < a.rows(); r++) {
      assertTrue(ids.containsKey((String) a.value(patientId, r)), "patient_id is a patients.id");
      Object t = a.value(temperature, r);
      if (t == null) {
        nullTemp++;
      } else {
        double v = (Double) t;
        assertTrue(v >= 34 && v <= 42, "temperature " + v);
      }
      nullFever += a.value(fever, r) == null ? 1 : 0;
    }
    // 70% and 85% NULL; bounds far wider than the sampling noise at 20,000 rows.
    assertTrue(nullTemp > 13_000 && nullTemp < 15_000, "NULL temperatures: " + nullTemp);
    assertTrue(nullFever > 16_300 && nullFever < 17_700, "NULL fevers: " + nullFever);
    String header = Files.readAllLines(d.csv(BenchSchema.ASSESSMENTS), StandardCharsets.US_ASCII).get(0);
    assertEquals(BenchSchema.ASSESSMENTS.header(), header);
  }

  @Test
  void timestampsAreFormattedAsJavaTimeFormatsThem() {
    DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    SplittableRandom r = new SplittableRandom(3);
    long from = Instant.parse("1999-12-31T00:00:00Z").toEpochMilli();
    for (int i = 0; i < 10_000; i++) {
      long ms = from + r.nextLong(40L * 365 * 86_400_000L);
      ByteSink s = new ByteSink(32);
      s.putTimestamp(ms);
      String expected = LocalDateTime.ofInstant(Instant.ofEpochMilli(ms), ZoneOffset.UTC).format(f);
      assertEquals(expected, new String(s.array(), 0, s.length(), StandardCharsets.US_ASCII));
    }
  }

  @Test
  void fixedDecimalsAreExact() {
    for (long v : List.of(0L, 5L, 1405L, 2735L, 6000L, -42L)) {
      ByteSink s = new ByteSink(8);
      s.putFixed(v, 2);
      String text = new String(s.array(), 0, s.length(), StandardCharsets.US_ASCII);
      assertEquals(BigDecimal.valueOf(v, 2).toPlainString(), text);
    }
  }
}
