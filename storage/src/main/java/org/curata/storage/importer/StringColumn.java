package org.curata.storage.importer;

import org.curata.storage.FieldAppender;

/**
 * A column of a string or fixed-string field. An empty cell is NULL and a quoted empty cell
 * ({@code ""}) the empty string; a fixed string longer than its length is a bad value (ExeTera
 * truncates it silently).
 */
final class StringColumn extends Column {
  private final int fixedLength;
  private byte[] utf8 = new byte[64];
  private int utf8Length;

  /** A column of an indexed string ({@code fixedLength} 0) or a fixed string of n bytes. */
  StringColumn(String name, int fixedLength, FieldAppender appender) {
    super(name, fixedLength == 0 ? "string" : "fixed_string(" + fixedLength + ")", appender);
    this.fixedLength = fixedLength;
  }

  @Override
  void parse(char[] b, int off, int len, boolean quoted) {
    if (len == 0 && !quoted) {
      state = NULL;
      return;
    }
    utf8Length = encode(b, off, len);
    if (fixedLength > 0 && utf8Length > fixedLength) {
      bad(b, off, len, "is " + utf8Length + " bytes long, longer than the field's " + typeName);
      return;
    }
    state = VALUE;
  }

  /** Encodes chars as UTF-8 into {@link #utf8}; returns the byte count. */
  private int encode(char[] b, int off, int len) {
    if (utf8.length < len * 3) {
      utf8 = new byte[Math.max(len * 3, utf8.length * 2)];
    }
    byte[] out = utf8;
    int n = 0;
    int end = off + len;
    for (int i = off; i < end; i++) {
      char c = b[i];
      if (c < 0x80) {
        out[n++] = (byte) c;
      } else if (c < 0x800) {
        out[n++] = (byte) (0xC0 | (c >> 6));
        out[n++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(b[i + 1])) {
        int cp = Character.toCodePoint(c, b[++i]);
        out[n++] = (byte) (0xF0 | (cp >> 18));
        out[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        out[n++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        out[n++] = (byte) '?';
      } else {
        out[n++] = (byte) (0xE0 | (c >> 12));
        out[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[n++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return n;
  }

  @Override
  void append() {
    if (state == VALUE) {
      appender.appendBytes(utf8, 0, utf8Length);
    } else {
      appender.appendNull();
    }
  }
}
