package org.curata.storage.format;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.curata.storage.Block;
import org.curata.storage.BlockInfo;
import org.curata.storage.CurataException;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.EncodingPolicy;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.StringEncoding;
import org.curata.storage.Transaction;
import org.curata.storage.VersionInfo;
import org.curata.storage.block.DictionarySegment;
import org.curata.storage.block.LoadedDictionary;
import org.curata.storage.io.FileIO;

/**
 * A write holding the dataset's lock: new blocks go to new data files; {@link #commit()}
 * publishes a new manifest (FORMAT.md, "Commit protocol").
 */
final class FileTransaction implements Transaction {
  /** Where the transaction is in its life. */
  private enum State { OPEN, COMMITTED, FAILED, CLOSED }

  private final FileDataset dataset;
  private final FileIO io;
  private final FileIO.Lock lock;
  private final Manifest base;
  private final String message;
  private final String nonce = FileDataset.nonce();
  private final TreeMap<String, DataFrameState> dataFrames = new TreeMap<>();
  private final List<FileFieldAppender> appenders = new ArrayList<>();
  private final List<String> created = new ArrayList<>();
  private volatile State state = State.OPEN;
  private boolean released;
  private boolean renameAttempted;
  private int fileSeq;

  /** A dataframe as this transaction will commit it. */
  static final class DataFrameState {
    final String name;
    final long baseRows;
    final List<FieldState> fields = new ArrayList<>();
    List<String> sortKeys;
    List<String> primaryKeys;
    FileDataFrameAppender appender;

    DataFrameState(String name, long baseRows, List<String> sortKeys, List<String> primaryKeys) {
      this.name = name;
      this.baseRows = baseRows;
      this.sortKeys = List.copyOf(sortKeys);
      this.primaryKeys = List.copyOf(primaryKeys);
    }

    FieldState field(String fieldName) {
      for (FieldState f : fields) {
        if (f.spec.name().equals(fieldName)) {
          return f;
        }
      }
      return null;
    }
  }

  /**
   * A field as this transaction will commit it: existing blocks, then new ones; existing
   * dictionary segments, then a new one (null while the field has no dictionary).
   */
  static final class FieldState {
    final FieldSpec spec;
    final List<BlockInfo> blocks;
    List<DictionarySegment> dictionary;
    FileFieldAppender appender;

    FieldState(FieldSpec spec, List<BlockInfo> blocks, List<DictionarySegment> dictionary) {
      this.spec = spec;
      this.blocks = new ArrayList<>(blocks);
      this.dictionary = dictionary == null ? null : new ArrayList<>(dictionary);
    }
  }

  FileTransaction(FileDataset dataset, FileIO.Lock lock, Manifest base, String message) {
    this.dataset = dataset;
    this.io = dataset.io();
    this.lock = lock;
    this.base = base;
    this.message = message;
    for (Manifest.DataFrameEntry df : base.dataFrames()) {
      DataFrameState s = new DataFrameState(df.name(), df.rowCount(), df.sortKeys(),
          df.primaryKeys());
      for (Manifest.FieldEntry f : df.fields()) {
        s.fields.add(new FieldState(f.spec(), f.blocks(), f.dictionary()));
      }
      dataFrames.put(df.name(), s);
    }
  }

  void checkOpen() {
    if (state != State.OPEN) {
      throw new CurataException(ErrorCode.INVALID_INPUT, "the transaction on " + dataset.directory()
          + " is " + state.name().toLowerCase() + "; begin a new one");
    }
  }

  /** A new data file for a field's blocks; the transaction deletes it if it is abandoned. */
  synchronized Path newDataFile(FileFieldAppender owner) throws IOException {
    checkOpen();
    String rel = Layout.dataFile(base.version().id() + 1, nonce, fileSeq++);
    created.add(rel);
    return dataset.directoryPath().resolve(rel);
  }

  FileIO io() {
    return io;
  }

  int blockRows() {
    return dataset.options().blockRows();
  }

  EncodingPolicy encodingPolicy() {
    return dataset.options().encodingPolicy();
  }

