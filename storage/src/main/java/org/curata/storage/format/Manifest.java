package org.curata.storage.format;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.curata.storage.BlockInfo;
import org.curata.storage.FieldSpec;
import org.curata.storage.VersionInfo;

/**
 * The content of one manifest: a version and every dataframe, field and block it holds
 * (FORMAT.md, "Manifests").
 *
 * @param version the version
 * @param dataFrames the dataframes, in name order
 */
record Manifest(VersionInfo version, List<DataFrameEntry> dataFrames) {
  Manifest {
    Objects.requireNonNull(version, "version");
    dataFrames = List.copyOf(dataFrames);
  }

  /** The data files (relative paths) this manifest references. */
  Set<String> files() {
    Set<String> files = new HashSet<>();
    for (DataFrameEntry df : dataFrames) {
      for (FieldEntry f : df.fields()) {
        for (BlockInfo b : f.blocks()) {
          files.add(b.file());
        }
      }
    }
    return files;
  }

  /**
   * A dataframe in a manifest.
   *
   * @param name its name
   * @param rowCount its rows
   * @param fields its fields in declaration order
   * @param sortKeys declared sort keys
   * @param primaryKeys declared primary key fields
   */
  record DataFrameEntry(String name, long rowCount, List<FieldEntry> fields,
      List<String> sortKeys, List<String> primaryKeys) {
    DataFrameEntry {
      fields = List.copyOf(fields);
      sortKeys = List.copyOf(sortKeys);
      primaryKeys = List.copyOf(primaryKeys);
    }
  }

  /**
   * A field in a manifest.
   *
   * @param spec its declaration
   * @param blocks its blocks in row order
   */
  record FieldEntry(FieldSpec spec, List<BlockInfo> blocks) {
    FieldEntry {
      blocks = List.copyOf(blocks);
    }
  }
}
