package org.curata.storage.importer;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.curata.storage.CurataException;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldAppender;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.Snapshot;
import org.curata.storage.Transaction;
import org.curata.storage.VacuumResult;
import org.curata.storage.VerifyReport;
import org.curata.storage.VersionInfo;

/** An in-memory dataset that records appended values, so the importer can be tested alone. */
final class FakeDataset implements Dataset {
  /** Committed dataframes: name to field name to values (Long, Double, String or null). */
  final Map<String, Map<String, List<Object>>> committed = new LinkedHashMap<>();
  final Map<String, List<FieldSpec>> specs = new LinkedHashMap<>();
  final Map<String, List<String>> primaryKeys = new LinkedHashMap<>();
  int commits;
  boolean openTransaction;
  private final boolean keep;

  /** A dataset that keeps every value. */
  FakeDataset() {
    this(true);
  }

  /** A dataset that keeps values, or (for throughput checks) only counts them. */
  FakeDataset(boolean keep) {
    this.keep = keep;
  }

  /** The committed values of one field. */
  List<Object> values(String table, String field) {
    Map<String, List<Object>> t = committed.get(table);
    if (t == null || !t.containsKey(field)) {
      throw new AssertionError("no field " + table + "." + field + " in " + committed.keySet());
    }
    return t.get(field);
  }

  @Override
  public Path directory() {
    return Path.of("fake");
  }

  @Override
  public Snapshot snapshot() {
    throw new UnsupportedOperationException("fake");
  }

  @Override
  public Snapshot snapshot(long versionId) {
    throw new UnsupportedOperationException("fake");
  }

  @Override
  public List<VersionInfo> versions() {
    return List.of();
  }

  @Override
  public Transaction beginWrite(String message) {
    if (openTransaction) {
      throw new CurataException(ErrorCode.WRITER_LOCKED, "locked");
    }
    openTransaction = true;
    return new Tx(message);
  }

  @Override
  public VacuumResult vacuum(int keepVersions) {
    throw new UnsupportedOperationException("fake");
  }

  @Override
  public VerifyReport verify() {
    throw new UnsupportedOperationException("fake");
  }

  @Override
  public void close() {
  }

  private final class Tx implements Transaction {
    private final String message;
    private final Map<String, Frame> frames = new LinkedHashMap<>();
    private boolean done;

    Tx(String message) {
      this.message = message;
    }

    @Override
    public VersionInfo baseVersion() {
      return new VersionInfo(commits, Instant.EPOCH, "", "test");
    }

    @Override
    public DataFrameAppender createDataFrame(String name, List<FieldSpec> fields, List<String> sortKeys,
        List<String> pks) {
      if (committed.containsKey(name) || frames.containsKey(name)) {
        throw new CurataException(ErrorCode.ALREADY_EXISTS, "dataframe '" + name + "' already exists");
      }
      Frame f = new Frame(name, fields, keep);
      frames.put(name, f);
      primaryKeys.put(name, pks);
      return f;
    }

    @Override
    public DataFrameAppender append(String name) {
      throw new UnsupportedOperationException("fake");
    }

    @Override
    public void dropDataFrame(String name) {
      committed.remove(name);
    }

    @Override
    public void dropField(String dataFrame, String field) {
      throw new UnsupportedOperationException("fake");
    }

    @Override
    public VersionInfo commit() {
      for (Frame f : frames.values()) {
        Map<String, List<Object>> t = new LinkedHashMap<>();
        long n = -1;
        for (FieldAppender a : f.appenders) {
          if (n >= 0 && a.count() != n) {
            throw new CurataException(ErrorCode.INVALID_INPUT, "fields of unequal length in " + f.name);
          }
          n = a.count();
          t.put(a.spec().name(), a instanceof Appender ? ((Appender) a).values : List.of());
        }
        committed.put(f.name, t);
        specs.put(f.name, f.fields);
      }
      done = true;
      commits++;
      return new VersionInfo(commits, Instant.EPOCH, message, "test");
    }

    @Override
    public void close() {
      openTransaction = false;
      if (!done) {
        frames.clear();
      }
    }
  }

  private static final class Frame implements DataFrameAppender {
    final String name;
    final List<FieldSpec> fields;
    final List<FieldAppender> appenders = new ArrayList<>();

    Frame(String name, List<FieldSpec> fields, boolean keep) {
      this.name = name;
      this.fields = List.copyOf(fields);
      for (FieldSpec s : fields) {
        appenders.add(keep ? new Appender(s) : new CountingAppender(s));
      }
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public List<FieldSpec> fields() {
      return fields;
    }

    @Override
    public FieldAppender field(int index) {
      return appenders.get(index);
    }

    @Override
    public FieldAppender field(String fieldName) {
      for (FieldAppender a : appenders) {
        if (a.spec().name().equals(fieldName)) {
          return a;
        }
      }
      throw new CurataException(ErrorCode.NOT_FOUND, "no field " + fieldName);
    }
  }

  private static final class Appender implements FieldAppender {
    final FieldSpec spec;
    final List<Object> values = new ArrayList<>();

    Appender(FieldSpec spec) {
      this.spec = spec;
    }

    @Override
    public FieldSpec spec() {
      return spec;
    }

    @Override
    public void appendNull() {
      values.add(null);
    }

    @Override
    public void appendLong(long value) {
      FieldKind k = spec.type().kind();
      if (!k.isIntegral()) {
        throw new AssertionError("appendLong on " + spec);
      }
      if (k != FieldKind.TIMESTAMP && k != FieldKind.INT64 && !ImportSchema.fits(spec.type().storageKind(), value)) {
        throw new AssertionError(value + " out of range for " + spec);
      }
      values.add(value);
    }

    @Override
    public void appendDouble(double value) {
      if (!spec.type().kind().isFloating()) {
        throw new AssertionError("appendDouble on " + spec);
      }
      values.add(spec.type().kind() == FieldKind.FLOAT32 ? (double) (float) value : value);
    }

    @Override
    public void appendBytes(byte[] bytes, int offset, int length) {
      if (!spec.type().kind().isString()) {
        throw new AssertionError("appendBytes on " + spec);
      }
      if (spec.type().kind() == FieldKind.FIXED_STRING && length > spec.type().length()) {
        throw new AssertionError("too long for " + spec);
      }
      values.add(new String(bytes, offset, length, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void appendString(String value) {
      byte[] b = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      appendBytes(b, 0, b.length);
    }

    @Override
    public long count() {
      return values.size();
    }
  }

  /** Counts values without keeping them, and touches the bytes as a real appender would. */
  private static final class CountingAppender implements FieldAppender {
    private final FieldSpec spec;
    private long count;
    long checksum;

    CountingAppender(FieldSpec spec) {
      this.spec = spec;
    }

    @Override
    public FieldSpec spec() {
      return spec;
    }

    @Override
    public void appendNull() {
      count++;
    }

    @Override
    public void appendLong(long value) {
      checksum += value;
      count++;
    }

    @Override
    public void appendDouble(double value) {
      checksum += Double.doubleToRawLongBits(value);
      count++;
    }

    @Override
    public void appendBytes(byte[] bytes, int offset, int length) {
      checksum += length == 0 ? 0 : bytes[offset];
      count++;
    }

    @Override
    public void appendString(String value) {
      count++;
    }

    @Override
    public long count() {
      return count;
    }
  }
}
