package org.curata.storage.block;

import org.curata.storage.Block;
import org.curata.storage.BlockInfo;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldType;

/** What dense and sparse blocks share: their manifest entry, type and argument checks. */
abstract class AbstractBlock implements Block {
  final BlockInfo info;
  final FieldType type;
  final int rows;
  final int nulls;
  final Values values;

  AbstractBlock(BlockInfo info, FieldType type, Values values) {
    this.info = info;
    this.type = type;
    this.rows = info.rowCount();
    this.nulls = info.stats().nullCount();
    this.values = values;
  }

  @Override
  public final BlockInfo info() {
    return info;
  }

  @Override
  public final FieldType type() {
    return type;
  }

  @Override
  public final int rowCount() {
    return rows;
  }

  @Override
  public final int nullCount() {
    return nulls;
  }

  @Override
  public final boolean isDictionaryEncoded() {
    return values.dictionary() != null;
  }

  /** Throws unless the block holds dictionary codes. */
  final void requireCodes(String method) {
    if (values.dictionary() == null) {
      throw new CurataException(ErrorCode.INVALID_INPUT, method + ": " + this
          + " is not dictionary-encoded; check isDictionaryEncoded()");
    }
  }

  /** The same verified block decoding its codes through another dictionary of its field. */
  abstract AbstractBlock withDictionary(LoadedDictionary dictionary);

  /**
   * The code stored for a row of a block of codes: a dense block's slot, NULL or not (0 in a
   * NULL slot of a valid block); a sparse block's value, or -1 for a NULL row.
   */
  abstract int storedCode(int row);

  /**
   * The stored bits of a non-NULL float row (a float32's int bits), so that copying a block
   * keeps NaN payloads that a round trip through {@code double} could change.
   */
  abstract long rawFloatBits(int row);

  final void checkRow(int row) {
    if (row < 0 || row >= rows) {
      throw new CurataException(ErrorCode.INVALID_INPUT,
          "row " + row + " is outside block " + info.index() + " of " + rows + " rows");
    }
  }

  final void checkRange(int from, int count, int dstLength, int dstOffset) {
    if (from < 0 || count < 0 || from > rows - count || dstOffset < 0
        || dstOffset > dstLength - count) {
      throw new CurataException(ErrorCode.INVALID_INPUT, "rows " + from + ".." + (from + count)
          + " into an array of " + dstLength + " at " + dstOffset + " do not fit block "
          + info.index() + " of " + rows + " rows");
    }
  }

  @Override
  public String toString() {
    return encoding() + " block " + info.index() + " of " + type + " (" + rows + " rows, " + nulls
        + " NULL) in " + info.file() + "@" + info.offset();
  }
}
