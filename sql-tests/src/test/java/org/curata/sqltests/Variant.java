package org.curata.sqltests;

import java.util.List;
import java.util.Properties;

/**
 * A rows-per-block setting under which the SQL suites run, so that the same SQL gives the same
 * answers with tiny blocks (many block boundaries, block-skipping, sparse/dense choices per block)
 * and with the default.
 *
 * @param name how the setting appears in test names and reports
 * @param rows rows per block passed to the driver, or 0 for the driver's default
 */
record BlockSize(String name, int rows) {
  /**
   * The JDBC connection property that sets rows per block for new writes (the driver passes it to
   * {@code OpenOptions.withBlockRows}).
   */
  static final String PROPERTY = "blockRows";

  /** The driver's default block size. */
  static final BlockSize DEFAULT = new BlockSize("default-blocks", 0);

  /** The variants the project's own .test files run under (STYLE.md: batch size 1, 3, default). */
  static final List<BlockSize> VARIANTS =
      List.of(DEFAULT, new BlockSize("1-row-blocks", 1), new BlockSize("3-row-blocks", 3));

  /** Whether this is the driver's default. */
  boolean isDefault() {
    return rows == 0;
  }

  /** The connection properties that select this block size. */
  Properties connectionProperties() {
    Properties p = new Properties();
    if (!isDefault()) {
      p.setProperty(PROPERTY, Integer.toString(rows));
    }
    return p;
  }

  @Override
  public String toString() {
    return name;
  }
}
