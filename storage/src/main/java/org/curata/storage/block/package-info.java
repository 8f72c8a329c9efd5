/**
 * Block encodings of format versions 1 and 2: encoding a buffered block into bytes and reading a
 * checksummed, validated block in place (storage/FORMAT.md, "Blocks"), and the dictionaries of
 * dictionary-encoded string fields (storage/FORMAT.md, "Dictionaries").
 */
package org.curata.storage.block;
