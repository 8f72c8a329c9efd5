package org.curata.storage;

/**
 * The ExeTera field types and their physical storage in Curata (FORMAT.md, "Field types").
 *
 * <p>Integer-like kinds (bool, signed and unsigned integers, categorical codes, timestamps in
 * microseconds since 1970-01-01 UTC, dates in days since 1970-01-01) are read through
 * {@link Block#getLong}; float kinds through {@link Block#getDouble}; string kinds through
 * {@link Block#getBytes} / {@link Block#getString}.
 */
public enum FieldKind {
  BOOL(1, "bool"),
  INT8(1, "int8"),
  INT16(2, "int16"),
  INT32(4, "int32"),
  INT64(8, "int64"),
  UINT8(1, "uint8"),
  UINT16(2, "uint16"),
  UINT32(4, "uint32"),
  FLOAT32(4, "float32"),
  FLOAT64(8, "float64"),
  /** Integer codes (width from the key's code kind) plus a key of labels. */
  CATEGORICAL(-1, "categorical"),
  /** Exactly n bytes per value (NUL padded). */
  FIXED_STRING(-1, "fixed_string"),
  /** Variable-length UTF-8 (offsets + bytes). */
  STRING(-1, "string"),
  /** Microseconds since 1970-01-01T00:00:00Z, stored as int64. */
  TIMESTAMP(8, "timestamp"),
  /** Days since 1970-01-01, stored as int32. */
  DATE(4, "date");

  private final int width;
  private final String exeteraName;

  FieldKind(int width, String exeteraName) {
    this.width = width;
    this.exeteraName = exeteraName;
  }

  /** Bytes per value for fixed-width kinds; -1 where the width depends on the field. */
  public int width() {
    return width;
  }

  /** The name ExeTera uses for this type (a value_type or field_type). */
  public String exeteraName() {
    return exeteraName;
  }

  /** True for kinds read through {@link Block#getLong}. */
  public boolean isIntegral() {
    switch (this) {
      case FLOAT32: case FLOAT64: case FIXED_STRING: case STRING:
        return false;
      default:
        return true;
    }
  }

  /** True for float32 and float64. */
  public boolean isFloating() {
    return this == FLOAT32 || this == FLOAT64;
  }

  /** True for fixed and indexed strings. */
  public boolean isString() {
    return this == FIXED_STRING || this == STRING;
  }

  /** True for kinds that may be the code type of a categorical key. */
  public boolean isCodeKind() {
    return this == INT8 || this == INT16 || this == INT32 || this == UINT8 || this == UINT16;
  }
}
