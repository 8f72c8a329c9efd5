package org.curata.storage.exetera;

import java.util.List;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;
import org.curata.storage.block.BlockFormat;

/**
 * How to read an ExeTera file.
 *
 * @param blockRows rows per block (a block is the unit read, decoded and held in memory)
 * @param flagSuffixes suffixes of ExeTera's flag fields: a bool field named {@code <f><suffix>}
 *     makes field {@code f} NULL where it is false
 * @param blockBytes the most bytes of strings an indexed-string block holds (a block is cut
 *     earlier than {@code blockRows} when its strings would exceed it; a single larger string is
 *     a block of its own)
 */
public record ExeteraOptions(int blockRows, List<String> flagSuffixes, long blockBytes) {
  /** The default block size: 64 chunks of ExeTera's usual 1024 rows. */
  public static final int DEFAULT_BLOCK_ROWS = 65_536;
  /**
   * The default byte bound of an indexed-string block: a quarter of the native format's
   * {@link BlockFormat#MAX_BLOCK_DATA_BYTES}, since a decoded block stays on the heap while a
   * scan thread reads it.
   */
  public static final long DEFAULT_BLOCK_BYTES = BlockFormat.MAX_BLOCK_DATA_BYTES / 4;

  public ExeteraOptions {
    if (blockRows < 1 || blockRows > (1 << 20)) {
      throw new CurataException(ErrorCode.INVALID_INPUT,
          "blockRows must be between 1 and 1048576, got " + blockRows);
    }
    if (blockBytes < 1 || blockBytes > Integer.MAX_VALUE) {
      throw new CurataException(ErrorCode.INVALID_INPUT,
          "blockBytes must be between 1 and " + Integer.MAX_VALUE + ", got " + blockBytes);
    }
    flagSuffixes = List.copyOf(flagSuffixes);
    for (String s : flagSuffixes) {
      if (s.isEmpty()) {
        throw new CurataException(ErrorCode.INVALID_INPUT, "a flag suffix must not be empty");
      }
    }
  }

  /** Blocks of 65,536 rows; the importer's flag suffixes {@code _valid} and {@code _set}. */
  public static ExeteraOptions defaults() {
    return new ExeteraOptions(DEFAULT_BLOCK_ROWS, List.of("_valid", "_set"), DEFAULT_BLOCK_BYTES);
  }

  /** The same options with another block size. */
  public ExeteraOptions withBlockRows(int rows) {
    return new ExeteraOptions(rows, flagSuffixes, blockBytes);
  }

  /** The same options with another byte bound for indexed-string blocks. */
  public ExeteraOptions withBlockBytes(long bytes) {
    return new ExeteraOptions(blockRows, flagSuffixes, bytes);
  }

  /** The same options with other flag suffixes (e.g. a schema's {@code flag_field_name}). */
  public ExeteraOptions withFlagSuffixes(List<String> suffixes) {
    return new ExeteraOptions(blockRows, suffixes, blockBytes);
  }
}
