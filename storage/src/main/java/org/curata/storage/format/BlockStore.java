package org.curata.storage.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
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
import org.curata.storage.io.FileIO;

/**
 * Maps blocks of data files, verifies them once and keeps the verified blocks of a dataset in a
 * bounded cache so repeated scans do not re-checksum (FORMAT.md, "Data files", "Reading").
 */
final class BlockStore {
  private static final int MAX_CACHED = 8192;

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

  /** Identifies the bytes of a block: the same key always means the same immutable bytes. */
  private record Key(String file, long offset, long length, int checksum) {
  }

  BlockStore(Path dir, FileIO io) {
    this.dir = dir;
    this.io = io;
  }

  /** A verified block, from the cache or freshly mapped and verified. */
  Block block(BlockInfo info, FieldType type, String where) {
    Key key = new Key(info.file(), info.offset(), info.length(), info.checksum());
    synchronized (cache) {
      Block b = cache.get(key);
      if (b != null) {
        return b;
      }
    }
    Block b = read(info, type, where, true);
    synchronized (cache) {
      cache.put(key, b);
    }
    return b;
  }

  /** Maps and verifies a block without the cache (for verify). */
  Block readUncached(BlockInfo info, FieldType type, String where) {
    return read(info, type, where, false);
  }

  /** Forgets blocks of deleted files. */
  void evict(Collection<String> files) {
    synchronized (cache) {
      cache.keySet().removeIf(k -> files.contains(k.file()));
    }
    headersChecked.removeAll(files);
  }

  private Block read(BlockInfo info, FieldType type, String where, boolean useHeaderCache) {
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
      return BlockDecoder.decode(bytes, info, type, where);
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
    if (!magic || stored != (int) crc.getValue() || h.getInt(8) != BlockFormat.FORMAT_VERSION) {
      throw new CurataException(ErrorCode.CORRUPTION, String.format("data file %s: bad header "
          + "(magic %s, format %d, checksum stored 0x%08x, computed 0x%08x); run 'curata verify'",
          file, magic ? "ok" : "wrong", h.getInt(8), stored, (int) crc.getValue()));
    }
  }

  /** The 16 header bytes of a new data file. */
  static ByteBuffer newHeader() {
    ByteBuffer h = ByteBuffer.allocate(BlockFormat.FILE_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    h.put(BlockFormat.FILE_MAGIC);
    h.putInt(BlockFormat.FORMAT_VERSION);
    CRC32C crc = new CRC32C();
    crc.update(h.array(), 0, 12);
    h.putInt((int) crc.getValue());
    return h.flip();
  }
}
