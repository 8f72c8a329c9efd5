package org.curata.storage;

import java.util.List;

/**
 * What a vacuum did.
 *
 * @param expiredVersions versions that are no longer retained
 * @param filesDeleted files removed from disk
 * @param bytesFreed their total size
 */
public record VacuumResult(List<Long> expiredVersions, int filesDeleted, long bytesFreed) {
}
