package org.curata.storage.block;

import java.util.Arrays;

/**
 * The dictionary of a field being written: the entries already persisted plus the new ones, with
 * an open-addressing hash table from value to code (FORMAT.md, "Dictionaries"). Memory is one
 * array per entry plus two ints of table per entry, so it is bounded by the dictionary's size
 * ({@link #MAX_ENTRIES}, {@link #MAX_BYTES}). Not thread-safe.
 */
public final class DictionaryBuilder {
  /** A dictionary stops growing at this many entries; later blocks are plain. */
  public static final int MAX_ENTRIES = 1 << 22;
  /** A dictionary stops growing at this many bytes of entries; later blocks are plain. */
  public static final long MAX_BYTES = 1L << 27;

  private byte[][] entries;
  private int size;
  private long bytes;
  private int persisted;
  private int[] table;

  /** A builder continuing a persisted dictionary (its entry arrays are shared, not copied). */
  public DictionaryBuilder(LoadedDictionary base) {
    int n = base.size();
    this.entries = new byte[Math.max(16, n + n / 2)][];
    this.table = new int[tableSize(Math.max(16, n))];
    for (int c = 0; c < n; c++) {
      byte[] e = base.entry(c);
      entries[c] = e;
      insert(e, 0, e.length, c);
      bytes += e.length;
    }
    this.size = n;
    this.persisted = n;
  }

  /** A power of two at least twice {@code n}, so probes stay short. */
  static int tableSize(int n) {
    return Integer.highestOneBit(Math.max(8, n) * 2 - 1) << 1;
  }

  /** The hash of a byte range (well mixed, so linear probing over a power of two works). */
  static int hash(byte[] a, int off, int len) {
    int h = 0x9747b28c;
    for (int i = off; i < off + len; i++) {
      h = 31 * h + a[i];
    }
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return h;
  }

  /** Entries so far. */
  public int size() {
    return size;
  }

  /** Bytes of the entries so far. */
  public long byteSize() {
    return bytes;
  }

  /** Entries already in segments on disk; codes from here on are new. */
  public int persistedSize() {
    return persisted;
  }

  /** True when adding {@code values} more entries of {@code valueBytes} bytes stays in bounds. */
  public boolean hasRoomFor(int values, long valueBytes) {
    return (long) size + values <= MAX_ENTRIES && bytes + valueBytes <= MAX_BYTES;
  }

  /** The entry of a code. */
  public byte[] entry(int code) {
    return entries[code];
  }

  /** The code of a byte range, adding it as a new entry when absent. */
  public int add(byte[] a, int off, int len) {
    int mask = table.length - 1;
    int slot = hash(a, off, len) & mask;
    while (true) {
      int c = table[slot] - 1;
      if (c < 0) {
        break;
      }
      byte[] e = entries[c];
      if (Arrays.equals(e, 0, e.length, a, off, off + len)) {
        return c;
      }
      slot = (slot + 1) & mask;
    }
    int code = size;
    if (code == entries.length) {
      entries = Arrays.copyOf(entries, code + (code >> 1) + 16);
    }
    entries[code] = Arrays.copyOfRange(a, off, off + len);
    bytes += len;
    size++;
    table[slot] = code + 1;
    if (size * 2L > table.length) {
      rehash();
    }
    return code;
  }

  /** Marks every entry as persisted (its segment was written). */
  public void persisted() {
    persisted = size;
  }

  /** The entries of codes {@code from .. size() - 1}. */
  public byte[][] entries(int from) {
    return Arrays.copyOfRange(entries, from, size);
  }

  private void insert(byte[] a, int off, int len, int code) {
    int mask = table.length - 1;
    int slot = hash(a, off, len) & mask;
    while (table[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    table[slot] = code + 1;
  }

  private void rehash() {
    table = new int[table.length * 2];
    for (int c = 0; c < size; c++) {
      insert(entries[c], 0, entries[c].length, c);
    }
  }
}
