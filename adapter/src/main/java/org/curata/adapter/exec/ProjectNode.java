package org.curata.adapter.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.curata.storage.FieldType;

/** Reorders, drops or repeats the columns of its input without touching the values. */
public final class ProjectNode implements ExecNode {
  private final ExecNode input;
  private final int[] mapping;
  private final List<FieldType> types;

  /**
   * Creates a projection.
   *
   * @param input the input
   * @param mapping the input column of each output column
   */
  public ProjectNode(ExecNode input, int[] mapping) {
    this.input = Objects.requireNonNull(input, "input");
    this.mapping = mapping.clone();
    List<FieldType> t = new ArrayList<>();
    for (int m : mapping) {
      t.add(input.columnTypes().get(m));
    }
    this.types = List.copyOf(t);
  }

  @Override
  public List<FieldType> columnTypes() {
    return types;
  }

  @Override
  public Operator open(ExecContext ctx, boolean[] needed) {
    boolean[] inNeeded = new boolean[input.columnTypes().size()];
    for (int i = 0; i < mapping.length; i++) {
      inNeeded[mapping[i]] |= needed[i];
    }
    Operator in = input.open(ctx, inNeeded);
    return new Operator() {
      private Batch out;
      private Batch source;

      @Override
      public Batch next() {
        Batch b = in.next();
        if (b == null) {
          return null;
        }
        if (b != source) {
          source = b;
          ColumnVector[] cols = new ColumnVector[mapping.length];
          for (int i = 0; i < mapping.length; i++) {
            cols[i] = b.columns[mapping[i]];
          }
          out = new Batch(cols, b.selection, b.selected);
        }
        out.selected = b.selected;
        return out;
      }

      @Override
      public void close() {
        in.close();
      }
    };
  }
}
