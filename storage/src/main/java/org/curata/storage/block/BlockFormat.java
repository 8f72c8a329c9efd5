package org.curata.storage.block;

import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * Constants of the block layout of format versions 1 and 2 (FORMAT.md, "Blocks", "Data files"
 * and "Dictionaries").
 */
public final class BlockFormat {
  /** Bytes of a block header. */
  public static final int HEADER_BYTES = 32;
  /** Blocks and the sections inside them start at multiples of this. */
  public static final int ALIGN = 8;
  /** Bytes of the data-file header. */
  public static final int FILE_HEADER_BYTES = 16;
  /** The data-file magic, "CURATADF". */
  public static final byte[] FILE_MAGIC = {'C', 'U', 'R', 'A', 'T', 'A', 'D', 'F'};
  /**
   * The newest format version, written in manifests and data files that hold dictionaries;
   * manifests and data files without any are written as {@link #FORMAT_VERSION_PLAIN}.
   */
  public static final int FORMAT_VERSION = 2;
  /** The format version of datasets and data files without dictionaries (readable by Curata 1). */
  public static final int FORMAT_VERSION_PLAIN = 1;
  /** A block of strings is flushed early once its string bytes would exceed this. */
  public static final int MAX_BLOCK_DATA_BYTES = 1 << 26;
  /** Bytes kept of a string min/max in block statistics. */
  public static final int STATS_PREFIX_BYTES = 64;

  static final int ENC_DENSE = 0;
  static final int ENC_SPARSE = 1;
  static final int FLAG_NULL_BITMAP = 1;
  static final int FLAG_DICTIONARY_CODES = 2;
  /** Bytes of a dictionary code in a block. */
  static final int CODE_WIDTH = 4;

  private BlockFormat() {
  }

  /** The type code written in a block header for a storage kind (FORMAT.md, "Type codes"). */
  public static int typeCode(FieldKind storageKind) {
    switch (storageKind) {
      case BOOL: return 1;
      case INT8: return 2;
      case INT16: return 3;
      case INT32: return 4;
      case INT64: return 5;
      case UINT8: return 6;
      case UINT16: return 7;
      case UINT32: return 8;
      case FLOAT32: return 9;
      case FLOAT64: return 10;
      case FIXED_STRING: return 11;
      case STRING: return 12;
      case TIMESTAMP: return 13;
      case DATE: return 14;
      default: throw new IllegalArgumentException("no type code for " + storageKind);
    }
  }

  /** The width written in a block header: bytes per value, or 0 for indexed strings. */
  public static int headerWidth(FieldType type) {
    return type.storageKind() == FieldKind.STRING ? 0 : type.width();
  }

  /** Rounds up to {@link #ALIGN}. */
  public static long align(long n) {
    return (n + ALIGN - 1) & -ALIGN;
  }

  /** The most rows a block of this type holds, given the configured rows per block. */
  public static int capacityRows(FieldType type, int blockRows) {
    FieldKind k = type.storageKind();
    if (k == FieldKind.STRING) {
      return blockRows;
    }
    return Math.max(1, Math.min(blockRows, MAX_BLOCK_DATA_BYTES / type.width()));
  }
}
