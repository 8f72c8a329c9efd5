package org.curata.adapter.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.curata.storage.FieldType;

/**
 * A projection of expressions: each output column is an {@link Expr} evaluated over the selected
 * rows of each input batch (a plain column reference passes the input vector through, copying
 * nothing). The output batch shares the input's selection.
 */
public final class ComputeNode implements ExecNode {
  private final ExecNode input;
  private final List<Expr> exprs;
  private final List<FieldType> types;

  /**
   * Creates a projection.
   *
   * @param input the input
   * @param exprs one expression over input columns per output column
   */
  public ComputeNode(ExecNode input, List<Expr> exprs) {
    this.input = Objects.requireNonNull(input, "input");
    this.exprs = List.copyOf(exprs);
    List<FieldType> t = new ArrayList<>();
    for (Expr e : exprs) {
      t.add(e.type());
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
    Expr.Eval[] evals = new Expr.Eval[exprs.size()];
    for (int i = 0; i < evals.length; i++) {
      if (needed[i]) {
        exprs.get(i).columns(inNeeded);
        evals[i] = exprs.get(i).bind();
      }
    }
    ColumnVector[] unread = new ColumnVector[evals.length];
    for (int i = 0; i < evals.length; i++) {
      if (evals[i] == null) {
        unread[i] = new ColumnVector(types.get(i), 0);
      }
    }
    Operator in = input.open(ctx, inNeeded);
    return new Operator() {
      @Override
      public Batch next() {
        Batch b = in.next();
        if (b == null) {
          return null;
        }
        int capacity = capacity(b);
        ColumnVector[] cols = new ColumnVector[evals.length];
        for (int i = 0; i < evals.length; i++) {
          cols[i] = evals[i] != null
              ? evals[i].eval(b.columns, b.selection, b.selected, capacity) : unread[i];
        }
        return new Batch(cols, b.selection, b.selected);
      }

      @Override
      public void close() {
        in.close();
      }
    };
  }

  /** Positions in a batch's vectors: at least its selection's length and each vector's size. */
  static int capacity(Batch b) {
    int c = b.selection.length;
    for (ColumnVector v : b.columns) {
      if (v != null) {
        c = Math.max(c, v.capacity());
      }
    }
    return c;
  }
}
