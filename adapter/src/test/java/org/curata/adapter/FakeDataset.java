package org.curata.adapter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.curata.storage.Block;
import org.curata.storage.BlockInfo;
import org.curata.storage.BlockStats;
import org.curata.storage.CurataException;
import org.curata.storage.DataFrame;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.Encoding;
import org.curata.storage.ErrorCode;
import org.curata.storage.Field;
import org.curata.storage.FieldAppender;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.Snapshot;
import org.curata.storage.Transaction;
import org.curata.storage.VacuumResult;
import org.curata.storage.VerifyReport;
import org.curata.storage.VersionInfo;

/**
 * A hand-written in-memory fake of the storage API for adapter tests: blocks of a chosen size,
 * encoded dense or sparse as the test forces, with the statistics the manifest would hold.
 */
final class FakeDataset implements Dataset {
  /** How the fake encodes blocks. */
  enum Layout { DENSE, SPARSE, BY_DENSITY }

  private final int blockRows;
  private final Layout layout;
  private final List<Map<String, FakeFrame>> versions = new ArrayList<>();
  private final List<VersionInfo> infos = new ArrayList<>();
  private boolean writing;

  FakeDataset(int blockRows, Layout layout) {
    this.blockRows = blockRows;
    this.layout = layout;
    versions.add(Map.of());
    infos.add(new VersionInfo(1, Instant.EPOCH, "create", "test"));
  }

  @Override
  public Path directory() {
    return Path.of("/fake");
  }

  @Override
  public synchronized Snapshot snapshot() {
    return snapshot(infos.get(infos.size() - 1).id());
  }

  @Override
  public synchronized Snapshot snapshot(long versionId) {
    if (versionId < 1 || versionId > versions.size()) {
      throw new CurataException(ErrorCode.NOT_FOUND, "no version " + versionId);
    }
    Map<String, FakeFrame> frames = versions.get((int) versionId - 1);
    VersionInfo info = infos.get((int) versionId - 1);
    return new Snapshot() {
      @Override
      public VersionInfo version() {
        return info;
      }

      @Override
      public List<DataFrame> dataFrames() {
        return new ArrayList<>(new TreeMap<>(frames).values());
      }

      @Override
      public Optional<DataFrame> dataFrame(String name) {
        return Optional.ofNullable(frames.get(name));
      }

      @Override
      public void close() {
      }
    };
  }

  @Override
  public List<VersionInfo> versions() {
    return List.copyOf(infos);
  }

  @Override
  public synchronized Transaction beginWrite(String message) {
    if (writing) {
      throw new CurataException(ErrorCode.WRITER_LOCKED, "locked");
    }
    writing = true;
    return new FakeTx(message);
  }

  @Override
  public VacuumResult vacuum(int keepVersions) {
    return new VacuumResult(List.of(), 0, 0);
  }

  @Override
  public VerifyReport verify() {
    return new VerifyReport(versions.size(), 0, 0, List.of());
  }

  @Override
  public void close() {
  }

  /** A dataframe of one version. */
  private record FakeFrame(String name, long rowCount, List<Field> fields, List<String> sortKeys,
      List<String> primaryKeys) implements DataFrame {
    @Override
    public Optional<Field> field(String n) {
      return fields.stream().filter(f -> f.name().equals(n)).findFirst();
    }
  }

  /** A field of one version: its blocks. */
  private record FakeField(FieldSpec spec, List<FakeBlock> blockList) implements Field {
    @Override
    public long rowCount() {
      return blockList.stream().mapToLong(Block::rowCount).sum();
    }

    @Override
    public long nullCount() {
      return blockList.stream().mapToLong(Block::nullCount).sum();
    }

    @Override
    public List<BlockInfo> blocks() {
      return blockList.stream().map(FakeBlock::info).toList();
    }

    @Override
    public Block block(int index) {
      return blockList.get(index);
    }

    @Override
    public long byteSize() {
      return 0;
    }
  }

  /** One block, holding its values in arrays. */
  private static final class FakeBlock implements Block {
    private final BlockInfo info;
    private final FieldType type;
    private final long[] longs;
    private final double[] doubles;
    private final byte[][] bytes;
    private final boolean[] nulls;

    FakeBlock(BlockInfo info, FieldType type, long[] longs, double[] doubles, byte[][] bytes,
        boolean[] nulls) {
      this.info = info;
      this.type = type;
      this.longs = longs;
      this.doubles = doubles;
      this.bytes = bytes;
      this.nulls = nulls;
    }

    @Override
    public BlockInfo info() {
      return info;
    }

    @Override
    public FieldType type() {
      return type;
    }

