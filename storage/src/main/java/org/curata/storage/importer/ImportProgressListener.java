package org.curata.storage.importer;

/**
 * Receives progress during an import: about every 100 ms of work and once at the end of each
 * table, never per row; called on the importing thread, so it should return quickly.
 */
@FunctionalInterface
public interface ImportProgressListener {
  /** A listener that ignores progress. */
  ImportProgressListener NONE = p -> { };

  /** Called with the progress so far. */
  void progress(ImportProgress progress);
}
