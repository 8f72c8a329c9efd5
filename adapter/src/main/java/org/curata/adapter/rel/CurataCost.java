package org.curata.adapter.rel;

import java.util.Locale;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptUtil;

/**
 * The planner's cost: rows produced, cpu (vectorised per-value operations), io (bytes read from
 * storage, and spilled bytes written and read back) and memory (bytes held), compared by one
 * weighted scalar, {@link #value()}, in estimated nanoseconds on one core.
 *
 * <p>The weights were calibrated on this machine (2 shared cores; docs/EXECUTION.md, "Costs",
 * has the measurements): a vectorised operation on one value costs about 1 ns ({@link #CPU_NS});
 * a boxed row handled by one Calcite Enumerable operator about 12-25 ns ({@link #BOXED_ROW_NS}
 * takes the upper end: linq4j's where+select+count over boxed rows measured 35-77 ns a row, and
 * plain Calcite's Q1 over 10M rows takes ~0.8 s); a byte of a memory-mapped block in the page
 * cache about 0.3 ns ({@link #IO_NS}); a byte held in the query's buffers about 0.1 ns to
 * allocate, fill and collect ({@link #MEMORY_NS}).
 * Rows are reported, not weighted: the work each row causes is in cpu.
 *
 * <p>Calcite's own rels build costs with {@link RelOptCostFactory#makeCost(double, double,
 * double)} in their row-at-a-time units; {@link #FACTORY} converts those to cpu ({@code rows x
 * BOXED_ROW_NS + cpu}), so Enumerable and Curata alternatives compare on one scale. When the
 * planner's factory is Calcite's default, {@link #make} folds the scalar into that factory's
 * rows (in boxed-row units), the only dimension its costs compare.
 */
public final class CurataCost implements RelOptCost {
  /** Nanoseconds per vectorised operation on one value. */
  public static final double CPU_NS = 1.0;
  /** Nanoseconds per byte read from a memory-mapped block. */
  public static final double IO_NS = 0.3;
  /** Nanoseconds per byte held in the query's buffers. */
  public static final double MEMORY_NS = 0.1;
  /** Nanoseconds (cpu units) per row passed through one row-at-a-time Calcite operator. */
  public static final double BOXED_ROW_NS = 25.0;

  /** The factory to give a planner. */
  public static final RelOptCostFactory FACTORY = new Factory();

