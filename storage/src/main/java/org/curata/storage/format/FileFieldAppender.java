package org.curata.storage.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import org.curata.storage.Block;
import org.curata.storage.BlockInfo;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldAppender;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.block.BlockBuffer;
import org.curata.storage.StringEncoding;
import org.curata.storage.block.BlockFormat;
import org.curata.storage.block.DictionaryBuilder;
import org.curata.storage.block.DictionaryCodec;
import org.curata.storage.block.DictionarySegment;
import org.curata.storage.block.LoadedDictionary;
import org.curata.storage.block.EncodedBlock;
import org.curata.storage.io.FileIO;

/**
 * Appends to one field: before the first new value, takes back the field's partial last block
 * (FORMAT.md, "Appending to a partial block"); buffers a block, writes each full block to the
 * field's data file of this transaction (FORMAT.md, "Data files"), as dictionary codes when the
 * field is dictionary-encoded, and at commit the dictionary's new entries as one segment
 * (FORMAT.md, "Dictionaries"). Not thread-safe.
 */
final class FileFieldAppender implements FieldAppender {
  /** How this appender stores the field's strings. */
  private enum Mode {
    /** Not a string field, or a string field that stores its strings. */
    PLAIN,
    /** A new string field under {@link StringEncoding#AUTO}: its first block decides. */
    UNDECIDED,
    /** Blocks of codes into the field's dictionary. */
    DICTIONARY
  }

  private static final ByteBuffer ZEROS = ByteBuffer.allocate(BlockFormat.ALIGN);
  /**
   * An indexed-string tail larger than this is left as it is: its row count says little about
   * its size, and rewriting tens of MiB for every small commit would cost more than a new block.
   */
  static final long MAX_MERGED_STRING_TAIL_BYTES = BlockFormat.MAX_BLOCK_DATA_BYTES / 2;
  /**
   * {@link StringEncoding#AUTO} picks a dictionary when at least one in this many non-NULL values
   * of a field's first block repeats an earlier value of that block.
   */
  static final int AUTO_REPEAT_DIVISOR = 32;
  /** A last dictionary segment with fewer entries than this (and under the byte bound) is merged. */
  static final int MERGED_SEGMENT_ENTRIES = 1 << 16;
  /** A last dictionary segment with fewer bytes than this (and under the entry bound) is merged. */
  static final long MERGED_SEGMENT_BYTES = 4L << 20;

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
  private Mode mode;
  /** The field's dictionary with this transaction's new entries; loaded at the first need. */
  private DictionaryBuilder dictionary;

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
    Block b = tx.readBaseBlock(tail, field.spec.type(),
        tail.dictionaryCodes() ? baseDictionary() : null, blockWhere);
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

  /** The field's persisted dictionary (verified), to extend or to decode a merged tail. */
  private LoadedDictionary baseDictionary() {
    if (field.dictionary == null || field.dictionary.isEmpty()) {
      return LoadedDictionary.empty();
    }
    return tx.readBaseDictionary(field.dictionary, field.spec.type(), where);
  }

  /**
   * How the field is stored, decided at its first flush (after any tail merge): a field keeps
   * the encoding it has; a field without blocks or dictionary follows the writer's setting.
   * A field whose only block was merged back into the buffer is new again, so AUTO judges the
   * merged rows (FORMAT.md, "Choosing a dictionary").
   */
  private Mode initialMode() {
    if (!field.spec.type().storageKind().isString()) {
      return Mode.PLAIN;
    }
    if (field.dictionary != null) {
      return Mode.DICTIONARY;
    }
    if (!field.blocks.isEmpty()) {
      return Mode.PLAIN;
    }
    switch (tx.stringEncoding()) {
      case PLAIN:
        return Mode.PLAIN;
      case DICTIONARY:
        field.dictionary = new ArrayList<>();
        return Mode.DICTIONARY;
      default:
        return Mode.UNDECIDED;
    }
  }

