package org.curata.sqltests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How much of the sqllogictest corpus a run checks: at most {@code maxScriptsPerDirectory} scripts
 * of each directory (evenly spaced in sorted order) and at most {@code maxQueriesPerScript} queries
 * of each script (evenly spaced through the script, or its first ones). Zero means no limit.
 *
 * <p>A sampled script still runs every statement up to its last sampled query (queries read but
 * never change the data, so skipping one cannot change another's answer); it stops after that
 * query. Queries not chosen are counted as "not sampled", apart from failures and from queries that
 * were chosen but never ran.
 *
 * @param maxQueriesPerScript queries checked per script, 0 for all
 * @param maxScriptsPerDirectory scripts run per corpus directory, 0 for all
 * @param mode which queries of a script are chosen when it holds more than the limit
 */
record SltSampling(int maxQueriesPerScript, int maxScriptsPerDirectory, Mode mode) {
  /** Which of a script's queries are checked when it holds more than the limit. */
  enum Mode {
    /** Evenly spaced: query ordinals {@code floor(i * Q / N)} for {@code i = 0 .. N-1}. */
    SPREAD,
    /** The first N queries. */
    FIRST
  }

  /** Everything: no sampling. */
  static final SltSampling NONE = new SltSampling(0, 0, Mode.SPREAD);

  SltSampling {
    if (maxQueriesPerScript < 0 || maxScriptsPerDirectory < 0) {
      throw new IllegalArgumentException("sampling limits must be 0 (no limit) or positive, not "
          + maxQueriesPerScript + " queries per script and " + maxScriptsPerDirectory + " scripts per directory");
    }
  }

  /**
   * Reads the settings {@code slt.maxQueriesPerScript}, {@code slt.maxScriptsPerDirectory} (both
   * default 0, no limit) and {@code slt.sampleMode} ({@code spread}, the default, or {@code first}).
   */
  static SltSampling fromSystemProperties() {
    String mode = System.getProperty("slt.sampleMode", "").strip();
    Mode m;
    try {
      m = mode.isEmpty() ? Mode.SPREAD : Mode.valueOf(mode.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("slt.sampleMode=" + mode + " is not known; use spread or first", e);
    }
    return new SltSampling(intProperty("slt.maxQueriesPerScript"), intProperty("slt.maxScriptsPerDirectory"), m);
  }

  private static int intProperty(String name) {
    String v = System.getProperty(name, "").strip();
    try {
      return v.isEmpty() ? 0 : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + "=" + v + " is not a whole number; use 0 for no limit", e);
    }
  }

  /** Whether anything is left out. */
  boolean isSampled() {
    return maxQueriesPerScript > 0 || maxScriptsPerDirectory > 0;
  }

  /**
   * The scripts to run, in sorted order: per directory all of them, or {@code maxScriptsPerDirectory}
   * evenly spaced in sorted order (positions {@code floor(i * S / M)}, so the first is always run).
   */
  List<String> chooseScripts(List<String> sortedScripts) {
    if (maxScriptsPerDirectory == 0) {
      return sortedScripts;
    }
    Map<String, List<String>> byDirectory = new LinkedHashMap<>();
    for (String s : sortedScripts) {
      byDirectory.computeIfAbsent(directoryOf(s), d -> new ArrayList<>()).add(s);
    }
    List<String> chosen = new ArrayList<>();
    for (List<String> scripts : byDirectory.values()) {
      int count = scripts.size();
      int take = Math.min(count, maxScriptsPerDirectory);
      for (int i = 0; i < take; i++) {
        chosen.add(scripts.get((int) ((long) i * count / take)));
      }
    }
    chosen.sort(null);
    return chosen;
  }

  /**
   * The scripts in rounds: the first of each directory (directories in sorted order), then the
   * second of each, and so on; so that a run cut short by a time budget has touched every directory.
   */
  static List<String> roundRobin(List<String> scripts) {
    Map<String, List<String>> byDirectory = new TreeMap<>();
    scripts.forEach(s -> byDirectory.computeIfAbsent(directoryOf(s), d -> new ArrayList<>()).add(s));
    List<String> ordered = new ArrayList<>();
    for (int round = 0; ordered.size() < scripts.size(); round++) {
      for (List<String> inDirectory : byDirectory.values()) {
        if (round < inDirectory.size()) {
          ordered.add(inDirectory.get(round));
        }
      }
    }
    return ordered;
  }

  /** Number of scripts per directory in a list of scripts. */
  static Map<String, Integer> scriptsPerDirectory(List<String> scripts) {
    Map<String, Integer> counts = new TreeMap<>();
    scripts.forEach(s -> counts.merge(directoryOf(s), 1, Integer::sum));
    return counts;
  }

  /** The directory of a corpus script, e.g. {@code test/index/between/10}. */
  static String directoryOf(String script) {
    int slash = script.lastIndexOf('/');
    return slash < 0 ? "." : script.substring(0, slash);
  }

  /**
   * Which of a script's queries (by ordinal among its queries) are checked.
   *
   * @param queries the queries the script holds for this engine
   */
  boolean[] chooseQueries(int queries) {
    boolean[] chosen = new boolean[queries];
    int take = maxQueriesPerScript == 0 ? queries : Math.min(queries, maxQueriesPerScript);
    for (int i = 0; i < take; i++) {
      chosen[mode == Mode.FIRST ? i : (int) ((long) i * queries / take)] = true;
    }
    return chosen;
  }

  /** How the sample was drawn, in words, for the report. */
  String describe() {
    if (!isSampled()) {
      return "Every script and every query of the corpus.";
    }
    StringBuilder b = new StringBuilder("Sampled run: ");
    b.append(maxScriptsPerDirectory == 0 ? "every script of each directory"
        : "at most " + maxScriptsPerDirectory + " scripts per directory, evenly spaced in sorted order"
            + " (positions floor(i*S/M) of the S scripts, i = 0..M-1)");
    b.append("; ");
    if (maxQueriesPerScript == 0) {
      b.append("every query of each script run");
    } else {
      b.append("at most ").append(maxQueriesPerScript).append(" queries per script, ")
          .append(mode == Mode.FIRST ? "its first ones"
              : "evenly spaced through the script (ordinals floor(i*Q/N) of its Q queries, i = 0..N-1)");
      b.append("; every statement up to the last sampled query runs, the script stops after it");
    }
    return b.append('.').toString();
  }

  /** The {@code -D} settings that reproduce this sampling (empty when nothing is sampled). */
  String commandLine() {
    StringBuilder b = new StringBuilder();
    if (maxQueriesPerScript > 0) {
      b.append(" -Dslt.maxQueriesPerScript=").append(maxQueriesPerScript);
      if (mode != Mode.SPREAD) {
        b.append(" -Dslt.sampleMode=").append(mode.name().toLowerCase(Locale.ROOT));
      }
    }
    if (maxScriptsPerDirectory > 0) {
      b.append(" -Dslt.maxScriptsPerDirectory=").append(maxScriptsPerDirectory);
    }
    return b.toString();
  }
}
