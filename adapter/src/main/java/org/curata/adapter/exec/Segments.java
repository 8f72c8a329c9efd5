package org.curata.adapter.exec;

import java.util.List;
import java.util.TreeSet;
import org.curata.storage.BlockInfo;
import org.curata.storage.DataFrame;
import org.curata.storage.Field;

/**
 * The runs of rows over which each of a set of fields stays within one block: the block
 * boundaries of all the fields merged (they coincide when the fields were written together).
 */
final class Segments {
  final long[] starts;
  final long[] ends;
  /** {@code blockOf[slot][segment]}: the index of the block of that field holding the segment. */
  final int[][] blockOf;

  private Segments(long[] starts, long[] ends, int[][] blockOf) {
    this.starts = starts;
    this.ends = ends;
    this.blockOf = blockOf;
  }

  int count() {
    return starts.length;
  }

  static Segments of(DataFrame frame, int[] fieldIndexes) {
    long rows = frame.rowCount();
    List<Field> fields = frame.fields();
    TreeSet<Long> cuts = new TreeSet<>();
    cuts.add(0L);
    for (int f : fieldIndexes) {
      for (BlockInfo b : fields.get(f).blocks()) {
        if (b.firstRow() < rows) {
          cuts.add(b.firstRow());
        }
      }
    }
    if (rows == 0) {
      return new Segments(new long[0], new long[0], new int[fieldIndexes.length][0]);
    }
    long[] starts = cuts.stream().mapToLong(Long::longValue).toArray();
    long[] ends = new long[starts.length];
    for (int i = 0; i < starts.length; i++) {
      ends[i] = i + 1 < starts.length ? starts[i + 1] : rows;
    }
    int[][] blockOf = new int[fieldIndexes.length][starts.length];
    for (int s = 0; s < fieldIndexes.length; s++) {
      List<BlockInfo> blocks = fields.get(fieldIndexes[s]).blocks();
      int b = 0;
      for (int i = 0; i < starts.length; i++) {
        while (b + 1 < blocks.size() && blocks.get(b + 1).firstRow() <= starts[i]) {
          b++;
        }
        blockOf[s][i] = b;
      }
    }
    return new Segments(starts, ends, blockOf);
  }
}
