package org.curata.storage;

/**
 * Appends values to one field of a dataframe being written; buffers a block, then writes it.
 *
 * <p>Out-of-range values (300 into an int8, a string longer than a fixed string) throw a
 * {@link CurataException} with {@link ErrorCode#INVALID_INPUT} and append nothing.
 */
public interface FieldAppender {
  /** The field being written. */
  FieldSpec spec();

  /** Appends a NULL. */
  void appendNull();

  /** Appends an integral value (bool 0/1, integer, categorical code, timestamp micros, date days). */
  void appendLong(long value);

  /** Appends a float value. */
  void appendDouble(double value);

  /** Appends a string value from UTF-8 bytes. */
  void appendBytes(byte[] bytes, int offset, int length);

  /** Appends a string value. */
  void appendString(String value);

  /** Values appended so far (NULLs included). */
  long count();
}
