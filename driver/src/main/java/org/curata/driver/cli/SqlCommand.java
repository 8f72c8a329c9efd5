package org.curata.driver.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sqlline.SqlLine;

/** {@code curata sql}: an interactive SQL shell, or the statements of -e / -f run in order. */
@Command(name = "sql",
    description = {
        "Runs SQL on a dataset: an interactive shell, or statements given with -e or -f.",
        "",
        "Without -e or -f, opens an interactive shell (sqlline): end each statement with ';';"
            + " !tables lists the tables, !describe T shows a table's columns, !help lists"
            + " the commands, !quit or Ctrl-D leaves.",
        "",
        "With -e or -f, runs the statements in order and prints each result as an aligned"
            + " table followed by \"(N rows)\" (NULL shown as NULL, numbers right-aligned);"
            + " stops at the first error, with the message on standard error.",
        ""},
    footer = {
        "%nExamples:",
        "  curata sql cohort",
        "  curata sql cohort -e \"SELECT country, count(*) FROM patients GROUP BY country\"",
        "  curata sql cohort -f report.sql --format csv > report.csv",
        ExitCodes.FOOTER})
final class SqlCommand implements Callable<Integer> {
  private final Streams streams;

  @Mixin
  private HelpOption help;

  @Parameters(index = "0", paramLabel = "DATASET", description = "The dataset directory.")
  private Path dataset;

  @Option(names = {"-e", "--execute"}, paramLabel = "SQL",
      description = "Statements to run (';' separates several); may be repeated.")
  private List<String> execute = new ArrayList<>();

  @Option(names = {"-f", "--file"}, paramLabel = "FILE",
      description = "A file of ';'-separated statements to run ('-' reads standard input);"
          + " may be repeated.")
  private List<String> files = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "How to print results: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})."
          + " csv streams rows and prints NULL as an empty field.")
  private ResultPrinter.Format format;

  SqlCommand(Streams streams) {
    this.streams = Objects.requireNonNull(streams, "streams");
  }

  @Override
  public Integer call() throws Exception {
    Path dir = DatasetPaths.existing(dataset);
    if (execute.isEmpty() && files.isEmpty()) {
      return shell(dir);
    }
    List<Source> sources = new ArrayList<>();
    for (String e : execute) {
      sources.add(new Source("-e", e));
    }
    for (String f : files) {
      sources.add(new Source(f, read(f)));
    }
    PrintWriter out = streams.outWriter();
    try (Connection c = DatasetPaths.connect(dir, false)) {
      boolean first = true;
      for (Source source : sources) {
        List<SqlScript> statements = SqlScript.split(source.text());
        for (SqlScript st : statements) {
          if (!first) {
            out.println();
          }
          first = false;
          run(c, st, source, statements.size() > 1 || sources.size() > 1, out);
        }
      }
    }
    return ExitCodes.OK;
  }

  private void run(Connection c, SqlScript st, Source source, boolean several, PrintWriter out)
      throws SQLException {
    try (Statement s = c.createStatement()) {
      if (s.execute(st.sql())) {
        ResultPrinter.print(s.getResultSet(), out, format);
      } else if (format == ResultPrinter.Format.TABLE) {
        long n = s.getLargeUpdateCount();
        out.println(n >= 0 ? "OK, " + (n == 1 ? "1 row" : n + " rows") + " affected" : "OK");
      }
      out.flush();
    } catch (SQLException e) {
      if (!several) {
        throw e;
      }
      String where = source.name().equals("-e") ? "" : source.name() + ", ";
      throw new SQLException(where + "statement at line " + st.line() + ": " + e.getMessage(),
          e.getSQLState(), e.getErrorCode(), e);
    }
  }

  private String read(String file) throws IOException {
    if (file.equals("-")) {
      return new String(streams.in().readAllBytes(), StandardCharsets.UTF_8);
    }
    Path p = Path.of(file);
    if (!Files.isRegularFile(p)) {
      throw new UserException("cannot read SQL file " + p.toAbsolutePath()
          + ": no such file");
    }
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  private int shell(Path dir) throws Exception {
    // Connect once first: sqlline reports a failed connect but carries on without one.
    try (Connection c = DatasetPaths.connect(dir, false)) {
      c.getMetaData();
    }
    if (streams.terminal()) {
      streams.out().println("Curata " + Main.version() + " on " + dir + ". End statements with ';'."
          + " !tables lists tables, !describe T a table's columns, !help all commands, !quit"
          + " leaves.");
    }
    SqlLine sqlLine = new SqlLine();
    sqlLine.setOutputStream(streams.out());
    sqlLine.setErrorStream(streams.err());
    String[] args = {
        "-d", Main.DRIVER_CLASS,
        "-u", DatasetPaths.url(dir),
        "-n", "",
        "-p", "",
        "--prompt=curata> ",
        "--isolation=TRANSACTION_NONE"};
    SqlLine.Status status = sqlLine.begin(args, streams.terminal() ? null : streams.in(),
        streams.terminal());
    return status == SqlLine.Status.OK ? ExitCodes.OK : ExitCodes.USER_ERROR;
  }

  /** Where statements came from: "-e" or a file name, and the text. */
  private record Source(String name, String text) {
  }
}
