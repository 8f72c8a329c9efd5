package org.curata.storage.importer;

import de.siegmar.fastcsv.reader.CsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import de.siegmar.fastcsv.reader.RecordType;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.curata.storage.CurataException;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldAppender;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.Transaction;

/** Streams one CSV file into a new dataframe of a transaction, one row at a time. */
final class TableImport {
  private static final long PROGRESS_NANOS = 100_000_000L;
  private static final char[] EMPTY = new char[0];

  private final CsvSource source;
  private final String fileName;
  private final ImportOptions options;
  private final RejectReport report;
  private final Progress progress;

  private Column[] mapping;
  private Column[] columns;
  private FieldAppender[] nullFields = new FieldAppender[0];
  private int width;
  private long rows;
  private long rejectedCells;
  private long rejectedRows;
  private String inferredFrom;

  /** Shared progress state of a whole import. */
  static final class Progress {
    final ImportProgressListener listener;
    final int tableCount;
    final long allTotalBytes;
    long doneBytes;
    long lastNanos = System.nanoTime();

    Progress(ImportProgressListener listener, int tableCount, long allTotalBytes) {
      this.listener = listener;
      this.tableCount = tableCount;
      this.allTotalBytes = allTotalBytes;
    }
  }

  TableImport(CsvSource source, ImportOptions options, RejectReport report, Progress progress) {
    this.source = source;
    this.fileName = source.file().toString();
    this.options = options;
    this.report = report;
    this.progress = progress;
  }

  /**
   * Reads the file into a new dataframe of {@code tx}.
   *
   * @param schema the table's schema, or null to infer it
   * @param inferred receives the inferred schema when {@code schema} is null
   */
  TableResult run(Transaction tx, TableSchema schema, int tableIndex, List<TableSchema> inferred) {
    long totalBytes;
    try {
      totalBytes = Files.size(source.file());
    } catch (IOException e) {
      throw new CurataException(ErrorCode.IO, "cannot read " + fileName + ": " + e.getMessage(), e);
    }
    Handler h = new Handler();
    try (CountingInputStream counting = new CountingInputStream(Files.newInputStream(source.file()));
         Reader reader = utf8(counting);
         CsvReader<Object> csv = CsvReader.builder()
             .skipEmptyLines(true)
             .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
             .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
             .build(h, reader)) {
      Iterator<Object> it = csv.iterator();
      h.mode = Handler.HEADER;
      if (!it.hasNext()) {
        throw new CurataException(ErrorCode.INVALID_INPUT, fileName + " is empty; a CSV file needs a header line");
      }
      it.next();
      List<String> header = header(h.header);
      width = header.size();
      List<String> ignored = new ArrayList<>();
      List<String> missing = new ArrayList<>();
      List<String[]> sample = new ArrayList<>();
      List<Long> sampleLines = new ArrayList<>();
      if (schema == null) {
        h.mode = Handler.SAMPLE;
        while (sample.size() < options.sampleRows() && it.hasNext()) {
          it.next();
          sample.add(h.sampleRow.toArray(new String[0]));
          sampleLines.add(h.line);
        }
        schema = infer(header, sample);
        inferred.add(schema);
        inferredFrom = " (its type was inferred from the first " + sample.size()
            + " rows; pass a schema, or import in lenient mode)";
      }
      plan(tx, schema, header, ignored, missing);
      h.mapping = mapping;
      for (int r = 0; r < sample.size(); r++) {
        String[] cells = sample.get(r);
        for (int i = 0; i < cells.length && i < width; i++) {
          Column c = mapping[i];
          if (c != null) {
            String s = cells[i];
            char[] chars = s == null ? EMPTY : s.toCharArray();
            c.parse(chars, 0, chars.length, s != null);
          }
        }
        row(sampleLines.get(r), cells.length);
      }
      sample.clear();
      h.mode = Handler.IMPORT;
      long records = 0;
      while (it.hasNext()) {
        it.next();
        row(h.line, h.cells);
        if ((++records & 1023) == 0) {
          maybeReport(tableIndex, counting.count(), totalBytes, false);
        }
      }
      if (h.lastQuoted && !endsWithQuote(totalBytes)) {
        // FastCSV 4.4 reading from a Reader does not report an unclosed quote at the end of input.
        throw new CurataException(ErrorCode.INVALID_INPUT, fileName + " line " + h.line
            + ": not valid CSV: a quoted cell is still open at the end of the file; check the quotes of that row");
      }
      maybeReport(tableIndex, totalBytes, totalBytes, true);
      progress.doneBytes += totalBytes;
      return new TableResult(source.table(), source.file(), rows, counting.count(), rejectedCells, rejectedRows,
          ignored, missing);
    } catch (CsvParseException e) {
      throw new CurataException(ErrorCode.INVALID_INPUT, fileName + " line " + h.line + ": not valid CSV: "
          + rootMessage(e), e);
    } catch (UncheckedIOException e) {
      throw ioError(h, e.getCause());
    } catch (IOException e) {
      throw ioError(h, e);
    }
  }

