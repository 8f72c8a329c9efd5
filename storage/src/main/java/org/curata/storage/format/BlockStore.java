package org.curata.storage.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;
import org.curata.storage.Block;
import org.curata.storage.BlockInfo;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldType;
import org.curata.storage.block.BlockDecoder;
import org.curata.storage.block.BlockFormat;
import org.curata.storage.block.DictionaryCodec;
import org.curata.storage.block.DictionarySegment;
import org.curata.storage.block.LoadedDictionary;
import org.curata.storage.io.FileIO;

/**
 * Maps blocks and dictionary segments of data files, verifies them once and keeps the verified
 * blocks and dictionaries of a dataset in bounded caches so repeated scans do not re-checksum
 * (FORMAT.md, "Data files", "Reading", "Dictionaries").
 */
final class BlockStore {
  private static final int MAX_CACHED = 8192;
  /** Dictionaries can be tens of MiB; a few (the versions being read) are enough. */
  private static final int MAX_CACHED_DICTIONARIES = 4;

  private final Path dir;
  private final FileIO io;
  private final Set<String> headersChecked = ConcurrentHashMap.newKeySet();
  private final Map<Key, Block> cache = new LinkedHashMap<>(256, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, Block> eldest) {
      return size() > MAX_CACHED;
    }
  };

  private final Map<List<DictionarySegment>, LoadedDictionary> dictionaries =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<List<DictionarySegment>, LoadedDictionary> e) {
          return size() > MAX_CACHED_DICTIONARIES;
        }
      };

  /** Identifies the bytes of a block: the same key always means the same immutable bytes. */
  private record Key(String file, long offset, long length, int checksum) {
  }

  BlockStore(Path dir, FileIO io) {
    this.dir = dir;
    this.io = io;
  }

  /** A verified block, from the cache or freshly mapped and verified. */
  Block block(BlockInfo info, FieldType type, String where) {
    return block(info, type, null, where);
  }

  /**
   * A verified block, from the cache or freshly mapped and verified; a block of dictionary codes
   * needs its field's dictionary (a cached block may hold an older version's dictionary, a
   * prefix of this one, which decodes its codes identically).
   */
  Block block(BlockInfo info, FieldType type, LoadedDictionary dictionary, String where) {
    Key key = new Key(info.file(), info.offset(), info.length(), info.checksum());
    synchronized (cache) {
      Block b = cache.get(key);
      if (b != null) {
        // A block cached with an older version's dictionary decodes through this one.
        Block bound = BlockDecoder.rebind(b, dictionary);
        if (bound != null) {
          if (bound != b) {
            cache.put(key, bound);
          }
          return bound;
        }
      }
    }
    Block b = read(info, type, dictionary, where, true);
    synchronized (cache) {
      cache.put(key, b);
    }
    return b;
  }

  /** Maps and verifies a block without the cache (for verify). */
  Block readUncached(BlockInfo info, FieldType type, LoadedDictionary dictionary, String where) {
    return read(info, type, dictionary, where, false);
  }

  /**
   * A field's dictionary, read from its verified segments (FORMAT.md, "Dictionaries"); cached,
   * and built on the cached dictionary of a prefix of the segments when there is one, so a new
   * version reads only its new segments.
   *
   * @param where how errors name the field, e.g. "field 'id' in dataframe 'p'"
   */
  LoadedDictionary dictionary(List<DictionarySegment> segments, FieldType type, String where) {
    LoadedDictionary d = null;
    int have = segments.size();
    synchronized (dictionaries) {
      for (; have > 0; have--) {
        d = dictionaries.get(segments.subList(0, have));
        if (d != null) {
          break;
        }
      }
    }
    if (have == segments.size() && d != null) {
      return d;
    }
    if (d == null) {
      d = LoadedDictionary.empty();
    }
    for (int i = have; i < segments.size(); i++) {
      d = d.extend(readSegment(segments.get(i), type,
          "dictionary segment " + i + " of " + where, true));
    }
    synchronized (dictionaries) {
      dictionaries.put(List.copyOf(segments), d);
    }
    return d;
  }

  /** Maps and verifies one dictionary segment, returning its entries. */
  byte[][] readSegment(DictionarySegment seg, FieldType type, String where, boolean useHeaderCache) {
    Path path = dir.resolve(seg.file());
    try {
      long size;
      try {
        size = io.size(path);
      } catch (NoSuchFileException e) {
        throw new CurataException(ErrorCode.CORRUPTION, where + ": data file " + seg.file()
            + " is missing; run 'curata verify'");
      }
      if (!useHeaderCache || !headersChecked.contains(seg.file())) {
        checkHeader(path, seg.file(), size);
        headersChecked.add(seg.file());
      }
      if (seg.offset() + seg.length() > size) {
        throw new CurataException(ErrorCode.CORRUPTION, where + " (file " + seg.file()
            + "): the file has " + size + " bytes but the segment ends at byte "
            + (seg.offset() + seg.length()) + " (truncated?); run 'curata verify'");
      }
      ByteBuffer bytes = io.mapReadOnly(path, seg.offset(), seg.length())
          .order(ByteOrder.LITTLE_ENDIAN);
      return DictionaryCodec.decode(bytes, seg, type, where);
    } catch (IOException e) {
      throw new CurataException(ErrorCode.IO, where + ": cannot read " + path + ": " + e, e);
    }
  }

  /** Forgets blocks of deleted files. */
  void evict(Collection<String> files) {
    synchronized (cache) {
      cache.keySet().removeIf(k -> files.contains(k.file()));
    }
    synchronized (dictionaries) {
      dictionaries.keySet().removeIf(k -> k.stream().anyMatch(d -> files.contains(d.file())));
    }
    headersChecked.removeAll(files);
  }

  private Block read(BlockInfo info, FieldType type, LoadedDictionary dictionary, String where,
      boolean useHeaderCache) {
    Path path = dir.resolve(info.file());
    try {
      long size;
      try {
        size = io.size(path);
      } catch (NoSuchFileException e) {
        throw new CurataException(ErrorCode.CORRUPTION, where + ": data file " + info.file()
            + " is missing; run 'curata verify'");
      }
      if (!useHeaderCache || !headersChecked.contains(info.file())) {
        checkHeader(path, info.file(), size);
        headersChecked.add(info.file());
      }
      // Mapping beyond the end of a file and touching it would crash the JVM (SIGBUS).
      if (info.offset() + info.length() > size) {
        throw new CurataException(ErrorCode.CORRUPTION, where + " (file " + info.file()
            + "): the file has " + size + " bytes but the block ends at byte "
            + (info.offset() + info.length()) + " (truncated?); run 'curata verify'");
      }
      ByteBuffer bytes = io.mapReadOnly(path, info.offset(), info.length())
          .order(ByteOrder.LITTLE_ENDIAN);
      return BlockDecoder.decode(bytes, info, type, dictionary, where);
    } catch (IOException e) {
      throw new CurataException(ErrorCode.IO, where + ": cannot read " + path + ": " + e, e);
    }
  }

  /** Checks a data file's header (FORMAT.md, "Data files"). */
  void checkHeader(Path path, String file, long size) throws IOException {
    if (size < BlockFormat.FILE_HEADER_BYTES) {
      throw new CurataException(ErrorCode.CORRUPTION, "data file " + file + " has " + size
          + " bytes, fewer than its header; run 'curata verify'");
    }
    ByteBuffer h = io.mapReadOnly(path, 0, BlockFormat.FILE_HEADER_BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);
    CRC32C crc = new CRC32C();
    crc.update(h.duplicate().limit(12));
    int stored = h.getInt(12);
    boolean magic = true;
    for (int i = 0; i < BlockFormat.FILE_MAGIC.length; i++) {
      magic &= h.get(i) == BlockFormat.FILE_MAGIC[i];
    }
    int format = h.getInt(8);
    if (!magic || stored != (int) crc.getValue() || format < BlockFormat.FORMAT_VERSION_PLAIN
        || format > BlockFormat.FORMAT_VERSION) {
      throw new CurataException(ErrorCode.CORRUPTION, String.format("data file %s: bad header "
          + "(magic %s, format %d, checksum stored 0x%08x, computed 0x%08x); run 'curata verify'",
          file, magic ? "ok" : "wrong", h.getInt(8), stored, (int) crc.getValue()));
    }
  }

  /**
   * The 16 header bytes of a new data file: format 2 for a file of a dictionary-encoded field,
   * format 1 otherwise (FORMAT.md, "Compatibility").
   */
  static ByteBuffer newHeader(boolean dictionary) {
    ByteBuffer h = ByteBuffer.allocate(BlockFormat.FILE_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    h.put(BlockFormat.FILE_MAGIC);
    h.putInt(dictionary ? BlockFormat.FORMAT_VERSION : BlockFormat.FORMAT_VERSION_PLAIN);
    CRC32C crc = new CRC32C();
    crc.update(h.array(), 0, 12);
    h.putInt((int) crc.getValue());
    return h.flip();
  }
}