  StringEncoding stringEncoding() {
    return dataset.options().stringEncoding();
  }

  /** Reads and verifies a block of the base version (a partial last block to merge). */
  Block readBaseBlock(BlockInfo info, FieldType type, LoadedDictionary dictionary, String where) {
    return dataset.store().block(info, type, dictionary, where);
  }

  /** Reads and verifies the dictionary of a field of the base version, to extend it. */
  LoadedDictionary readBaseDictionary(List<DictionarySegment> segments, FieldType type,
      String where) {
    return dataset.store().dictionary(segments, type, where);
  }

  /** Marks the transaction failed after an I/O error and returns the error to throw. */
  synchronized CurataException fail(String what, IOException e) {
    state = State.FAILED;
    return new CurataException(ErrorCode.IO, what + " in dataset " + dataset.directory() + " failed: "
        + e + "; the transaction is abandoned, nothing was committed", e);
  }

  @Override
  public VersionInfo baseVersion() {
    return base.version();
  }

  @Override
  public synchronized DataFrameAppender createDataFrame(String name, List<FieldSpec> fields,
      List<String> sortKeys, List<String> primaryKeys) {
    checkOpen();
    if (name == null || name.isEmpty()) {
      throw new CurataException(ErrorCode.INVALID_INPUT, "a dataframe name must not be empty");
    }
    if (dataFrames.containsKey(name)) {
      throw new CurataException(ErrorCode.ALREADY_EXISTS, "dataframe '" + name
          + "' already exists in dataset " + dataset.directory());
    }
    Set<String> names = new HashSet<>();
    for (FieldSpec f : fields) {
      if (!names.add(f.name())) {
        throw new CurataException(ErrorCode.INVALID_INPUT, "dataframe '" + name + "' declares field '"
            + f.name() + "' twice");
      }
    }
    for (String k : sortKeys) {
      if (!names.contains(k)) {
        throw new CurataException(ErrorCode.INVALID_INPUT, "sort key '" + k
            + "' is not a field of dataframe '" + name + "'");
      }
    }
    for (String k : primaryKeys) {
      if (!names.contains(k)) {
        throw new CurataException(ErrorCode.INVALID_INPUT, "primary key '" + k
            + "' is not a field of dataframe '" + name + "'");
      }
    }
    DataFrameState s = new DataFrameState(name, 0, sortKeys, primaryKeys);
    for (FieldSpec f : fields) {
      s.fields.add(new FieldState(f, List.of(), null));
    }
    dataFrames.put(name, s);
    return appender(s);
  }

  private DataFrameAppender appender(DataFrameState s) {
    if (s.appender == null) {
      for (FieldState f : s.fields) {
        f.appender = new FileFieldAppender(this, s.name, f, s.baseRows);
        appenders.add(f.appender);
      }
      s.appender = new FileDataFrameAppender(s);
    }
    return s.appender;
  }

  @Override
  public synchronized DataFrameAppender append(String name) {
    checkOpen();
    return appender(dataFrameState(name));
  }

  private DataFrameState dataFrameState(String name) {
    DataFrameState s = dataFrames.get(name);
    if (s == null) {
      throw new CurataException(ErrorCode.NOT_FOUND, "dataframe '" + name + "' does not exist in "
          + "dataset " + dataset.directory() + "; dataframes: " + dataFrames.keySet());
    }
    return s;
  }

  @Override
  public synchronized void dropDataFrame(String name) {
    checkOpen();
    DataFrameState s = dataFrameState(name);
    for (FieldState f : s.fields) {
      if (f.appender != null) {
        f.appender.drop();
      }
    }
    dataFrames.remove(name);
  }

