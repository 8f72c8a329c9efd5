/**
 * The public API of Curata's storage: datasets of dataframes of typed fields stored in blocks,
 * versioned by atomic commits. Implementation lives in {@code org.curata.storage.format},
 * {@code org.curata.storage.block} and {@code org.curata.storage.io}; callers use only this package
 * (and {@code org.curata.storage.importer} for imports).
 */
package org.curata.storage;
