package org.curata.driver.cli;

import picocli.CommandLine.Option;

/** The {@code -h/--help} option every sub-command has. */
final class HelpOption {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;
}
