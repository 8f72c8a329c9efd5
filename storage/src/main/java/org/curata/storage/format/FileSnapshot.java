package org.curata.storage.format;

import java.util.ArrayList;
import java.util.List;
import org.curata.storage.DataFrame;
import org.curata.storage.Snapshot;
import org.curata.storage.VersionInfo;

/** A pinned version; while open, a vacuum by the same dataset object keeps its files. */
final class FileSnapshot implements Snapshot {
  private final FileDataset dataset;
  private final Manifest manifest;
  private final List<DataFrame> dataFrames;

  FileSnapshot(FileDataset dataset, BlockStore store, Manifest manifest) {
    this.dataset = dataset;
    this.manifest = manifest;
    List<DataFrame> dfs = new ArrayList<>();
    for (Manifest.DataFrameEntry e : manifest.dataFrames()) {
      dfs.add(new FileDataFrame(store, e));
    }
    this.dataFrames = List.copyOf(dfs);
  }

  Manifest manifest() {
    return manifest;
  }

  @Override
  public VersionInfo version() {
    return manifest.version();
  }

  @Override
  public List<DataFrame> dataFrames() {
    return dataFrames;
  }

  @Override
  public void close() {
    dataset.unpin(this);
  }

  @Override
  public String toString() {
    return "snapshot of version " + manifest.version().id();
  }
}
