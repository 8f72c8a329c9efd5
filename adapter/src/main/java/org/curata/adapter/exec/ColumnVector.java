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
  /**
   * For a string column read from dictionary-encoded blocks: each slot's code in
   * {@link #dictionary} (-1 for NULL), valid at the same positions as the values; null otherwise.
   * Set per batch by the scan, and by an aggregate whose string group keys all came with codes;
   * operators that copy values do not carry it.
   */
  int[] codes;
  /** The dictionary {@link #codes} index, or null when this batch's values carry no codes. */
  org.curata.storage.Dictionary dictionary;

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

  /** Copies the value (or NULL) at {@code srcPos} of {@code src}, of the same kind, to {@code dst}. */
  void copyFrom(int dst, ColumnVector src, int srcPos) {
    boolean isNull = src.nulls[srcPos];
    nulls[dst] = isNull;
    switch (kind) {
      case LONG:
        longs[dst] = src.longs[srcPos];
        break;
      case DOUBLE:
        doubles[dst] = src.doubles[srcPos];
        break;
      default:
        bytes[dst] = isNull ? null : src.bytes[srcPos];
        break;
    }
  }

  /** Slots this vector holds. */
  int capacity() {
    return nulls.length;
  }

  /**
   * An estimate of the heap bytes one buffered value of a type takes (the value, its NULL flag,
   * and for strings the array header and a reference), used against the memory budget.
   */
  public static long valueBytes(FieldType type, int stringBytes) {
    switch (kindOf(type)) {
      case LONG:
      case DOUBLE:
        return 9;
      default:
        return 1 + 8 + 16 + stringBytes;
    }
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
