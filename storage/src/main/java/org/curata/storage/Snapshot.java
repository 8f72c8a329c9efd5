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
  default Optional<DataFrame> dataFrame(String name) {
    for (DataFrame d : dataFrames()) {
      if (d.name().equals(name)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  @Override
  void close();
}
