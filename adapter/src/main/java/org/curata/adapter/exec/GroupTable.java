package org.curata.adapter.exec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * The group keys of a hash aggregate: an open-addressing table from key tuples of any storage
 * type to dense group ids (0, 1, … in first-seen order), keyed on SQL equality. Integral keys,
 * categorical codes, dates and booleans compare as longs; timestamps on their SQL millisecond
 * value; floats on their bits with 0.0 = -0.0 and one NaN; strings on their UTF-8 bytes, kept in
 * one byte arena (no object per group). A code outside its categorical key is NULL, as it reads.
 * Each key column has one NULL group.
 *
 * <p>Per batch, {@link #prepare} normalises every selected row's key values and hashes them column
 * by column; {@link #find} then maps one row to its group, inserting it while the budget allows.
 * When every key has a small domain (booleans, small codes), groups are found by direct index
 * instead of hashing. When the key is one string column read with dictionary codes, a group is
 * found by its code, and a new group keeps its code instead of a copy of its bytes and is not
 * hashed at all unless a row without a code (another dictionary, a spill, a value computed by an
 * operator) needs the hash table: then the table hashes the groups it deferred first. Growth is
 * reserved against the query's memory budget; once a reservation is refused the table is frozen:
 * it still finds existing groups but inserts none (the caller spills rows of new groups).
 */
final class GroupTable {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long M1 = 0x9E3779B97F4A7C15L;
  private static final long M2 = 0xC2B2AE3D27D4EB4FL;
  private static final long NULL_HASH = 0x5BD1E9955BD1E995L;
  private static final int DIRECT_LIMIT = 1 << 16;
  /** The most groups reserved at a time. */
  private static final int RESERVE_GROUPS = 1024;
  private static final int ARENA_CHUNK = 64 << 10;
  private static final int MAX_ARENA = Integer.MAX_VALUE - 16;
  /** The {@code slot} of {@link #insert} for a group found by code, kept out of the hash table. */
  private static final int DEFERRED = -2;
  /** The code of a group whose key bytes are in the arena (or NULL). */
  private static final int NO_CODE = -1;

  /** How a key column's values are normalised. */
  private enum Norm { LONG, TIMESTAMP, CATEGORICAL, DOUBLE, BYTES }

  private final int width;
  private final Norm[] norms;
  private final CategoricalCodes[] codes;
  private final MemoryBudget memory;
  private final long bytesPerGroup;
  private final boolean mayFreeze;

  /** Direct-index mode: per column the smallest value and the stride; null when hashing. */
  private final long[] directBase;
  private final int[] directSpan;
  private int[] direct;

  // per batch scratch, indexed by row number 0..n-1
  private long[][] norm;
  private byte[][][] strings;
  private int[] masks;
  private long[] hashes;
  private boolean hashed;
  // one string key read with dictionary codes: code -> group + 1 (0: not seen yet); the last
  // entry is the NULL key's
  private org.curata.storage.Dictionary codeDictionary;
  private int[] codeGroup;
  /** Groups inserted through codes: their code in codeDictionary, else NO_CODE; or null. */
  private int[] groupCode;
  /** Groups inserted through codes that are not in the hash table yet. */
  private int[] deferred = new int[0];
  private int deferredCount;
  /** Groups inserted through the hash table (so a code's first row must look there). */
  private int hashedInserts;
  private int[] rowCodes;
  private boolean rowCodesValid;
  private boolean codesOff;
  private int prepared;

  // per group
  private long[] groupHash = new long[16];
  private int[] groupMask = new int[16];
  private long[][] keys;
  /** Per string key column and group: arena offset << 32 | length. */
  private long[][] refs;
  private byte[] arena = new byte[0];
  private int arenaUsed;
  private long arenaReserved;
  private long[] slots;
  private int size;
  private int reservedGroups;
  private long reserved;
  private boolean frozen;

  /**
   * Creates a table for key columns of the given types.
   *
   * @param keyTypes the storage type of each key column
   * @param memory the budget growth is reserved against
   * @param extraBytesPerGroup bytes the caller keeps per group (its accumulators), reserved with
   *     each group
   * @param mayFreeze false when growth must be reserved even beyond the budget (a streaming
   *     aggregate holds few groups and cannot spill)
   */
  GroupTable(List<FieldType> keyTypes, MemoryBudget memory, long extraBytesPerGroup,
      boolean mayFreeze) {
    this.width = keyTypes.size();
    this.mayFreeze = mayFreeze;
    if (width > 31) {
      throw new IllegalArgumentException("at most 31 group keys, got " + width);
    }
    this.memory = memory;
    this.norms = new Norm[width];
    this.codes = new CategoricalCodes[width];
    long perGroup = 8 + 4 + 16 + extraBytesPerGroup;
    long[] base = new long[width];
    int[] span = new int[width];
    long domain = 1;
    for (int j = 0; j < width; j++) {
      FieldType t = keyTypes.get(j);
      FieldKind k = t.kind();
      long lo;
      long hi;
      if (k.isString()) {
        norms[j] = Norm.BYTES;
        // the key's arena reference, and a group's code and deferred entry when read with codes
        perGroup += 12 + 8;
        lo = 0;
        hi = Long.MAX_VALUE >> 2;
      } else if (k.isFloating()) {
        norms[j] = Norm.DOUBLE;
        perGroup += 8;
        lo = 0;
        hi = Long.MAX_VALUE >> 2;
      } else if (k == FieldKind.TIMESTAMP) {
        norms[j] = Norm.TIMESTAMP;
        perGroup += 8;
        lo = 0;
        hi = Long.MAX_VALUE >> 2;
      } else if (k == FieldKind.CATEGORICAL) {
        norms[j] = Norm.CATEGORICAL;
        codes[j] = new CategoricalCodes(t);
        perGroup += 8;
        lo = codes[j].min();
        hi = codes[j].max();
        if (hi < lo) {
          hi = lo;
        }
      } else {
        norms[j] = Norm.LONG;
        perGroup += 8;
        switch (k) {
          case BOOL: lo = 0; hi = 1; break;
          case INT8: lo = Byte.MIN_VALUE; hi = Byte.MAX_VALUE; break;
          case UINT8: lo = 0; hi = 255; break;
          default: lo = 0; hi = Long.MAX_VALUE >> 2; break;
        }
      }
      base[j] = lo;
      long s = hi - lo + 2; // one more for NULL
      span[j] = (int) Math.min(s, DIRECT_LIMIT + 1);
      domain = Math.min((long) DIRECT_LIMIT + 1, domain * Math.min(s, DIRECT_LIMIT + 1));
    }
    this.bytesPerGroup = perGroup;
    if (width > 0 && domain <= DIRECT_LIMIT) {
      directBase = base;
      directSpan = span;
    } else {
      directBase = null;
      directSpan = null;
    }
    reset();
  }

  /** Empties the table and releases its reservation. */
  void reset() {
    memory.release(reserved);
    reserved = 0;
    size = 0;
    codeDictionary = null;
    codeGroup = null;
    groupCode = null;
    deferredCount = 0;
    hashedInserts = 0;
    reservedGroups = 0;
    frozen = false;
    arena = new byte[0];
    arenaUsed = 0;
    arenaReserved = 0;
    groupHash = new long[16];
    groupMask = new int[16];
    keys = new long[width][];
    refs = new long[width][];
    for (int j = 0; j < width; j++) {
      if (norms[j] == Norm.BYTES) {
        refs[j] = new long[16];
      } else {
        keys[j] = new long[16];
      }
    }
    slots = directBase == null ? new long[16] : null;
    if (directBase != null) {
      int n = 1;
      for (int s : directSpan) {
        n *= s;
      }
      direct = new int[n];
      reserve(4L * n, true);
    }
  }

  /** Releases the table's reservation (when the execution ends). */
  void release() {
    memory.release(reserved);
    reserved = 0;
  }

  /** Groups in the table. */
  int size() {
    return size;
  }

  /** True once a refused reservation stopped insertion. */
  boolean frozen() {
    return frozen;
  }

  /** Bytes reserved for the table and the caller's per-group state. */
  long reserved() {
    return reserved;
  }

  /** Storage bytes one group takes, as reserved. */
  long bytesPerGroup() {
    return bytesPerGroup;
  }

  private boolean reserve(long bytes, boolean force) {
    if (force) {
      memory.forceReserve(bytes);
    } else if (!memory.tryReserve(bytes)) {
      return false;
    }
    reserved += bytes;
    return true;
  }

  /**
   * Normalises and hashes the key values of the selected rows of a batch, for {@link #find}.
   *
   * @param columns the key columns of the batch, in key order
   * @param sel the selected positions
   * @param n rows selected
   * @param needHash whether hashes are needed even in direct-index mode
   */
  void prepare(ColumnVector[] columns, int[] sel, int n, boolean needHash) {
    if (masks == null || masks.length < n) {
      int cap = Math.max(n, 16);
      masks = new int[cap];
      hashes = new long[cap];
      norm = new long[width][];
      strings = new byte[width][][];
      for (int j = 0; j < width; j++) {
        if (norms[j] == Norm.BYTES) {
          strings[j] = new byte[cap][];
        } else {
          norm[j] = new long[cap];
        }
      }
    }
    int[] mk = masks;
    Arrays.fill(mk, 0, n, 0);
    for (int j = 0; j < width; j++) {
      ColumnVector v = columns[j];
      boolean[] nl = v.nulls;
      int bit = 1 << j;
      switch (norms[j]) {
        case LONG: {
          long[] x = v.longs;
          long[] out = norm[j];
          for (int i = 0; i < n; i++) {
            int p = sel[i];
            if (nl[p]) {
              mk[i] |= bit;
              out[i] = 0;
            } else {
              out[i] = x[p];
            }
          }
          break;
        }
        case TIMESTAMP: {
          long[] x = v.longs;
          long[] out = norm[j];
          for (int i = 0; i < n; i++) {
            int p = sel[i];
            if (nl[p]) {
              mk[i] |= bit;
              out[i] = 0;
            } else {
              out[i] = Math.floorDiv(x[p], 1000L);
            }
          }
          break;
        }
        case CATEGORICAL: {
          long[] x = v.longs;
          long[] out = norm[j];
          CategoricalCodes c = codes[j];
          for (int i = 0; i < n; i++) {
            int p = sel[i];
            long code = x[p];
            if (nl[p] || !c.contains(code)) {
              mk[i] |= bit;
              out[i] = 0;
            } else {
              out[i] = code;
            }
          }
          break;
        }
        case DOUBLE: {
          double[] x = v.doubles;
          long[] out = norm[j];
          for (int i = 0; i < n; i++) {
            int p = sel[i];
            if (nl[p]) {
              mk[i] |= bit;
              out[i] = 0;
            } else {
              // + 0.0 turns -0.0 into 0.0; doubleToLongBits makes every NaN one value
              out[i] = Double.doubleToLongBits(x[p] + 0.0);
            }
          }
          break;
        }
        default: {
          byte[][] x = v.bytes;
          byte[][] out = strings[j];
          for (int i = 0; i < n; i++) {
            int p = sel[i];
            if (nl[p]) {
              mk[i] |= bit;
              out[i] = null;
            } else {
              out[i] = x[p];
            }
          }
          break;
        }
      }
    }
    prepared = n;
    rowCodesValid = width == 1 && norms[0] == Norm.BYTES && columns[0].dictionary != null
        && useCodes(columns[0].dictionary);
    if (rowCodesValid) {
      if (rowCodes == null || rowCodes.length < masks.length) {
        rowCodes = new int[masks.length];
      }
      int[] c = columns[0].codes;
      boolean[] nl = columns[0].nulls;
      for (int i = 0; i < n; i++) {
        int p = sel[i];
        rowCodes[i] = nl[p] ? -1 : c[p];
      }
    }
    // with codes, rows of known groups need no hash; the others are hashed one by one in find
    hashed = (directBase == null && !rowCodesValid) || needHash;
    if (hashed) {
      hashRows(n);
    }
  }

  /**
   * Whether to find groups through the codes of {@code dict}: yes for the first dictionary seen
   * (its code-to-group array is reserved against the budget), no for any other.
   */
  private boolean useCodes(org.curata.storage.Dictionary dict) {
    if (codeDictionary == dict) {
      return true;
    }
    if (codeDictionary != null || codesOff) {
      return false;
    }
    codeDictionary = dict;
    codeGroup = new int[dict.size() + 1];
    reserve(4L * codeGroup.length, true);
    return true;
  }

  private void hashRows(int n) {
    long[] h = hashes;
    Arrays.fill(h, 0, n, 0);
    int[] mk = masks;
    for (int j = 0; j < width; j++) {
      int bit = 1 << j;
      if (norms[j] == Norm.BYTES) {
        byte[][] s = strings[j];
        for (int i = 0; i < n; i++) {
          long c = (mk[i] & bit) != 0 ? NULL_HASH : hashBytes(s[i]);
          h[i] = (h[i] + c) * M1;
        }
      } else {
        long[] x = norm[j];
        for (int i = 0; i < n; i++) {
          long c = (mk[i] & bit) != 0 ? NULL_HASH : x[i];
          h[i] = (Long.rotateLeft(h[i], 29) ^ c) * M1;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      h[i] = finish(h[i]);
    }
  }

  /** The final mix of a row's combined column hashes. */
  private static long finish(long x) {
    x ^= x >>> 33;
    x *= M2;
    x ^= x >>> 29;
    x *= M1;
    x ^= x >>> 32;
    return x;
  }

  /** The hash of row {@code i} of the prepared batch. */
  long hash(int i) {
    return hashed ? hashes[i] : rowHash(i);
  }

  /** The hash of one row, the same as {@link #hashRows} gives it. */
  private long rowHash(int i) {
    long h = 0;
    int mk = masks[i];
    for (int j = 0; j < width; j++) {
      int bit = 1 << j;
      if (norms[j] == Norm.BYTES) {
        long c = (mk & bit) != 0 ? NULL_HASH : hashBytes(strings[j][i]);
        h = (h + c) * M1;
      } else {
        long c = (mk & bit) != 0 ? NULL_HASH : norm[j][i];
        h = (Long.rotateLeft(h, 29) ^ c) * M1;
      }
    }
    return finish(h);
  }

  /** Hashes a string's bytes (8 at a time); grouping and joins both use it. */
  static long hashBytes(byte[] b) {
    int len = b.length;
    long h = len * M2;
    int i = 0;
    for (; i + 8 <= len; i += 8) {
      long k = (long) LONGS.get(b, i) * M1;
      h = (Long.rotateLeft(h ^ k, 31)) * M2;
    }
    long tail = 0;
    for (int s = 0; i < len; i++, s += 8) {
      tail |= (b[i] & 0xFFL) << s;
    }
    h ^= tail * M1;
    h ^= h >>> 31;
    return h * M2;
  }

  /**
   * The group of row {@code i} of the prepared batch; a new group is inserted unless the table
   * is frozen or the budget refuses it (which freezes the table); then -1.
   */
  int find(int i) {
    if (rowCodesValid) {
      int c = rowCodes[i];
      int[] cg = codeGroup;
      int at = c < 0 ? cg.length - 1 : c;
      if (c < cg.length - 1) {
        int g = cg[at] - 1;
        if (g >= 0) {
          return g;
        }
        // a first row of its code: only a group inserted by hash could already hold its key
        g = hashedInserts == 0 ? insert(i, 0, masks[i], DEFERRED, c) : findHashed(i, hash(i));
        if (g >= 0) {
          cg[at] = g + 1;
        }
        return g;
      }
      return findHashed(i, hash(i));
    }
    if (directBase != null) {
      return findDirect(i);
    }
    return findHashed(i, hashes[i]);
  }

  private int findHashed(int i, long h) {
    if (deferredCount > 0) {
      hashDeferred();
    }
    int mask = masks[i];
    long tag = h & 0xFFFFFFFF00000000L;
    long[] sl = slots;
    int m = sl.length - 1;
    int s = (int) h & m;
    while (true) {
      long e = sl[s];
      if (e == 0) {
        return insert(i, h, mask, s, NO_CODE);
      }
      if ((e & 0xFFFFFFFF00000000L) == tag) {
        int g = (int) e - 1;
        if (groupMask[g] == mask && sameKeys(g, i, mask)) {
          return g;
        }
      }
      s = (s + 1) & m;
    }
  }

  private int findDirect(int i) {
    int mask = masks[i];
    int idx = 0;
    for (int j = 0; j < width; j++) {
      int span = directSpan[j];
      int v = (mask & (1 << j)) != 0 ? span - 1 : (int) (norm[j][i] - directBase[j]);
      idx = idx * span + v;
    }
    int g = direct[idx] - 1;
    if (g >= 0) {
      return g;
    }
    if (!hashed) {
      // the caller spills rows of new groups by hash; hash this batch now
      hashRows(prepared);
      hashed = true;
    }
    g = insert(i, hashes[i], mask, -1, NO_CODE);
    if (g >= 0) {
      direct[idx] = g + 1;
    }
    return g;
  }

  private boolean sameKeys(int g, int i, int mask) {
    for (int j = 0; j < width; j++) {
      if ((mask & (1 << j)) != 0) {
        continue;
      }
      if (norms[j] == Norm.BYTES) {
        byte[] b = strings[j][i];
        if (groupCode != null && groupCode[g] >= 0) {
          if (!Arrays.equals(codeDictionary.bytes(groupCode[g]), b)) {
            return false;
          }
          continue;
        }
        long ref = refs[j][g];
        int len = (int) ref;
        if (len != b.length) {
          return false;
        }
        int off = (int) (ref >>> 32);
        if (!Arrays.equals(arena, off, off + len, b, 0, len)) {
          return false;
        }
      } else if (keys[j][g] != norm[j][i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Inserts row {@code i}'s key as a new group: into hash slot {@code slot}, or, with
   * {@link #DEFERRED}, out of the hash table with its key as dictionary code {@code code}.
   */
  private int insert(int i, long h, int mask, int slot, int code) {
    if (frozen) {
      return -1;
    }
    if (size == reservedGroups) {
      // reserve in steps that grow with the table, from 64 to RESERVE_GROUPS groups
      int step = Math.max(64, Math.min(RESERVE_GROUPS, size));
      if (!reserve(step * bytesPerGroup, size == 0 || !mayFreeze)) {
        frozen = true;
        return -1;
      }
      reservedGroups += step;
    }
    boolean coded = slot == DEFERRED && code >= 0;
    int stringBytes = 0;
    for (int j = 0; j < width && !coded; j++) {
      if (norms[j] == Norm.BYTES && (mask & (1 << j)) == 0) {
        stringBytes += strings[j][i].length;
      }
    }
    if (arenaUsed + (long) stringBytes > MAX_ARENA) {
      // one byte array holds the keys: beyond it, spill like a refused reservation
      if (mayFreeze && size > 0) {
        frozen = true;
        return -1;
      }
      throw new CurataException(ErrorCode.RESOURCE_EXHAUSTED, "the string group keys of one"
          + " aggregate exceed " + MAX_ARENA + " bytes; group by shorter strings or fewer keys");
    }
    if (arenaUsed + (long) stringBytes > arenaReserved) {
      long need = Math.max(ARENA_CHUNK, arenaUsed + (long) stringBytes - arenaReserved);
      if (!reserve(need, size == 0 || !mayFreeze)) {
        frozen = true;
        return -1;
      }
      arenaReserved += need;
    }
    int g = size;
    if (g == groupHash.length) {
      grow(g * 2);
    }
    groupHash[g] = h;
    groupMask[g] = mask;
    if (slot == DEFERRED && groupCode == null) {
      groupCode = new int[groupHash.length];
      Arrays.fill(groupCode, 0, g, NO_CODE);
    }
    if (groupCode != null) {
      groupCode[g] = coded ? code : NO_CODE;
    }
    for (int j = 0; j < width; j++) {
      if (norms[j] == Norm.BYTES) {
        if ((mask & (1 << j)) != 0 || coded) {
          refs[j][g] = 0;
        } else {
          byte[] b = strings[j][i];
          if (arenaUsed + b.length > arena.length) {
            long grown = Math.max(arenaUsed + (long) b.length,
                Math.max(1024, arena.length * 2L));
            arena = Arrays.copyOf(arena, (int) Math.min(MAX_ARENA, grown));
          }
          System.arraycopy(b, 0, arena, arenaUsed, b.length);
          refs[j][g] = ((long) arenaUsed << 32) | b.length;
          arenaUsed += b.length;
        }
      } else {
        keys[j][g] = norm[j][i];
      }
    }
    size++;
    if (slot == DEFERRED) {
      if (deferredCount == deferred.length) {
        deferred = Arrays.copyOf(deferred, Math.max(16, deferredCount * 2));
      }
      deferred[deferredCount++] = g;
    } else if (slots != null) {
      hashedInserts++;
      slots[slot] = (h & 0xFFFFFFFF00000000L) | (g + 1);
      if (size * 2 > slots.length) {
        rehash();
      }
    }
    return g;
  }

  /** Hashes the groups inserted through codes and puts them in the hash table. */
  private void hashDeferred() {
    for (int d = 0; d < deferredCount; d++) {
      int g = deferred[d];
      groupHash[g] = groupKeyHash(g);
    }
    int count = deferredCount;
    deferredCount = 0;
    if (size * 2 > slots.length) {
      rehash();
      return;
    }
    int m = slots.length - 1;
    for (int d = 0; d < count; d++) {
      int g = deferred[d];
      long h = groupHash[g];
      int s = (int) h & m;
      while (slots[s] != 0) {
        s = (s + 1) & m;
      }
      slots[s] = (h & 0xFFFFFFFF00000000L) | (g + 1);
    }
  }

  /** The hash of a group inserted through a code (one string key), as {@link #rowHash} gives it. */
  private long groupKeyHash(int g) {
    long c = (groupMask[g] & 1) != 0 ? NULL_HASH : hashBytes(codeDictionary.bytes(groupCode[g]));
    return finish(c * M1);
  }

  private void grow(int capacity) {
    groupHash = Arrays.copyOf(groupHash, capacity);
    groupMask = Arrays.copyOf(groupMask, capacity);
    if (groupCode != null) {
      groupCode = Arrays.copyOf(groupCode, capacity);
    }
    for (int j = 0; j < width; j++) {
      if (norms[j] == Norm.BYTES) {
        refs[j] = Arrays.copyOf(refs[j], capacity);
      } else {
        keys[j] = Arrays.copyOf(keys[j], capacity);
      }
    }
  }

  private void rehash() {
    int capacity = slots.length * 2;
    while (size * 2 > capacity) {
      capacity *= 2;
    }
    long[] next = new long[capacity];
    int m = next.length - 1;
    for (int g = 0; g < size; g++) {
      long h = groupHash[g];
      int s = (int) h & m;
      while (next[s] != 0) {
        s = (s + 1) & m;
      }
      next[s] = (h & 0xFFFFFFFF00000000L) | (g + 1);
    }
    slots = next;
  }

  /**
   * Writes key column {@code j} of groups {@code from .. from + count - 1} to positions 0.. of
   * {@code out}, in the column's physical representation.
   */
  void writeKeys(int j, int from, int count, ColumnVector out) {
    int bit = 1 << j;
    boolean[] nl = out.nulls;
    for (int r = 0; r < count; r++) {
      nl[r] = (groupMask[from + r] & bit) != 0;
    }
    switch (norms[j]) {
      case BYTES: {
        long[] rf = refs[j];
        int[] gc = groupCode;
        boolean allCoded = gc != null;
        for (int r = 0; r < count; r++) {
          int g = from + r;
          if (nl[r]) {
            out.bytes[r] = null;
          } else if (gc != null && gc[g] >= 0) {
            out.bytes[r] = codeDictionary.bytes(gc[g]);
          } else {
            long ref = rf[g];
            int off = (int) (ref >>> 32);
            out.bytes[r] = Arrays.copyOfRange(arena, off, off + (int) ref);
            allCoded = false;
          }
        }
        // keys that are all codes pass them on (to the merge of a two-phase aggregate)
        if (allCoded) {
          if (out.codes == null || out.codes.length < out.capacity()) {
            out.codes = new int[out.capacity()];
          }
          for (int r = 0; r < count; r++) {
            out.codes[r] = nl[r] ? -1 : gc[from + r];
          }
          out.dictionary = codeDictionary;
        } else {
          out.dictionary = null;
        }
        return;
      }
      case DOUBLE: {
        long[] k = keys[j];
        for (int r = 0; r < count; r++) {
          out.doubles[r] = Double.longBitsToDouble(k[from + r]);
        }
        return;
      }
      case TIMESTAMP: {
        long[] k = keys[j];
        for (int r = 0; r < count; r++) {
          out.longs[r] = k[from + r] * 1000L;
        }
        return;
      }
      default:
        System.arraycopy(keys[j], from, out.longs, 0, count);
    }
  }

  /** Moves group {@code from} (the newest) to group 0 and drops all others (streaming mode). */
  void keepOnly(int from) {
    // group ids are renumbered: forget codes for good (streaming keeps few groups anyway)
    codesOff = true;
    if (groupCode != null && groupCode[from] >= 0) {
      // the kept group's key moves from its code into the arena, like any other
      byte[] b = codeDictionary.bytes(groupCode[from]);
      if (arenaUsed + b.length > arena.length) {
        arena = Arrays.copyOf(arena, Math.max(1024, arenaUsed + b.length));
      }
      System.arraycopy(b, 0, arena, arenaUsed, b.length);
      refs[0][from] = ((long) arenaUsed << 32) | b.length;
      arenaUsed += b.length;
    }
    if (groupCode != null && slots != null) {
      // a deferred group's hash is computed here, while its code still has a dictionary
      for (int d = 0; d < deferredCount; d++) {
        if (deferred[d] == from) {
          groupHash[from] = groupKeyHash(from);
        }
      }
    }
    groupCode = null;
    deferredCount = 0;
    codeGroup = null;
    codeDictionary = null;
    long h = groupHash[from];
    int mask = groupMask[from];
    groupHash[0] = h;
    groupMask[0] = mask;
    byte[] kept = null;
    for (int j = 0; j < width; j++) {
      if (norms[j] == Norm.BYTES) {
        long ref = refs[j][from];
        int len = (int) ref;
        if ((mask & (1 << j)) == 0) {
          kept = kept == null ? new byte[0] : kept;
          int off = (int) (ref >>> 32);
          byte[] grown = Arrays.copyOf(kept, kept.length + len);
          System.arraycopy(arena, off, grown, kept.length, len);
          refs[j][0] = ((long) kept.length << 32) | len;
          kept = grown;
        } else {
          refs[j][0] = 0;
        }
      } else {
        keys[j][0] = keys[j][from];
      }
    }
    if (kept != null) {
      System.arraycopy(kept, 0, arena, 0, kept.length);
      arenaUsed = kept.length;
    } else {
      arenaUsed = 0;
    }
    size = 1;
    if (slots != null) {
      Arrays.fill(slots, 0);
      slots[(int) h & (slots.length - 1)] = (h & 0xFFFFFFFF00000000L) | 1;
    } else {
      Arrays.fill(direct, 0);
      int idx = 0;
      for (int j = 0; j < width; j++) {
        int span = directSpan[j];
        int v = (mask & (1 << j)) != 0 ? span - 1 : (int) (keys[j][0] - directBase[j]);
        idx = idx * span + v;
      }
      direct[idx] = 1;
    }
  }
}
