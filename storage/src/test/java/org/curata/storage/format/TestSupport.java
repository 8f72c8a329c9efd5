package org.curata.storage.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.curata.storage.Block;
import org.curata.storage.DataFrame;
import org.curata.storage.Dataset;
import org.curata.storage.Field;
import org.curata.storage.FieldKind;
import org.curata.storage.Snapshot;

/** Helpers shared by the storage tests: a canonical dump of a snapshot's content, file copies. */
final class TestSupport {
  private TestSupport() {
  }

  /** Every dataframe, field and value of the latest version, in a canonical text form. */
  static String dump(Dataset ds) {
    try (Snapshot s = ds.snapshot()) {
      return dump(s);
    }
  }

  /** Every dataframe, field and value of a snapshot, read through the bulk methods. */
  static String dump(Snapshot s) {
    StringBuilder sb = new StringBuilder();
    for (DataFrame df : s.dataFrames()) {
      sb.append("df ").append(df.name()).append(" rows=").append(df.rowCount())
          .append(" sort=").append(df.sortKeys()).append(" pk=").append(df.primaryKeys())
          .append('\n');
      for (Field f : df.fields()) {
        sb.append(" field ").append(f.name()).append(' ').append(f.type())
            .append(f.spec().nullable() ? "" : " NOT NULL").append(':');
        FieldKind k = f.type().storageKind();
        for (int bi = 0; bi < f.blocks().size(); bi++) {
          Block b = f.block(bi);
          int n = b.rowCount();
          boolean[] nulls = new boolean[n];
          b.readNulls(0, n, nulls, 0);
          long[] longs = new long[n];
          double[] doubles = new double[n];
          if (k.isIntegral()) {
            b.readLongs(0, n, longs, 0);
          } else if (k.isFloating()) {
            b.readDoubles(0, n, doubles, 0);
          }
          for (int r = 0; r < n; r++) {
            sb.append(' ');
            if (nulls[r]) {
              sb.append("null");
            } else if (k.isIntegral()) {
              sb.append(longs[r]);
            } else if (k.isFloating()) {
              sb.append(doubles[r]);
            } else {
              sb.append('"').append(b.getString(r)).append('"');
            }
          }
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  /** Asserts that per-row getters, bulk reads at odd offsets and nextNonNull all agree. */
  static void checkAccessorsAgree(Block b) {
    int n = b.rowCount();
    FieldKind k = b.type().storageKind();
    boolean[] nulls = new boolean[n + 2];
    b.readNulls(0, n, nulls, 1);
    int expectNext = -1;
    int nullCount = 0;
    for (int r = n - 1; r >= 0; r--) {
      assertEquals(nulls[r + 1], b.isNull(r), "isNull " + r);
      if (!nulls[r + 1]) {
        expectNext = r;
      } else {
        nullCount++;
      }
      assertEquals(expectNext, b.nextNonNull(r), "nextNonNull " + r);
    }
    assertEquals(nullCount, b.nullCount());
    assertEquals(-1, b.nextNonNull(n));
    for (int from = 0; from < n; from += Math.max(1, n / 5)) {
      int count = Math.min(n - from, 1 + (from * 7) % 13);
      if (k.isIntegral()) {
        long[] dst = new long[count + 3];
        b.readLongs(from, count, dst, 2);
        for (int i = 0; i < count; i++) {
          assertEquals(b.isNull(from + i) ? 0 : b.getLong(from + i), dst[2 + i]);
        }
      }
      if (!k.isString()) {
        double[] dst = new double[count + 3];
        b.readDoubles(from, count, dst, 2);
        for (int i = 0; i < count; i++) {
          assertEquals(b.isNull(from + i) ? 0.0 : b.getDouble(from + i), dst[2 + i]);
        }
      }
    }
  }

  /** Copies a directory tree. */
  static void copyTree(Path from, Path to) {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a directory tree. */
  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Total bytes of the regular files under a directory. */
  static long treeSize(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      long total = 0;
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p)) {
          total += Files.size(p);
        }
      }
      return total;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
