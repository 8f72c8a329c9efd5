package org.curata.driver.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.curata.storage.CurataException;
import org.curata.storage.DataFrame;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.ErrorCode;
import org.curata.storage.Field;
import org.curata.storage.OpenOptions;
import org.curata.storage.Snapshot;
import org.curata.storage.Transaction;
import org.curata.storage.VersionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code curata demo}: generates a demo cohort and runs example queries on it through JDBC. */
@Command(name = "demo",
    description = {
        "Generates a demo cohort and runs example queries on it.",
        "",
        "The cohort is modelled on the COVID Symptom Study: participants and their"
            + " assessments, with categorical answers, sparse symptom fields (85-95%% missing)"
            + " and 70%% missing temperatures. It is deterministic from --seed, written"
            + " straight through the storage API into --dir, and reused by later runs with the"
            + " same sizes and seed (a demo made with other parameters is replaced). The"
            + " example queries run through the JDBC driver; open the SQL shell on the"
            + " dataset afterwards with 'curata sql DIR'.",
        ""},
    footer = ExitCodes.FOOTER)
final class DemoCommand implements Callable<Integer> {
  /** Where the demo goes unless told otherwise, relative to the working directory. */
  static final String DEFAULT_DIR = "curata-demo";

  private final Streams streams;

  @Mixin
  private HelpOption help;

