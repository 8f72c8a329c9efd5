package org.curata.storage.format;

import java.util.List;
import org.curata.storage.Block;
import org.curata.storage.BlockInfo;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;
import org.curata.storage.Field;
import org.curata.storage.FieldSpec;

/** A field of a pinned version, reading its blocks through the dataset's block store. */
final class FileField implements Field {
  private final BlockStore store;
  private final String dataFrame;
  private final Manifest.FieldEntry entry;
  private final long rowCount;
  private final long nullCount;
  private final long byteSize;

  FileField(BlockStore store, String dataFrame, Manifest.FieldEntry entry) {
    this.store = store;
    this.dataFrame = dataFrame;
    this.entry = entry;
    long rows = 0;
    long nulls = 0;
    long bytes = 0;
    for (BlockInfo b : entry.blocks()) {
      rows += b.rowCount();
      nulls += b.stats().nullCount();
      bytes += b.length();
    }
    this.rowCount = rows;
    this.nullCount = nulls;
    this.byteSize = bytes;
  }

  @Override
  public FieldSpec spec() {
    return entry.spec();
  }

  @Override
  public long rowCount() {
    return rowCount;
  }

  @Override
  public long nullCount() {
    return nullCount;
  }

  @Override
  public List<BlockInfo> blocks() {
    return entry.blocks();
  }

  @Override
  public Block block(int index) {
    if (index < 0 || index >= entry.blocks().size()) {
      throw new CurataException(ErrorCode.NOT_FOUND, "field '" + spec().name() + "' of dataframe '"
          + dataFrame + "' has " + entry.blocks().size() + " blocks, not block " + index);
    }
    return store.block(entry.blocks().get(index), spec().type(), where(index));
  }

  String where(int index) {
    return "block " + index + " of field '" + spec().name() + "' in dataframe '" + dataFrame + "'";
  }

  @Override
  public long byteSize() {
    return byteSize;
  }

  @Override
  public String toString() {
    return dataFrame + "." + spec().name() + " " + spec().type();
  }
}
