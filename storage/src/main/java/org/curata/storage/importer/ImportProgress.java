package org.curata.storage.importer;

/**
 * How far an import has got, as reported to an {@link ImportProgressListener}.
 *
 * @param table the table being imported
 * @param tableIndex its position in the import, from 0
 * @param tableCount the number of tables in the import
 * @param rows data rows of this table read so far
 * @param bytesRead bytes of this table's file read so far
 * @param totalBytes the size of this table's file
 * @param allBytesRead bytes read so far over all files of the import
 * @param allTotalBytes the size of all files of the import
 */
public record ImportProgress(String table, int tableIndex, int tableCount, long rows,
    long bytesRead, long totalBytes, long allBytesRead, long allTotalBytes) {
}
