package org.curata.storage.block;

import java.util.Arrays;
import org.curata.storage.CurataException;
import org.curata.storage.Dictionary;
import org.curata.storage.ErrorCode;

/**
 * A dictionary read from verified segments: one array per entry, so that {@link #bytes} hands out
 * entries without copying; the hash index behind {@link #codeOf} is built on its first use
 * (FORMAT.md, "Dictionaries"). Immutable once published.
 */
public final class LoadedDictionary implements Dictionary {
  private static final LoadedDictionary EMPTY = new LoadedDictionary(new byte[0][], 0);

  private final byte[][] entries;
  private final int size;
  private final long byteSize;
  private volatile int[] index;

  LoadedDictionary(byte[][] entries, int size) {
    this.entries = entries;
    this.size = size;
    long b = 0;
    for (int i = 0; i < size; i++) {
      b += entries[i].length;
    }
    this.byteSize = b;
  }

  /** The dictionary with no entries. */
  public static LoadedDictionary empty() {
    return EMPTY;
  }

  /** This dictionary followed by the entries of a verified segment (the arrays are shared). */
  public LoadedDictionary extend(byte[][] segment) {
    byte[][] all = Arrays.copyOf(entries, size + segment.length);
    System.arraycopy(segment, 0, all, size, segment.length);
    return new LoadedDictionary(all, all.length);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public byte[] bytes(int code) {
    if (code < 0 || code >= size) {
      throw new CurataException(ErrorCode.INVALID_INPUT, "code " + code
          + " is outside a dictionary of " + size + " entries");
    }
    return entries[code];
  }

  /** The entry of a code already checked to be in range. */
  byte[] entry(int code) {
    return entries[code];
  }

  @Override
  public int codeOf(byte[] value) {
    int[] t = index;
    if (t == null) {
      t = buildIndex();
      index = t;
    }
    int mask = t.length - 1;
    for (int slot = DictionaryBuilder.hash(value, 0, value.length) & mask; ; slot = (slot + 1) & mask) {
      int c = t[slot] - 1;
      if (c < 0) {
        return -1;
      }
      if (Arrays.equals(entries[c], value)) {
        return c;
      }
    }
  }

  /** The first code whose entry repeats an earlier one, or -1 when all entries are distinct. */
  public int firstDuplicate() {
    int[] t = new int[DictionaryBuilder.tableSize(size)];
    int mask = t.length - 1;
    for (int c = 0; c < size; c++) {
      byte[] e = entries[c];
      int slot = DictionaryBuilder.hash(e, 0, e.length) & mask;
      while (t[slot] != 0) {
        if (Arrays.equals(entries[t[slot] - 1], e)) {
          return c;
        }
        slot = (slot + 1) & mask;
      }
      t[slot] = c + 1;
    }
    return -1;
  }

  private int[] buildIndex() {
    int[] t = new int[DictionaryBuilder.tableSize(size)];
    int mask = t.length - 1;
    for (int c = 0; c < size; c++) {
      byte[] e = entries[c];
      int slot = DictionaryBuilder.hash(e, 0, e.length) & mask;
      while (t[slot] != 0) {
        // A repeated entry (a writer bug that verify reports) keeps its first code.
        if (Arrays.equals(entries[t[slot] - 1], e)) {
          break;
        }
        slot = (slot + 1) & mask;
      }
      if (t[slot] == 0) {
        t[slot] = c + 1;
      }
    }
    return t;
  }

  @Override
  public long byteSize() {
    return byteSize;
  }

  @Override
  public String toString() {
    return "dictionary of " + size + " entries, " + byteSize + " bytes";
  }
}
