package org.curata.adapter.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.curata.storage.FieldType;

/**
 * The codes of a categorical key as SQL sees them: which codes have a label (others read as
 * NULL), and each labelled code's rank in label order (Java's String order, as Calcite compares
 * VARCHARs), so that MIN and MAX of a categorical compare codes by label.
 */
final class CategoricalCodes {
  private final long[] sorted;
  private final int[] sortedRanks;
  private final long base;
  /** Rank + 1 per code - base, 0 for a code without a label; null when the codes are sparse. */
  private final int[] table;

  CategoricalCodes(FieldType type) {
    Map<Long, String> labels = type.key().labels();
    sorted = new long[labels.size()];
    List<Map.Entry<Long, String>> byLabel = new ArrayList<>(labels.entrySet());
    byLabel.sort(Map.Entry.comparingByValue());
    int k = 0;
    for (long c : labels.keySet()) {
      sorted[k++] = c;
    }
    sortedRanks = new int[sorted.length];
    for (int r = 0; r < byLabel.size(); r++) {
      sortedRanks[Arrays.binarySearch(sorted, byLabel.get(r).getKey())] = r;
    }
    if (sorted.length > 0 && sorted[sorted.length - 1] - sorted[0] < (1 << 16)) {
      base = sorted[0];
      table = new int[(int) (sorted[sorted.length - 1] - base + 1)];
      for (int i = 0; i < sorted.length; i++) {
        table[(int) (sorted[i] - base)] = sortedRanks[i] + 1;
      }
    } else {
      base = 0;
      table = null;
    }
  }

  /** The smallest labelled code (0 when none). */
  long min() {
    return sorted.length == 0 ? 0 : sorted[0];
  }

  /** The largest labelled code (-1 when none). */
  long max() {
    return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
  }

  /** True when the code has a label. */
  boolean contains(long code) {
    return rank(code) >= 0;
  }

  /** The code's rank in label order, or -1 when it has no label. */
  int rank(long code) {
    if (table != null) {
      long d = code - base;
      return d >= 0 && d < table.length ? table[(int) d] - 1 : -1;
    }
    int i = Arrays.binarySearch(sorted, code);
    return i >= 0 ? sortedRanks[i] : -1;
  }
}
