package org.curata.storage.importer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.curata.storage.FieldAppender;

/**
 * A column of a categorical field: a cell is matched exactly (no trimming, as ExeTera does) against
 * the schema's labels. An empty cell takes the code of the label "" when the schema has one, else
 * NULL. Text outside the labels is, with freetext, code NULL plus the text in the
 * {@code <field>_freetext} field (NULL there for rows in the key); without, a bad value.
 */
final class CategoricalColumn extends Column {
  private static final int LINEAR_LIMIT = 16;

  private final char[][] labels;
  private final long[] codes;
  private final Map<String, Long> byLabel;
  private final FieldAppender freetext;
  private final StringColumn freetextColumn;
  private final String expected;
  private long pendingCode;
  private boolean pendingFreetext;

  /** A categorical column; {@code freetext} is the appender of the free-text field, or null. */
  CategoricalColumn(String name, Map<String, Long> labelCodes, FieldAppender appender, FieldAppender freetext) {
    super(name, "categorical", appender);
    List<String> names = new ArrayList<>(labelCodes.keySet());
    names.sort(null);
    labels = new char[names.size()][];
    codes = new long[names.size()];
    for (int i = 0; i < names.size(); i++) {
      labels[i] = names.get(i).toCharArray();
      codes[i] = labelCodes.get(names.get(i));
    }
    byLabel = labels.length > LINEAR_LIMIT ? new HashMap<>(labelCodes) : null;
    this.freetext = freetext;
    this.freetextColumn = freetext == null ? null : new StringColumn(name + "_freetext", 0, freetext);
    StringBuilder sb = new StringBuilder("is not one of the field's categories (");
    for (int i = 0; i < names.size() && i < 12; i++) {
      sb.append(i == 0 ? "" : ", ").append('\'').append(names.get(i)).append('\'');
    }
    this.expected = sb.append(names.size() > 12 ? ", …)" : ")").toString();
  }

  @Override
  void parse(char[] b, int off, int len, boolean quoted) {
    int found = -1;
    if (byLabel == null) {
      for (int i = 0; i < labels.length && found < 0; i++) {
        char[] l = labels[i];
        if (l.length == len && java.util.Arrays.equals(l, 0, len, b, off, off + len)) {
          found = i;
        }
      }
      if (found >= 0) {
        pendingCode = codes[found];
      }
    } else {
      Long c = byLabel.get(new String(b, off, len));
      if (c != null) {
        found = 0;
        pendingCode = c;
      }
    }
    pendingFreetext = false;
    if (found >= 0) {
      state = VALUE;
    } else if (len == 0) {
      state = NULL;
    } else if (freetext != null) {
      state = NULL;
      pendingFreetext = true;
      freetextColumn.parse(b, off, len, quoted);
    } else {
      bad(b, off, len, expected);
    }
  }

  @Override
  void append() {
    if (state == VALUE) {
      appender.appendLong(pendingCode);
    } else {
      appender.appendNull();
    }
    if (freetext != null) {
      if (pendingFreetext) {
        freetextColumn.append();
      } else {
        freetext.appendNull();
      }
    }
  }

  @Override
  void appendNull() {
    appender.appendNull();
    if (freetext != null) {
      freetext.appendNull();
    }
  }
}
