package org.curata.storage;

/**
 * Statistics of one block, kept in the manifest so that a scan can skip a block unread.
 *
 * <p>Min/max are over non-NULL values: as {@code long} for integral kinds (bool, integers,
 * categorical codes, timestamp micros, date days), as {@code double} for floats (NaN is ignored;
 * a block of only NaN has no min/max), as bytes for strings (unsigned byte-wise order; a long min
 * is truncated to a prefix, which stays a lower bound; a long max is truncated and its last byte
 * increased, which stays an upper bound, or omitted when that is impossible).
 *
 * <p>A backend that learns a block's statistics only by reading it (the ExeTera HDF5 backend,
 * docs/EXETERA.md) gives a null count of -1, "unknown", and no min/max: a scan must then read
 * the block.
 *
 * @param rowCount rows in the block
 * @param nullCount NULL rows in the block, or -1 when unknown
 * @param hasMinMax false when the block holds no comparable value
 * @param minLong smallest integral value
 * @param maxLong largest integral value
 * @param minDouble smallest float value
 * @param maxDouble largest float value
 * @param minBytes smallest string (possibly a truncated prefix), or null
 * @param maxBytes an upper bound of the largest string, or null when there is none
 */
public record BlockStats(int rowCount, int nullCount, boolean hasMinMax,
    long minLong, long maxLong, double minDouble, double maxDouble,
    byte[] minBytes, byte[] maxBytes) {
}