    @Override
    public int rowCount() {
      return nulls.length;
    }

    @Override
    public int nullCount() {
      return info.stats().nullCount();
    }

    @Override
    public Encoding encoding() {
      return info.encoding();
    }

    @Override
    public boolean isNull(int row) {
      return nulls[row];
    }

    @Override
    public int nextNonNull(int fromRow) {
      for (int r = fromRow; r < nulls.length; r++) {
        if (!nulls[r]) {
          return r;
        }
      }
      return -1;
    }

    @Override
    public long getLong(int row) {
      return nulls[row] ? 0 : longs[row];
    }

    @Override
    public double getDouble(int row) {
      return nulls[row] ? 0 : doubles[row];
    }

    @Override
    public byte[] getBytes(int row) {
      return nulls[row] ? null : bytes[row].clone();
    }

    @Override
    public String getString(int row) {
      return nulls[row] ? null : new String(bytes[row], StandardCharsets.UTF_8);
    }

    @Override
    public void readLongs(int fromRow, int count, long[] dst, int dstOffset) {
      for (int i = 0; i < count; i++) {
        dst[dstOffset + i] = getLong(fromRow + i);
      }
    }

    @Override
    public void readDoubles(int fromRow, int count, double[] dst, int dstOffset) {
      for (int i = 0; i < count; i++) {
        dst[dstOffset + i] = getDouble(fromRow + i);
      }
    }

    @Override
    public void readNulls(int fromRow, int count, boolean[] dst, int dstOffset) {
      for (int i = 0; i < count; i++) {
        if (nulls[fromRow + i]) {
          dst[dstOffset + i] = true;
        }
      }
    }
  }

  /** Values appended to one field in a transaction. */
  private static final class Buffer implements FieldAppender {
    final FieldSpec spec;
    final List<Object> values = new ArrayList<>();

    Buffer(FieldSpec spec) {
      this.spec = spec;
    }

    @Override
    public FieldSpec spec() {
      return spec;
    }

    @Override
    public void appendNull() {
      values.add(null);
    }

    @Override
    public void appendLong(long value) {
      FieldKind k = spec.type().storageKind();
      long min;
      long max;
      switch (k) {
        case BOOL: min = 0; max = 1; break;
        case INT8: min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; break;
        case INT16: min = Short.MIN_VALUE; max = Short.MAX_VALUE; break;
        case INT32: case DATE: min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; break;
        case UINT8: min = 0; max = 255; break;
        case UINT16: min = 0; max = 65535; break;
        case UINT32: min = 0; max = 0xFFFFFFFFL; break;
        default: min = Long.MIN_VALUE; max = Long.MAX_VALUE; break;
      }
      if (value < min || value > max) {
        throw new CurataException(ErrorCode.INVALID_INPUT, "value " + value + " out of range for "
            + spec.name());
      }
      values.add(value);
    }

    @Override
    public void appendDouble(double value) {
      values.add(spec.type().kind() == FieldKind.FLOAT32 ? (double) (float) value : value);
    }

    @Override
    public void appendBytes(byte[] b, int offset, int length) {
      if (spec.type().kind() == FieldKind.FIXED_STRING && length > spec.type().length()) {
        throw new CurataException(ErrorCode.INVALID_INPUT, "too long for " + spec.name());
      }
      values.add(Arrays.copyOfRange(b, offset, offset + length));
    }

    @Override
    public void appendString(String value) {
      byte[] b = value.getBytes(StandardCharsets.UTF_8);
      appendBytes(b, 0, b.length);
    }

    @Override
    public long count() {
      return values.size();
    }
  }

  private final class FakeTx implements Transaction {
    private final String message;
    private final Map<String, FakeFrame> frames;
    private final Map<String, List<Buffer>> buffers = new LinkedHashMap<>();
    private boolean done;

    FakeTx(String message) {
      this.message = message;
      this.frames = new LinkedHashMap<>(versions.get(versions.size() - 1));
    }

    @Override
    public VersionInfo baseVersion() {
      return infos.get(infos.size() - 1);
    }

    @Override
    public DataFrameAppender createDataFrame(String name, List<FieldSpec> fields,
        List<String> sortKeys, List<String> primaryKeys) {
      if (frames.containsKey(name)) {
        throw new CurataException(ErrorCode.ALREADY_EXISTS, name);
      }
      List<Field> fs = new ArrayList<>();
      for (FieldSpec s : fields) {
        fs.add(new FakeField(s, List.of()));
      }
      frames.put(name, new FakeFrame(name, 0, fs, sortKeys, primaryKeys));
      return append(name);
    }

