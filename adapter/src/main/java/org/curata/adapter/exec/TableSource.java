package org.curata.adapter.exec;

import org.curata.storage.DataFrame;

/** A dataframe at one pinned version that an execution can lease. */
public interface TableSource {
  /** The dataframe's name. */
  String name();

  /** The version the dataframe is read at. */
  long versionId();

  /** The dataframe as planned (for plan-time statistics; do not read blocks through it). */
  DataFrame plannedFrame();

  /** Pins the version for one execution; close the lease when the execution ends. */
  Lease lease();

  /** A pinned dataframe, valid until closed. */
  interface Lease extends AutoCloseable {
    /** The dataframe at the pinned version. */
    DataFrame dataFrame();

    @Override
    void close();
  }
}
