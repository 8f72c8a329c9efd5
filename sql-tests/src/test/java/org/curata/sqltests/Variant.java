package org.curata.sqltests;

import java.util.List;
import java.util.Properties;

/**
 * A storage and execution setting under which the SQL suites run, so that the same SQL gives the
 * same answers with tiny blocks (many block boundaries, block-skipping, sparse/dense choices per
 * block), with tiny vector batches (every operator's batch boundaries) and with the defaults.
 *
 * @param name how the setting appears in test names and reports
 * @param blockRows rows per block passed to the driver, or 0 for the driver's default
 * @param batchSize rows per execution batch passed to the driver, or 0 for the driver's default
 */
record Variant(String name, int blockRows, int batchSize) {
  /**
   * The JDBC connection property that sets rows per block for new writes (the driver passes it to
   * {@code OpenOptions.withBlockRows}).
   */
  static final String BLOCK_ROWS = "blockRows";

  /** The JDBC connection property that sets rows per vector batch in execution. */
  static final String BATCH_SIZE = "batchSize";

  /** The driver's defaults. */
  static final Variant DEFAULT = new Variant("default", 0, 0);

  /**
   * The variants the SQL suites run under (STYLE.md: batch size 1, 3 and the default; blocks of
   * 1 and 3 rows and the default).
   */
  static final List<Variant> VARIANTS = List.of(DEFAULT,
      new Variant("1-row-blocks", 1, 0), new Variant("3-row-blocks", 3, 0),
      new Variant("batch-1", 0, 1), new Variant("batch-3", 0, 3));

  /** The variants of execution batch size only (for suites whose data is written row by row). */
  static final List<Variant> BATCH_VARIANTS = List.of(DEFAULT,
      new Variant("batch-1", 0, 1), new Variant("batch-3", 0, 3));

  /** Whether blocks have the driver's default size. */
  boolean defaultBlocks() {
    return blockRows == 0;
  }

  /** The connection properties that select this variant. */
  Properties connectionProperties() {
    Properties p = new Properties();
    if (blockRows != 0) {
      p.setProperty(BLOCK_ROWS, Integer.toString(blockRows));
    }
    if (batchSize != 0) {
      p.setProperty(BATCH_SIZE, Integer.toString(batchSize));
    }
    return p;
  }

  @Override
  public String toString() {
    return name;
  }
}
