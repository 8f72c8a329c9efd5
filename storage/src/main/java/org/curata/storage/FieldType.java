package org.curata.storage;

import java.util.Objects;

/**
 * A field's full type: its kind, the length of a fixed string, or the key of a categorical.
 *
 * @param kind the kind
 * @param length bytes per value of a FIXED_STRING; 0 otherwise
 * @param key the key of a CATEGORICAL; null otherwise
 */
public record FieldType(FieldKind kind, int length, CategoricalKey key) {
  public FieldType {
    Objects.requireNonNull(kind, "kind");
    if (kind == FieldKind.FIXED_STRING && length <= 0) {
      throw new CurataException(ErrorCode.INVALID_INPUT, "fixed_string needs a length > 0, got " + length);
    }
    if (kind != FieldKind.FIXED_STRING && length != 0) {
      throw new CurataException(ErrorCode.INVALID_INPUT, kind.exeteraName() + " takes no length");
    }
    if ((kind == FieldKind.CATEGORICAL) != (key != null)) {
      throw new CurataException(ErrorCode.INVALID_INPUT, "a categorical field, and only one, has a key");
    }
  }

  /** A type of a kind that needs neither length nor key. */
  public static FieldType of(FieldKind kind) {
    return new FieldType(kind, 0, null);
  }

  /** A fixed string of n bytes. */
  public static FieldType fixedString(int length) {
    return new FieldType(FieldKind.FIXED_STRING, length, null);
  }

  /** A categorical with the given key. */
  public static FieldType categorical(CategoricalKey key) {
    return new FieldType(FieldKind.CATEGORICAL, 0, key);
  }

  /** The kind values are physically stored as (the code kind for a categorical). */
  public FieldKind storageKind() {
    return kind == FieldKind.CATEGORICAL ? key.codeKind() : kind;
  }

  /** Bytes per value in a dense block; -1 for indexed strings. */
  public int width() {
    switch (kind) {
      case CATEGORICAL: return key.codeKind().width();
      case FIXED_STRING: return length;
      default: return kind.width();
    }
  }

  @Override
  public String toString() {
    switch (kind) {
      case FIXED_STRING: return "fixed_string(" + length + ")";
      case CATEGORICAL: return key.toString();
      default: return kind.exeteraName();
    }
  }
}
