package org.curata.storage;

/** How a block stores its values (FORMAT.md, "Blocks"). */
public enum Encoding {
  /** Every row has a slot; NULLs are marked in a validity bitmap. */
  DENSE,
  /** A RoaringBitmap of the rows that hold a value, and those values packed. */
  SPARSE
}
