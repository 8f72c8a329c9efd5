package org.curata.storage;

import java.nio.file.Path;
import org.curata.storage.format.FileDataset;

/** Opens datasets. */
public final class Datasets {
  private Datasets() {
  }

  /** Opens an existing dataset for reading and writing. */
  public static Dataset open(Path directory) {
    return open(directory, OpenOptions.defaults());
  }

  /**
   * Opens (or with {@link OpenOptions#create()} creates) a dataset.
   *
   * @throws CurataException with {@link ErrorCode#NOT_A_DATASET} if the directory holds none
   *     and create is off, or holds a newer format version
   */
  public static Dataset open(Path directory, OpenOptions options) {
    return FileDataset.open(directory, options);
  }
}
