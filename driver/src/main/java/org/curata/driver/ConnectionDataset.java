package org.curata.driver;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.curata.storage.CurataException;
import org.curata.storage.Dataset;
import org.curata.storage.ErrorCode;
import org.curata.storage.Snapshot;
import org.curata.storage.Transaction;
import org.curata.storage.VacuumResult;
import org.curata.storage.VerifyReport;
import org.curata.storage.VersionInfo;

/**
 * The dataset as one connection sees it: writes are refused when the connection is read-only,
 * and a write waits up to the connection's lock timeout for another writer (in this or another
 * process) to finish, so that concurrent writers serialise instead of failing at once.
 */
final class ConnectionDataset implements Dataset {
  private static final long POLL_MILLIS = 20;

  private final Dataset delegate;
  private final boolean readOnly;
  private final long lockTimeoutMillis;

  ConnectionDataset(Dataset delegate, boolean readOnly, long lockTimeoutMillis) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.readOnly = readOnly;
    this.lockTimeoutMillis = lockTimeoutMillis;
  }

  @Override
  public Path directory() {
    return delegate.directory();
  }

  @Override
  public Snapshot snapshot() {
    return delegate.snapshot();
  }

  @Override
  public Snapshot snapshot(long versionId) {
    return delegate.snapshot(versionId);
  }

  @Override
  public List<VersionInfo> versions() {
    return delegate.versions();
  }

  @Override
  public Transaction beginWrite(String message) {
    if (readOnly) {
      throw new SqlErrors.ReadOnlyException("dataset " + delegate.directory()
          + " is open read-only (readonly=true): connect without readonly to write");
    }
    long deadline = System.nanoTime() + lockTimeoutMillis * 1_000_000L;
    while (true) {
      try {
        return delegate.beginWrite(message);
      } catch (CurataException e) {
        if (e.code() != ErrorCode.WRITER_LOCKED || System.nanoTime() - deadline >= 0) {
          if (e.code() == ErrorCode.WRITER_LOCKED) {
            throw new CurataException(ErrorCode.WRITER_LOCKED, e.getMessage()
                + " (waited " + lockTimeoutMillis + " ms, the connection's lockTimeout;"
                + " retry when the other write has finished)", e);
          }
          throw e;
        }
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new CurataException(ErrorCode.WRITER_LOCKED,
            "interrupted while waiting for the writer lock of dataset " + delegate.directory(), ie);
      }
    }
  }

  @Override
  public VacuumResult vacuum(int keepVersions) {
    if (readOnly) {
      throw new SqlErrors.ReadOnlyException("dataset " + delegate.directory()
          + " is open read-only (readonly=true): connect without readonly to vacuum");
    }
    return delegate.vacuum(keepVersions);
  }

  @Override
  public VerifyReport verify() {
    return delegate.verify();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
