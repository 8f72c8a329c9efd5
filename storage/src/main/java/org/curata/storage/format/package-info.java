/**
 * Curata storage format versions 1 and 2: the dataset directory, manifests, data files, the commit
 * protocol, the writer lock, vacuum and verify (storage/FORMAT.md).
 */
package org.curata.storage.format;
