package org.curata.storage;

/**
 * Where a block lives and what the manifest knows of it, without reading it.
 *
 * @param index the block's position in its field, from 0
 * @param firstRow the dataframe row of the block's first row
 * @param encoding dense or sparse
 * @param stats row count, null count, min and max
 * @param file the data file, relative to the dataset directory
 * @param offset byte offset of the block in the file
 * @param length byte length of the block in the file
 * @param checksum CRC32C of those bytes
 * @param dictionaryCodes true when the block stores codes into the field's dictionary
 */
public record BlockInfo(int index, long firstRow, Encoding encoding, BlockStats stats,
    String file, long offset, long length, int checksum, boolean dictionaryCodes) {

  /** The entry of a block that stores its values themselves (no dictionary codes). */
  public BlockInfo(int index, long firstRow, Encoding encoding, BlockStats stats,
      String file, long offset, long length, int checksum) {
    this(index, firstRow, encoding, stats, file, offset, length, checksum, false);
  }

  /** Rows in the block. */
  public int rowCount() {
    return stats.rowCount();
  }
}
