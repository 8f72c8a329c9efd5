package org.curata.storage;

import java.util.List;

/**
 * The outcome of {@link Dataset#verify()}.
 *
 * @param versionsChecked retained versions whose manifests were read
 * @param filesChecked data files read
 * @param blocksChecked blocks whose checksums and structure were verified
 * @param problems one line per problem found (file, block, stored vs computed checksum); empty
 *     when the dataset is clean
 */
public record VerifyReport(int versionsChecked, int filesChecked, long blocksChecked,
    List<String> problems) {
  /** True when no problem was found. */
  public boolean ok() {
    return problems.isEmpty();
  }
}
