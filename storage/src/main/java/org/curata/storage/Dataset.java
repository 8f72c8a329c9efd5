package org.curata.storage;

import java.nio.file.Path;
import java.util.List;

/**
 * A dataset on disk: a directory of immutable block files and a history of committed versions.
 * Readers pin versions ({@link #snapshot()}) and never block; one {@link Transaction} at a time
 * writes. Open with {@link Datasets}.
 */
public interface Dataset extends AutoCloseable {
  /** The dataset's directory. */
  Path directory();

  /** Pins the latest committed version (re-read from disk, so commits by other processes show). */
  Snapshot snapshot();

  /**
   * Pins a retained version.
   *
   * @throws CurataException with {@link ErrorCode#NOT_FOUND} if the version was never committed
   *     or has been expired
   */
  Snapshot snapshot(long versionId);

  /** The retained versions, oldest first. */
  List<VersionInfo> versions();

  /**
   * Starts a write, taking the dataset's writer lock.
   *
   * @throws CurataException with {@link ErrorCode#WRITER_LOCKED} if another writer holds it
   */
  Transaction beginWrite(String message);

  /**
   * Expires all but the newest {@code keepVersions} versions and deletes every file that no
   * retained version references (including files of interrupted writes).
   */
  VacuumResult vacuum(int keepVersions);

  /** Reads every file of every retained version and checks every checksum and structure. */
  VerifyReport verify();

  @Override
  void close();
}
