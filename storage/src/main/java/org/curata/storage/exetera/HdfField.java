package org.curata.storage.exetera;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collections;
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
 * A field of an ExeTera dataframe: row ranges read on demand, of {@code blockRows} rows, and for
 * indexed strings also of at most {@code blockBytes} bytes of strings (their boundaries come from
 * one pass over the index, made when the field's blocks are first asked for). Rows beyond the
 * field's own length (a dataframe's fields may differ in length) and rows where any of its flag
 * fields ({@code <f>_valid}, {@code <f>_set}) is false read NULL. Statistics are known once a
 * block has been read; before that a block's null count is -1 ({@link BlockStats}: unknown).
 */
final class HdfField implements Field {
  private final String frame;
  private final FieldSpec spec;
  private final FieldSource source;
  private final List<FieldSource> flags;
  private final long rowCount;
  private final int blockRows;
  private final long blockBytes;
  /** The block layout; null until first needed for an indexed string. */
  private volatile Layout layout;

  /**
   * Blocks and what is known of them.
   *
   * @param starts the first row of each block, then the row count
   * @param infos each block's info, its statistics filled in once the block has been read
   * @param view {@code infos} as a list
   */
  private record Layout(long[] starts, AtomicReferenceArray<BlockInfo> infos,
      List<BlockInfo> view) {
    int size() {
      return starts.length - 1;
    }

    int rows(int i) {
      return (int) (starts[i + 1] - starts[i]);
    }
  }

  HdfField(String frame, String name, FieldSource source, List<FieldSource> flags, long rowCount,
      int blockRows, long blockBytes) {
    this.frame = frame;
    this.spec = FieldSpec.of(name, source.type());
    this.source = source;
    this.flags = List.copyOf(flags);
    this.rowCount = rowCount;
    this.blockRows = blockRows;
    this.blockBytes = blockBytes;
    long blocks = (rowCount + blockRows - 1) / blockRows;
    if (blocks > Integer.MAX_VALUE / 2) {
      throw new CurataException(ErrorCode.UNSUPPORTED, "field '" + name + "' of dataframe '"
          + frame + "' has too many rows (" + rowCount + ") for blocks of " + blockRows);
    }
    if (!(source instanceof FieldSource.IndexedString)) {
      long[] starts = new long[(int) blocks + 1];
      for (int i = 0; i < blocks; i++) {
        starts[i] = (long) i * blockRows;
      }
      starts[(int) blocks] = rowCount;
      layout = layout(starts);
    }
  }

  private Layout layout() {
    Layout l = layout;
    if (l == null) {
      synchronized (this) {
        l = layout;
        if (l == null) {
          l = layout(indexedStarts());
          layout = l;
        }
      }
    }
    return l;
  }

  /** Byte-bounded blocks over the field's own rows, then fixed ones over its NULL padding. */
  private long[] indexedStarts() {
    long[] own = ((FieldSource.IndexedString) source).blockStarts(blockRows, blockBytes);
    long ownRows = own[own.length - 1];
    long pad = (rowCount - ownRows + blockRows - 1) / blockRows;
    if (own.length + pad > Integer.MAX_VALUE / 2) {
      throw new CurataException(ErrorCode.UNSUPPORTED, "field '" + spec.name()
          + "' of dataframe '" + frame + "' has too many blocks");
    }
    int ownBlocks = rowCount == 0 ? 0 : own.length - 1;
    long[] starts = Arrays.copyOf(own, ownBlocks + (int) pad + 1);
    for (int i = 0; i < pad; i++) {
      starts[ownBlocks + i] = ownRows + (long) i * blockRows;
    }
    starts[starts.length - 1] = rowCount;
    return starts;
  }

  private Layout layout(long[] starts) {
    int n = starts.length - 1;
    AtomicReferenceArray<BlockInfo> infos = new AtomicReferenceArray<>(n);
    for (int i = 0; i < n; i++) {
      long first = starts[i];
      int rows = (int) (starts[i + 1] - first);
      BlockStats s = first >= source.length()
          ? new BlockStats(rows, rows, false, 0, 0, 0, 0, null, null)
          : new BlockStats(rows, -1, false, 0, 0, 0, 0, null, null);
      infos.set(i, new BlockInfo(i, first, Encoding.DENSE, s, spec.name(), first, rows, 0));
    }
    List<BlockInfo> view = new AbstractList<>() {
      @Override
      public BlockInfo get(int index) {
        return infos.get(index);
      }

      @Override
      public int size() {
        return n;
      }
    };
    return new Layout(starts, infos, Collections.unmodifiableList(view));
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
    Layout l = layout();
    long n = 0;
    for (int i = 0; i < l.size(); i++) {
      int s = l.infos().get(i).stats().nullCount();
      n += s >= 0 ? s : block(i).nullCount();
    }
    return n;
  }

  /**
   * The blocks as known so far: a live view whose entries gain statistics as blocks are read
   * (no copy per call; scans ask for it per batch).
   */
  @Override
  public List<BlockInfo> blocks() {
    return layout().view();
  }

  @Override
  public Block block(int index) {
    Layout l = layout();
    if (index < 0 || index >= l.size()) {
      throw new CurataException(ErrorCode.INVALID_INPUT, "block " + index + " of field '"
          + spec.name() + "' in dataframe '" + frame + "' does not exist (it has "
          + l.size() + ")");
    }
    long from = l.starts()[index];
    int n = l.rows(index);
    FieldSource.Decoded d = readPadded(source, from, n);
    boolean[] nulls = d.nulls();
    for (FieldSource flag : flags) {
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
    BlockInfo known = l.infos().get(index);
    boolean computed = known.stats().nullCount() >= 0;
    HdfBlock b = new HdfBlock(spec.name(), index, from, spec.type(), n, d.longs(), d.doubles(),
        d.bytes(), nulls, computed ? known : null);
    if (!computed) {
      l.infos().compareAndSet(index, known, b.info());
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
        int[] starts = new int[n];
        int[] ends = new int[n];
        byte[] data = new byte[0];
        if (d != null) {
          System.arraycopy(d.bytes().start(), 0, starts, 0, (int) own);
          System.arraycopy(d.bytes().end(), 0, ends, 0, (int) own);
          data = d.bytes().data();
        }
        return new FieldSource.Decoded(null, null, new FieldSource.Strings(data, starts, ends),
            nulls);
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
