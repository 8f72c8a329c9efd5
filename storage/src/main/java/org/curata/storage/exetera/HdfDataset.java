package org.curata.storage.exetera;

import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.curata.storage.CategoricalKey;
import org.curata.storage.CurataException;
import org.curata.storage.DataFrame;
import org.curata.storage.ErrorCode;
import org.curata.storage.Field;
import org.curata.storage.FieldKind;
import org.curata.storage.Snapshot;
import org.curata.storage.Transaction;
import org.curata.storage.VacuumResult;
import org.curata.storage.VerifyReport;
import org.curata.storage.VersionInfo;

/**
 * An ExeTera HDF5 file as a read-only dataset of one version: the file's structure (groups,
 * attributes, keys) is read when it is opened, its arrays only block by block (docs/EXETERA.md).
 */
final class HdfDataset implements ExeteraDataset {
  private final HdfFileAccess file;
  private final VersionInfo version;
  private final List<DataFrame> frames;
  private final List<String> warnings;

  private HdfDataset(HdfFileAccess file, VersionInfo version, List<DataFrame> frames,
      List<String> warnings) {
    this.file = file;
    this.version = version;
    this.frames = List.copyOf(frames);
    this.warnings = List.copyOf(warnings);
  }

  /** Opens a file; on failure the file is closed again. */
  static HdfDataset open(Path path, ExeteraOptions options) {
    HdfFileAccess file = HdfFileAccess.open(path);
    try {
      Instant mtime;
      try {
        mtime = Files.getLastModifiedTime(path).toInstant();
      } catch (IOException e) {
        throw new CurataException(ErrorCode.IO, "cannot read the modification time of '" + path
            + "': " + e.getMessage(), e);
      }
      VersionInfo v = new VersionInfo(1, mtime, "ExeTera file " + path.getFileName(), "");
      List<String> warnings = new ArrayList<>();
      List<DataFrame> frames = readFrames(file, options, warnings);
      return new HdfDataset(file, v, frames, warnings);
    } catch (CurataException e) {
      file.close();
      throw e;
    } catch (RuntimeException e) {
      file.close();
      throw new CurataException(ErrorCode.CORRUPTION, "ExeTera file '" + path.getFileName()
          + "': its structure cannot be read (" + e.getClass().getSimpleName() + ": "
          + e.getMessage() + "); the file may be truncated or damaged", e);
    }
  }

  private static List<DataFrame> readFrames(HdfFileAccess file, ExeteraOptions options,
      List<String> warnings) {
    Map<String, Node> top = file.read("/", () -> file.root().getChildren());
    FieldParser parser = new FieldParser(file, warnings);
    List<DataFrame> frames = new ArrayList<>();
    for (String name : FieldParser.sorted(top)) {
      Node n = top.get(name);
      if (!n.isGroup()) {
        warnings.add("ExeTera file '" + file.path().getFileName() + "': top-level array '" + name
            + "' is not a dataframe; skipped");
        continue;
      }
      if (!FieldParser.isDataFrame(n)) {
        continue;
      }
      DataFrame df = readFrame(file, parser, (Group) n, options, warnings);
      if (df.fields().isEmpty()) {
        warnings.add("ExeTera file '" + file.path().getFileName() + "': group '" + name
            + "' holds no field groups; it is not a dataframe and is skipped");
      } else {
        frames.add(df);
      }
    }
    return frames;
  }

  private static DataFrame readFrame(HdfFileAccess file, FieldParser parser, Group g,
      ExeteraOptions options, List<String> warnings) {
    String frame = g.getName();
    Map<String, Node> children = file.read(g.getPath(), g::getChildren);
    Map<String, FieldSource> sources = new LinkedHashMap<>();
    for (String name : FieldParser.sorted(children)) {
      Node n = children.get(name);
      if (!n.isGroup()) {
        warnings.add("dataframe '" + frame + "': array '" + name + "' is not a field group; "
            + "skipped");
        continue;
      }
      FieldSource src = parser.parse((Group) n);
      sources.put(name, src);
      if (src instanceof FieldSource.Categorical c) {
        checkKeyWrap(file, frame, name, c, options.blockRows(), warnings);
      }
    }
    long rows = 0;
    long min = Long.MAX_VALUE;
    for (FieldSource s : sources.values()) {
      rows = Math.max(rows, s.length());
      min = Math.min(min, s.length());
    }
    if (!sources.isEmpty() && min != rows) {
      StringBuilder sb = new StringBuilder();
      for (Map.Entry<String, FieldSource> e : sources.entrySet()) {
        if (e.getValue().length() != rows) {
          sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(" (")
              .append(e.getValue().length()).append(')');
        }
      }
      warnings.add("dataframe '" + frame + "': fields differ in length; the dataframe has "
          + rows + " rows and these shorter fields read NULL beyond their end: " + sb);
    }
    List<Field> fields = new ArrayList<>();
    for (Map.Entry<String, FieldSource> e : sources.entrySet()) {
      List<FieldSource> flags = new ArrayList<>();
      for (String suffix : options.flagSuffixes()) {
        FieldSource f = sources.get(e.getKey() + suffix);
        if (f != null && f.type().kind() == FieldKind.BOOL) {
          flags.add(f);
        }
      }
      fields.add(new HdfField(frame, e.getKey(), e.getValue(), flags, rows, options.blockRows(),
          options.blockBytes()));
    }
    return new HdfDataFrame(frame, rows, fields);
  }

