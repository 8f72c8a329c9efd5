package org.curata.storage.importer;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;

/** Writes the cells a lenient import rejected, as CSV: {@code file,line,field,value,reason}. */
final class RejectReport implements AutoCloseable {
  private final Path path;
  private final CsvWriter writer;

  /** Opens (replacing) a report file and writes its header; null writes nothing. */
  RejectReport(Path path) {
    this.path = path;
    if (path == null) {
      writer = null;
      return;
    }
    try {
      writer = CsvWriter.builder().build(path);
      writer.writeRecord("file", "line", "field", "value", "reason");
    } catch (IOException | UncheckedIOException e) {
      throw new CurataException(ErrorCode.IO, "cannot write the reject report " + path + ": " + e.getMessage(), e);
    }
  }

  /** Records one rejected cell or row. */
  void reject(String file, long line, String field, String value, String reason) {
    if (writer == null) {
      return;
    }
    try {
      writer.writeRecord(file, Long.toString(line), field, value, reason);
    } catch (UncheckedIOException e) {
      throw new CurataException(ErrorCode.IO, "cannot write the reject report " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException e) {
        throw new CurataException(ErrorCode.IO, "cannot write the reject report " + path + ": " + e.getMessage(), e);
      }
    }
  }
}
