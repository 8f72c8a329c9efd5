package org.curata.storage;

import java.util.List;
import java.util.Optional;

/**
 * A pinned, immutable view of one version of a dataset. Its files are not deleted by a vacuum of
 * the same process while it is open; close it when done.
 */
public interface Snapshot extends AutoCloseable {
  /** The version this snapshot reads. */
  VersionInfo version();

  /** The dataframes, by name in name order. */
  List<DataFrame> dataFrames();

  /** A dataframe by exact name. */
  Optional<DataFrame> dataFrame(String name);

  @Override
  void close();
}
