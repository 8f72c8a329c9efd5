package org.curata.storage.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/** The validating decoder agrees with RoaringBitmap and rejects every damaged serialization. */
final class RoaringDecoderTest {
  private static ByteBuffer serialize(RoaringBitmap bm) {
    ByteBuffer b = ByteBuffer.allocate(bm.serializedSizeInBytes()).order(ByteOrder.LITTLE_ENDIAN);
    bm.serialize(b);
    return b.flip();
  }

  private static RoaringBitmap random(Random rnd, int bound) {
    RoaringBitmap bm = new RoaringBitmap();
    int kind = rnd.nextInt(4);
    for (int i = 0; i < bound; i++) {
      boolean in = switch (kind) {
        case 0 -> rnd.nextInt(50) == 0;
        case 1 -> rnd.nextInt(2) == 0;
        case 2 -> (i / 1000) % 2 == 0;
        default -> rnd.nextInt(10) != 0;
      };
      if (in) {
        bm.add(i);
      }
    }
    if (rnd.nextBoolean()) {
      bm.runOptimize();
    }
    return bm;
  }

  @Test
  void agreesWithRoaringBitmap() throws Exception {
    Random rnd = new Random(7);
    for (int t = 0; t < 60; t++) {
      int bound = 1 + rnd.nextInt(300_000);
      RoaringBitmap bm = random(rnd, bound);
      ByteBuffer b = serialize(bm);
      int[] got = RoaringDecoder.decode(b, 0, b.remaining(), bm.getCardinality(), bound);
      assertArrayEquals(bm.toArray(), got);
    }
  }

  @Test
  void rejectsDamageWithoutOtherExceptions() {
    Random rnd = new Random(11);
    int rejected = 0;
    for (int t = 0; t < 20; t++) {
      int bound = 1 + rnd.nextInt(200_000);
      RoaringBitmap bm = random(rnd, bound);
      ByteBuffer clean = serialize(bm);
      int n = clean.remaining();
      for (int k = 0; k < 50; k++) {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        b.put(clean.duplicate()).flip();
        int len = n;
        if (k % 5 == 0) {
          len = rnd.nextInt(n);
        } else {
          int pos = rnd.nextInt(n);
          b.put(pos, (byte) (b.get(pos) ^ (1 + rnd.nextInt(255))));
        }
        int[] out;
        try {
          out = RoaringDecoder.decode(b, 0, len, bm.getCardinality(), bound);
        } catch (RoaringDecoder.Invalid e) {
          rejected++;
          continue;
        }
        assertEquals(bm.getCardinality(), out.length);
        for (int i = 1; i < out.length; i++) {
          if (out[i] <= out[i - 1] || out[i] >= bound) {
            throw new AssertionError("decoder accepted an unordered or out-of-range set");
          }
        }
      }
    }
    assertEquals(true, rejected > 500, rejected + " rejected");
    assertThrows(RoaringDecoder.Invalid.class,
        () -> RoaringDecoder.decode(ByteBuffer.allocate(2), 0, 2, 0, 10));
  }
}