  /** Rows of a categorical scanned for evidence of a wrapped key, at most, per open. */
  static final long WRAP_SCAN_ROWS = 1 << 20;

  /**
   * ExeTera writes a categorical's key values as int8 whatever the code type, so a key value
   * over 127 wraps (300 is stored as 44). A wider categorical is scanned when the file is opened,
   * block by block, until the first code with no key entry whose int8 wrap has one (reported) or
   * {@link #WRAP_SCAN_ROWS} rows: opening stays cheap however large the field. The key is read
   * as ExeTera reads it (44 names the label), so such codes read NULL.
   */
  private static void checkKeyWrap(HdfFileAccess file, String frame, String field,
      FieldSource.Categorical c, int blockRows, List<String> warnings) {
    CategoricalKey key = c.type().key();
    if (key.codeKind() == FieldKind.INT8) {
      return;
    }
    long len = Math.min(c.length(), WRAP_SCAN_ROWS);
    for (long from = 0; from < len; from += blockRows) {
      int n = (int) Math.min(blockRows, len - from);
      FieldSource.Decoded d = c.read(from, n);
      for (int i = 0; i < n; i++) {
        long code = d.longs()[i];
        if (key.label(code) == null && key.label((byte) code) != null) {
          String label = key.label((byte) code);
          warnings.add("ExeTera file '" + file.path().getFileName() + "', dataframe '" + frame
              + "', categorical field '" + field + "': code " + code + " has no key entry (row "
              + (from + i) + "), but key value " + (byte) code + " ('" + label
              + "') is probably " + code + " wrapped to int8 by ExeTera; as in ExeTera, key value "
              + (byte) code + " names '" + label + "' and code " + code + " reads NULL (the "
              + "first such code found; others may exist)");
          return;
        }
      }
    }
  }

  /** Chunks read so far (tests check that reads are lazy). */
  long chunksRead() {
    return file.chunksRead();
  }

  @Override
  public Path file() {
    return file.path();
  }

  @Override
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public Path directory() {
    return file.path();
  }

  @Override
  public Snapshot snapshot() {
    return new HdfSnapshot(version, frames);
  }

  @Override
  public Snapshot snapshot(long versionId) {
    if (versionId != version.id()) {
      throw new CurataException(ErrorCode.NOT_FOUND, "ExeTera file '" + file.path()
          + "' has one version, 1; version " + versionId + " does not exist");
    }
    return snapshot();
  }

  @Override
  public List<VersionInfo> versions() {
    return List.of(version);
  }

  private CurataException readOnly(String what) {
    return new CurataException(ErrorCode.UNSUPPORTED, "cannot " + what + " ExeTera file '"
        + file.path() + "': ExeTera files are read-only in Curata; import it into a Curata "
        + "dataset to write");
  }

  @Override
  public Transaction beginWrite(String message) {
    throw readOnly("write to");
  }

  @Override
  public VacuumResult vacuum(int keepVersions) {
    throw readOnly("vacuum");
  }

  @Override
  public VerifyReport verify() {
    List<String> problems = new ArrayList<>();
    long blocks = 0;
    for (DataFrame df : frames) {
      for (Field f : df.fields()) {
        int n = f.blocks().size();
        for (int i = 0; i < n; i++) {
          try {
            f.block(i);
            blocks++;
          } catch (CurataException e) {
            problems.add("dataframe '" + df.name() + "', field '" + f.name() + "', block " + i
                + ": " + e.getMessage());
            break;
          }
        }
      }
    }
    return new VerifyReport(1, 1, blocks, problems);
  }

  @Override
  public void close() {
    file.close();
  }

  @Override
  public String toString() {
    return "ExeTera file " + file.path();
  }

  /** The one version of the file; nothing to release on close. */
  private record HdfSnapshot(VersionInfo version, List<DataFrame> dataFrames) implements Snapshot {
    @Override
    public void close() {
    }
  }
}
