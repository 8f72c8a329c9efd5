package org.curata.storage;

import java.util.Objects;
import org.curata.storage.io.FileIO;

/**
 * How to open a dataset.
 *
 * @param create create an empty dataset if the directory holds none
 * @param readOnly refuse writes (no lock is taken)
 * @param blockRows rows per block for new writes (FORMAT.md bounds it)
 * @param io the file-system interface all I/O goes through (a test double in crash tests)
 * @param encodingPolicy how new blocks choose dense or sparse (forced either way by tests)
 * @param stringEncoding whether a new string field gets a dictionary (FORMAT.md, "Dictionaries")
 */
public record OpenOptions(boolean create, boolean readOnly, int blockRows, FileIO io,
    EncodingPolicy encodingPolicy, StringEncoding stringEncoding) {
  /** The default number of rows per block. */
  public static final int DEFAULT_BLOCK_ROWS = 65_536;

  public OpenOptions {
    Objects.requireNonNull(io, "io");
    Objects.requireNonNull(encodingPolicy, "encodingPolicy");
    Objects.requireNonNull(stringEncoding, "stringEncoding");
    if (blockRows < 1 || blockRows > (1 << 20)) {
      throw new CurataException(ErrorCode.INVALID_INPUT,
          "blockRows must be between 1 and 1048576, got " + blockRows);
    }
  }

  /** Options choosing each new string field's encoding by {@link StringEncoding#AUTO}. */
  public OpenOptions(boolean create, boolean readOnly, int blockRows, FileIO io,
      EncodingPolicy encodingPolicy) {
    this(create, readOnly, blockRows, io, encodingPolicy, StringEncoding.AUTO);
  }

  /** Options choosing each block's encoding by its density ({@link EncodingPolicy#BY_DENSITY}). */
  public OpenOptions(boolean create, boolean readOnly, int blockRows, FileIO io) {
    this(create, readOnly, blockRows, io, EncodingPolicy.BY_DENSITY);
  }

  /** Open an existing dataset for reading and writing, on the real file system. */
  public static OpenOptions defaults() {
    return new OpenOptions(false, false, DEFAULT_BLOCK_ROWS, FileIO.system());
  }

  /** The same options, creating the dataset if missing. */
  public OpenOptions withCreate(boolean c) {
    return new OpenOptions(c, readOnly, blockRows, io, encodingPolicy, stringEncoding);
  }

  /** The same options, read-only or not. */
  public OpenOptions withReadOnly(boolean r) {
    return new OpenOptions(create, r, blockRows, io, encodingPolicy, stringEncoding);
  }

  /** The same options with another block size. */
  public OpenOptions withBlockRows(int rows) {
    return new OpenOptions(create, readOnly, rows, io, encodingPolicy, stringEncoding);
  }

  /** The same options through another file-system interface. */
  public OpenOptions withIo(FileIO fileIo) {
    return new OpenOptions(create, readOnly, blockRows, fileIo, encodingPolicy, stringEncoding);
  }

  /** The same options with another encoding policy for new blocks. */
  public OpenOptions withEncodingPolicy(EncodingPolicy policy) {
    return new OpenOptions(create, readOnly, blockRows, io, policy, stringEncoding);
  }

  /** The same options with another encoding choice for new string fields. */
  public OpenOptions withStringEncoding(StringEncoding encoding) {
    return new OpenOptions(create, readOnly, blockRows, io, encodingPolicy, encoding);
  }
}
