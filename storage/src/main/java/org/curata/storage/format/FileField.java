package org.curata.storage.format;

import java.util.List;
import org.curata.storage.Block;
import org.curata.storage.BlockInfo;
import org.curata.storage.Dictionary;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;
import org.curata.storage.Field;
import org.curata.storage.FieldSpec;
import org.curata.storage.block.DictionarySegment;
import org.curata.storage.block.LoadedDictionary;

/** A field of a pinned version, reading its blocks through the dataset's block store. */
final class FileField implements Field {
  private final BlockStore store;
  private final String dataFrame;
  private final Manifest.FieldEntry entry;
  private final long rowCount;
  private final long nullCount;
  private final long byteSize;
  private volatile LoadedDictionary dictionary;

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
    if (entry.dictionary() != null) {
      for (DictionarySegment d : entry.dictionary()) {
        bytes += d.length();
      }
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
    BlockInfo info = entry.blocks().get(index);
    LoadedDictionary d = info.dictionaryCodes() ? loadDictionary() : null;
    return store.block(info, spec().type(), d, where(index));
  }

  @Override
  public Dictionary dictionary() {
    return entry.dictionary() == null ? null : loadDictionary();
  }

  @Override
  public int dictionarySize() {
    return entry.dictionary() == null ? -1 : entry.dictionarySize();
  }

  private LoadedDictionary loadDictionary() {
    LoadedDictionary d = dictionary;
    if (d == null) {
      d = store.dictionary(entry.dictionary(), spec().type(),
          "field '" + spec().name() + "' in dataframe '" + dataFrame + "'");
      dictionary = d;
    }
    return d;
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
