package org.curata.storage;

/**
 * How a writer stores a string or fixed-string field whose first block it writes (FORMAT.md,
 * "Dictionaries"). The choice is made once per field, when its first block is written, and then
 * kept by every later writer whatever its setting: a field with a dictionary stays dictionary-
 * encoded (until its dictionary is full), a plain field stays plain.
 */
public enum StringEncoding {
  /**
   * Dictionary-encode when at least 1 in 32 of the non-NULL values of the field's first full
   * block repeats an earlier value of that block (what a sample of a column of up to about 16
   * times a block's rows of distinct values looks like), plain otherwise: unique keys and free
   * text stay plain. A first block that is only a commit's partial last block is written plain
   * and judged again when a later commit merges and fills it.
   */
  AUTO,
  /** Store the strings themselves in every block (for tests and benchmarks). */
  PLAIN,
  /** Always dictionary-encode (for tests and benchmarks). */
  DICTIONARY
}
