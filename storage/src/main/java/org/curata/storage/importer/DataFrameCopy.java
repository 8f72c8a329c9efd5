package org.curata.storage.importer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.curata.storage.Block;
import org.curata.storage.BlockInfo;
import org.curata.storage.CurataException;
import org.curata.storage.DataFrame;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.ErrorCode;
import org.curata.storage.Field;
import org.curata.storage.FieldAppender;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.Snapshot;
import org.curata.storage.Transaction;
import org.curata.storage.VersionInfo;

/**
 * Copies dataframes of a snapshot of any backend (an ExeTera HDF5 file, another Curata dataset)
 * into a Curata dataset, in one commit.
 *
 * <p>The copy streams field by field and block by block: it holds one source block and the
 * target's block buffer at a time, whatever the size of the source. Types, nullability, sort keys
 * and primary keys are kept; a failure commits nothing.
 */
public final class DataFrameCopy {
  /** Nanoseconds between two progress reports. */
  private static final long REPORT_EVERY_NANOS = 100_000_000L;

  private DataFrameCopy() {
  }

  /**
   * What to copy and how.
   *
   * @param dataFrames the dataframes to copy, in this order; empty copies all of them
   * @param replaceExisting drop target dataframes of the same name first (same commit)
   * @param message the commit message, or null for "copy &lt;names&gt;"
   * @param listener receives progress about every 100 ms and after each dataframe
   */
  public record Options(List<String> dataFrames, boolean replaceExisting, String message,
      CopyProgressListener listener) {
    public Options {
      dataFrames = List.copyOf(dataFrames);
      Objects.requireNonNull(listener, "listener");
    }

    /** All dataframes, no replacing, a default message, no progress. */
    public static Options defaults() {
      return new Options(List.of(), false, null, CopyProgressListener.NONE);
    }

    /** These options copying only the named dataframes (empty: all). */
    public Options withDataFrames(List<String> names) {
      return new Options(names, replaceExisting, message, listener);
    }

    /** These options replacing existing dataframes or not. */
    public Options withReplaceExisting(boolean replace) {
      return new Options(dataFrames, replace, message, listener);
    }

    /** These options with a commit message (null for the default). */
    public Options withMessage(String text) {
      return new Options(dataFrames, replaceExisting, text, listener);
    }

    /** These options reporting progress to {@code l}. */
    public Options withListener(CopyProgressListener l) {
      return new Options(dataFrames, replaceExisting, message, l);
    }
  }

  /**
   * How far a copy has got.
   *
   * @param dataFrame the dataframe being copied
   * @param dataFrameIndex its position in the copy, from 0
   * @param dataFrameCount the number of dataframes copied
   * @param field the field being copied
   * @param valuesCopied values (rows times fields) copied so far over all dataframes
   * @param totalValues values to copy over all dataframes
   */
  public record Progress(String dataFrame, int dataFrameIndex, int dataFrameCount, String field,
      long valuesCopied, long totalValues) {
  }

  /** Receives {@link Progress} on the copying thread; it should return quickly. */
  @FunctionalInterface
  public interface CopyProgressListener {
    /** A listener that ignores progress. */
    CopyProgressListener NONE = p -> { };

    /** Called with the progress so far. */
    void progress(Progress progress);
  }

  /**
   * One dataframe copied.
   *
   * @param dataFrame its name
   * @param rows rows written
   * @param fields fields written
   */
  public record Copied(String dataFrame, long rows, int fields) {
  }

  /**
   * The outcome of a committed copy.
   *
   * @param version the version committed in the target
   * @param dataFrames one entry per dataframe, in copy order
   */
  public record Result(VersionInfo version, List<Copied> dataFrames) {
    public Result {
      dataFrames = List.copyOf(dataFrames);
    }

    /** Rows written over all dataframes. */
    public long rows() {
      long n = 0;
      for (Copied c : dataFrames) {
        n += c.rows();
      }
      return n;
    }
  }

