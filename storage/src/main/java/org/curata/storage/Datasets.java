package org.curata.storage;

import java.nio.file.Path;
import org.curata.storage.exetera.ExeteraFiles;
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
   * Opens (or with {@link OpenOptions#create()} creates) a dataset. A path to an HDF5 file (one
   * that starts with the HDF5 signature) opens it as a read-only ExeTera dataset instead
   * (docs/EXETERA.md); none of the options apply to it, the file-system interface included: jhdf
   * opens and reads the file itself, so ExeTera files are the one exception to "all file I/O
   * through {@code FileIO}" (they are only read, never written).
   *
   * @throws CurataException with {@link ErrorCode#NOT_A_DATASET} if the directory holds none
   *     and create is off, or holds a newer format version
   */
  public static Dataset open(Path directory, OpenOptions options) {
    if (ExeteraFiles.isHdf5(directory)) {
      return ExeteraFiles.open(directory);
    }
    return FileDataset.open(directory, options);
  }
}
