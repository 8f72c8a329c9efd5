package org.curata.storage.block;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * Encodes and verifies dictionary segments: a 32-byte header, the entries' offsets and their
 * bytes (FORMAT.md, "Dictionary segments").
 */
public final class DictionaryCodec {
  /** The first header byte of a segment (blocks have 0 or 1 there). */
  static final int KIND_SEGMENT = 2;

  private DictionaryCodec() {
  }

  /**
   * The bytes of a segment holding {@code entries}, whose first code is {@code firstCode}.
   *
   * @param type the field's type (string or fixed string)
   */
  public static ByteBuffer encode(FieldType type, int firstCode, byte[][] entries) {
    long data = 0;
    for (byte[] e : entries) {
      data += e.length;
    }
    long lenA = 4L * (entries.length + 1);
    long offB = BlockFormat.align(BlockFormat.HEADER_BYTES + lenA);
    long total = offB + data;
    if (total > Integer.MAX_VALUE) {
      throw new IllegalStateException("a dictionary segment of " + total + " bytes");
    }
    ByteBuffer b = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
    b.put(0, (byte) KIND_SEGMENT);
    b.put(1, (byte) BlockFormat.typeCode(type.storageKind()));
    b.putInt(4, entries.length);
    b.putInt(8, firstCode);
    b.putInt(12, BlockFormat.headerWidth(type));
    b.putInt(16, (int) lenA);
    b.putInt(20, (int) data);
    int off = 0;
    int at = BlockFormat.HEADER_BYTES;
    b.putInt(at, 0);
    int pos = (int) offB;
    for (byte[] e : entries) {
      off += e.length;
      at += 4;
      b.putInt(at, off);
      b.put(pos, e);
      pos += e.length;
    }
    return b;
  }

  /** The CRC32C of a segment's bytes. */
  public static int checksum(ByteBuffer segment) {
    CRC32C crc = new CRC32C();
    crc.update(segment.duplicate().position(0));
    return (int) crc.getValue();
  }

  /**
   * Verifies a segment against its manifest entry and returns its entries (fresh arrays).
   *
   * @param bytes the segment's bytes exactly (position 0, limit = length)
   * @param where how errors name the segment, e.g. "dictionary segment 0 of field 'id' in
   *     dataframe 'p'"
   * @throws CurataException with {@link ErrorCode#CORRUPTION} naming the file when the bytes do
   *     not check out
   */
  public static byte[][] decode(ByteBuffer bytes, DictionarySegment seg, FieldType type,
      String where) {
    int computed = BlockDecoder.crc32c(bytes);
    if (computed != seg.checksum()) {
      throw corrupt(where, seg, String.format("checksum mismatch, stored 0x%08x, computed 0x%08x",
          seg.checksum(), computed));
    }
    ByteBuffer b = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
    String problem = structure(b, seg, type);
    if (problem != null) {
      throw corrupt(where, seg, problem);
    }
    int n = seg.count();
    int offB = (int) BlockFormat.align(BlockFormat.HEADER_BYTES + 4L * (n + 1));
    byte[][] out = new byte[n][];
    for (int i = 0; i < n; i++) {
      int s = b.getInt(BlockFormat.HEADER_BYTES + 4 * i);
      int e = b.getInt(BlockFormat.HEADER_BYTES + 4 * i + 4);
      byte[] v = new byte[e - s];
      b.get(offB + s, v);
      if (type.storageKind() == FieldKind.FIXED_STRING && v.length > 0 && v[v.length - 1] == 0) {
        throw corrupt(where, seg, "entry " + (seg.firstCode() + i) + " ends in a NUL byte");
      }
      out[i] = v;
    }
    return out;
  }

  private static String structure(ByteBuffer b, DictionarySegment seg, FieldType type) {
    int length = b.remaining();
    if (length < BlockFormat.HEADER_BYTES) {
      return "segment of " + length + " bytes is shorter than its header";
    }
    int kind = b.get(0) & 0xFF;
    int code = b.get(1) & 0xFF;
    int count = b.getInt(4);
    int first = b.getInt(8);
    int width = b.getInt(12);
    int lenA = b.getInt(16);
    int lenB = b.getInt(20);
    if (kind != KIND_SEGMENT) {
      return "kind byte " + kind + " is not a dictionary segment's (" + KIND_SEGMENT + ")";
    }
    if (code != BlockFormat.typeCode(type.storageKind()) || width != BlockFormat.headerWidth(type)) {
      return "type code " + code + " width " + width + " does not match the field's " + type;
    }
    if (b.get(2) != 0 || b.get(3) != 0 || b.getInt(24) != 0 || b.getInt(28) != 0) {
      return "reserved header bytes are set";
    }
    if (count != seg.count() || first != seg.firstCode()) {
      return "header says " + count + " entries from code " + first + "; the manifest says "
          + seg.count() + " from " + seg.firstCode();
    }
    if (lenA != 4L * (count + 1) || lenB < 0) {
      return "offset section of " + lenA + " bytes does not fit " + count + " entries";
    }
    long offB = BlockFormat.align(BlockFormat.HEADER_BYTES + (long) lenA);
    if (offB + lenB != length) {
      return "sections end at byte " + (offB + lenB) + " of a " + length + "-byte segment";
    }
    for (int i = BlockFormat.HEADER_BYTES + lenA; i < offB; i++) {
      if (b.get(i) != 0) {
        return "alignment padding is not zero";
      }
    }
    int prev = b.getInt(BlockFormat.HEADER_BYTES);
    if (prev != 0) {
      return "entry offsets start at " + prev + ", not 0";
    }
    int maxLen = type.storageKind() == FieldKind.FIXED_STRING ? type.length() : Integer.MAX_VALUE;
    for (int i = 1; i <= count; i++) {
      int o = b.getInt(BlockFormat.HEADER_BYTES + 4 * i);
      if (o < prev || o - prev > maxLen) {
        return "entry offset " + i + " goes backwards or past the field's length";
      }
      prev = o;
    }
    if (prev != lenB) {
      return "entry offsets end at " + prev + ", the bytes are " + lenB;
    }
    if (prev != seg.bytes()) {
      return "entries hold " + prev + " bytes; the manifest says " + seg.bytes();
    }
    return null;
  }

  private static CurataException corrupt(String where, DictionarySegment seg, String problem) {
    return new CurataException(ErrorCode.CORRUPTION, where + " (file " + seg.file() + ", offset "
        + seg.offset() + ", length " + seg.length() + "): " + problem + "; run 'curata verify'");
  }
}