  /**
   * Copies dataframes of {@code source} into {@code target} in one commit.
   *
   * @throws CurataException NOT_FOUND naming a requested dataframe the source lacks;
   *     ALREADY_EXISTS for a dataframe the target has (unless replaceExisting); errors of the
   *     source (e.g. CORRUPTION naming its file) as they are. Nothing is committed then.
   */
  public static Result run(Snapshot source, Dataset target, Options options) {
    List<DataFrame> frames = select(source, options.dataFrames());
    long total = 0;
    List<String> names = new ArrayList<>();
    for (DataFrame df : frames) {
      total += df.rowCount() * df.fields().size();
      names.add(df.name());
    }
    String message = options.message() != null ? options.message()
        : "copy " + String.join(", ", names);
    Reporter reporter = new Reporter(options.listener(), frames.size(), total);
    List<Copied> copied = new ArrayList<>();
    try (Snapshot current = target.snapshot(); Transaction tx = target.beginWrite(message)) {
      for (int i = 0; i < frames.size(); i++) {
        DataFrame df = frames.get(i);
        if (current.dataFrame(df.name()).isPresent()) {
          if (!options.replaceExisting()) {
            throw new CurataException(ErrorCode.ALREADY_EXISTS, "dataframe '" + df.name()
                + "' already exists in the target dataset (replace it with --replace)");
          }
          tx.dropDataFrame(df.name());
        }
        List<FieldSpec> specs = new ArrayList<>();
        for (Field f : df.fields()) {
          specs.add(f.spec());
        }
        DataFrameAppender out = tx.createDataFrame(df.name(), specs, df.sortKeys(),
            df.primaryKeys());
        for (int f = 0; f < specs.size(); f++) {
          copyField(df, df.fields().get(f), out.field(f), i, reporter);
        }
        copied.add(new Copied(df.name(), df.rowCount(), specs.size()));
        reporter.report(df.name(), i, "", true);
      }
      VersionInfo version = tx.commit();
      return new Result(version, copied);
    }
  }

  private static List<DataFrame> select(Snapshot source, List<String> requested) {
    if (requested.isEmpty()) {
      return source.dataFrames();
    }
    List<DataFrame> frames = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (String name : requested) {
      if (seen.contains(name)) {
        continue;
      }
      seen.add(name);
      Optional<DataFrame> df = source.dataFrame(name);
      if (df.isEmpty()) {
        List<String> have = new ArrayList<>();
        for (DataFrame d : source.dataFrames()) {
          have.add(d.name());
        }
        throw new CurataException(ErrorCode.NOT_FOUND, "no dataframe '" + name
            + "' in the source; it has: " + String.join(", ", have));
      }
      frames.add(df.get());
    }
    return frames;
  }

  private static void copyField(DataFrame df, Field field, FieldAppender out, int frameIndex,
      Reporter reporter) {
    FieldKind kind = field.type().kind();
    long rows = 0;
    // one set of buffers per field, grown to its largest block
    boolean[] nulls = new boolean[0];
    long[] longs = new long[0];
    double[] doubles = new double[0];
    for (BlockInfo info : field.blocks()) {
      Block block = field.block(info.index());
      int n = block.rowCount();
      if (kind.isString()) {
        for (int r = 0; r < n; r++) {
          byte[] v = block.getBytes(r);
          if (v == null) {
            out.appendNull();
          } else {
            out.appendBytes(v, 0, v.length);
          }
        }
      } else {
        if (nulls.length < n) {
          nulls = new boolean[n];
        } else {
          Arrays.fill(nulls, 0, n, false);
        }
        block.readNulls(0, n, nulls, 0);
        if (kind.isFloating()) {
          if (doubles.length < n) {
            doubles = new double[n];
          }
          double[] values = doubles;
          block.readDoubles(0, n, values, 0);
          for (int r = 0; r < n; r++) {
            if (nulls[r]) {
              out.appendNull();
            } else {
              out.appendDouble(values[r]);
            }
          }
        } else {
          if (longs.length < n) {
            longs = new long[n];
          }
          long[] values = longs;
          block.readLongs(0, n, values, 0);
          for (int r = 0; r < n; r++) {
            if (nulls[r]) {
              out.appendNull();
            } else {
              out.appendLong(values[r]);
            }
          }
        }
      }
      rows += n;
      reporter.add(n);
      reporter.report(df.name(), frameIndex, field.name(), false);
    }
    if (rows != df.rowCount()) {
      throw new CurataException(ErrorCode.CORRUPTION, "field '" + field.name() + "' of dataframe '"
          + df.name() + "' has " + rows + " rows in its blocks but the dataframe has "
          + df.rowCount());
    }
  }

  /** Counts copied values and calls the listener at most every 100 ms, and when asked to. */
  private static final class Reporter {
    private final CopyProgressListener listener;
    private final int frames;
    private final long total;
    private long copied;
    private long lastReport = System.nanoTime();

    Reporter(CopyProgressListener listener, int frames, long total) {
      this.listener = listener;
      this.frames = frames;
      this.total = total;
    }

    void add(long values) {
      copied += values;
    }

    void report(String frame, int index, String field, boolean always) {
      long now = System.nanoTime();
      if (always || now - lastReport >= REPORT_EVERY_NANOS) {
        lastReport = now;
        listener.progress(new Progress(frame, index, frames, field, copied, total));
      }
    }
  }
}
