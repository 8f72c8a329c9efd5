package org.curata.storage.exetera;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Opens ExeTera HDF5 files as read-only datasets (docs/EXETERA.md). */
public final class ExeteraFiles {
  /** The eight bytes every HDF5 file starts with (at offset 0 when it has no user block). */
  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  private ExeteraFiles() {
  }

  /** Opens a file with {@link ExeteraOptions#defaults()}. */
  public static ExeteraDataset open(Path file) {
    return open(file, ExeteraOptions.defaults());
  }

  /**
   * Opens a file read-only: reads its groups, attributes and categorical keys, not its arrays.
   *
   * @throws org.curata.storage.CurataException with {@code NOT_FOUND} if the file does not exist,
   *     {@code NOT_A_DATASET} if it is not HDF5, {@code CORRUPTION} naming the group when a field
   *     group is malformed, {@code UNSUPPORTED} for a field type Curata does not read
   */
  public static ExeteraDataset open(Path file, ExeteraOptions options) {
    return HdfDataset.open(file, options);
  }

  /** True when {@code path} is a regular file that starts with the HDF5 signature. */
  public static boolean isHdf5(Path path) {
    if (!Files.isRegularFile(path)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(path)) {
      return Arrays.equals(in.readNBytes(SIGNATURE.length), SIGNATURE);
    } catch (IOException e) {
      return false;
    }
  }
}
