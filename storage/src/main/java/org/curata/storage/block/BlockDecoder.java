package org.curata.storage.block;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.zip.CRC32C;
import org.curata.storage.Block;
import org.curata.storage.BlockInfo;
import org.curata.storage.CurataException;
import org.curata.storage.Encoding;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * Turns the bytes of a block into a {@link Block}: checks the CRC32C against the manifest, then
 * every length, offset and count of the layout, before any value is read (FORMAT.md, "Blocks").
 */
public final class BlockDecoder {
  private BlockDecoder() {
  }

  /** The CRC32C of a buffer's bytes from position to limit (the buffer is not moved). */
  public static int crc32c(ByteBuffer bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes.duplicate());
    return (int) crc.getValue();
  }

  /**
   * Verifies and opens a block.
   *
   * @param bytes the block's bytes exactly (position 0, limit = length)
   * @param info the manifest's entry for the block
   * @param type the field's type
   * @param where how errors name the block, e.g. "block 3 of field 'age' in dataframe 'p'"
   * @throws CurataException with {@link ErrorCode#CORRUPTION} when the bytes do not check out
   */
  public static Block decode(ByteBuffer bytes, BlockInfo info, FieldType type, String where) {
    return decode(bytes, info, type, null, where);
  }

  /**
   * Verifies and opens a block that may hold dictionary codes (FORMAT.md, "Dictionaries").
   *
   * @param dictionary the field's dictionary when {@code info.dictionaryCodes()}; every code is
   *     checked to be below its size
   */
  public static Block decode(ByteBuffer bytes, BlockInfo info, FieldType type,
      LoadedDictionary dictionary, String where) {
    int computed = crc32c(bytes);
    if (computed != info.checksum()) {
      throw corrupt(where, info, String.format("checksum mismatch, stored 0x%08x, computed 0x%08x",
          info.checksum(), computed));
    }
    try {
      return structure(bytes.slice().order(ByteOrder.LITTLE_ENDIAN), info, type, dictionary);
    } catch (Bad e) {
      throw corrupt(where, info, e.getMessage());
    }
  }

  /**
   * A verified block of codes decoding through {@code dictionary}, a dictionary of the same field
   * in another version: the block itself when it already does, the same block rebound when the
   * dictionary holds at least the entries of the block's own (a dictionary only grows, so every
   * code stays valid and means the same), or null when the block must be decoded and checked
   * again.
   */
  public static Block rebind(Block block, LoadedDictionary dictionary) {
    if (!(block instanceof AbstractBlock ab) || !block.isDictionaryEncoded()) {
      return block;
    }
    LoadedDictionary own = ab.values.dictionary();
    if (own == dictionary) {
      return block;
    }
    return dictionary != null && dictionary.size() >= own.size()
        ? ab.withDictionary(dictionary) : null;
  }

  private static CurataException corrupt(String where, BlockInfo info, String problem) {
    return new CurataException(ErrorCode.CORRUPTION, where + " (file " + info.file()
        + ", offset " + info.offset() + ", length " + info.length() + "): " + problem
        + "; run 'curata verify'");
  }

  private static boolean isNullBit(ByteBuffer nullBits, int row) {
    return (nullBits.getLong((row >>> 6) << 3) & (1L << row)) != 0;
  }

  /** A structural problem, turned into a CORRUPTION error naming the block. */
  private static final class Bad extends Exception {
    private static final long serialVersionUID = 1L;

    Bad(String message) {
      super(message, null, false, false);
    }
  }

  private static Block structure(ByteBuffer b, BlockInfo info, FieldType type,
      LoadedDictionary dictionary) throws Bad {
    int length = b.remaining();
    if (length < BlockFormat.HEADER_BYTES) {
      throw new Bad("block of " + length + " bytes is shorter than its header");
    }
    int enc = b.get(0);
    int code = b.get(1) & 0xFF;
    int flags = b.get(2) & 0xFF;
    int rows = b.getInt(4);
    int nulls = b.getInt(8);
    int width = b.getInt(12);
    int lenA = b.getInt(16);
    int lenB = b.getInt(20);
    int lenC = b.getInt(24);
    FieldKind kind = type.storageKind();
    Encoding expected = info.encoding();
    if (enc != (expected == Encoding.SPARSE ? BlockFormat.ENC_SPARSE : BlockFormat.ENC_DENSE)) {
      throw new Bad("encoding byte " + enc + " does not match the manifest's " + expected);
    }
    boolean codes = (flags & BlockFormat.FLAG_DICTIONARY_CODES) != 0;
    if (codes != info.dictionaryCodes()) {
      throw new Bad("dictionary flag " + codes + " does not match the manifest's "
          + info.dictionaryCodes());
    }
    if (codes && (!kind.isString() || dictionary == null)) {
      throw new Bad("a block of dictionary codes in a field without a dictionary");
    }
    int expectedWidth = codes ? BlockFormat.CODE_WIDTH : BlockFormat.headerWidth(type);
    if (code != BlockFormat.typeCode(kind) || width != expectedWidth) {
      throw new Bad("type code " + code + " width " + width + " does not match the field's " + type
          + (codes ? " (dictionary codes)" : ""));
    }
    if (rows != info.rowCount() || nulls != info.stats().nullCount() || rows <= 0 || nulls < 0
        || nulls > rows) {
      throw new Bad("header says " + rows + " rows, " + nulls + " NULL; the manifest says "
          + info.rowCount() + " rows, " + info.stats().nullCount() + " NULL");
    }
    if ((flags & ~(BlockFormat.FLAG_NULL_BITMAP | BlockFormat.FLAG_DICTIONARY_CODES)) != 0
        || b.get(3) != 0 || b.getInt(28) != 0) {
      throw new Bad("reserved header bits are set");
    }
    if (lenA < 0 || lenB < 0 || lenC < 0) {
      throw new Bad("negative section length");
    }
    boolean sparse = expected == Encoding.SPARSE;
    boolean strings = kind == FieldKind.STRING && !codes;
    int n = sparse ? rows - nulls : rows;
    long offB = BlockFormat.align(BlockFormat.HEADER_BYTES + (long) lenA);
    long offC = BlockFormat.align(offB + lenB);
    if (offC + lenC != length) {
      throw new Bad("sections end at byte " + (offC + lenC) + " of a " + length + "-byte block");
    }
    long wantB = strings ? 4L * (n + 1) : (long) n * width;
    if (lenB != wantB || (!strings && lenC != 0)) {
      throw new Bad("value section of " + lenB + " bytes, expected " + wantB);
    }
    ByteBuffer nullBits = null;
    int[] present = null;
    if (sparse) {
      if ((flags & BlockFormat.FLAG_NULL_BITMAP) != 0) {
        throw new Bad("a sparse block has the NULL-bitmap flag");
      }
      try {
        present = RoaringDecoder.decode(b, BlockFormat.HEADER_BYTES, lenA, n, rows);
      } catch (RoaringDecoder.Invalid e) {
        throw new Bad(e.getMessage());
      }
    } else {
      boolean hasBitmap = (flags & BlockFormat.FLAG_NULL_BITMAP) != 0;
      int words = (rows + 63) >>> 6;
      if (hasBitmap != (nulls > 0) || lenA != (hasBitmap ? words * 8 : 0)) {
        throw new Bad("NULL bitmap of " + lenA + " bytes does not fit " + nulls + " NULL in "
            + rows + " rows");
      }
      if (hasBitmap) {
        nullBits = b.slice(BlockFormat.HEADER_BYTES, lenA).order(ByteOrder.LITTLE_ENDIAN);
        int count = 0;
        for (int w = 0; w < words; w++) {
          count += Long.bitCount(nullBits.getLong(w << 3));
        }
        long tail = nullBits.getLong((words - 1) << 3);
        if ((rows & 63) != 0 && (tail >>> (rows & 63)) != 0) {
          throw new Bad("NULL bitmap marks rows beyond the block's " + rows);
        }
        if (count != nulls) {
          throw new Bad("NULL bitmap marks " + count + " rows, the header says " + nulls);
        }
      }
    }
    Values values;
    if (codes) {
      ByteBuffer codeBytes = b.slice((int) offB, lenB).order(ByteOrder.LITTLE_ENDIAN);
      int size = dictionary.size();
      for (int i = 0; i < n; i++) {
        int c = codeBytes.getInt(i << 2);
        // A NULL slot of a dense block holds 0, which is a valid index only when size > 0.
        if (c < 0 || c >= size && !(c == 0 && !sparse && nullBits != null && isNullBit(nullBits, i))) {
          throw new Bad("code " + c + " at value " + i + " is outside the field's dictionary of "
              + size + " entries");
        }
      }
      values = new Values(kind, codeBytes, dictionary);
    } else if (strings) {
      IntBuffer offsets = b.slice((int) offB, lenB).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
      int prev = offsets.get(0);
      if (prev != 0) {
        throw new Bad("string offsets start at " + prev + ", not 0");
      }
      for (int i = 1; i <= n; i++) {
        int o = offsets.get(i);
        if (o < prev) {
          throw new Bad("string offset " + i + " goes backwards");
        }
        prev = o;
      }
      if (prev != lenC) {
        throw new Bad("string offsets end at " + prev + ", the bytes are " + lenC);
      }
      values = new Values(kind, 0, b.slice((int) offC, lenC).order(ByteOrder.LITTLE_ENDIAN),
          offsets);
    } else {
      values = new Values(kind, width, b.slice((int) offB, lenB).order(ByteOrder.LITTLE_ENDIAN));
    }
    return sparse ? new SparseBlock(info, type, values, present)
        : new DenseBlock(info, type, values, nullBits);
  }
}
