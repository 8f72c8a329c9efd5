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

  /** The bytes of a string kind (a fixed string without its NUL padding). */
  byte[] getBytes(int row);

  /** The value of a string kind decoded as UTF-8. */
  String getString(int row);

  /** Copies {@code count} integral values from {@code fromRow} into {@code dst}; NULLs give 0. */
  void readLongs(int fromRow, int count, long[] dst, int dstOffset);

  /** Copies {@code count} float values from {@code fromRow} into {@code dst}; NULLs give 0.0. */
  void readDoubles(int fromRow, int count, double[] dst, int dstOffset);

  /** Sets {@code dst[dstOffset + i]} to true where row {@code fromRow + i} is NULL. */
  void readNulls(int fromRow, int count, boolean[] dst, int dstOffset);
}
