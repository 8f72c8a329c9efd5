package org.curata.storage.exetera;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Writes small HDF5 files with jhdf's writer for the ExeTera reader's tests. */
final class HdfTestFiles {
  private HdfTestFiles() {
  }

  /** Writes {@code dir/name} with one top-level group {@code t}, filled by {@code frame}. */
  static Path write(Path dir, String name, Consumer<WritableGroup> frame) {
    Path p = dir.resolve(name);
    try (WritableHdfFile f = HdfFile.write(p)) {
      frame.accept(f.putGroup("t"));
    }
    return p;
  }
}
