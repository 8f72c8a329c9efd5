package org.curata.adapter.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;

/**
 * The spill directory of one query: made on first use under the configured directory, and
 * deleted with everything in it when the query ends (normally, on error or on cancel).
 * Thread-safe.
 */
public final class SpillSpace implements AutoCloseable {
  private final Path parent;
  private final AtomicInteger counter = new AtomicInteger();
  private Path dir;
  private boolean closed;

  /** A spill space under {@code parent}, or under {@code java.io.tmpdir} when null. */
  public SpillSpace(Path parent) {
    this.parent = parent != null ? parent : Paths.get(System.getProperty("java.io.tmpdir"));
  }

  /** A new, not yet existing file path in this query's spill directory. */
  public synchronized Path newFile(String prefix) {
    if (closed) {
      throw new CurataException(ErrorCode.INTERNAL, "the query's spill space is closed");
    }
    if (dir == null) {
      try {
        Files.createDirectories(parent);
        dir = Files.createTempDirectory(parent, "curata-spill-");
      } catch (IOException e) {
        throw new CurataException(ErrorCode.IO, "cannot make a spill directory under "
            + parent + ": " + e.getMessage() + "; set the connection property spillDirectory", e);
      }
    }
    return dir.resolve(prefix + "-" + counter.incrementAndGet() + ".spill");
  }

  /** The directory, or null when nothing has spilled. */
  public synchronized Path directory() {
    return dir;
  }

  /** Deletes the spill directory and its files. */
  @Override
  public synchronized void close() {
    closed = true;
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new CurataException(ErrorCode.IO, "cannot delete spill directory " + dir
          + ": " + e.getMessage(), e);
    } finally {
      dir = null;
    }
  }
}
