package org.curata.storage.exetera;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.curata.storage.Block;
import org.curata.storage.BlockInfo;
import org.curata.storage.BlockStats;
import org.curata.storage.CurataException;
import org.curata.storage.Encoding;
import org.curata.storage.ErrorCode;
import org.curata.storage.Field;
import org.curata.storage.FieldSpec;

/**
 * A field of an ExeTera dataframe: fixed row ranges of {@code blockRows} rows read on demand.
 * Rows beyond the field's own length (a dataframe's fields may differ in length) and rows whose
 * flag field ({@code <f>_valid}, {@code <f>_set}) is false read NULL. Statistics are known once
 * a block has been read; before that a block's null count is -1 ({@link BlockStats}: unknown).
 */
final class HdfField implements Field {
  private final String frame;
  private final FieldSpec spec;
  private final FieldSource source;
  private final FieldSource flag;
  private final long rowCount;
  private final int blockRows;
  private final AtomicReferenceArray<BlockStats> stats;
  /** The block list as of the statistics known so far; null when it must be rebuilt. */
  private volatile List<BlockInfo> infos;

  HdfField(String frame, String name, FieldSource source, FieldSource flag, long rowCount,
      int blockRows) {
    this.frame = frame;
    this.spec = FieldSpec.of(name, source.type());
    this.source = source;
    this.flag = flag;
    this.rowCount = rowCount;
    this.blockRows = blockRows;
    long blocks = (rowCount + blockRows - 1) / blockRows;
    if (blocks > Integer.MAX_VALUE) {
      throw new CurataException(ErrorCode.UNSUPPORTED, "field '" + name + "' of dataframe '"
          + frame + "' has too many rows (" + rowCount + ") for blocks of " + blockRows);
    }
    this.stats = new AtomicReferenceArray<>((int) blocks);
  }

  /** The rows of the field's own arrays (before the dataframe's padding with NULLs). */
  long ownLength() {
    return source.length();
  }

  /** The source of the field's values. */
  FieldSource source() {
    return source;
  }

  @Override
  public FieldSpec spec() {
    return spec;
  }

  @Override
  public long rowCount() {
    return rowCount;
  }

  @Override
  public long nullCount() {
    long n = 0;
    for (int i = 0; i < stats.length(); i++) {
      BlockStats s = stats.get(i);
      n += s != null ? s.nullCount() : block(i).nullCount();
    }
    return n;
  }

  private int rowsOf(int index) {
    return (int) Math.min(blockRows, rowCount - (long) index * blockRows);
  }

  @Override
  public List<BlockInfo> blocks() {
    List<BlockInfo> cached = infos;
    if (cached == null) {
      cached = buildBlocks();
      infos = cached;
    }
    return cached;
  }

  private List<BlockInfo> buildBlocks() {
    int n = stats.length();
    List<BlockInfo> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long first = (long) i * blockRows;
      int rows = rowsOf(i);
      BlockStats s = stats.get(i);
      if (s == null && first >= source.length()) {
        s = new BlockStats(rows, rows, false, 0, 0, 0, 0, null, null);
      }
      if (s == null) {
        s = new BlockStats(rows, -1, false, 0, 0, 0, 0, null, null);
      }
      out.add(new BlockInfo(i, first, Encoding.DENSE, s, spec.name(), first, rows, 0));
    }
    return List.copyOf(out);
  }

  @Override
  public Block block(int index) {
    if (index < 0 || index >= stats.length()) {
      throw new CurataException(ErrorCode.INVALID_INPUT, "block " + index + " of field '"
          + spec.name() + "' in dataframe '" + frame + "' does not exist (it has "
          + stats.length() + ")");
    }
    long from = (long) index * blockRows;
    int n = rowsOf(index);
    FieldSource.Decoded d = readPadded(source, from, n);
    boolean[] nulls = d.nulls();
    if (flag != null) {
      FieldSource.Decoded f = readPadded(flag, from, n);
      long[] set = f.longs();
      boolean[] fnull = f.nulls();
      for (int i = 0; i < n; i++) {
        if (set[i] == 0 || (fnull != null && fnull[i])) {
          if (nulls == null) {
            nulls = new boolean[n];
          }
          nulls[i] = true;
        }
      }
    }
    HdfBlock b = new HdfBlock(spec.name(), index, from, spec.type(), n, d.longs(), d.doubles(),
        d.bytes(), nulls);
    if (stats.compareAndSet(index, null, b.info().stats())) {
      infos = null;
    }
    return b;
  }

  /** Rows {@code [from, from + n)} of a source, NULL beyond the source's own length. */
  private static FieldSource.Decoded readPadded(FieldSource src, long from, int n) {
    long own = Math.max(0, Math.min(n, src.length() - from));
    if (own == n) {
      return src.read(from, n);
    }
    FieldSource.Decoded d = own == 0 ? null : src.read(from, (int) own);
    boolean[] nulls = new boolean[n];
    Arrays.fill(nulls, (int) own, n, true);
    if (d != null && d.nulls() != null) {
      System.arraycopy(d.nulls(), 0, nulls, 0, (int) own);
    }
    switch (src.type().kind()) {
      case FLOAT32: case FLOAT64: {
        double[] v = new double[n];
        if (d != null) {
          System.arraycopy(d.doubles(), 0, v, 0, (int) own);
        }
        return new FieldSource.Decoded(null, v, null, nulls);
      }
      case FIXED_STRING: case STRING: {
        byte[][] v = new byte[n][];
        if (d != null) {
          System.arraycopy(d.bytes(), 0, v, 0, (int) own);
        }
        return new FieldSource.Decoded(null, null, v, nulls);
      }
      default: {
        long[] v = new long[n];
        if (d != null) {
          System.arraycopy(d.longs(), 0, v, 0, (int) own);
        }
        return new FieldSource.Decoded(v, null, null, nulls);
      }
    }
  }

  @Override
  public long byteSize() {
    return source.storageBytes();
  }

  @Override
  public String toString() {
    return "ExeTera field '" + spec.name() + "' of dataframe '" + frame + "' (" + spec.type() + ")";
  }
}
