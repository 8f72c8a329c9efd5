package org.curata.storage;

import java.util.List;

/**
 * A write to a dataset, holding its writer lock: changes become visible together, as one new
 * version, at {@link #commit()}; {@link #close()} without a commit abandons them and deletes the
 * files they wrote.
 */
public interface Transaction extends AutoCloseable {
  /** The version this transaction started from. */
  VersionInfo baseVersion();

  /**
   * Creates a dataframe.
   *
   * @param sortKeys fields the rows will be appended sorted by, or empty
   * @param primaryKeys fields declared as the primary key, or empty
   */
  DataFrameAppender createDataFrame(String name, List<FieldSpec> fields,
      List<String> sortKeys, List<String> primaryKeys);

  /** Opens an existing dataframe (or one created in this transaction) for appending rows. */
  DataFrameAppender append(String name);

  /** Drops a dataframe; its files are deleted once no retained version needs them. */
  void dropDataFrame(String name);

  /** Drops one field of a dataframe. */
  void dropField(String dataFrame, String field);

  /** Publishes the new version atomically and returns it; the transaction is then finished. */
  VersionInfo commit();

  /** Releases the writer lock; abandons the changes if not committed. */
  @Override
  void close();
}
