package org.curata.storage;

import java.util.List;

/** A typed column of a dataframe in a pinned version: its blocks and their statistics. */
public interface Field {
  /** Name, type and nullability. */
  FieldSpec spec();

  /** The field's name. */
  default String name() {
    return spec().name();
  }

  /** The field's type. */
  default FieldType type() {
    return spec().type();
  }

  /** Rows in the field (equal to the dataframe's row count). */
  long rowCount();

  /** NULL rows in the field. */
  long nullCount();

  /** The blocks, in row order, as the manifest describes them. */
  List<BlockInfo> blocks();

  /**
   * Reads a block: maps it, verifies its checksum and structure.
   *
   * @throws CurataException with {@link ErrorCode#CORRUPTION} naming the file and block when the
   *     bytes do not match the manifest
   */
  Block block(int index);

  /** Bytes the field's blocks (and dictionary segments) occupy on disk. */
  long byteSize();

  /**
   * The field's dictionary when it is dictionary-encoded (FORMAT.md, "Dictionaries"), or null.
   * Loaded (and verified) on first call; the codes of every dictionary-encoded block of the
   * field in this version index it.
   *
   * @throws CurataException with {@link ErrorCode#CORRUPTION} naming the file when a dictionary
   *     segment does not match the manifest
   */
  default Dictionary dictionary() {
    return null;
  }

  /**
   * Entries in the field's dictionary as the manifest records them (nothing is read), or -1 when
   * the field is not dictionary-encoded: the number of distinct non-NULL values the field has
   * held, an upper bound of its distinct values in this version.
   */
  default int dictionarySize() {
    return -1;
  }
}
