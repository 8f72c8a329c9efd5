package org.curata.storage.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The real file system, through java.nio. */
final class SystemFileIO implements FileIO {
  static final SystemFileIO INSTANCE = new SystemFileIO();

  /**
   * Lock files this JVM holds a lock on (real paths). Process-wide on purpose: the operating
   * system's locks are per process, so this set is the one place that knows them.
   */
  private final Set<Path> heldLocks = ConcurrentHashMap.newKeySet();

  private SystemFileIO() {
  }

  @Override
  public WritableFile create(Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return new ChannelFile(ch);
  }

  @Override
  public void createDirectories(Path dir) throws IOException {
    Files.createDirectories(dir);
  }

  @Override
  public void renameAtomic(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public boolean delete(Path file) throws IOException {
    return Files.deleteIfExists(file);
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    // Opening a directory for reading and forcing it is how the JDK exposes fsync(dirfd) on Linux.
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      if (System.getProperty("os.name", "").startsWith("Windows")) {
        return;
      }
      throw e;
    }
  }

  @Override
  public boolean exists(Path path) {
    return Files.exists(path);
  }

  @Override
  public boolean isDirectory(Path path) {
    return Files.isDirectory(path);
  }

  @Override
  public List<String> list(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(p -> names.add(p.getFileName().toString()));
    } catch (NoSuchFileException e) {
      return List.of();
    }
    Collections.sort(names);
    return names;
  }

  @Override
  public long size(Path file) throws IOException {
    return Files.size(file);
  }

  @Override
  public byte[] readAll(Path file) throws IOException {
    return Files.readAllBytes(file);
  }

  @Override
  public ByteBuffer mapReadOnly(Path file, long offset, long length) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return ch.map(FileChannel.MapMode.READ_ONLY, offset, length);
    }
  }

  @Override
  public Lock tryLock(Path file) throws IOException {
    // POSIX (fcntl) locks belong to the process, and closing ANY descriptor of the file drops
    // them all: a second attempt in this JVM must never open (and close) a channel on a lock
    // file this JVM already holds, or it silently releases the first writer's lock.
    Path key = file.toAbsolutePath().getParent().toRealPath().resolve(file.getFileName());
    if (!heldLocks.add(key)) {
      return null;
    }
    FileChannel ch;
    FileLock lock;
    try {
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException | RuntimeException e) {
      heldLocks.remove(key);
      throw e;
    }
    try {
      lock = ch.tryLock();
    } catch (IOException | RuntimeException e) {
      ch.close();
      heldLocks.remove(key);
      throw e;
    }
    if (lock == null) {
      // another process holds it; this JVM holds no lock on the file, so closing drops nothing
      ch.close();
      heldLocks.remove(key);
      return null;
    }
    FileLock held = lock;
    return () -> {
      try {
        held.release();
      } catch (IOException ignored) {
        // Closing the channel below releases the lock as well.
      }
      try {
        ch.close();
      } catch (IOException ignored) {
        // Nothing more can be done; the OS drops the lock when the process exits.
      } finally {
        heldLocks.remove(key);
      }
    };
  }


  /** A FileChannel opened for writing. */
  private static final class ChannelFile implements WritableFile {
    private final FileChannel ch;

    ChannelFile(FileChannel ch) {
      this.ch = ch;
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
      while (src.hasRemaining()) {
        ch.write(src);
      }
    }

    @Override
    public void force() throws IOException {
      ch.force(true);
    }

    @Override
    public long size() throws IOException {
      return ch.size();
    }

    @Override
    public void close() throws IOException {
      ch.close();
    }
  }
}
