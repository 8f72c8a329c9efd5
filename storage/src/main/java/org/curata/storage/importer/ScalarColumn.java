package org.curata.storage.importer;

import org.curata.storage.FieldAppender;
import org.curata.storage.FieldKind;

/** A column of a numeric, timestamp or date field, parsed without allocating. */
final class ScalarColumn extends Column {
  private final FieldKind kind;
  private final ValidationMode validation;
  private final ValueParser parser = new ValueParser();
  private final String notA;
  private long pendingLong;
  private double pendingDouble;

  ScalarColumn(String name, FieldKind kind, ValidationMode validation, FieldAppender appender) {
    super(name, typeName(kind), appender);
    this.kind = kind;
    this.validation = validation;
    this.notA = "is not " + article(typeName);
  }

  private static String typeName(FieldKind kind) {
    return kind == FieldKind.TIMESTAMP ? "datetime" : kind.exeteraName();
  }

  @Override
  void parse(char[] b, int off, int len, boolean quoted) {
    if (ValueParser.isBlank(b, off, len)) {
      if (validation == ValidationMode.STRICT) {
        bad(b, off, len, "is empty, but the schema's validation_mode for it is strict");
      } else {
        state = NULL;
      }
      return;
    }
    boolean ok;
    switch (kind) {
      case BOOL:
        ok = parser.parseBool(b, off, len);
        pendingLong = parser.longValue;
        break;
      case TIMESTAMP:
        ok = parser.parseTimestamp(b, off, len);
        pendingLong = parser.longValue;
        break;
      case DATE:
        ok = parser.parseDate(b, off, len);
        pendingLong = parser.longValue;
        break;
      case FLOAT32:
        ok = parser.parseDouble(b, off, len);
        pendingDouble = parser.doubleValue;
        if (ok && Double.isFinite(pendingDouble) && Float.isInfinite((float) pendingDouble)) {
          ok = false;
        }
        break;
      case FLOAT64:
        ok = parser.parseDouble(b, off, len);
        pendingDouble = parser.doubleValue;
        break;
      default:
        ok = parser.parseLong(b, off, len) && ImportSchema.fits(kind, parser.longValue);
        pendingLong = parser.longValue;
        break;
    }
    if (ok) {
      state = VALUE;
    } else if (validation == ValidationMode.RELAXED) {
      state = NULL;
    } else {
      bad(b, off, len, notA);
    }
  }

  @Override
  void append() {
    if (state != VALUE) {
      appender.appendNull();
    } else if (kind == FieldKind.FLOAT32 || kind == FieldKind.FLOAT64) {
      appender.appendDouble(pendingDouble);
    } else {
      appender.appendLong(pendingLong);
    }
  }
}