    @Override
    public DataFrameAppender append(String name) {
      FakeFrame f = frames.get(name);
      if (f == null) {
        throw new CurataException(ErrorCode.NOT_FOUND, name);
      }
      List<Buffer> bs = buffers.computeIfAbsent(name, n -> {
        List<Buffer> l = new ArrayList<>();
        for (Field field : f.fields()) {
          l.add(new Buffer(field.spec()));
        }
        return l;
      });
      return new DataFrameAppender() {
        @Override
        public String name() {
          return name;
        }

        @Override
        public List<FieldSpec> fields() {
          return bs.stream().map(Buffer::spec).toList();
        }

        @Override
        public FieldAppender field(int index) {
          return bs.get(index);
        }

        @Override
        public FieldAppender field(String n) {
          return bs.stream().filter(b -> b.spec.name().equals(n)).findFirst().orElseThrow();
        }
      };
    }

    @Override
    public void dropDataFrame(String name) {
      frames.remove(name);
      buffers.remove(name);
    }

    @Override
    public void dropField(String dataFrame, String field) {
      throw new CurataException(ErrorCode.UNSUPPORTED, "fake");
    }

    @Override
    public VersionInfo commit() {
      for (Map.Entry<String, List<Buffer>> e : buffers.entrySet()) {
        FakeFrame f = frames.get(e.getKey());
        List<Buffer> bs = e.getValue();
        long added = bs.get(0).count();
        for (Buffer b : bs) {
          if (b.count() != added) {
            throw new CurataException(ErrorCode.INVALID_INPUT, "unequal field lengths");
          }
        }
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < bs.size(); i++) {
          FakeField old = (FakeField) f.fields().get(i);
          List<FakeBlock> blocks = new ArrayList<>(old.blockList());
          List<Object> vals = bs.get(i).values;
          for (int from = 0; from < vals.size(); from += blockRows) {
            int to = Math.min(vals.size(), from + blockRows);
            blocks.add(makeBlock(old.spec().type(), blocks.size(), f.rowCount() + from,
                vals.subList(from, to)));
          }
          fields.add(new FakeField(old.spec(), blocks));
        }
        frames.put(f.name(), new FakeFrame(f.name(), f.rowCount() + added, fields, f.sortKeys(),
            f.primaryKeys()));
      }
      synchronized (FakeDataset.this) {
        versions.add(Map.copyOf(frames));
        VersionInfo info = new VersionInfo(infos.size() + 1, Instant.now(), message, "test");
        infos.add(info);
        done = true;
        return info;
      }
    }

    @Override
    public void close() {
      synchronized (FakeDataset.this) {
        writing = false;
      }
    }
  }

  private FakeBlock makeBlock(FieldType type, int index, long firstRow, List<Object> vals) {
    int n = vals.size();
    boolean[] nulls = new boolean[n];
    long[] longs = new long[n];
    double[] doubles = new double[n];
    byte[][] bytes = new byte[n][];
    int nullCount = 0;
    boolean has = false;
    long minL = 0;
    long maxL = 0;
    double minD = 0;
    double maxD = 0;
    byte[] minB = null;
    byte[] maxB = null;
    FieldKind kind = type.kind();
    for (int r = 0; r < n; r++) {
      Object v = vals.get(r);
      if (v == null) {
        nulls[r] = true;
        nullCount++;
        continue;
      }
      if (kind.isFloating()) {
        double d = (Double) v;
        doubles[r] = d;
        if (!Double.isNaN(d)) {
          minD = has ? Math.min(minD, d) : d;
          maxD = has ? Math.max(maxD, d) : d;
          has = true;
        }
      } else if (kind.isString()) {
        byte[] b = (byte[]) v;
        bytes[r] = b;
        minB = !has || Arrays.compareUnsigned(b, minB) < 0 ? b : minB;
        maxB = !has || Arrays.compareUnsigned(b, maxB) > 0 ? b : maxB;
        has = true;
      } else {
        long x = (Long) v;
        longs[r] = x;
        minL = has ? Math.min(minL, x) : x;
        maxL = has ? Math.max(maxL, x) : x;
        has = true;
      }
    }
    Encoding enc;
    switch (layout) {
      case DENSE: enc = Encoding.DENSE; break;
      case SPARSE: enc = Encoding.SPARSE; break;
      default: enc = nullCount * 2 > n ? Encoding.SPARSE : Encoding.DENSE; break;
    }
    BlockStats stats = new BlockStats(n, nullCount, has, minL, maxL, minD, maxD, minB, maxB);
    BlockInfo info = new BlockInfo(index, firstRow, enc, stats, "fake", 0, 0, 0);
    return new FakeBlock(info, type, longs, doubles, bytes, nulls);
  }
}