  /** True when the file's last character other than CR/LF is a double quote. */
  private boolean endsWithQuote(long size) throws IOException {
    try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(source.file())) {
      int n = (int) Math.min(size, 64);
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(n);
      ch.position(size - n);
      while (buf.hasRemaining() && ch.read(buf) > 0) {
        continue;
      }
      for (int i = buf.position() - 1; i >= 0; i--) {
        byte b = buf.get(i);
        if (b != '\n' && b != '\r') {
          return b == '"';
        }
      }
      return false;
    }
  }

  private CurataException ioError(Handler h, IOException e) {
    if (e instanceof CharacterCodingException) {
      return new CurataException(ErrorCode.INVALID_INPUT, fileName + " line " + h.line
          + ": the file is not valid UTF-8; convert it to UTF-8 (e.g. with iconv) and import again", e);
    }
    return new CurataException(ErrorCode.IO, "cannot read " + fileName + ": " + e.getMessage(), e);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause().getMessage() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  /** A strict UTF-8 reader that skips a byte-order mark. */
  private static Reader utf8(InputStream in) throws IOException {
    PushbackInputStream p = new PushbackInputStream(in, 3);
    byte[] bom = new byte[3];
    int n = p.readNBytes(bom, 0, 3);
    if (!(n == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) {
      p.unread(bom, 0, n);
    }
    return new InputStreamReader(p, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  private List<String> header(List<String> cells) {
    List<String> names = new ArrayList<>(cells.size());
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      String name = cells.get(i).strip();
      Integer prev = seen.putIfAbsent(name, i);
      if (prev != null) {
        throw new CurataException(ErrorCode.INVALID_INPUT, fileName + " line 1: the header names column '" + name
            + "' twice (columns " + (prev + 1) + " and " + (i + 1) + "); column names must be unique");
      }
      names.add(name);
    }
    return names;
  }

  private TableSchema infer(List<String> header, List<String[]> sample) {
    List<ColumnSchema> cols = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).isEmpty()) {
        throw new CurataException(ErrorCode.INVALID_INPUT, fileName + " line 1: column " + (i + 1)
            + " has no name; name every column in the header, or pass a schema");
      }
      TypeInference inf = new TypeInference();
      for (String[] row : sample) {
        if (i < row.length) {
          inf.accept(row[i]);
        }
      }
      cols.add(ColumnSchema.of(header.get(i), inf.type()));
    }
    return new TableSchema(source.table(), cols, List.of());
  }

  /** Creates the dataframe and one Column per imported CSV column. */
  private void plan(Transaction tx, TableSchema schema, List<String> header, List<String> ignored,
      List<String> missing) {
    mapping = new Column[width];
    List<FieldSpec> specs = new ArrayList<>();
    List<ColumnSchema> used = new ArrayList<>();
    int[] csvIndex = new int[width + schema.columns().size()];
    for (int i = 0; i < width; i++) {
      String name = header.get(i);
      ColumnSchema c = schema.column(name).orElse(null);
      if (c == null) {
        if (!options.keepUnknownColumns() || name.isEmpty()) {
          ignored.add(name);
          continue;
        }
        c = ColumnSchema.of(name, FieldType.of(FieldKind.STRING));
      }
      csvIndex[used.size()] = i;
      used.add(c);
    }
    List<String> nullNames = new ArrayList<>();
    for (ColumnSchema c : schema.columns()) {
      if (!header.contains(c.name())) {
        if (!c.optional()) {
          throw new CurataException(ErrorCode.INVALID_INPUT, fileName + " line 1: the header has no column '"
              + c.name() + "', which the schema requires for table '" + schema.name()
              + "'; add the column, or mark the field \"optional\": true in the schema");
        }
        missing.add(c.name());
        nullNames.add(c.name());
        if (c.freetext()) {
          nullNames.add(c.freetextFieldName());
        }
      }
    }
    for (ColumnSchema c : used) {
      specs.add(FieldSpec.of(c.name(), c.type()));
      if (c.freetext()) {
        specs.add(FieldSpec.of(c.freetextFieldName(), FieldType.of(FieldKind.STRING)));
      }
    }
    for (String m : missing) {
      specs.add(FieldSpec.of(m, schema.column(m).orElseThrow().type()));
      if (schema.column(m).orElseThrow().freetext()) {
        specs.add(FieldSpec.of(m + "_freetext", FieldType.of(FieldKind.STRING)));
      }
    }
    checkUnique(specs);
    for (String pk : schema.primaryKeys()) {
      if (!header.contains(pk)) {
        throw new CurataException(ErrorCode.INVALID_INPUT, fileName + " line 1: the header has no column '" + pk
            + "', the primary key of table '" + schema.name() + "'");
      }
    }
    DataFrameAppender df = tx.createDataFrame(source.table(), specs, List.of(), schema.primaryKeys());
    List<Column> cols = new ArrayList<>();
    for (int k = 0; k < used.size(); k++) {
      ColumnSchema c = used.get(k);
      Column col = column(df, c);
      mapping[csvIndex[k]] = col;
      cols.add(col);
    }
    columns = cols.toArray(new Column[0]);
    nullFields = new FieldAppender[nullNames.size()];
    for (int k = 0; k < nullNames.size(); k++) {
      nullFields[k] = df.field(nullNames.get(k));
    }
  }

  private void checkUnique(List<FieldSpec> specs) {
    Map<String, Boolean> seen = new HashMap<>();
    for (FieldSpec s : specs) {
      if (seen.put(s.name(), Boolean.TRUE) != null) {
        throw new CurataException(ErrorCode.INVALID_INPUT, fileName + ": field '" + s.name()
            + "' would be created twice (is there also a column named like a categorical's '_freetext' field?)");
      }
    }
  }

  private static Column column(DataFrameAppender df, ColumnSchema c) {
    FieldType t = c.type();
    switch (t.kind()) {
      case STRING:
        return new StringColumn(c.name(), 0, df.field(c.name()));
      case FIXED_STRING:
        return new StringColumn(c.name(), t.length(), df.field(c.name()));
      case CATEGORICAL: {
        Map<String, Long> labels = c.labels();
        if (labels.isEmpty()) {
          Map<String, Long> l = new HashMap<>();
          t.key().labels().forEach((code, label) -> l.put(label, code));
          labels = l;
        }
        return new CategoricalColumn(c.name(), labels, df.field(c.name()),
            c.freetext() ? df.field(c.freetextFieldName()) : null);
      }
      default:
        return new ScalarColumn(c.name(), t.kind(), c.validation(), df.field(c.name()));
    }
  }

  /** Writes one parsed row (or rejects it). */
  private void row(long line, int cells) {
    if (cells != width) {
      String what = cells + (cells == 1 ? " cell" : " cells") + ", but the header has " + width + " columns";
      if (!options.lenient()) {
        throw new CurataException(ErrorCode.INVALID_INPUT, fileName + " line " + line + ": " + what
            + "; check the quoting of that row (or import in lenient mode to skip such rows)");
      }
      rejectedRows++;
      report.reject(fileName, line, "", "", "row has " + what);
      return;
    }
    Column[] cs = columns;
    for (Column c : cs) {
      if (c.state == Column.BAD) {
        reject(c, line);
        c.appendNull();
      } else {
        c.append();
      }
    }
    for (FieldAppender f : nullFields) {
      f.appendNull();
    }
    rows++;
  }

  private void reject(Column c, long line) {
    if (!options.lenient()) {
      throw new CurataException(ErrorCode.INVALID_INPUT, fileName + " line " + line + ", field '" + c.name
          + "': value [" + c.badText + "] " + c.badReason + (inferredFrom == null ? "" : inferredFrom));
    }
    rejectedCells++;
    report.reject(fileName, line, c.name, c.badText, c.badReason);
  }

  private void maybeReport(int tableIndex, long bytesRead, long totalBytes, boolean force) {
    long now = System.nanoTime();
    if (force || now - progress.lastNanos >= PROGRESS_NANOS) {
      progress.lastNanos = now;
      long read = Math.min(bytesRead, totalBytes);
      progress.listener.progress(new ImportProgress(source.table(), tableIndex, progress.tableCount, rows,
          read, totalBytes, progress.doneBytes + read, progress.allTotalBytes));
    }
  }

  /** Receives FastCSV's callbacks: header names, sample rows as strings, or cells into Columns. */
  private static final class Handler extends CsvCallbackHandler<Object> {
    static final int HEADER = 0;
    static final int SAMPLE = 1;
    static final int IMPORT = 2;

    int mode;
    final List<String> header = new ArrayList<>();
    final List<String> sampleRow = new ArrayList<>();
    Column[] mapping = new Column[0];
    long line;
    int cells;
    boolean lastQuoted;
    private RecordType type = RecordType.DATA;

    @Override
    protected RecordType getRecordType() {
      return type;
    }

    @Override
    protected int getFieldCount() {
      return cells;
    }

    @Override
    protected void beginRecord(long startingLineNumber) {
      line = startingLineNumber;
      cells = 0;
      type = RecordType.DATA;
      if (mode == SAMPLE) {
        sampleRow.clear();
      }
    }

    @Override
    protected void addField(char[] buf, int offset, int len, boolean quoted) {
      int c = cells++;
      lastQuoted = quoted;
      if (mode == IMPORT) {
        if (c < mapping.length) {
          Column col = mapping[c];
          if (col != null) {
            col.parse(buf, offset, len, quoted);
          }
        }
      } else if (mode == SAMPLE) {
        sampleRow.add(len == 0 && !quoted ? null : new String(buf, offset, len));
      } else {
        header.add(new String(buf, offset, len));
      }
    }

    @Override
    protected void setComment(char[] buf, int offset, int len) {
      type = RecordType.COMMENT;
    }

    @Override
    protected void setEmpty() {
      type = RecordType.EMPTY;
    }

    @Override
    protected Object buildRecord() {
      return this;
    }
  }
}
