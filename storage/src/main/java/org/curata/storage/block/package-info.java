/**
 * Block encodings of format version 1: encoding a buffered block into bytes and reading a
 * checksummed, validated block in place (storage/FORMAT.md, "Blocks").
 */
package org.curata.storage.block;
