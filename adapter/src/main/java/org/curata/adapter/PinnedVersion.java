package org.curata.adapter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.schema.Table;
import org.curata.adapter.exec.ExecOptions;
import org.curata.adapter.exec.TableSource;
import org.curata.storage.CurataException;
import org.curata.storage.DataFrame;
import org.curata.storage.Dataset;
import org.curata.storage.ErrorCode;
import org.curata.storage.Snapshot;

/**
 * One committed version of a dataset held open by the schema, with its tables. Executions lease
 * it; once the schema has moved to a newer version and the last lease ends, the snapshot closes,
 * and a later execution of a plan made on it re-pins the same version from disk.
 */
final class PinnedVersion {
  private final Dataset dataset;
  private final Snapshot snapshot;
  private final long versionId;
  private final Map<String, Table> tables;
  private final AtomicInteger refs = new AtomicInteger(1);

  PinnedVersion(Dataset dataset, Snapshot snapshot, ExecOptions options) {
    this.dataset = dataset;
    this.snapshot = snapshot;
    this.versionId = snapshot.version().id();
    Map<String, Table> t = new LinkedHashMap<>();
    for (DataFrame f : snapshot.dataFrames()) {
      t.put(f.name(), new CurataTable(dataset, this, f, options));
    }
    this.tables = java.util.Collections.unmodifiableMap(t);
  }

  long versionId() {
    return versionId;
  }

  Map<String, Table> tables() {
    return tables;
  }

  /** Drops the schema's hold; the snapshot closes when no execution holds it either. */
  void release() {
    if (refs.decrementAndGet() == 0) {
      snapshot.close();
    }
  }

  private boolean tryAcquire() {
    while (true) {
      int r = refs.get();
      if (r <= 0) {
        return false;
      }
      if (refs.compareAndSet(r, r + 1)) {
        return true;
      }
    }
  }

  /** Pins this version for one execution and returns the named dataframe in it. */
  TableSource.Lease lease(String frameName) {
    if (tryAcquire()) {
      DataFrame frame = find(snapshot, frameName, this::release);
      return new Lease(frame, this::release);
    }
    Snapshot again = dataset.snapshot(versionId);
    DataFrame frame = find(again, frameName, again::close);
    return new Lease(frame, again::close);
  }

  private DataFrame find(Snapshot s, String frameName, Runnable onFailure) {
    return s.dataFrame(frameName).orElseThrow(() -> {
      onFailure.run();
      return new CurataException(ErrorCode.INTERNAL, "dataframe '" + frameName
          + "' is missing from version " + versionId + " of dataset " + dataset.directory());
    });
  }

  /** A lease that runs its release once. */
  private static final class Lease implements TableSource.Lease {
    private final DataFrame frame;
    private final Runnable release;
    private boolean closed;

    Lease(DataFrame frame, Runnable release) {
      this.frame = frame;
      this.release = release;
    }

    @Override
    public DataFrame dataFrame() {
      return frame;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        release.run();
      }
    }
  }
}
