package org.curata.storage.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * Every file operation storage performs; {@link #system()} is the real file system, tests supply
 * doubles. Mutating operations are the ones a crash test counts and may fail.
 */
public interface FileIO {
  /** The real file system. */
  static FileIO system() {
    return SystemFileIO.INSTANCE;
  }

  /** A file opened for appending writes; its bytes are durable only after {@link #force()}. */
  interface WritableFile extends Closeable {
    /** Writes all remaining bytes of {@code src} at the end of the file. */
    void write(ByteBuffer src) throws IOException;

    /** Makes the bytes written so far durable (fsync). */
    void force() throws IOException;

    /** Bytes written so far. */
    long size() throws IOException;
  }

  /** A held exclusive lock; closing releases it. */
  interface Lock extends Closeable {
    @Override
    void close();
  }

  /** Creates a new, empty file (failing if it exists) and opens it for writing. */
  WritableFile create(Path file) throws IOException;

  /** Creates a directory and its missing parents. */
  void createDirectories(Path dir) throws IOException;

  /** Renames {@code from} to {@code to} atomically, replacing {@code to} if present. */
  void renameAtomic(Path from, Path to) throws IOException;

  /** Deletes a file if it exists; returns whether it existed. */
  boolean delete(Path file) throws IOException;

  /** Makes the directory's entries (creates, renames, deletes) durable. */
  void syncDirectory(Path dir) throws IOException;

  /** True when the path exists. */
  boolean exists(Path path);

  /** True when the path is a directory. */
  boolean isDirectory(Path path);

  /** The names of the entries of a directory (not recursive), sorted. */
  List<String> list(Path dir) throws IOException;

  /** The size of a file in bytes. */
  long size(Path file) throws IOException;

  /** Reads a whole (small) file. */
  byte[] readAll(Path file) throws IOException;

  /** Maps {@code length} bytes of a file from {@code offset} read-only (byte order unspecified). */
  ByteBuffer mapReadOnly(Path file, long offset, long length) throws IOException;

  /**
   * Tries to take an exclusive lock on a file (creating it if missing); returns null when another
   * process or another holder in this process has it.
   */
  Lock tryLock(Path file) throws IOException;
}
