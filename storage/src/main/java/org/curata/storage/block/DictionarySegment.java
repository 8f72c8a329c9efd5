package org.curata.storage.block;

/**
 * Where one dictionary segment lives and which codes it holds, as the manifest records it
 * (FORMAT.md, "Dictionaries").
 *
 * @param file the data file, relative to the dataset directory
 * @param offset byte offset of the segment in the file
 * @param length byte length of the segment
 * @param checksum CRC32C of those bytes
 * @param firstCode the code of the segment's first entry
 * @param count entries in the segment (at least 1)
 * @param bytes total bytes of the segment's entries
 */
public record DictionarySegment(String file, long offset, long length, int checksum,
    int firstCode, int count, long bytes) {
}
