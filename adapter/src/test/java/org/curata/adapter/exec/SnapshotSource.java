package org.curata.adapter.exec;

import org.curata.storage.DataFrame;

/** A dataframe of an open snapshot as a table source (the snapshot's owner keeps it open). */
record SnapshotSource(DataFrame frame, long versionId) implements TableSource {
  @Override
  public String name() {
    return frame.name();
  }

  @Override
  public DataFrame plannedFrame() {
    return frame;
  }

  @Override
  public Lease lease() {
    return new Lease() {
      @Override
      public DataFrame dataFrame() {
        return frame;
      }

      @Override
      public void close() {
      }
    };
  }
}
