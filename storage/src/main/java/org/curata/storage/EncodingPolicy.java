package org.curata.storage;

/**
 * How a writer chooses the {@link Encoding} of each block it writes (FORMAT.md, "Dense or
 * sparse"); readers accept either encoding, so the choice never changes results.
 */
public enum EncodingPolicy {
  /** Sparse when at most a quarter of the block's rows hold a value, dense otherwise. */
  BY_DENSITY,
  /** Every block dense, whatever its NULLs (for tests and benchmarks). */
  DENSE,
  /** Every block sparse, even with no NULL at all (for tests and benchmarks). */
  SPARSE
}