  /** Encodes the buffered block as the field's mode says (FORMAT.md, "Choosing a dictionary"). */
  private EncodedBlock encode(boolean last) {
    if (mode == null) {
      mode = initialMode();
    }
    if (mode == Mode.UNDECIDED && last) {
      // A first block that is the commit's partial last block is too small a sample: write it
      // plain; the next commit that appends merges it and judges it again.
      return buffer.encode();
    }
    if (mode == Mode.UNDECIDED) {
      DictionaryBuilder trial = new DictionaryBuilder(LoadedDictionary.empty());
      int[] codes = buffer.codes(trial);
      int present = buffer.presentRows();
      // FORMAT.md, "Choosing a dictionary": a dictionary when at least 1 in 32 of the block's
      // values repeats an earlier value of the block.
      if (present > 0 && (long) (present - trial.size()) * AUTO_REPEAT_DIVISOR >= present) {
        mode = Mode.DICTIONARY;
        dictionary = trial;
        field.dictionary = new ArrayList<>();
        return buffer.encodeCodes(codes);
      }
      mode = Mode.PLAIN;
      return buffer.encode();
    }
    if (mode == Mode.DICTIONARY) {
      if (dictionary == null) {
        dictionary = new DictionaryBuilder(baseDictionary());
      }
      // A block whose values could push the dictionary past its bounds is written plain.
      if (dictionary.hasRoomFor(buffer.presentRows(), buffer.valueBytes())) {
        return buffer.encodeCodes(buffer.codes(dictionary));
      }
    }
    return buffer.encode();
  }

  private void openFile() throws IOException {
    if (file == null) {
      Path p = tx.newDataFile(this);
      relPath = Layout.DATA + "/" + p.getFileName();
      file = tx.io().create(p);
      file.write(BlockStore.newHeader(field.dictionary != null));
      position = BlockFormat.FILE_HEADER_BYTES;
    }
  }

  /** Pads the file to the next multiple of 8 and returns that offset. */
  private long align() throws IOException {
    long aligned = BlockFormat.align(position);
    if (aligned > position) {
      file.write(ZEROS.duplicate().limit((int) (aligned - position)));
    }
    return aligned;
  }

  private void flush() {
    flush(false);
  }

  /**
   * Writes the buffered rows as a block.
   *
   * @param last true for the commit's last, partial block, which AUTO does not judge
   */
  private void flush(boolean last) {
    if (buffer.rows() == 0) {
      return;
    }
    EncodedBlock e = encode(last);
    try {
      openFile();
      long aligned = align();
      int length = e.bytes().remaining();
      file.write(e.bytes());
      field.blocks.add(new BlockInfo(field.blocks.size(), nextFirstRow, e.encoding(), e.stats(),
          relPath, aligned, length, e.checksum(), e.dictionaryCodes()));
      nextFirstRow += e.stats().rowCount();
      position = aligned + length;
    } catch (IOException ex) {
      throw tx.fail("writing " + where, ex);
    }
  }

  /**
   * Writes the dictionary's new entries as one segment after the field's blocks, in the same
   * file, so that it is made durable with them before the manifest names it.
   */
  private void writeDictionarySegment() throws IOException {
    if (dictionary == null || dictionary.size() == dictionary.persistedSize()) {
      return;
    }
    int first = dictionary.persistedSize();
    // A small last segment is rewritten with the new entries, so that many small commits do not
    // leave a dictionary of many tiny segments (FORMAT.md, "Dictionaries", "Appending").
    int lastIndex = field.dictionary.size() - 1;
    if (lastIndex >= 0) {
      DictionarySegment tail = field.dictionary.get(lastIndex);
      if (tail.count() < MERGED_SEGMENT_ENTRIES && tail.bytes() < MERGED_SEGMENT_BYTES) {
        field.dictionary.remove(lastIndex);
        first = tail.firstCode();
      }
    }
    byte[][] entries = dictionary.entries(first);
    ByteBuffer seg = DictionaryCodec.encode(field.spec.type(), first, entries);
    long bytes = 0;
    for (byte[] e : entries) {
      bytes += e.length;
    }
    openFile();
    long aligned = align();
    int length = seg.remaining();
    int crc = DictionaryCodec.checksum(seg);
    file.write(seg);
    position = aligned + length;
    field.dictionary.add(new DictionarySegment(relPath, aligned, length, crc, first,
        entries.length, bytes));
    dictionary.persisted();
  }

  /** Writes the last, partial block and the new dictionary entries, and makes the file durable. */
  void finish() throws IOException {
    if (finished || dropped) {
      return;
    }
    flush(true);
    writeDictionarySegment();
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