  @Spec
  private CommandSpec spec;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = DEFAULT_DIR,
      description = "The demo dataset's directory (default: ./${DEFAULT-VALUE}).")
  private Path dir;

  @Option(names = "--participants", paramLabel = "N", defaultValue = "200000",
      description = "Participants (patients rows) (default: ${DEFAULT-VALUE}).")
  private int participants;

  @Option(names = "--assessments-per-participant", paramLabel = "K", defaultValue = "10",
      description = "Assessments per participant on average (default: ${DEFAULT-VALUE}).")
  private int perParticipant;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
      description = "The random seed (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--no-queries", description = "Only generate the dataset.")
  private boolean noQueries;

  DemoCommand(Streams streams) {
    this.streams = Objects.requireNonNull(streams, "streams");
  }

  @Override
  public Integer call() throws Exception {
    if (participants < 1 || perParticipant < 1) {
      throw new ParameterException(spec.commandLine(),
          "--participants and --assessments-per-participant must be at least 1");
    }
    if ((long) participants * perParticipant > Integer.MAX_VALUE) {
      throw new ParameterException(spec.commandLine(),
          "at most " + Units.count(Integer.MAX_VALUE) + " assessments, please");
    }
    DemoCohort cohort = new DemoCohort(participants, perParticipant, seed);
    Path abs = dir.toAbsolutePath().normalize();
    PrintWriter out = streams.outWriter();
    prepare(cohort, abs, out);
    out.println();
    int code = noQueries ? ExitCodes.OK : runQueries(abs, out);
    out.println("Open the SQL shell on it:  ./curata sql " + shown(dir));
    out.println("Describe it:               ./curata info " + shown(dir));
    return code;
  }

  private static String shown(Path p) {
    String s = p.toString();
    return s.contains(" ") ? "'" + s + "'" : s;
  }

  /** Makes sure a complete demo of these parameters is in {@code abs}. */
  private void prepare(DemoCohort cohort, Path abs, PrintWriter out) throws IOException {
    boolean fresh = !Files.exists(abs) || DatasetPaths.isEmptyDirectory(abs);
    if (!fresh && !Files.isDirectory(abs)) {
      throw new UserException(abs + " is a file; choose a directory for the demo with --dir");
    }
    OpenOptions options = OpenOptions.defaults().withCreate(fresh);
    Dataset ds;
    try {
      ds = Datasets.open(abs, options);
    } catch (CurataException e) {
      if (e.code() == ErrorCode.NOT_A_DATASET) {
        throw new UserException(abs + " holds files that are not a Curata dataset; choose an"
            + " empty or new directory for the demo with --dir", e);
      }
      throw e;
    }
    try (ds) {
      List<String> old;
      try (Snapshot snap = ds.snapshot()) {
        if (isComplete(snap, cohort)) {
          VersionInfo v = snap.version();
          out.println("Using the demo dataset in " + abs + " (version " + v.id() + ", "
              + Units.count(participants) + " participants, "
              + Units.count(cohort.assessments()) + " assessments, seed " + seed + ").");
          return;
        }
        old = snap.dataFrames().stream().map(DataFrame::name).collect(Collectors.toList());
      }
      for (String name : old) {
        if (!name.equals("patients") && !name.equals("assessments")) {
          throw new UserException(abs + " holds a dataset that is not a Curata demo (it has"
              + " dataframe '" + name + "'); choose another directory with --dir");
        }
      }
      long rows = participants + cohort.assessments();
      out.println((old.isEmpty() ? "Generating" : "Replacing the earlier demo with")
          + " a cohort of " + Units.count(participants) + " participants and "
          + Units.count(cohort.assessments()) + " assessments (seed " + seed + ") in " + abs
          + " ...");
      out.flush();
      long start = System.nanoTime();
      try (Transaction tx = ds.beginWrite(cohort.commitMessage());
           Progress progress = Progress.start(streams, "demo", rows, " rows", 1)) {
        for (String name : old) {
          tx.dropDataFrame(name);
        }
        cohort.write(tx, progress);
        tx.commit();
      }
      if (!old.isEmpty()) {
        ds.vacuum(1);
      }
      long nanos = System.nanoTime() - start;
      long bytes;
      try (Snapshot snap = ds.snapshot()) {
        bytes = snap.dataFrames().stream().flatMap(d -> d.fields().stream())
            .mapToLong(Field::byteSize).sum();
      }
      out.println("Wrote " + Units.count(rows) + " rows (" + Units.bytes(bytes) + " on disk) in "
          + Units.seconds(nanos) + " (" + Units.rate(rows, nanos) + " rows/s).");
    }
  }

  private boolean isComplete(Snapshot snap, DemoCohort cohort) {
    if (!cohort.commitMessage().equals(snap.version().message())) {
      return false;
    }
    Optional<DataFrame> p = snap.dataFrame("patients");
    Optional<DataFrame> a = snap.dataFrame("assessments");
    return p.isPresent() && a.isPresent() && p.get().rowCount() == participants
        && a.get().rowCount() == cohort.assessments();
  }

  /** One example: what it shows, and its statements (an EXPLAIN prints a plan). */
  record Example(String title, List<String> statements) {
  }

  /** The example queries, in the order they are run. */
  static List<Example> examples() {
    List<Example> list = new ArrayList<>();
    list.add(new Example(
        "Participants by country. 'country' is a categorical field (int8 codes plus a key):"
            + " SQL groups and shows it by label. count(bmi) and avg(bmi) skip the 30% of"
            + " participants with no BMI.",
        List.of("SELECT country, count(*) AS participants, count(bmi) AS with_bmi,\n"
            + "       round(avg(bmi), 2) AS avg_bmi\n"
            + "FROM patients\n"
            + "GROUP BY country\n"
            + "ORDER BY participants DESC")));
    list.add(new Example(
        "Test results, by label ('' means not asked).",
        List.of("SELECT tested_covid_positive AS test_result, count(*) AS assessments\n"
            + "FROM assessments\n"
            + "GROUP BY tested_covid_positive\n"
            + "ORDER BY assessments DESC")));
    list.add(new Example(
        "Temperature of positive and negative tests. 70% of temperatures are missing (real"
            + " NULLs, not magic numbers): count(temperature) and avg(temperature) ignore them.",
        List.of("SELECT tested_covid_positive AS test_result, count(*) AS assessments,\n"
            + "       count(temperature) AS with_temperature,\n"
            + "       round(avg(temperature), 2) AS avg_temperature,\n"
            + "       max(temperature) AS max_temperature\n"
            + "FROM assessments\n"
            + "WHERE tested_covid_positive IN ('yes', 'no')\n"
            + "GROUP BY tested_covid_positive\n"
            + "ORDER BY test_result DESC")));
    StringBuilder sb = new StringBuilder();
    sb.append("SELECT symptom, answered, reported,\n"
        + "       round(100.0 * reported / NULLIF(answered, 0), 1) AS pct_reported\n"
        + "FROM (\n");
    for (int k = 0; k < DemoCohort.SYMPTOMS.size(); k++) {
      String s = DemoCohort.SYMPTOMS.get(k);
      sb.append(k == 0 ? "  " : "  UNION ALL\n  ")
          .append("SELECT '").append(s).append("' AS symptom, count(").append(s)
          .append(") AS answered,\n         count(*) FILTER (WHERE ").append(s)
          .append(" = 1) AS reported\n  FROM assessments WHERE tested_covid_positive = 'yes'\n");
    }
    sb.append(")\nORDER BY pct_reported DESC, symptom");
    list.add(new Example(
        "Most common symptoms among positive tests. Symptom fields are 85-95% NULL and stored"
            + " sparse (a bitmap of the rows that hold a value, and those values).",
        List.of(sb.toString())));
    list.add(new Example(
        "Positive tests by the participant's country and healthcare work: a join on"
            + " 32-character string keys.",
        List.of("SELECT p.country, p.healthcare_worker, count(*) AS positive_tests\n"
            + "FROM assessments a\n"
            + "JOIN patients p ON a.patient_id = p.id\n"
            + "WHERE a.tested_covid_positive = 'yes'\n"
            + "GROUP BY p.country, p.healthcare_worker\n"
            + "ORDER BY positive_tests DESC, p.country, p.healthcare_worker\n"
            + "LIMIT 6")));
    String march = "FROM assessments\n"
        + "WHERE created_at >= TIMESTAMP '2021-03-01 00:00:00'\n"
        + "  AND tested_covid_positive = 'yes'";
    list.add(new Example(
        "How a query runs. Assessments are stored sorted by created_at, so each block's"
            + " min/max lets the scan skip every block before March 2021; EXPLAIN shows the"
            + " predicates pushed into the scan and the blocks it skips.",
        List.of("EXPLAIN PLAN FOR\nSELECT count(*) AS positive_since_march_2021\n" + march,
            "SELECT count(*) AS positive_since_march_2021\n" + march)));
    return list;
  }

  /**
   * Runs the examples, printing each query and its answer; a failing query is reported on
   * standard error and the others still run.
   *
   * @return the exit code: OK, or that of the first failure
   */
  private int runQueries(Path abs, PrintWriter out) throws SQLException {
    List<Example> examples = examples();
    int code = ExitCodes.OK;
    PrintWriter err = streams.errWriter();
    try (Connection c = DatasetPaths.connect(abs, false); Statement s = c.createStatement()) {
      for (int i = 0; i < examples.size(); i++) {
        Example ex = examples.get(i);
        out.println("-- " + (i + 1) + ". " + ex.title());
        for (String sql : ex.statements()) {
          out.println(sql + ";");
          out.println();
          long start = System.nanoTime();
          try (ResultSet rs = s.executeQuery(sql)) {
            if (sql.startsWith("EXPLAIN")) {
              printPlan(rs, out);
            } else {
              TextTable table = ResultPrinter.table(rs);
              table.print(out, false);
              String rows = TextTable.rowsLine(table.rowCount());
              out.println(rows.substring(0, rows.length() - 1) + ", "
                  + Units.seconds(System.nanoTime() - start) + ")");
            }
          } catch (SQLException e) {
            out.println("(failed: see standard error)");
            out.flush();
            err.println("curata demo: example " + (i + 1) + " failed: " + ExitCodes.message(e));
            if (code == ExitCodes.OK) {
              code = ExitCodes.of(e);
            }
          }
          out.println();
        }
      }
    }
    return code;
  }

  private static void printPlan(ResultSet rs, PrintWriter out) throws SQLException {
    while (rs.next()) {
      for (String line : rs.getString(1).split("\\R")) {
        if (!line.isBlank()) {
          out.println("  " + line);
        }
      }
    }
  }
}