  private static final CurataCost INFINITY = new CurataCost(Double.POSITIVE_INFINITY,
      Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
  private static final CurataCost HUGE = new CurataCost(Double.MAX_VALUE, Double.MAX_VALUE / 4,
      0, 0);
  private static final CurataCost ZERO = new CurataCost(0, 0, 0, 0);
  private static final CurataCost TINY = new CurataCost(1, 1, 0, 0);

  private final double rows;
  private final double cpu;
  private final double io;
  private final double memory;

  /** A cost of the four dimensions. */
  public CurataCost(double rows, double cpu, double io, double memory) {
    this.rows = rows;
    this.cpu = cpu;
    this.io = io;
    this.memory = memory;
  }

  /**
   * A cost made by {@code planner}'s factory: this class when the factory is {@link #FACTORY},
   * else the scalar folded into the factory's rows (in boxed-row units), cpu and io.
   */
  public static RelOptCost make(RelOptPlanner planner, double rows, double cpu, double io,
      double memory) {
    RelOptCostFactory f = planner.getCostFactory();
    if (f instanceof Factory) {
      return new CurataCost(rows, cpu, io, memory);
    }
    double v = weighted(cpu, io, memory);
    return f.makeCost(v / BOXED_ROW_NS, cpu, io);
  }

  private static double weighted(double cpu, double io, double memory) {
    return cpu * CPU_NS + io * IO_NS + memory * MEMORY_NS;
  }

  /** The scalar the planner compares: estimated nanoseconds. */
  public double value() {
    return weighted(cpu, io, memory);
  }

  /** Bytes held. */
  public double getMemory() {
    return memory;
  }

  @Override
  public double getRows() {
    return rows;
  }

  @Override
  public double getCpu() {
    return cpu;
  }

  @Override
  public double getIo() {
    return io;
  }

  @Override
  public boolean isInfinite() {
    return this == INFINITY || Double.isInfinite(rows) || Double.isInfinite(cpu)
        || Double.isInfinite(io) || Double.isInfinite(memory);
  }

  @Override
  public boolean equals(RelOptCost other) {
    return this == other || other instanceof CurataCost c && rows == c.rows && cpu == c.cpu
        && io == c.io && memory == c.memory;
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof RelOptCost c && equals(c);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(rows) * 31 * 31 * 31 + Double.hashCode(cpu) * 31 * 31
        + Double.hashCode(io) * 31 + Double.hashCode(memory);
  }

  @Override
  public boolean isEqWithEpsilon(RelOptCost other) {
    if (this == other) {
      return true;
    }
    double a = value();
    double b = scalar(other);
    return a == b || Math.abs(a - b) < RelOptUtil.EPSILON;
  }

  @Override
  public boolean isLe(RelOptCost other) {
    return this == other || value() <= scalar(other);
  }

  @Override
  public boolean isLt(RelOptCost other) {
    return value() < scalar(other);
  }

  /** The scalar of any cost (a cost of another class counts as boxed rows, cpu and io). */
  private static double scalar(RelOptCost c) {
    if (c instanceof CurataCost cc) {
      return cc.value();
    }
    if (c.isInfinite()) {
      return Double.POSITIVE_INFINITY;
    }
    return weighted(c.getRows() * BOXED_ROW_NS + c.getCpu(), c.getIo(), 0);
  }

  private static CurataCost of(RelOptCost c) {
    if (c instanceof CurataCost cc) {
      return cc;
    }
    return new CurataCost(c.getRows(), c.getRows() * BOXED_ROW_NS + c.getCpu(), c.getIo(), 0);
  }

  @Override
  public RelOptCost plus(RelOptCost other) {
    CurataCost o = of(other);
    if (this == INFINITY || o == INFINITY) {
      return INFINITY;
    }
    return new CurataCost(rows + o.rows, cpu + o.cpu, io + o.io, memory + o.memory);
  }

  @Override
  public RelOptCost minus(RelOptCost other) {
    CurataCost o = of(other);
    if (this == INFINITY) {
      return this;
    }
    return new CurataCost(rows - o.rows, cpu - o.cpu, io - o.io, memory - o.memory);
  }

  @Override
  public RelOptCost multiplyBy(double factor) {
    if (this == INFINITY) {
      return this;
    }
    return new CurataCost(rows * factor, cpu * factor, io * factor, memory * factor);
  }

  @Override
  public double divideBy(RelOptCost cost) {
    double b = scalar(cost);
    double a = value();
    return b == 0 || Double.isInfinite(b) || Double.isInfinite(a) ? 1.0 : a / b;
  }

  /** Compact form for EXPLAIN: rows, the scalar, then cpu, io and memory. */
  @Override
  public String toString() {
    if (isInfinite()) {
      return "{inf}";
    }
    return String.format(Locale.ROOT, "{%s rows, %s ns: %s cpu, %s io, %s mem}", num(rows),
        num(value()), num(cpu), num(io), num(memory));
  }

  /** A number in 3 significant digits with an SI suffix (1.23E6 as "1.23M"). */
  static String num(double v) {
    if (Double.isInfinite(v) || Double.isNaN(v)) {
      return String.valueOf(v);
    }
    double a = Math.abs(v);
    String[] suffix = {"", "k", "M", "G", "T", "P"};
    int i = 0;
    while (a >= 999.5 && i < suffix.length - 1) {
      a /= 1000;
      v /= 1000;
      i++;
    }
    String s = a >= 99.5 ? String.format(Locale.ROOT, "%.0f", v)
        : a >= 9.95 ? String.format(Locale.ROOT, "%.1f", v)
        : String.format(Locale.ROOT, "%.2f", v);
    return s + suffix[i];
  }

  /** Makes {@link CurataCost}s; Calcite's three-dimension costs are converted (see above). */
  private static final class Factory implements RelOptCostFactory {
    @Override
    public RelOptCost makeCost(double rowCount, double cpu, double io) {
      return new CurataCost(rowCount, rowCount * BOXED_ROW_NS + cpu, io, 0);
    }

    @Override
    public RelOptCost makeHugeCost() {
      return HUGE;
    }

    @Override
    public RelOptCost makeInfiniteCost() {
      return INFINITY;
    }

    @Override
    public RelOptCost makeTinyCost() {
      return TINY;
    }

    @Override
    public RelOptCost makeZeroCost() {
      return ZERO;
    }
  }
}
