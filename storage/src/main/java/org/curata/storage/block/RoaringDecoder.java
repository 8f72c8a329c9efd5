package org.curata.storage.block;

import java.nio.ByteBuffer;

/**
 * Decodes a RoaringBitmap in its portable serialization (FORMAT.md, "Sparse blocks") into the
 * sorted array of its values, checking every length, offset and order first: RoaringBitmap's own
 * deserialiser trusts its input, this one never reads outside the section it is given.
 */
final class RoaringDecoder {
  private static final int SERIAL_COOKIE_NO_RUNCONTAINER = 12346;
  private static final int SERIAL_COOKIE = 12347;
  private static final int NO_OFFSET_THRESHOLD = 4;
  private static final int ARRAY_MAX = 4096;

  private RoaringDecoder() {
  }

  /** Thrown (and turned into a CORRUPTION error by the caller) when the bytes are not valid. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Decodes {@code length} bytes at {@code offset} of {@code buf} (little-endian).
   *
   * @param cardinality the number of values the bitmap must hold
   * @param bound every value must be below this
   */
  static int[] decode(ByteBuffer buf, int offset, int length, int cardinality, int bound)
      throws Invalid {
    int end = offset + length;
    int p = offset;
    need(p, 4, end);
    int cookie = buf.getInt(p);
    p += 4;
    int size;
    boolean hasRun;
    int runBitmapAt = -1;
    if ((cookie & 0xFFFF) == SERIAL_COOKIE) {
      hasRun = true;
      size = (cookie >>> 16) + 1;
      runBitmapAt = p;
      need(p, (size + 7) / 8, end);
      p += (size + 7) / 8;
    } else if (cookie == SERIAL_COOKIE_NO_RUNCONTAINER) {
      hasRun = false;
      need(p, 4, end);
      size = buf.getInt(p);
      p += 4;
    } else {
      throw new Invalid("bad RoaringBitmap cookie 0x" + Integer.toHexString(cookie));
    }
    int maxKeys = ((bound - 1) >>> 16) + 1;
    if (size < 0 || size > maxKeys) {
      throw new Invalid("RoaringBitmap has " + size + " containers, at most " + maxKeys
          + " fit the block");
    }
    int headerAt = p;
    need(p, 4L * size, end);
    p += 4 * size;
    if (!hasRun || size >= NO_OFFSET_THRESHOLD) {
      need(p, 4L * size, end);
      p += 4 * size;
    }
    int[] out = new int[cardinality];
    int n = 0;
    int prevKey = -1;
    for (int i = 0; i < size; i++) {
      int key = buf.getShort(headerAt + 4 * i) & 0xFFFF;
      int card = (buf.getShort(headerAt + 4 * i + 2) & 0xFFFF) + 1;
      if (key <= prevKey) {
        throw new Invalid("RoaringBitmap container keys are not increasing");
      }
      prevKey = key;
      if (card > cardinality - n) {
        throw new Invalid("RoaringBitmap holds more values than the block's " + cardinality);
      }
      int high = key << 16;
      boolean run = hasRun && (buf.get(runBitmapAt + i / 8) & (1 << (i % 8))) != 0;
      int last = -1;
      if (run) {
        need(p, 2, end);
        int runs = buf.getShort(p) & 0xFFFF;
        p += 2;
        need(p, 4L * runs, end);
        int got = 0;
        for (int r = 0; r < runs; r++) {
          int start = buf.getShort(p) & 0xFFFF;
          int len = (buf.getShort(p + 2) & 0xFFFF) + 1;
          p += 4;
          if (start <= last || start + len > 0x10000) {
            throw new Invalid("RoaringBitmap run containers are not ordered");
          }
          if (len > card - got) {
            throw new Invalid("RoaringBitmap run container exceeds its cardinality");
          }
          for (int v = start; v < start + len; v++) {
            out[n++] = high | v;
          }
          got += len;
          last = start + len - 1;
        }
        if (got != card) {
          throw new Invalid("RoaringBitmap run container holds " + got + " values, not " + card);
        }
      } else if (card > ARRAY_MAX) {
        need(p, 8192, end);
        int got = 0;
        for (int w = 0; w < 1024; w++) {
          long word = buf.getLong(p + 8 * w);
          got += Long.bitCount(word);
          if (got > card) {
            throw new Invalid("RoaringBitmap bitmap container exceeds its cardinality");
          }
          while (word != 0) {
            out[n++] = high | (w << 6) + Long.numberOfTrailingZeros(word);
            word &= word - 1;
          }
        }
        if (got != card) {
          throw new Invalid("RoaringBitmap bitmap container holds " + got + " values, not " + card);
        }
        p += 8192;
      } else {
        need(p, 2L * card, end);
        for (int j = 0; j < card; j++) {
          int v = buf.getShort(p + 2 * j) & 0xFFFF;
          if (v <= last) {
            throw new Invalid("RoaringBitmap array container is not increasing");
          }
          last = v;
          out[n++] = high | v;
        }
        p += 2 * card;
      }
    }
    if (n != cardinality) {
      throw new Invalid("RoaringBitmap holds " + n + " values, the block says " + cardinality);
    }
    if (p != end) {
      throw new Invalid("RoaringBitmap ends at byte " + (p - offset) + " of its " + length);
    }
    if (n > 0 && (out[n - 1] < 0 || out[n - 1] >= bound)) {
      throw new Invalid("RoaringBitmap holds row " + out[n - 1] + " of a block of " + bound);
    }
    return out;
  }

  private static void need(int p, long bytes, int end) throws Invalid {
    if (bytes < 0 || p + bytes > end) {
      throw new Invalid("RoaringBitmap is truncated");
    }
  }
}
