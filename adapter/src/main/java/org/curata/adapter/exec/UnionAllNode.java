package org.curata.adapter.exec;

import java.util.List;
import java.util.Objects;
import org.curata.storage.FieldType;

/**
 * UNION ALL: the batches of each input in turn, unchanged. Every input produces columns of the
 * same storage types, so values keep their physical representation (a categorical column has one
 * key in all inputs).
 */
public final class UnionAllNode implements ExecNode {
  private final List<ExecNode> inputs;
  private final List<FieldType> types;

  /** A union of inputs whose column types are all equal. */
  public UnionAllNode(List<ExecNode> inputs) {
    this.inputs = List.copyOf(inputs);
    if (this.inputs.isEmpty()) {
      throw new IllegalArgumentException("a union needs at least one input");
    }
    this.types = this.inputs.get(0).columnTypes();
    for (ExecNode in : this.inputs) {
      if (!in.columnTypes().equals(types)) {
        throw new IllegalArgumentException("union inputs of types " + types + " and "
            + in.columnTypes());
      }
    }
  }

  @Override
  public List<FieldType> columnTypes() {
    return types;
  }

  @Override
  public Operator open(ExecContext ctx, boolean[] needed) {
    Objects.requireNonNull(ctx, "ctx");
    return new Operator() {
      private int index;
      private Operator current;

      @Override
      public Batch next() {
        while (index < inputs.size()) {
          if (current == null) {
            current = inputs.get(index).open(ctx, needed);
          }
          Batch b = current.next();
          if (b != null) {
            return b;
          }
          current.close();
          current = null;
          index++;
        }
        return null;
      }

      @Override
      public void close() {
        if (current != null) {
          Operator c = current;
          current = null;
          index = inputs.size();
          c.close();
        }
      }
    };
  }
}
