/**
 * Curata storage format version 1: the dataset directory, manifests, data files, the commit
 * protocol, the writer lock, vacuum and verify (storage/FORMAT.md).
 */
package org.curata.storage.format;
