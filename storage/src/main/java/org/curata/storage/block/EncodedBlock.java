package org.curata.storage.block;

import java.nio.ByteBuffer;
import org.curata.storage.BlockStats;
import org.curata.storage.Encoding;

/**
 * The bytes of one encoded block and what the manifest records of it (FORMAT.md, "Blocks").
 *
 * @param bytes the block, position 0 to limit; valid until the buffer that made it encodes again
 * @param encoding dense or sparse
 * @param stats the block's statistics
 * @param checksum CRC32C of the bytes
 * @param dictionaryCodes true when the block holds dictionary codes (FORMAT.md, "Dictionaries")
 */
public record EncodedBlock(ByteBuffer bytes, Encoding encoding, BlockStats stats, int checksum,
    boolean dictionaryCodes) {
}
