package org.curata.driver;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import org.curata.adapter.exec.ExecOptions;
import org.curata.storage.CurataException;
import org.curata.storage.EncodingPolicy;
import org.curata.storage.ErrorCode;
import org.curata.storage.OpenOptions;

/**
 * A parsed {@code jdbc:curata:<dataset-dir>[;key=value]...} URL together with the connection's
 * {@link Properties}: the dataset directory and Curata's own settings (a key in the URL wins over
 * the same key in the properties). Keys are matched ignoring case.
 *
 * @param directory the dataset directory (absolute and normalised)
 * @param create create an empty dataset if the directory holds none
 * @param readOnly open the dataset read-only; every write fails with SQLState 25006
 * @param schema the SQL schema name of the dataset, the connection's default schema
 * @param lockTimeoutMillis how long a write waits for another writer to finish
 * @param blockRows rows per block of data this connection writes
 * @param encodingPolicy how the blocks this connection writes choose dense or sparse
 * @param execOptions batch size, per-query memory budget, threads and spill directory of queries
 * @param directResults whether result sets of plans that are wholly Curata's read the batches'
 *     primitive vectors directly (else every row is boxed, as Calcite does)
 * @param calciteProperties everything else, passed on to Calcite (lex settings and the like)
 */
record CurataUrl(Path directory, boolean create, boolean readOnly, String schema,
    long lockTimeoutMillis, int blockRows, EncodingPolicy encodingPolicy,
    ExecOptions execOptions, boolean directResults, Properties calciteProperties) {

  /** The URL prefix. */
  static final String PREFIX = "jdbc:curata:";
  /** Property: create an empty dataset if the directory holds none. */
  static final String CREATE = "create";
  /** Property: open read-only. */
  static final String READONLY = "readonly";
  /** Property: SQL schema name of the dataset. */
  static final String SCHEMA = "schema";
  /** Property: milliseconds a write waits for the writer lock. */
  static final String LOCK_TIMEOUT = "lockTimeout";
  /** Property: rows per block for new writes. */
  static final String BLOCK_ROWS = "blockRows";
  /** Property: the encoding of new blocks, auto (by density), dense or sparse. */
  static final String BLOCK_ENCODING = "blockEncoding";
  /** Property: rows per vector batch in execution. */
  static final String BATCH_SIZE = "batchSize";
  /** Property: memory budget of one query (e.g. 256m, 2g); beyond it operators spill. */
  static final String MEMORY = "memory";
  /** Property: threads one query may use. */
  static final String THREADS = "threads";
  /** Property: the directory under which queries spill. */
  static final String SPILL_DIRECTORY = "spillDirectory";
  /**
   * Property: whether result sets of wholly Curata plans read the vectors directly (default
   * true); false boxes every row as Calcite does, the reference the direct path must match.
   */
  static final String DIRECT_RESULTS = "directResults";
  /** The default schema name. */
  static final String DEFAULT_SCHEMA = "main";
  /** The default lock timeout. */
  static final long DEFAULT_LOCK_TIMEOUT_MILLIS = 10_000;

  CurataUrl {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(encodingPolicy, "encodingPolicy");
    Objects.requireNonNull(execOptions, "execOptions");
    Objects.requireNonNull(calciteProperties, "calciteProperties");
  }

  /** Parses a URL that starts with {@link #PREFIX}. */
  static CurataUrl parse(String url, Properties info) {
    if (!url.startsWith(PREFIX)) {
      throw new CurataException(ErrorCode.INVALID_INPUT,
          "not a Curata URL: '" + url + "' (expected " + PREFIX + "<dataset-dir>)");
    }
    String rest = url.substring(PREFIX.length());
    int semi = rest.indexOf(';');
    String dir = (semi < 0 ? rest : rest.substring(0, semi)).strip();
    if (dir.isEmpty()) {
      throw new CurataException(ErrorCode.INVALID_INPUT, "URL '" + url
          + "' names no dataset directory: use " + PREFIX + "<dataset-dir>[;key=value]...");
    }
    Properties all = new Properties();
    if (info != null) {
      for (String key : info.stringPropertyNames()) {
        all.setProperty(key, info.getProperty(key));
      }
    }
    if (semi >= 0) {
      for (String part : rest.substring(semi + 1).split(";")) {
        if (part.isBlank()) {
          continue;
        }
        int eq = part.indexOf('=');
        if (eq <= 0) {
          throw new CurataException(ErrorCode.INVALID_INPUT, "URL '" + url + "': '" + part
              + "' is not key=value");
        }
        all.setProperty(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
      }
    }
    Path path;
    try {
      path = Path.of(dir).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new CurataException(ErrorCode.INVALID_INPUT,
          "URL '" + url + "': '" + dir + "' is not a valid directory path: " + e.getMessage(), e);
    }
    Properties calcite = new Properties();
    String create = null;
    String readOnly = null;
    String schema = null;
    String lockTimeout = null;
    String blockRows = null;
    String blockEncoding = null;
    String batchSize = null;
    String memory = null;
    String threads = null;
    String spillDirectory = null;
    String directResults = null;
    for (String key : all.stringPropertyNames()) {
      String value = all.getProperty(key);
      switch (key.toLowerCase(Locale.ROOT)) {
        case "create": create = value; break;
        case "readonly": readOnly = value; break;
        case "schema": schema = value; break;
        case "locktimeout": lockTimeout = value; break;
        case "blockrows": blockRows = value; break;
        case "blockencoding": blockEncoding = value; break;
        case "batchsize": batchSize = value; break;
        case "memory": memory = value; break;
        case "threads": threads = value; break;
        case "spilldirectory": spillDirectory = value; break;
        case "directresults": directResults = value; break;
        default: calcite.setProperty(key, value);
      }
    }
    if (schema != null && schema.isBlank()) {
      throw new CurataException(ErrorCode.INVALID_INPUT, "property schema must not be empty");
    }
    return new CurataUrl(path,
        bool(CREATE, create),
        bool(READONLY, readOnly),
        schema == null ? DEFAULT_SCHEMA : schema,
        number(LOCK_TIMEOUT, lockTimeout, DEFAULT_LOCK_TIMEOUT_MILLIS, 0, Long.MAX_VALUE / 1_000_000L),
        (int) number(BLOCK_ROWS, blockRows, OpenOptions.DEFAULT_BLOCK_ROWS, 1, 1 << 20),
        encoding(blockEncoding),
        execOptions(batchSize, memory, threads, spillDirectory),
        directResults == null || bool(DIRECT_RESULTS, directResults),
        calcite);
  }

  /** The storage options these settings ask for. */
  OpenOptions openOptions() {
    return OpenOptions.defaults().withCreate(create).withReadOnly(readOnly).withBlockRows(blockRows)
        .withEncodingPolicy(encodingPolicy);
  }

  private static ExecOptions execOptions(String batchSize, String memory, String threads,
      String spillDirectory) {
    ExecOptions o = ExecOptions.defaults();
    o = o.withBatchSize((int) number(BATCH_SIZE, batchSize, o.batchSize(), 1, 1 << 20));
    if (memory != null) {
      o = o.withMemoryBytes(ExecOptions.parseSize("property " + MEMORY, memory));
    }
    o = o.withThreads((int) number(THREADS, threads, o.threads(), 1, 1024));
    if (spillDirectory != null) {
      try {
        o = o.withSpillDirectory(Path.of(spillDirectory.strip()).toAbsolutePath());
      } catch (InvalidPathException e) {
        throw new CurataException(ErrorCode.INVALID_INPUT, "property " + SPILL_DIRECTORY + ": '"
            + spillDirectory + "' is not a valid directory path: " + e.getMessage(), e);
      }
    }
    return o;
  }

  private static EncodingPolicy encoding(String value) {
    if (value == null) {
      return EncodingPolicy.BY_DENSITY;
    }
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "auto": return EncodingPolicy.BY_DENSITY;
      case "dense": return EncodingPolicy.DENSE;
      case "sparse": return EncodingPolicy.SPARSE;
      default:
        throw new CurataException(ErrorCode.INVALID_INPUT, "property " + BLOCK_ENCODING
            + " must be auto, dense or sparse, not '" + value + "'");
    }
  }

  private static boolean bool(String key, String value) {
    if (value == null) {
      return false;
    }
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true": return true;
      case "false": return false;
      default:
        throw new CurataException(ErrorCode.INVALID_INPUT,
            "property " + key + " must be true or false, not '" + value + "'");
    }
  }

  private static long number(String key, String value, long dflt, long min, long max) {
    if (value == null) {
      return dflt;
    }
    long n;
    try {
      n = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new CurataException(ErrorCode.INVALID_INPUT,
          "property " + key + " must be a whole number, not '" + value + "'", e);
    }
    if (n < min || n > max) {
      throw new CurataException(ErrorCode.INVALID_INPUT,
          "property " + key + " must be between " + min + " and " + max + ", not " + n);
    }
    return n;
  }
}