  @Override
  public synchronized void dropField(String dataFrame, String field) {
    checkOpen();
    DataFrameState s = dataFrameState(dataFrame);
    FieldState f = s.field(field);
    if (f == null) {
      throw new CurataException(ErrorCode.NOT_FOUND, "field '" + field + "' does not exist in "
          + "dataframe '" + dataFrame + "'");
    }
    if (f.appender != null) {
      f.appender.drop();
    }
    s.fields.remove(f);
    // Rows sorted by (a, b, c) stay sorted by (a) when b goes; a key without one of its fields
    // is no longer a key.
    int at = s.sortKeys.indexOf(field);
    if (at >= 0) {
      s.sortKeys = List.copyOf(s.sortKeys.subList(0, at));
    }
    if (s.primaryKeys.contains(field)) {
      s.primaryKeys = List.of();
    }
  }

  @Override
  public synchronized VersionInfo commit() {
    checkOpen();
    List<Manifest.DataFrameEntry> entries = new ArrayList<>();
    for (DataFrameState s : dataFrames.values()) {
      long added = 0;
      String first = null;
      for (FieldState f : s.fields) {
        long c = f.appender == null ? 0 : f.appender.count();
        if (first == null) {
          first = f.spec.name();
          added = c;
        } else if (c != added) {
          throw new CurataException(ErrorCode.INVALID_INPUT, "dataframe '" + s.name + "': field '"
              + first + "' has " + added + " new rows but field '" + f.spec.name() + "' has " + c
              + "; append a value (or NULL) to every field of each row");
        }
      }
    }
    VersionInfo version;
    try {
      for (FileFieldAppender a : appenders) {
        a.finish();
      }
      if (!created.isEmpty()) {
        io.syncDirectory(dataset.dataDir());
      }
      for (DataFrameState s : dataFrames.values()) {
        long added = s.fields.isEmpty() || s.fields.get(0).appender == null
            ? 0 : s.fields.get(0).appender.count();
        List<Manifest.FieldEntry> fields = new ArrayList<>();
        for (FieldState f : s.fields) {
          fields.add(new Manifest.FieldEntry(f.spec, f.blocks, f.dictionary));
        }
        entries.add(new Manifest.DataFrameEntry(s.name, s.baseRows + added, fields, s.sortKeys,
            s.primaryKeys));
      }
      long id = base.version().id() + 1;
      long latest = dataset.latestId();
      if (latest != base.version().id()) {
        throw new CurataException(ErrorCode.WRITER_LOCKED, "dataset " + dataset.directory()
            + " gained version " + latest + " while this transaction (based on version "
            + base.version().id() + ") held the lock; the lock was bypassed, nothing committed");
      }
      version = new VersionInfo(id, Instant.now(), message, FileDataset.user());
      Manifest m = new Manifest(version, entries);
      dataset.publish(m, () -> renameAttempted = true);
      dataset.cache(m);
      state = State.COMMITTED;
      Set<String> referenced = m.files();
      for (String rel : created) {
        if (!referenced.contains(rel)) {
          deleteQuietly(rel);
        }
      }
    } catch (IOException e) {
      CurataException err = renameAttempted
          ? new CurataException(ErrorCode.IO, "commit of version " + (base.version().id() + 1)
              + " to dataset " + dataset.directory() + " failed after its manifest was renamed: "
              + e + "; the version may or may not be durable, reopen the dataset to see", e)
          : fail("commit", e);
      state = State.FAILED;
      release();
      throw err;
    } catch (RuntimeException e) {
      state = State.FAILED;
      release();
      throw e;
    }
    release();
    return version;
  }

  private void deleteQuietly(String rel) {
    try {
      io.delete(dataset.directoryPath().resolve(rel));
    } catch (IOException e) {
      // Vacuum deletes what an abandoned write left behind.
    }
  }

  /** Closes files, deletes the files of an uncommitted write and releases the lock. */
  private void release() {
    if (released) {
      return;
    }
    released = true;
    for (FileFieldAppender a : appenders) {
      a.closeQuietly();
    }
    if (state != State.COMMITTED && !renameAttempted) {
      for (String rel : created) {
        deleteQuietly(rel);
      }
    }
    lock.close();
    dataset.finished(this);
  }

  @Override
  public synchronized void close() {
    if (state == State.OPEN || state == State.FAILED) {
      state = State.CLOSED;
      release();
    }
  }
}
