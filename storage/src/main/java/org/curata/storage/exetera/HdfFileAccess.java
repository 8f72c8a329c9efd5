package org.curata.storage.exetera;

import io.jhdf.HdfFile;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;

/**
 * The open HDF5 file behind an ExeTera dataset: every read goes through {@link #read} so that
 * reads are serialised (jhdf's readers are not documented as thread-safe) and every jhdf failure
 * becomes a {@link CurataException} naming the file and group.
 */
final class HdfFileAccess implements AutoCloseable {
  private final Path path;
  private final HdfFile hdf;
  private final AtomicLong chunksRead = new AtomicLong();
  private volatile boolean closed;

  private HdfFileAccess(Path path, HdfFile hdf) {
    this.path = path;
    this.hdf = hdf;
  }

  /**
   * Opens a file read-only.
   *
   * @throws CurataException with {@link ErrorCode#NOT_FOUND} if it does not exist, or
   *     {@link ErrorCode#NOT_A_DATASET} if it is not an HDF5 file jhdf can read
   */
  static HdfFileAccess open(Path path) {
    if (!java.nio.file.Files.isRegularFile(path)) {
      throw new CurataException(ErrorCode.NOT_FOUND, "ExeTera file '" + path + "' does not exist");
    }
    if (!ExeteraFiles.isHdf5(path)) {
      throw new CurataException(ErrorCode.NOT_A_DATASET, "'" + path
          + "' is not an HDF5 file (it does not start with the HDF5 signature)");
    }
    try {
      return new HdfFileAccess(path, new HdfFile(path));
    } catch (RuntimeException e) {
      throw new CurataException(ErrorCode.NOT_A_DATASET, "'" + path
          + "' is not a readable HDF5 file: " + e.getMessage(), e);
    }
  }

  /** The file. */
  Path path() {
    return path;
  }

  /** The jhdf root group. */
  HdfFile root() {
    return hdf;
  }

  /** "ExeTera file 'f', group '/g'": the start of every message about a group of the file. */
  String describe(String group) {
    String g = group.length() > 1 && group.endsWith("/")
        ? group.substring(0, group.length() - 1) : group;
    return "ExeTera file '" + path.getFileName() + "', group '" + g + "'";
  }

  /**
   * Runs a jhdf read under the file's lock, turning jhdf's and the JDK's failures into
   * {@link ErrorCode#CORRUPTION} naming the group.
   */
  synchronized <T> T read(String group, Supplier<T> action) {
    if (closed) {
      throw new CurataException(ErrorCode.INVALID_INPUT,
          describe(group) + ": the dataset is closed");
    }
    try {
      return action.get();
    } catch (CurataException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CurataException(ErrorCode.CORRUPTION, describe(group) + ": cannot be read ("
          + e.getClass().getSimpleName() + ": " + e.getMessage() + "); the file may be truncated"
          + " or damaged", e);
    }
  }

  /** Counts one chunk (or contiguous array) read. */
  void countChunk() {
    chunksRead.incrementAndGet();
  }

  /** Chunks read since the file was opened (tests check reads are lazy). */
  long chunksRead() {
    return chunksRead.get();
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      hdf.close();
    }
  }
}
