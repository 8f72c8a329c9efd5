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

  /** Bytes the field's blocks occupy on disk. */
  long byteSize();
}
