package org.curata.storage.importer;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.OpenOptions;

/**
 * A throughput check to run by hand (not a test): generates a CSV of about the given size and
 * imports it, printing rows/s and MB/s for FastCSV alone and for the whole import.
 *
 * <p>Usage: {@code CsvImportThroughput <dir> [megabytes] [fake|real]}; "fake" discards the values
 * (measures parsing only), "real" writes a dataset in {@code <dir>/ds}.
 */
final class CsvImportThroughput {
  private static final String SCHEMA = "{\"exetera\":{\"version\":\"1.0.0\"},\"schema\":{\"t\":{\"fields\":{"
      + "\"id\":{\"field_type\":\"numeric\",\"value_type\":\"int64\"},"
      + "\"name\":{\"field_type\":\"string\"},"
      + "\"code\":{\"field_type\":\"fixed_string\",\"length\":2},"
      + "\"age\":{\"field_type\":\"numeric\",\"value_type\":\"int32\"},"
      + "\"bmi\":{\"field_type\":\"numeric\",\"value_type\":\"float64\"},"
      + "\"temp\":{\"field_type\":\"numeric\",\"value_type\":\"float32\"},"
      + "\"smoker\":{\"field_type\":\"numeric\",\"value_type\":\"bool\"},"
      + "\"gender\":{\"field_type\":\"categorical\",\"categorical\":{\"value_type\":\"int8\","
      + "\"strings_to_values\":{\"\":0,\"female\":1,\"male\":2,\"other\":3}}},"
      + "\"created_at\":{\"field_type\":\"datetime\"},"
      + "\"day\":{\"field_type\":\"date\"}}}}}";

  private CsvImportThroughput() {
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    long mb = args.length > 1 ? Long.parseLong(args[1]) : 200;
    boolean real = args.length > 2 && args[2].equals("real");
    Path csv = dir.resolve("throughput.csv");
    if (!Files.exists(csv) || Files.size(csv) < mb * 1_000_000L * 9 / 10) {
      generate(csv, mb * 1_000_000L);
    }
    double size = Files.size(csv) / 1e6;
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      long rows = 0;
      try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(csv)) {
        for (CsvRecord rec : r) {
          rows += rec.getFieldCount() > 0 ? 1 : 0;
        }
      }
      report("FastCSV records only", rows - 1, size, System.nanoTime() - t0);
      ImportOptions o = ImportOptions.defaults().withSchema(ImportSchema.parse(SCHEMA, "throughput"));
      t0 = System.nanoTime();
      ImportResult res;
      if (real) {
        Path ds = dir.resolve("ds" + round);
        try (Dataset d = Datasets.open(ds, OpenOptions.defaults().withCreate(true))) {
          res = CsvImport.run(d, List.of(new CsvSource("t", csv)), o);
        }
      } else {
        res = CsvImport.run(new FakeDataset(false), List.of(new CsvSource("t", csv)), o);
      }
      report(real ? "import into a dataset" : "import, values discarded", res.rows(), size, System.nanoTime() - t0);
      t0 = System.nanoTime();
      ImportResult inf = CsvImport.run(new FakeDataset(false), List.of(new CsvSource("t", csv)), ImportOptions.defaults());
      report("import with inference, values discarded", inf.rows(), size, System.nanoTime() - t0);
    }
  }

  private static void report(String what, long rows, double mb, long nanos) {
    double s = nanos / 1e9;
    System.out.printf("%-42s %,d rows in %.2f s: %,.0f rows/s, %.1f MB/s%n", what, rows, s, rows / s, mb / s);
  }

  private static void generate(Path csv, long bytes) throws IOException {
    Random r = new Random(42);
    String[] first = {"Grace", "Carol", "Zoë", "José", "Björk", "Ann", "Bob"};
    String[] last = {"Smith", "O'Brien", "Müller", "García", "Ng"};
    String[] genders = {"", "female", "male", "other"};
    String[] codes = {"GB", "US", "SE"};
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write("id,name,code,age,bmi,temp,smoker,gender,created_at,day\n");
      long written = 0;
      StringBuilder sb = new StringBuilder(256);
      for (long id = 1; written < bytes; id++) {
        sb.setLength(0);
        sb.append(id).append(',');
        String name = first[r.nextInt(first.length)] + " " + last[r.nextInt(last.length)];
        if (r.nextInt(20) == 0) {
          sb.append('"').append(name).append(", jr\"");
        } else {
          sb.append(name);
        }
        sb.append(',').append(codes[r.nextInt(3)]).append(',');
        if (r.nextInt(20) != 0) {
          sb.append(1930 + r.nextInt(75));
        }
        sb.append(',').append(r.nextInt(4000) / 100.0 + 15).append(',').append(35 + r.nextInt(60) / 10.0).append(',')
            .append(r.nextBoolean() ? "yes" : "no").append(',').append(genders[r.nextInt(4)]).append(',');
        long sec = 1_577_836_800L + r.nextInt(200 * 86_400);
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(sec, 0, java.time.ZoneOffset.UTC);
        sb.append(t.toLocalDate()).append(' ').append(t.toLocalTime().toString().length() == 5
            ? t.toLocalTime() + ":00" : t.toLocalTime()).append(".000000+00:00,").append(t.toLocalDate()).append('\n');
        w.append(sb);
        written += sb.length();
      }
    }
  }
}
