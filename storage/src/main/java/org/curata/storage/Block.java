package org.curata.storage;

/**
 * One block of a field, read in place (memory-mapped) after its checksum was verified.
 *
 * <p>Rows are numbered from 0 within the block. Getters on a NULL row return 0, 0.0 or null.
 * Bulk methods are the fast path for vectorised operators; single-row getters are for tests and
 * for rows already selected. Implementations are immutable and safe to share between threads.
 */
public interface Block {
  /** The manifest entry of this block. */
  BlockInfo info();

  /** The field's type. */
  FieldType type();

  /** Rows in the block. */
  int rowCount();

  /** NULL rows in the block. */
  int nullCount();

  /** How the block is stored. */
  Encoding encoding();

  /** True when the row holds no value. */
  boolean isNull(int row);

  /** The first non-NULL row at or after {@code fromRow}, or -1 when there is none. */
  int nextNonNull(int fromRow);

  /** The value of an integral kind (see {@link FieldKind}); unsigned kinds are zero-extended. */
  long getLong(int row);

  /** The value of a float kind, widened to double. */
  double getDouble(int row);

  /**
   * The bytes of a string kind (a fixed string without its NUL padding), or null for NULL. For a
   * dictionary-encoded block the array is the dictionary's own entry, returned without copying:
   * callers must not modify it.
   */
  byte[] getBytes(int row);

  /** The value of a string kind decoded as UTF-8. */
  String getString(int row);

  /** Copies {@code count} integral values from {@code fromRow} into {@code dst}; NULLs give 0. */
  void readLongs(int fromRow, int count, long[] dst, int dstOffset);

  /** Copies {@code count} float values from {@code fromRow} into {@code dst}; NULLs give 0.0. */
  void readDoubles(int fromRow, int count, double[] dst, int dstOffset);

  /** Sets {@code dst[dstOffset + i]} to true where row {@code fromRow + i} is NULL. */
  void readNulls(int fromRow, int count, boolean[] dst, int dstOffset);

  /**
   * True when the block stores codes into its field's {@link Field#dictionary()} instead of the
   * strings (FORMAT.md, "Dictionaries"); the string getters decode through the dictionary either
   * way. A dictionary-encoded field may still hold plain blocks (written after its dictionary
   * filled up), so check per block.
   */
  default boolean isDictionaryEncoded() {
    return false;
  }

  /**
   * The dictionary code of a row, or -1 for a NULL row.
   *
   * @throws CurataException with {@link ErrorCode#INVALID_INPUT} if the block is not
   *     dictionary-encoded
   */
  default int getCode(int row) {
    throw new CurataException(ErrorCode.INVALID_INPUT, "getCode: " + this
        + " is not dictionary-encoded; check isDictionaryEncoded()");
  }

  /**
   * Copies the dictionary codes of {@code count} rows from {@code fromRow} into {@code dst};
   * NULL rows give -1. Codes are valid in the field's {@link Field#dictionary()} of the snapshot
   * the block was read from, and in every later version.
   *
   * @throws CurataException with {@link ErrorCode#INVALID_INPUT} if the block is not
   *     dictionary-encoded
   */
  default void readCodes(int fromRow, int count, int[] dst, int dstOffset) {
    throw new CurataException(ErrorCode.INVALID_INPUT, "readCodes: " + this
        + " is not dictionary-encoded; check isDictionaryEncoded()");
  }
}
