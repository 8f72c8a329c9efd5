package org.curata.storage.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.curata.storage.Block;
import org.curata.storage.BlockInfo;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldAppender;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.block.BlockBuffer;
import org.curata.storage.block.BlockFormat;
import org.curata.storage.block.EncodedBlock;
import org.curata.storage.io.FileIO;

/**
 * Appends to one field: before the first new value, takes back the field's partial last block
 * (FORMAT.md, "Appending to a partial block"); buffers a block, writes each full block to the
 * field's data file of this transaction (FORMAT.md, "Data files"). Not thread-safe.
 */
final class FileFieldAppender implements FieldAppender {
  private static final ByteBuffer ZEROS = ByteBuffer.allocate(BlockFormat.ALIGN);
  /**
   * An indexed-string tail larger than this is left as it is: its row count says little about
   * its size, and rewriting tens of MiB for every small commit would cost more than a new block.
   */
  static final long MAX_MERGED_STRING_TAIL_BYTES = BlockFormat.MAX_BLOCK_DATA_BYTES / 2;

  private final FileTransaction tx;
  private final FileTransaction.FieldState field;
  private final BlockBuffer buffer;
  private final String where;
  private final String dataFrame;
  private FileIO.WritableFile file;
  private String relPath;
  private long position;
  private long nextFirstRow;
  private long count;
  private boolean dropped;
  private boolean finished;
  private boolean tailChecked;

  FileFieldAppender(FileTransaction tx, String dataFrame, FileTransaction.FieldState field,
      long baseRows) {
    this.tx = tx;
    this.field = field;
    this.where = "field '" + field.spec.name() + "' of dataframe '" + dataFrame + "'";
    this.dataFrame = dataFrame;
    this.buffer = new BlockBuffer(where, field.spec.type(), field.spec.nullable(), tx.blockRows(),
        tx.encodingPolicy());
    this.nextFirstRow = baseRows;
  }

  @Override
  public FieldSpec spec() {
    return field.spec;
  }

  private void check() {
    tx.checkOpen();
    if (dropped) {
      throw new CurataException(ErrorCode.INVALID_INPUT, where + " was dropped in this transaction");
    }
    if (!tailChecked) {
      mergeTail();
      tailChecked = true;
    }
  }

  /**
   * Moves the rows of the field's last block, when it holds fewer rows than a block may, into
   * the buffer ahead of the new rows; the merged block then replaces it in the new manifest, and
   * the old block stays in its file for the versions that still reference it. Only this one block
   * is ever re-read, so a commit re-reads fewer than {@code blockRows} rows per field, and a
   * field written in many small commits gets the same block boundaries as if written at once.
   */
  private void mergeTail() {
    if (field.blocks.isEmpty()) {
      return;
    }
    int last = field.blocks.size() - 1;
    BlockInfo tail = field.blocks.get(last);
    if (tail.rowCount() >= buffer.capacity()
        || tail.firstRow() + tail.rowCount() != nextFirstRow
        || (field.spec.type().storageKind() == FieldKind.STRING
            && tail.length() > MAX_MERGED_STRING_TAIL_BYTES)) {
      return;
    }
    String blockWhere = "block " + last + " of field '" + field.spec.name() + "' in dataframe '"
        + dataFrame + "'";
    Block b = tx.readBaseBlock(tail, field.spec.type(), blockWhere);
    buffer.appendBlock(b);
    field.blocks.remove(last);
    nextFirstRow = tail.firstRow();
  }

  @Override
  public void appendNull() {
    check();
    buffer.appendNull();
    appended();
  }

  @Override
  public void appendLong(long value) {
    check();
    buffer.appendLong(value);
    appended();
  }

  @Override
  public void appendDouble(double value) {
    check();
    buffer.appendDouble(value);
    appended();
  }

  @Override
  public void appendBytes(byte[] bytes, int offset, int length) {
    check();
    if (buffer.needsFlushBefore(length)) {
      flush();
    }
    buffer.appendBytes(bytes, offset, length);
    appended();
  }

  @Override
  public void appendString(String value) {
    check();
    if (value != null && buffer.needsFlushBefore(value.length() * 3)) {
      flush();
    }
    buffer.appendString(value);
    appended();
  }

  private void appended() {
    count++;
    if (buffer.isFull()) {
      flush();
    }
  }

  @Override
  public long count() {
    return count;
  }

  void drop() {
    dropped = true;
  }

  private void flush() {
    if (buffer.rows() == 0) {
      return;
    }
    EncodedBlock e = buffer.encode();
    try {
      if (file == null) {
        Path p = tx.newDataFile(this);
        relPath = Layout.DATA + "/" + p.getFileName();
        file = tx.io().create(p);
        file.write(BlockStore.newHeader());
        position = BlockFormat.FILE_HEADER_BYTES;
      }
      long aligned = BlockFormat.align(position);
      if (aligned > position) {
        file.write(ZEROS.duplicate().limit((int) (aligned - position)));
      }
      int length = e.bytes().remaining();
      file.write(e.bytes());
      field.blocks.add(new BlockInfo(field.blocks.size(), nextFirstRow, e.encoding(), e.stats(),
          relPath, aligned, length, e.checksum()));
      nextFirstRow += e.stats().rowCount();
      position = aligned + length;
    } catch (IOException ex) {
      throw tx.fail("writing " + where, ex);
    }
  }

  /** Writes the last, partial block and makes the file durable. */
  void finish() throws IOException {
    if (finished || dropped) {
      return;
    }
    flush();
    if (file != null) {
      file.force();
      file.close();
      file = null;
    }
    finished = true;
  }

  void closeQuietly() {
    if (file != null) {
      try {
        file.close();
      } catch (IOException e) {
        // The file is deleted or left to vacuum; nothing else can be done.
      }
      file = null;
    }
  }
}
