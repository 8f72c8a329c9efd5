package org.curata.adapter.exec;

import java.util.Objects;
import org.curata.storage.Dictionary;

/**
 * The join-key hash of each code of one dictionary, computed the first time the code is seen, so
 * that a hash join whose key is one string column read with dictionary codes hashes each distinct
 * string once instead of once per row. Only one dictionary is served (the first one that pays:
 * seen on enough rows for its size, and whose table the memory budget grants); batches with any
 * other dictionary, or without codes, are hashed from their bytes, to the same hashes.
 */
final class CodeHashes {
  /** Dictionaries up to this size are used at once; larger ones once seen on size/32 rows. */
  private static final int SMALL = 4096;

  private final ExecContext ctx;
  private final JoinKeys.Encoder encoder;
  private Dictionary dictionary;
  private Dictionary candidate;
  private long candidateRows;
  private boolean off;
  private long[] hashes;
  private boolean[] known;
  private long reserved;

  /**
   * Creates an empty cache.
   *
   * @param ctx the query's context, whose budget the table is reserved against
   * @param encoder the side's key encoder, {@link JoinKeys.Encoder#singleString}
   */
  CodeHashes(ExecContext ctx, JoinKeys.Encoder encoder) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    if (!encoder.singleString()) {
      throw new IllegalArgumentException("code hashes need one string key column");
    }
  }

  /**
   * Whether a batch of {@code rows} rows whose codes index {@code dict} is to be encoded through
   * the codes (then {@link #hash} serves them).
   */
  boolean use(Dictionary dict, int rows) {
    if (dict == dictionary) {
      return true;
    }
    if (dictionary != null || off) {
      return false;
    }
    if (dict != candidate) {
      candidate = dict;
      candidateRows = 0;
    }
    candidateRows += rows;
    int size = dict.size();
    if (size > SMALL && candidateRows * 32 < size) {
      return false; // too few rows yet to repay a table as large as the dictionary
    }
    long need = 9L * size + 32;
    if (!ctx.memory().tryReserve(need)) {
      off = true;
      return false;
    }
    reserved = need;
    dictionary = dict;
    candidate = null;
    hashes = new long[size];
    known = new boolean[size];
    return true;
  }

  /** The key hash of {@code code}, whose string is {@code value}. */
  long hash(int code, byte[] value) {
    if (!known[code]) {
      hashes[code] = encoder.hashOfString(value);
      known[code] = true;
    }
    return hashes[code];
  }

  /** Gives the table's memory back; the cache serves no dictionary afterwards. */
  void release() {
    ctx.memory().release(reserved);
    reserved = 0;
    hashes = null;
    known = null;
    dictionary = null;
    off = true;
  }
}
