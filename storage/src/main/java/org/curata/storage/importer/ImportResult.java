package org.curata.storage.importer;

import java.util.List;
import org.curata.storage.VersionInfo;

/**
 * The outcome of a committed import.
 *
 * @param version the version the import committed
 * @param tables one result per CSV file, in the order given
 * @param inferredSchema the types inferred when no schema was given ({@link ImportSchema#toJson()}
 *     shows it and can be saved, edited and passed back); null when a schema was given
 */
public record ImportResult(VersionInfo version, List<TableResult> tables, ImportSchema inferredSchema) {
  public ImportResult {
    tables = List.copyOf(tables);
  }

  /** Rows written over all tables. */
  public long rows() {
    return tables.stream().mapToLong(TableResult::rows).sum();
  }

  /** Bad values stored as NULL and rows skipped, over all tables (lenient mode). */
  public long rejected() {
    return tables.stream().mapToLong(t -> t.rejectedCells() + t.rejectedRows()).sum();
  }
}
