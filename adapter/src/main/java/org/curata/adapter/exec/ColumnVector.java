package org.curata.adapter.exec;

import java.util.Objects;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * One column of a batch: primitive values in the physical representation of its storage type
 * (long for integral kinds, double for floats, UTF-8 bytes for strings) and a NULL mask. Slots
 * are valid only at the positions the batch's selection (or the operator filling it) names.
 */
public final class ColumnVector {
  /** The physical representation of a column. */
  public enum Kind { LONG, DOUBLE, BYTES }

  final FieldType type;
  final Kind kind;
  final long[] longs;
  final double[] doubles;
  final byte[][] bytes;
  final boolean[] nulls;

  ColumnVector(FieldType type, int capacity) {
    this.type = Objects.requireNonNull(type, "type");
    this.kind = kindOf(type);
    this.longs = kind == Kind.LONG ? new long[capacity] : null;
    this.doubles = kind == Kind.DOUBLE ? new double[capacity] : null;
    this.bytes = kind == Kind.BYTES ? new byte[capacity][] : null;
    this.nulls = new boolean[capacity];
  }

  /** The physical representation of a storage type. */
  public static Kind kindOf(FieldType type) {
    FieldKind k = type.kind();
    if (k.isFloating()) {
      return Kind.DOUBLE;
    }
    return k.isString() ? Kind.BYTES : Kind.LONG;
  }

  /** The column's storage type (a categorical keeps its key; values are codes). */
  public FieldType type() {
    return type;
  }

  /** The physical representation. */
  public Kind kind() {
    return kind;
  }
}
