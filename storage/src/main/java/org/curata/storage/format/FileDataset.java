package org.curata.storage.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.curata.storage.Block;
import org.curata.storage.BlockInfo;
import org.curata.storage.CurataException;
import org.curata.storage.Dataset;
import org.curata.storage.ErrorCode;
import org.curata.storage.OpenOptions;
import org.curata.storage.Snapshot;
import org.curata.storage.Transaction;
import org.curata.storage.VacuumResult;
import org.curata.storage.VerifyReport;
import org.curata.storage.VersionInfo;
import org.curata.storage.block.BlockVerifier;
import org.curata.storage.block.DictionarySegment;
import org.curata.storage.block.LoadedDictionary;
import org.curata.storage.io.FileIO;

/**
 * A dataset stored in a directory in format version 1 or 2 (FORMAT.md, "Directory layout",
 * "Commit protocol", "Vacuum", "Verify").
 */
public final class FileDataset implements Dataset {
  private final Path dir;
  private final Path dataDir;
  private final Path versionsDir;
  private final OpenOptions options;
  private final FileIO io;
  private final BlockStore store;
  private final Map<Long, Manifest> manifests = new ConcurrentHashMap<>();
  private final Set<FileSnapshot> pinned = ConcurrentHashMap.newKeySet();
  private FileTransaction active;
  private volatile boolean closed;

  private FileDataset(Path dir, OpenOptions options) {
    this.dir = dir;
    this.dataDir = dir.resolve(Layout.DATA);
    this.versionsDir = dir.resolve(Layout.VERSIONS);
    this.options = options;
    this.io = options.io();
    this.store = new BlockStore(dir, io);
  }

  /** Opens or creates the dataset in {@code directory}. */
  public static Dataset open(Path directory, OpenOptions options) {
    Objects.requireNonNull(options, "options");
    Path dir = directory.toAbsolutePath().normalize();
    FileDataset ds = new FileDataset(dir, options);
    try {
      if (!ds.io.isDirectory(dir)) {
        if (!options.create() || options.readOnly()) {
          throw new CurataException(ErrorCode.NOT_A_DATASET, "dataset directory " + dir
              + " does not exist; create it with the create option (curata import creates one)");
        }
      }
      if (ds.listIds().isEmpty()) {
        if (!options.create() || options.readOnly()) {
          throw new CurataException(ErrorCode.NOT_A_DATASET, "directory " + dir
              + " holds no Curata dataset (no manifest under versions/); open it with the create "
              + "option to make one");
        }
        ds.create();
      }
      long latest = ds.latestId();
      try {
        ds.manifest(latest);
      } catch (CurataException e) {
        // A newer format is refused now; corruption is reported when the version is read, so
        // that 'curata verify' can still open the dataset.
        if (e.code() != ErrorCode.CORRUPTION) {
          throw e;
        }
      }
    } catch (IOException e) {
      throw new CurataException(ErrorCode.IO, "cannot open dataset " + dir + ": " + e, e);
    }
    return ds;
  }

  private void create() throws IOException {
    io.createDirectories(dir);
    io.createDirectories(dataDir);
    io.createDirectories(versionsDir);
    io.syncDirectory(dir);
    FileIO.Lock lock = io.tryLock(dir.resolve(Layout.LOCK));
    if (lock == null) {
      throw lockedError();
    }
    try {
      if (listIds().isEmpty()) {
        Manifest m = new Manifest(new VersionInfo(0, Instant.now(), "create dataset", user()),
            List.of());
        publish(m, null);
        manifests.put(0L, m);
      }
    } finally {
      lock.close();
    }
  }

  static String user() {
    return System.getProperty("user.name", "unknown");
  }

