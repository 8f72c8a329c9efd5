package org.curata.storage;

/**
 * The dictionary of a dictionary-encoded string field as of a pinned version (FORMAT.md,
 * "Dictionaries"): distinct byte strings with codes {@code 0 .. size() - 1} in order of first
 * appearance. A dictionary only grows: a code keeps its value in every later version, so codes
 * read from any block of the field in one snapshot (and in later snapshots) mean the same string.
 *
 * <p>Implementations are immutable and safe to share between threads.
 */
public interface Dictionary {
  /** Number of entries; codes run from 0 to {@code size() - 1}. */
  int size();

  /**
   * The bytes of a code (a fixed string without its NUL padding). The array is the dictionary's
   * own, returned without copying: callers must not modify it.
   *
   * @throws CurataException with {@link ErrorCode#INVALID_INPUT} if the code is out of range
   */
  byte[] bytes(int code);

  /** The code of a value, or -1 when the dictionary does not hold it. */
  int codeOf(byte[] value);

  /** Total bytes of the entries (without per-entry overhead). */
  long byteSize();
}
