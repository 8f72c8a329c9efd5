package org.curata.storage.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.curata.storage.io.FileIO;

/**
 * A FileIO double over a real directory that keeps a model of what is durable: file contents
 * become durable at force(), directory entries (creates, renames, deletes) at syncDirectory() of
 * their directory. It can fail at the N-th mutating call (and every call after, as a dying
 * process would), tear that write, and "crash": roll the real files back to the durable state.
 */
final class FaultyFileIO implements FileIO {
  /** What a crash keeps. */
  enum Crash {
    /** Only what was made durable survives. */
    DROP_UNSYNCED,
    /** What was durable, plus a prefix of the last unsynced write. */
    TEAR_LAST_WRITE,
    /** Everything the OS had, except that the last unsynced write is cut short. */
    KEEP_ALL_TEAR_LAST
  }

  /** A file's contents: what the OS has and what is durable. */
  private static final class Inode {
    byte[] current;
    byte[] synced;

    Inode(byte[] content, boolean durable) {
      current = content;
      synced = durable ? content : new byte[0];
    }
  }

  private final FileIO real = FileIO.system();
  private final Map<Path, Inode> current = new HashMap<>();
  private final Map<Path, Inode> durable = new HashMap<>();
  private final Path root;
  private final int failAt;
  private final boolean tearFailedWrite;
  private int calls;
  private boolean dead;
  private Inode lastInode;
  private long lastOffset;
  private int lastLength;

  FaultyFileIO(Path root, int failAt, boolean tearFailedWrite) {
    this.root = root.toAbsolutePath().normalize();
    this.failAt = failAt;
    this.tearFailedWrite = tearFailedWrite;
    try (Stream<Path> s = Files.walk(this.root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p)) {
          Inode i = new Inode(Files.readAllBytes(p), true);
          current.put(p, i);
          durable.put(p, i);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Mutating calls made so far. */
  int calls() {
    return calls;
  }

  /** True once the injected failure happened. */
  boolean failed() {
    return dead;
  }

  private void count() throws IOException {
    calls++;
    if (dead || calls == failAt) {
      dead = true;
      throw new IOException("injected failure at mutating call " + calls);
    }
  }

  private static Path key(Path p) {
    return p.toAbsolutePath().normalize();
  }

  @Override
  public WritableFile create(Path file) throws IOException {
    count();
    WritableFile w = real.create(file);
    Inode inode = new Inode(new byte[0], false);
    current.put(key(file), inode);
    return new WritableFile() {
      @Override
      public void write(ByteBuffer src) throws IOException {
        byte[] b = new byte[src.remaining()];
        src.duplicate().get(b);
        calls++;
        if (dead || calls == failAt) {
          boolean first = !dead;
          dead = true;
          if (first && tearFailedWrite && b.length > 1) {
            byte[] half = Arrays.copyOf(b, b.length / 2);
            w.write(ByteBuffer.wrap(half));
            append(inode, half);
          }
          throw new IOException("injected failure at mutating call " + calls);
        }
        w.write(src);
        append(inode, b);
      }

      @Override
      public void force() throws IOException {
        count();
        w.force();
        inode.synced = inode.current.clone();
      }

      @Override
      public long size() {
        return inode.current.length;
      }

      @Override
      public void close() throws IOException {
        w.close();
      }
    };
  }

  private void append(Inode inode, byte[] b) {
    lastInode = inode;
    lastOffset = inode.current.length;
    lastLength = b.length;
    byte[] n = Arrays.copyOf(inode.current, inode.current.length + b.length);
    System.arraycopy(b, 0, n, inode.current.length, b.length);
    inode.current = n;
  }

  @Override
  public void createDirectories(Path dir) throws IOException {
    count();
    real.createDirectories(dir);
  }

  @Override
  public void renameAtomic(Path from, Path to) throws IOException {
    count();
    real.renameAtomic(from, to);
    Inode i = current.remove(key(from));
    if (i != null) {
      current.put(key(to), i);
    }
  }

  @Override
  public boolean delete(Path file) throws IOException {
    count();
    boolean existed = real.delete(file);
    current.remove(key(file));
    return existed;
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    count();
    real.syncDirectory(dir);
    Path d = key(dir);
    durable.keySet().removeIf(p -> d.equals(p.getParent()));
    for (Map.Entry<Path, Inode> e : current.entrySet()) {
      if (d.equals(e.getKey().getParent())) {
        durable.put(e.getKey(), e.getValue());
      }
    }
  }

  @Override
  public boolean exists(Path path) {
    return real.exists(path);
  }

  @Override
  public boolean isDirectory(Path path) {
    return real.isDirectory(path);
  }

  @Override
  public List<String> list(Path dir) throws IOException {
    return real.list(dir);
  }

  @Override
  public long size(Path file) throws IOException {
    return real.size(file);
  }

  @Override
  public byte[] readAll(Path file) throws IOException {
    return real.readAll(file);
  }

  @Override
  public ByteBuffer mapReadOnly(Path file, long offset, long length) throws IOException {
    return real.mapReadOnly(file, offset, length);
  }

  @Override
  public Lock tryLock(Path file) throws IOException {
    return real.tryLock(file);
  }

  /** Simulates power loss: rewrites the real directory to what the crash mode keeps. */
  void crash(Crash mode) throws IOException {
    Map<Path, Inode> entries = mode == Crash.KEEP_ALL_TEAR_LAST ? current : durable;
    Map<Path, byte[]> files = new HashMap<>();
    for (Map.Entry<Path, Inode> e : entries.entrySet()) {
      Inode i = e.getValue();
      byte[] content = mode == Crash.KEEP_ALL_TEAR_LAST ? i.current : i.synced;
      boolean lastUnsynced = i == lastInode && i.synced.length < lastOffset + lastLength;
      if (lastUnsynced && mode == Crash.TEAR_LAST_WRITE) {
        int keep = lastLength / 2;
        byte[] t = Arrays.copyOf(i.synced, (int) Math.max(i.synced.length, lastOffset + keep));
        System.arraycopy(i.current, (int) lastOffset, t, (int) lastOffset, keep);
        content = t;
      } else if (lastUnsynced && mode == Crash.KEEP_ALL_TEAR_LAST) {
        content = Arrays.copyOf(i.current, (int) (lastOffset + lastLength / 2));
      }
      files.put(e.getKey(), content);
    }
    List<Path> existing = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(Files::isRegularFile).forEach(existing::add);
    }
    for (Path p : existing) {
      Files.delete(p);
    }
    for (Map.Entry<Path, byte[]> e : files.entrySet()) {
      Files.createDirectories(e.getKey().getParent());
      Files.write(e.getKey(), e.getValue());
    }
  }
}
