package org.curata.adapter.exec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldType;

/**
 * Rows spilled to a file of the query's {@link SpillSpace}, in the order written, read back as
 * batches. Each row is, per column, a NULL flag byte then the value: 8 bytes for the long and
 * double representations, a length and the bytes for strings. Spill files live only as long as
 * the query and are never read by another process or version, so the layout is not versioned.
 */
public final class SpillFile {
  private static final int BUFFER = 1 << 20;

  private final Path path;
  private final List<FieldType> types;
  private final long rows;

  private SpillFile(Path path, List<FieldType> types, long rows) {
    this.path = path;
    this.types = types;
    this.rows = rows;
  }

  /** Rows in the file. */
  public long rows() {
    return rows;
  }

  /** The file. */
  public Path path() {
    return path;
  }

  /** Deletes the file (the spill space deletes any left at the end of the query). */
  public void delete() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new CurataException(ErrorCode.IO, "cannot delete spill file " + path + ": "
          + e.getMessage(), e);
    }
  }

  /** Reads the rows back in order, {@code batchSize} at a time. */
  public Operator open(ExecContext ctx, int batchSize) {
    return new Reader(ctx, batchSize);
  }

  /** Starts a spill file of rows with the given column types. */
  public static Writer create(ExecContext ctx, String prefix, List<FieldType> types) {
    return new Writer(ctx.spill().newFile(prefix), List.copyOf(types));
  }

  /** Appends rows to a new spill file; {@link #finish} closes it for reading. */
  public static final class Writer implements AutoCloseable {
    private final Path path;
    private final List<FieldType> types;
    private final ColumnVector.Kind[] kinds;
    private final FileChannel channel;
    private ByteBuffer buf = ByteBuffer.allocate(BUFFER);
    private long rows;
    private boolean closed;

    private Writer(Path path, List<FieldType> types) {
      this.path = path;
      this.types = types;
      this.kinds = new ColumnVector.Kind[types.size()];
      for (int i = 0; i < kinds.length; i++) {
        kinds[i] = ColumnVector.kindOf(types.get(i));
      }
      try {
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
      } catch (IOException e) {
        throw new CurataException(ErrorCode.IO, "cannot create spill file " + path + ": "
            + e.getMessage(), e);
      }
    }

    /** Rows written so far. */
    public long rows() {
      return rows;
    }

    /** Writes the row at position {@code pos} of the given columns (one per type). */
    public void writeRow(ColumnVector[] columns, int pos) {
      for (int c = 0; c < kinds.length; c++) {
        ColumnVector v = columns[c];
        if (v.nulls[pos]) {
          ensure(1);
          buf.put((byte) 1);
          continue;
        }
        switch (kinds[c]) {
          case LONG:
            ensure(9);
            buf.put((byte) 0).putLong(v.longs[pos]);
            break;
          case DOUBLE:
            ensure(9);
            buf.put((byte) 0).putDouble(v.doubles[pos]);
            break;
          default: {
            byte[] b = v.bytes[pos];
            ensure(5 + b.length);
            buf.put((byte) 0).putInt(b.length).put(b);
            break;
          }
        }
      }
      rows++;
    }

    /** Writes the selected rows of a batch (whose columns are of this file's types). */
    public void write(Batch batch) {
      for (int i = 0; i < batch.selected; i++) {
        writeRow(batch.columns, batch.selection[i]);
      }
    }

    private void ensure(int n) {
      if (buf.remaining() >= n) {
        return;
      }
      flush();
      if (buf.capacity() < n) {
        buf = ByteBuffer.allocate(n);
      }
    }

    private void flush() {
      buf.flip();
      try {
        while (buf.hasRemaining()) {
          channel.write(buf);
        }
      } catch (IOException e) {
        throw new CurataException(ErrorCode.IO, "cannot write spill file " + path + ": "
            + e.getMessage() + "; is the spill directory's disk full?", e);
      }
      buf.clear();
    }

    /** Flushes and closes the file; the result reads it back. */
    public SpillFile finish() {
      flush();
      close();
      return new SpillFile(path, types, rows);
    }

    /** Closes the file without finishing it (on error). */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        channel.close();
      } catch (IOException e) {
        throw new CurataException(ErrorCode.IO, "cannot close spill file " + path + ": "
            + e.getMessage(), e);
      }
    }
  }

  /** Reads a spill file back. */
  private final class Reader implements Operator {
    private final ExecContext ctx;
    private final FileChannel channel;
    private final ColumnVector.Kind[] kinds;
    private final ColumnVector[] vectors;
    private final Batch batch;
    private final int batchSize;
    private ByteBuffer buf = ByteBuffer.allocate(BUFFER);
    private long remaining = rows;

    Reader(ExecContext ctx, int batchSize) {
      this.ctx = Objects.requireNonNull(ctx, "ctx");
      this.batchSize = batchSize;
      this.kinds = new ColumnVector.Kind[types.size()];
      for (int i = 0; i < kinds.length; i++) {
        kinds[i] = ColumnVector.kindOf(types.get(i));
      }
      this.vectors = Batch.vectors(types, batchSize);
      this.batch = Batch.dense(vectors, 0);
      try {
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
      } catch (IOException e) {
        throw new CurataException(ErrorCode.IO, "cannot open spill file " + path + ": "
            + e.getMessage(), e);
      }
      buf.flip();
    }

    @Override
    public Batch next() {
      if (remaining == 0) {
        return null;
      }
      ctx.checkCancel();
      int n = (int) Math.min(batchSize, remaining);
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < kinds.length; c++) {
          ColumnVector v = vectors[c];
          need(1);
          boolean isNull = buf.get() != 0;
          v.nulls[i] = isNull;
          if (isNull) {
            if (kinds[c] == ColumnVector.Kind.BYTES) {
              v.bytes[i] = null;
            }
            continue;
          }
          switch (kinds[c]) {
            case LONG:
              need(8);
              v.longs[i] = buf.getLong();
              break;
            case DOUBLE:
              need(8);
              v.doubles[i] = buf.getDouble();
              break;
            default: {
              need(4);
              int len = buf.getInt();
              need(len);
              byte[] b = new byte[len];
              buf.get(b);
              v.bytes[i] = b;
              break;
            }
          }
        }
      }
      remaining -= n;
      batch.setDense(n);
      return batch;
    }

    private void need(int n) {
      if (buf.remaining() >= n) {
        return;
      }
      if (buf.capacity() < n) {
        ByteBuffer bigger = ByteBuffer.allocate(n);
        bigger.put(buf);
        buf = bigger;
      } else {
        buf.compact();
      }
      try {
        while (buf.position() < n) {
          if (channel.read(buf) < 0) {
            throw new CurataException(ErrorCode.INTERNAL, "spill file " + path
                + " ended early");
          }
        }
      } catch (IOException e) {
        throw new CurataException(ErrorCode.IO, "cannot read spill file " + path + ": "
            + e.getMessage(), e);
      }
      buf.flip();
    }

    @Override
    public void close() {
      try {
        channel.close();
      } catch (IOException e) {
        throw new CurataException(ErrorCode.IO, "cannot close spill file " + path + ": "
            + e.getMessage(), e);
      }
    }
  }
}
