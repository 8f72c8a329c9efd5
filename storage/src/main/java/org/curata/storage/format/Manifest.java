package org.curata.storage.format;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.curata.storage.BlockInfo;
import org.curata.storage.FieldSpec;
import org.curata.storage.VersionInfo;
import org.curata.storage.block.DictionarySegment;

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

  /** True when a field has a dictionary, which needs format version 2 (FORMAT.md, "Compatibility"). */
  boolean hasDictionaries() {
    for (DataFrameEntry df : dataFrames) {
      for (FieldEntry f : df.fields()) {
        if (f.dictionary() != null) {
          return true;
        }
      }
    }
    return false;
  }

  /** The data files (relative paths) this manifest references: blocks and dictionary segments. */
  Set<String> files() {
    Set<String> files = new HashSet<>();
    for (DataFrameEntry df : dataFrames) {
      for (FieldEntry f : df.fields()) {
        for (BlockInfo b : f.blocks()) {
          files.add(b.file());
        }
        if (f.dictionary() != null) {
          for (DictionarySegment d : f.dictionary()) {
            files.add(d.file());
          }
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
   * @param dictionary the segments of its dictionary in code order, or null when the field is
   *     not dictionary-encoded (FORMAT.md, "Dictionaries")
   */
  record FieldEntry(FieldSpec spec, List<BlockInfo> blocks, List<DictionarySegment> dictionary) {
    FieldEntry {
      blocks = List.copyOf(blocks);
      dictionary = dictionary == null ? null : List.copyOf(dictionary);
    }

    /** Entries of the dictionary (0 without one). */
    int dictionarySize() {
      if (dictionary == null || dictionary.isEmpty()) {
        return 0;
      }
      DictionarySegment last = dictionary.get(dictionary.size() - 1);
      return last.firstCode() + last.count();
    }

    /** Bytes of the dictionary's entries (0 without one). */
    long dictionaryBytes() {
      long b = 0;
      if (dictionary != null) {
        for (DictionarySegment d : dictionary) {
          b += d.bytes();
        }
      }
      return b;
    }
  }
}
