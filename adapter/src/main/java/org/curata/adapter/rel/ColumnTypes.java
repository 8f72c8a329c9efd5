package org.curata.adapter.rel;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.hep.HepRelVertex;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.curata.adapter.exec.AggregateNode;
import org.curata.adapter.exec.Expr;
import org.curata.storage.FieldType;

/**
 * The storage type of each column a relational expression produces, when it can run in Curata's
 * convention: known for Curata expressions, and found through filters, sorts, projections that
 * compile, natively supported aggregates and joins, and planner subsets (whose members all produce the
 * same columns), so that a rule can convert an expression before its input has been converted.
 */
public final class ColumnTypes {
  private ColumnTypes() {
  }

  /** The column types, or null when the expression cannot produce Curata columns. */
  public static List<FieldType> of(RelNode rel) {
    return of(rel, new IdentityHashMap<>());
  }

  private static List<FieldType> of(RelNode rel, Map<RelNode, Boolean> seen) {
    if (seen.put(rel, Boolean.TRUE) != null) {
      return null;
    }
    if (rel instanceof CurataRel c) {
      return c.columnTypes();
    }
    if (rel instanceof HepRelVertex vertex) {
      return of(vertex.getCurrentRel(), seen);
    }
    if (rel instanceof RelSubset subset) {
      for (RelNode member : subset.getRelList()) {
        if (member instanceof CurataRel c) {
          return c.columnTypes();
        }
      }
      for (RelNode member : subset.getRelList()) {
        List<FieldType> t = of(member, seen);
        if (t != null) {
          return t;
        }
      }
      RelNode original = subset.getOriginal();
      return original == null ? null : of(original, seen);
    }
    if (rel instanceof Aggregate agg) {
      List<FieldType> in = of(agg.getInput(), seen);
      List<AggregateNode.Call> calls = in == null ? null : CurataAggregate.translate(agg, in);
      if (calls == null) {
        return null;
      }
      List<FieldType> out = new ArrayList<>();
      for (int g : agg.getGroupSet()) {
        out.add(in.get(g));
      }
      for (AggregateNode.Call c : calls) {
        out.add(c.resultType());
      }
      return out;
    }
    if (rel instanceof Join join) {
      Map<RelNode, Boolean> path = new IdentityHashMap<>(seen); // a self-join reads one subset twice
      List<FieldType> left = of(join.getLeft(), seen);
      List<FieldType> right = left == null ? null : of(join.getRight(), path);
      return CurataJoin.supports(join, left, right)
          ? CurataJoin.outputTypes(join.getJoinType(), left, right) : null;
    }
    if (rel instanceof org.apache.calcite.rel.core.Union union && union.all) {
      List<FieldType> types = null;
      for (RelNode input : union.getInputs()) {
        List<FieldType> t = of(input, new IdentityHashMap<>(seen));
        if (t == null || (types != null && !t.equals(types))) {
          return null;
        }
        types = t;
      }
      return types;
    }
    if (rel instanceof Filter || rel instanceof Sort) {
      return of(rel.getInput(0), seen);
    }
    if (rel instanceof Project p) {
      List<FieldType> in = of(p.getInput(), seen);
      if (in == null) {
        return null;
      }
      List<Expr> exprs = CurataProject.compile(p.getCluster().getRexBuilder(), p.getProjects(), in,
          p.getInput().getRowType().getFieldNames());
      if (exprs == null) {
        return null;
      }
      List<FieldType> out = new ArrayList<>();
      for (Expr e : exprs) {
        out.add(e.type());
      }
      return out;
    }
    return null;
  }
}
