package org.curata.storage.importer;

import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * Infers one column's type from sample values: the narrowest of bool, int32, int64, float64,
 * date, timestamp (datetime) and string that every non-empty sample value fits. Bool needs a word
 * (true, no, …) among the values: a column of only 0 and 1 is int32. A column with no value in the
 * sample is a string.
 */
final class TypeInference {
  private final ValueParser parser = new ValueParser();
  private boolean any;
  private boolean bool = true;
  private boolean boolWord;
  private boolean int32 = true;
  private boolean int64 = true;
  private boolean float64 = true;
  private boolean date = true;
  private boolean timestamp = true;

  /** Takes one sample cell (null or blank: no information). */
  void accept(String cell) {
    if (cell == null) {
      return;
    }
    char[] b = cell.toCharArray();
    if (ValueParser.isBlank(b, 0, b.length)) {
      return;
    }
    any = true;
    if (bool) {
      bool = parser.parseBool(b, 0, b.length);
      if (bool) {
        char c = cell.strip().charAt(0);
        boolWord |= c != '0' && c != '1';
      }
    }
    if (int64) {
      int64 = parser.parseLong(b, 0, b.length);
      int32 &= int64 && parser.longValue >= Integer.MIN_VALUE && parser.longValue <= Integer.MAX_VALUE;
    }
    if (float64) {
      float64 = parser.parseDouble(b, 0, b.length);
    }
    if (date) {
      date = parser.parseDate(b, 0, b.length);
    }
    if (timestamp) {
      timestamp = parser.parseTimestamp(b, 0, b.length);
    }
  }

  /** The inferred type. */
  FieldType type() {
    FieldKind kind;
    if (!any) {
      kind = FieldKind.STRING;
    } else if (bool && boolWord) {
      kind = FieldKind.BOOL;
    } else if (int32) {
      kind = FieldKind.INT32;
    } else if (int64) {
      kind = FieldKind.INT64;
    } else if (float64) {
      kind = FieldKind.FLOAT64;
    } else if (date) {
      kind = FieldKind.DATE;
    } else if (timestamp) {
      kind = FieldKind.TIMESTAMP;
    } else {
      kind = FieldKind.STRING;
    }
    return FieldType.of(kind);
  }
}
