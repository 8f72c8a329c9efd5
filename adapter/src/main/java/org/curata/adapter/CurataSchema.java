package org.curata.adapter;

import java.util.Map;
import java.util.Objects;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaVersion;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.curata.adapter.exec.ExecOptions;
import org.curata.adapter.exec.WorkerPool;
import org.curata.storage.CurataException;
import org.curata.storage.Dataset;
import org.curata.storage.ErrorCode;
import org.curata.storage.Snapshot;

/**
 * A dataset as a Calcite schema: each dataframe is a table.
 *
 * <p>Register it programmatically ({@code rootSchema.add(name, new CurataSchema(dataset))}).
 * Calcite takes a {@link #snapshot(SchemaVersion) snapshot} of every schema when it prepares a
 * statement; the snapshot pins the latest committed version of the dataset (re-read from disk,
 * so commits by other processes and CREATE/DROP of the previous statement show), and every table
 * of that statement reads exactly that version. Tables are built once per version id.
 */
public final class CurataSchema extends AbstractSchema implements AutoCloseable {
  /** Rows per batch unless the constructor says otherwise. */
  public static final int DEFAULT_BATCH_SIZE = ExecOptions.DEFAULT_BATCH_SIZE;

  private final Dataset dataset;
  private final ExecOptions options;
  private final CurataSchema live;
  private final PlanCache plans;
  private final PinnedVersion pinned;
  /** The worker pool this schema made for its statements (closed with it), or null. */
  private final WorkerPool ownPool;
  private PinnedVersion latest;

  /** A schema over a dataset with the default execution options. */
  public CurataSchema(Dataset dataset) {
    this(dataset, ExecOptions.defaults());
  }

  /**
   * A schema over a dataset.
   *
   * @param dataset the open dataset (the caller closes it)
   * @param batchSize rows per vector batch in execution
   */
  public CurataSchema(Dataset dataset, int batchSize) {
    this(dataset, ExecOptions.defaults().withBatchSize(batchSize));
  }

  /**
   * A schema over a dataset.
   *
   * @param dataset the open dataset (the caller closes it)
   * @param options batch size, memory budget, threads and spill directory of execution; without
   *     a worker pool and with more than one thread, the schema makes a pool of that many threads
   *     that its statements share, and shuts it down when it closes
   */
  public CurataSchema(Dataset dataset, ExecOptions options) {
    this.dataset = Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(options, "options");
    if (options.workers() == null && options.threads() > 1) {
      this.ownPool = WorkerPool.create(options.threads());
      this.options = options.withWorkers(ownPool);
    } else {
      this.ownPool = null;
      this.options = options;
    }
    this.plans = new PlanCache(PlanCache.DEFAULT_CAPACITY);
    this.live = null;
    this.pinned = null;
  }

  private CurataSchema(CurataSchema live, PinnedVersion pinned) {
    this.dataset = live.dataset;
    this.options = live.options;
    this.plans = live.plans;
    this.live = live;
    this.pinned = pinned;
    this.ownPool = null;
  }

  /** The dataset. */
  public Dataset dataset() {
    return dataset;
  }

  /** Rows per batch in execution. */
  public int batchSize() {
    return options.batchSize();
  }

  /** Compiled statements over this schema, by text and dataset version. */
  public PlanCache planCache() {
    return plans;
  }

  /** How statements over this schema execute. */
  public ExecOptions execOptions() {
    return options;
  }

  /**
   * The version this schema reads: for a statement's snapshot, the pinned version; for the
   * registered schema, the latest committed version (re-read from disk).
   */
  public long versionId() {
    return pinned != null ? pinned.versionId() : current().versionId();
  }

  /** The latest committed version, reusing the tables built for it when it has not changed. */
  private synchronized PinnedVersion current() {
    Snapshot s = dataset.snapshot();
    if (latest != null && latest.versionId() == s.version().id()) {
      s.close();
      return latest;
    }
    PinnedVersion fresh = new PinnedVersion(dataset, s, options);
    if (latest != null) {
      latest.release();
    }
    latest = fresh;
    return fresh;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return pinned != null ? pinned.tables() : current().tables();
  }

  @Override
  public boolean isMutable() {
    return pinned == null;
  }

  @Override
  public Schema snapshot(SchemaVersion version) {
    if (pinned != null) {
      return this;
    }
    return new CurataSchema(this, current());
  }

  /**
   * Releases the version the registered schema holds open and stops the worker pool it made
   * (statements still running fail as cancelled); snapshots need no closing.
   */
  @Override
  public synchronized void close() {
    if (live == null && latest != null) {
      latest.release();
      latest = null;
    }
    if (ownPool != null) {
      ownPool.close();
    }
  }
}
