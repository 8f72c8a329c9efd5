package org.curata.driver.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code curata} command: parses the command line and runs one sub-command. */
@Command(name = "curata",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = {
        "SQL and JDBC over curated research datasets: ExeTera-style dataframes of typed"
            + " fields, stored in blocks and versioned by atomic commits.",
        "",
        "Start with 'curata demo' to generate a cohort and see example queries; 'curata"
            + " help COMMAND' shows a command's options.",
        ""},
    subcommands = {
        ImportCommand.class, SqlCommand.class, InfoCommand.class, VerifyCommand.class,
        VacuumCommand.class, DemoCommand.class, CommandLine.HelpCommand.class},
    footer = ExitCodes.FOOTER)
public final class Main implements Callable<Integer> {
  /** The JDBC driver class the commands connect through. */
  static final String DRIVER_CLASS = "org.curata.driver.CurataDriver";

  /** The prefix of Curata JDBC URLs. */
  static final String URL_PREFIX = "jdbc:curata:";

  private final Streams streams;

  @Spec
  private CommandSpec spec;

  Main(Streams streams) {
    this.streams = Objects.requireNonNull(streams, "streams");
  }

  /** Runs the command line and exits the JVM with its exit code. */
  public static void main(String[] args) {
    System.exit(run(Streams.system(), args));
  }

  /** Runs the command line with the given streams and returns its exit code. */
  static int run(Streams streams, String... args) {
    return commandLine(streams).execute(args);
  }

  /** The configured picocli command line, with every sub-command wired to {@code streams}. */
  static CommandLine commandLine(Streams streams) {
    CommandLine cl = new CommandLine(new Main(streams), new Factory(streams));
    cl.setOut(streams.outWriter());
    cl.setErr(streams.errWriter());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(Main::handleFailure);
    cl.setParameterExceptionHandler(Main::handleUsageError);
    return cl;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  private static int handleFailure(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    int code = ExitCodes.of(ex);
    String name = cl.getCommandSpec().qualifiedName();
    if (code == ExitCodes.INTERNAL) {
      err.println(name + ": internal error: " + ExitCodes.message(ex));
      ex.printStackTrace(err);
    } else {
      err.println(name + ": " + ExitCodes.message(ex));
      if (System.getenv("CURATA_DEBUG") != null) {
        ex.printStackTrace(err);
      }
    }
    err.flush();
    return code;
  }

  private static int handleUsageError(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    PrintWriter err = cl.getErr();
    String name = cl.getCommandSpec().qualifiedName();
    err.println(name + ": " + ex.getMessage());
    UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + name + " --help' for more information.");
    err.flush();
    return ExitCodes.USAGE;
  }

  /** The version of this build, from the jar manifest or Maven's pom.properties. */
  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    if (v != null) {
      return v;
    }
    try (InputStream in = Main.class.getResourceAsStream(
        "/META-INF/maven/org.curata/curata-driver/pom.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String pv = p.getProperty("version");
        if (pv != null) {
          return pv;
        }
      }
    } catch (java.io.IOException e) {
      // no packaged version: a development build run from classes
    }
    return "(development build)";
  }

  /** Supplies the text of {@code curata --version}. */
  static final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
          "curata " + version(),
          "Java " + System.getProperty("java.version") + " ("
              + System.getProperty("java.vendor") + "), "
              + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
    }
  }

  /** Creates commands, handing the streams to those whose constructor takes them. */
  private static final class Factory implements IFactory {
    private final Streams streams;

    Factory(Streams streams) {
      this.streams = streams;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      try {
        return cls.getDeclaredConstructor(Streams.class).newInstance(streams);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(cls);
      }
    }
  }
}