  static String nonce() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
  }

  /**
   * Publishes a manifest: write to a temporary file, fsync, rename atomically, fsync the
   * directory (FORMAT.md, "Commit protocol"). The rename is the commit point.
   */
  void publish(Manifest m, Runnable beforeRename) throws IOException {
    byte[] bytes = ManifestCodec.encode(m);
    long id = m.version().id();
    Path tmp = versionsDir.resolve(Layout.tempManifestName(id, nonce()));
    try (FileIO.WritableFile f = io.create(tmp)) {
      f.write(ByteBuffer.wrap(bytes));
      f.force();
    }
    if (beforeRename != null) {
      beforeRename.run();
    }
    io.renameAtomic(tmp, versionsDir.resolve(Layout.manifestName(id)));
    io.syncDirectory(versionsDir);
  }

  CurataException lockedError() {
    return new CurataException(ErrorCode.WRITER_LOCKED, "dataset " + dir + " is locked: another "
        + "writer holds it (in this or another process); wait for that write to finish");
  }

  Path directoryPath() {
    return dir;
  }

  Path dataDir() {
    return dataDir;
  }

  FileIO io() {
    return io;
  }

  OpenOptions options() {
    return options;
  }

  BlockStore store() {
    return store;
  }

  /** Committed version ids on disk, ascending. */
  List<Long> listIds() throws IOException {
    List<Long> ids = new ArrayList<>();
    for (String name : io.list(versionsDir)) {
      long id = Layout.manifestId(name);
      if (id >= 0) {
        ids.add(id);
      }
    }
    ids.sort(null);
    return ids;
  }

  long latestId() throws IOException {
    List<Long> ids = listIds();
    if (ids.isEmpty()) {
      throw new CurataException(ErrorCode.CORRUPTION, "dataset " + dir
          + " has no manifest under versions/; run 'curata verify'");
    }
    return ids.get(ids.size() - 1);
  }

  /** A version's manifest, read and validated once, then cached (manifests are immutable). */
  Manifest manifest(long id) throws IOException {
    Manifest m = manifests.get(id);
    if (m == null) {
      m = readManifest(id);
      manifests.put(id, m);
    }
    return m;
  }

  private Manifest readManifest(long id) throws IOException {
    String name = Layout.manifestName(id);
    byte[] bytes;
    try {
      bytes = io.readAll(versionsDir.resolve(name));
    } catch (NoSuchFileException e) {
      throw new CurataException(ErrorCode.NOT_FOUND, "version " + id + " of dataset " + dir
          + " was never committed or has been expired by a vacuum");
    }
    return ManifestCodec.decode(bytes, Layout.VERSIONS + "/" + name, id);
  }

  void cache(Manifest m) {
    manifests.put(m.version().id(), m);
  }

  private void ensureOpen() {
    if (closed) {
      throw new CurataException(ErrorCode.INVALID_INPUT, "dataset " + dir + " is closed");
    }
  }

  private void ensureWritable() {
    if (options.readOnly()) {
      throw new CurataException(ErrorCode.INVALID_INPUT, "dataset " + dir
          + " was opened read-only; open it without read-only to write");
    }
  }

  @Override
  public Path directory() {
    return dir;
  }

  @Override
  public Snapshot snapshot() {
    ensureOpen();
    try {
      return pin(manifest(latestId()));
    } catch (IOException e) {
      throw new CurataException(ErrorCode.IO, "cannot read dataset " + dir + ": " + e, e);
    }
  }

  @Override
  public Snapshot snapshot(long versionId) {
    ensureOpen();
    try {
      return pin(manifest(versionId));
    } catch (IOException e) {
      throw new CurataException(ErrorCode.IO, "cannot read version " + versionId + " of " + dir
          + ": " + e, e);
    }
  }

  /**
   * Pins under the dataset's monitor, which vacuum holds while it decides what to delete: a pin
   * is either seen by that vacuum or made after it, and then of a version still on disk (a
   * cached manifest of a version the vacuum expired is refused, not pinned over deleted files).
   */
  private synchronized Snapshot pin(Manifest m) {
    long id = m.version().id();
    if (!io.exists(versionsDir.resolve(Layout.manifestName(id)))) {
      throw new CurataException(ErrorCode.NOT_FOUND, "version " + id + " of dataset " + dir
          + " has been expired by a vacuum; read a retained version");
    }
    FileSnapshot s = new FileSnapshot(this, store, m);
    pinned.add(s);
    return s;
  }

  void unpin(FileSnapshot s) {
    pinned.remove(s);
  }

  @Override
  public List<VersionInfo> versions() {
    ensureOpen();
    try {
      List<VersionInfo> out = new ArrayList<>();
      for (long id : listIds()) {
        try {
          out.add(manifest(id).version());
        } catch (CurataException e) {
          if (e.code() != ErrorCode.NOT_FOUND) {
            throw e;
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new CurataException(ErrorCode.IO, "cannot list versions of " + dir + ": " + e, e);
    }
  }

  @Override
  public synchronized Transaction beginWrite(String message) {
    ensureOpen();
    ensureWritable();
    if (active != null) {
      throw lockedError();
    }
    FileIO.Lock lock;
    try {
      lock = io.tryLock(dir.resolve(Layout.LOCK));
    } catch (IOException e) {
      throw new CurataException(ErrorCode.IO, "cannot lock dataset " + dir + ": " + e, e);
    }
    if (lock == null) {
      throw lockedError();
    }
    try {
      Manifest base = manifest(latestId());
      active = new FileTransaction(this, lock, base, Objects.requireNonNullElse(message, ""));
      return active;
    } catch (IOException | RuntimeException e) {
      lock.close();
      if (e instanceof RuntimeException) {
        throw (RuntimeException) e;
      }
      throw new CurataException(ErrorCode.IO, "cannot read dataset " + dir + ": " + e, e);
    }
  }

  synchronized void finished(FileTransaction tx) {
    if (active == tx) {
      active = null;
    }
  }

  @Override
  public synchronized VacuumResult vacuum(int keepVersions) {
    ensureOpen();
    ensureWritable();
    if (keepVersions < 1) {
      throw new CurataException(ErrorCode.INVALID_INPUT, "vacuum must keep at least 1 version, not "
          + keepVersions);
    }
    if (active != null) {
      throw lockedError();
    }
    FileIO.Lock lock;
    try {
      lock = io.tryLock(dir.resolve(Layout.LOCK));
    } catch (IOException e) {
      throw new CurataException(ErrorCode.IO, "cannot lock dataset " + dir + ": " + e, e);
    }
    if (lock == null) {
      throw lockedError();
    }
    try {
      return vacuumLocked(keepVersions);
    } catch (IOException e) {
      throw new CurataException(ErrorCode.IO, "vacuum of " + dir + " failed: " + e
          + "; the dataset is intact, run vacuum again", e);
    } finally {
      lock.close();
    }
  }

  private VacuumResult vacuumLocked(int keepVersions) throws IOException {
    List<Long> ids = listIds();
    int cut = Math.max(0, ids.size() - keepVersions);
    List<Long> expired = new ArrayList<>(ids.subList(0, cut));
    Set<String> keep = new HashSet<>();
    for (long id : ids.subList(cut, ids.size())) {
      keep.addAll(manifest(id).files());
    }
    for (FileSnapshot s : pinned) {
      keep.addAll(s.manifest().files());
    }
    int deleted = 0;
    long freed = 0;
    // Manifests go first, and durably, so that no surviving manifest names a deleted data file.
    for (long id : expired) {
      Path p = versionsDir.resolve(Layout.manifestName(id));
      long size = sizeOrZero(p);
      if (io.delete(p)) {
        deleted++;
        freed += size;
      }
      manifests.remove(id);
    }
    for (String name : io.list(versionsDir)) {
      if (Layout.manifestId(name) < 0) {
        Path p = versionsDir.resolve(name);
        long size = sizeOrZero(p);
        if (io.delete(p)) {
          deleted++;
          freed += size;
        }
      }
    }
    io.syncDirectory(versionsDir);
    List<String> gone = new ArrayList<>();
    for (String name : io.list(dataDir)) {
      String rel = Layout.DATA + "/" + name;
      if (!keep.contains(rel)) {
        Path p = dataDir.resolve(name);
        long size = sizeOrZero(p);
        if (io.delete(p)) {
          deleted++;
          freed += size;
          gone.add(rel);
        }
      }
    }
    io.syncDirectory(dataDir);
    store.evict(gone);
    return new VacuumResult(List.copyOf(expired), deleted, freed);
  }

  private long sizeOrZero(Path p) {
    try {
      return io.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public VerifyReport verify() {
    ensureOpen();
    List<String> problems = new ArrayList<>();
    int versionsChecked = 0;
    Set<String> filesChecked = new HashSet<>();
    Set<String> badFiles = new HashSet<>();
    Set<String> blocksSeen = new HashSet<>();
    Map<List<DictionarySegment>, LoadedDictionary> dictionaries = new HashMap<>();
    Set<DictionarySegment> badSegments = new HashSet<>();
    long blocks = 0;
    List<Long> ids;
    try {
      ids = listIds();
    } catch (IOException e) {
      problems.add("cannot list " + versionsDir + ": " + e);
      return new VerifyReport(0, 0, 0, problems);
    }
    if (ids.isEmpty()) {
      problems.add("no manifest under " + versionsDir);
    }
    for (long id : ids) {
      Manifest m;
      try {
        m = readManifest(id);
      } catch (CurataException | IOException e) {
        problems.add(e.getMessage());
        continue;
      }
      versionsChecked++;
      for (Manifest.DataFrameEntry df : m.dataFrames()) {
        for (Manifest.FieldEntry f : df.fields()) {
          String fieldWhere = "field '" + f.spec().name() + "' in dataframe '" + df.name() + "'";
          LoadedDictionary dict = null;
          boolean dictBad = false;
          if (f.dictionary() != null) {
            dict = dictionaries.get(f.dictionary());
            if (dict == null) {
              // Versions share segments: start from the dictionary of the longest prefix seen.
              int have = f.dictionary().size() - 1;
              for (; have > 0 && dict == null; have--) {
                dict = dictionaries.get(f.dictionary().subList(0, have));
              }
              have = dict == null ? 0 : have + 1;
              if (dict == null) {
                dict = LoadedDictionary.empty();
              }
              for (int i = have; i < f.dictionary().size() && !dictBad; i++) {
                DictionarySegment seg = f.dictionary().get(i);
                String where = "version " + id + ": dictionary segment " + i + " of " + fieldWhere;
                if (badSegments.contains(seg)) {
                  problems.add(where + " (file " + seg.file() + ") is unreadable (see above)");
                  dictBad = true;
                  break;
                }
                if (!checkFile(seg.file(), id, where, filesChecked, badFiles, problems)) {
                  dictBad = true;
                  break;
                }
                try {
                  dict = dict.extend(store.readSegment(seg, f.spec().type(), where, false));
                } catch (CurataException e) {
                  problems.add(e.getMessage());
                  badSegments.add(seg);
                  dictBad = true;
                }
              }
              if (!dictBad) {
                int dup = dict.firstDuplicate();
                if (dup >= 0) {
                  problems.add("version " + id + ": the dictionary of " + fieldWhere
                      + " repeats an entry at code " + dup + " (files " + segmentFiles(f) + ")");
                }
                dictionaries.put(f.dictionary(), dict);
              }
            }
          }
          for (BlockInfo info : f.blocks()) {
            String key = info.file() + "@" + info.offset() + "+" + info.length() + "#"
                + info.checksum();
            if (!blocksSeen.add(key)) {
              continue;
            }
            String where = "version " + id + ": block " + info.index() + " of " + fieldWhere;
            if (!checkFile(info.file(), id, where, filesChecked, badFiles, problems)) {
              continue;
            }
            if (info.dictionaryCodes() && dictBad) {
              problems.add(where + " (file " + info.file() + "): not checked, its field's "
                  + "dictionary is unreadable (see above)");
              blocksSeen.remove(key);
              continue;
            }
            blocks++;
            try {
              Block b = store.readUncached(info, f.spec().type(),
                  info.dictionaryCodes() ? dict : null, where);
              String problem = BlockVerifier.check(b);
              if (problem != null) {
                problems.add(where + " (file " + info.file() + "): " + problem);
              }
            } catch (CurataException e) {
              problems.add(e.getMessage());
            }
          }
        }
      }
    }
    return new VerifyReport(versionsChecked, filesChecked.size(), blocks, List.copyOf(problems));
  }

  private static String segmentFiles(Manifest.FieldEntry f) {
    Set<String> files = new java.util.TreeSet<>();
    for (DictionarySegment d : f.dictionary()) {
      files.add(d.file());
    }
    return String.join(", ", files);
  }

  /**
   * Checks a data file's existence and header once per verify; false (with a problem reported
   * once per file, and a line for each later reference) when it is unreadable.
   */
  private boolean checkFile(String file, long id, String where, Set<String> filesChecked,
      Set<String> badFiles, List<String> problems) {
    if (badFiles.contains(file)) {
      problems.add(where + ": data file " + file + " is unreadable (see above)");
      return false;
    }
    if (filesChecked.add(file)) {
      try {
        Path p = dir.resolve(file);
        store.checkHeader(p, file, io.size(p));
      } catch (CurataException | IOException e) {
        problems.add(e instanceof NoSuchFileException
            ? "data file " + file + " referenced by version " + id + " is missing"
            : e.getMessage());
        badFiles.add(file);
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    FileTransaction tx;
    synchronized (this) {
      tx = active;
      closed = true;
    }
    if (tx != null) {
      tx.close();
    }
  }

  @Override
  public String toString() {
    return "dataset " + dir;
  }
}
