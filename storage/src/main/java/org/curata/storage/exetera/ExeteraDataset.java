package org.curata.storage.exetera;

import java.nio.file.Path;
import java.util.List;
import org.curata.storage.Dataset;

/**
 * An ExeTera HDF5 file opened read-only as a {@link Dataset} of one version (docs/EXETERA.md).
 * Writes, vacuum and new versions are refused with {@link org.curata.storage.ErrorCode#UNSUPPORTED}.
 */
public interface ExeteraDataset extends Dataset {
  /** The HDF5 file (also returned by {@link #directory()}). */
  Path file();

  /**
   * What the file holds that ExeTera itself gets wrong or that Curata reads in a particular way:
   * wrapped categorical keys, fields of unequal length, skipped groups. One line each, naming
   * the dataframe and field; empty for a clean file.
   */
  List<String> warnings();
}
