package org.curata.storage;

import java.util.Objects;

/** The declaration of a field: its name, its type and whether it may hold NULLs. */
public record FieldSpec(String name, FieldType type, boolean nullable) {
  public FieldSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (name.isEmpty()) {
      throw new CurataException(ErrorCode.INVALID_INPUT, "a field name must not be empty");
    }
  }

  /** A nullable field. */
  public static FieldSpec of(String name, FieldType type) {
    return new FieldSpec(name, type, true);
  }
}
