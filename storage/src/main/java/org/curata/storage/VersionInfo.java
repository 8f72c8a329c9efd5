package org.curata.storage;

import java.time.Instant;

/**
 * One committed version of a dataset.
 *
 * @param id the version number, increasing by one per commit from 1
 * @param committedAt when the commit was published
 * @param message what the writer said the commit does
 * @param user the operating-system user that committed
 */
public record VersionInfo(long id, Instant committedAt, String message, String user) {
}
