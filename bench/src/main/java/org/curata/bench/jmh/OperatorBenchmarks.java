package org.curata.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.curata.adapter.CurataSchema;
import org.curata.adapter.CurataTable;
import org.curata.adapter.exec.AggregateNode;
import org.curata.adapter.exec.Batch;
import org.curata.adapter.exec.CompareOp;
import org.curata.adapter.exec.ExecContext;
import org.curata.adapter.exec.ExecNode;
import org.curata.adapter.exec.ExecOptions;
import org.curata.adapter.exec.GatherNode;
import org.curata.adapter.exec.Literal;
import org.curata.adapter.exec.Operator;
import org.curata.adapter.exec.ParallelAggregate;
import org.curata.adapter.exec.Predicate;
import org.curata.adapter.exec.ScanNode;
import org.curata.storage.CategoricalKey;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.OpenOptions;
import org.curata.storage.Transaction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Operators over a generated dataframe of {@code rows} rows (a 4-valued categorical, a 70%-NULL
 * double, an int and a 32-character id string), timed without SQL parsing, planning or boxing:
 * what the execution engine itself costs per row.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class OperatorBenchmarks {
  /** Rows of the generated dataframe. */
  @Param("4000000")
  public int rows;

  /** Threads of a query. */
  @Param({"1", "2"})
  public int threads;

  private Path dir;
  private Dataset dataset;
  private CurataSchema schema;
  private CurataTable table;

  /** Writes the dataframe once per trial. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("curata-jmh-");
    dataset = Datasets.open(dir, OpenOptions.defaults().withCreate(true));
    CategoricalKey key = new CategoricalKey(FieldKind.INT8,
        java.util.Map.of(0L, "", 1L, "no", 2L, "yes", 3L, "maybe"));
    Random rnd = new Random(42);
    try (Transaction tx = dataset.beginWrite("jmh data")) {
      DataFrameAppender a = tx.createDataFrame("t", List.of(
          FieldSpec.of("cat", FieldType.categorical(key)),
          FieldSpec.of("x", FieldType.of(FieldKind.FLOAT64)),
          FieldSpec.of("n", FieldType.of(FieldKind.INT32)),
          FieldSpec.of("id", FieldType.of(FieldKind.STRING))), List.of(), List.of());
      for (int r = 0; r < rows; r++) {
        a.field(0).appendLong(rnd.nextInt(100) < 2 ? 3 : rnd.nextInt(3));
        if (rnd.nextInt(10) < 7) {
          a.field(1).appendNull();
        } else {
          a.field(1).appendDouble(36 + rnd.nextGaussian());
        }
        a.field(2).appendLong(rnd.nextInt(1000));
        a.field(3).appendString(String.format("%032x", rnd.nextInt(rows / 10 + 1)));
      }
      tx.commit();
    }
    schema = new CurataSchema(dataset);
    table = (CurataTable) schema.getTable("t");
  }

  /** Deletes the dataframe. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    schema.close();
    dataset.close();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  private long drain(ExecNode node) {
    boolean[] needed = new boolean[node.columnTypes().size()];
    Arrays.fill(needed, true);
    long n = 0;
    try (ExecContext ctx = new ExecContext(ExecOptions.defaults().withThreads(threads), null);
        Operator op = node.open(ctx, needed)) {
      Batch b;
      while ((b = op.next()) != null) {
        n += b.selectedCount();
      }
    }
    return n;
  }

  private ExecNode aggregate(ExecNode scan, List<AggregateNode.Call> calls, int... groups) {
    return new AggregateNode(threads > 1 ? new GatherNode(scan) : scan, groups, calls);
  }

  /** Q1's shape: COUNT(*) WHERE cat = 'maybe' (the code 3). */
  @Benchmark
  public long filteredCount() {
    Predicate p = new Predicate.Compare(0, "cat", CompareOp.EQ, new Literal.OfLong(3, "3"));
    return drain(aggregate(new ScanNode(table, new int[] {0}, p),
        List.of(new AggregateNode.Call(AggregateNode.Kind.COUNT_STAR, -1,
            FieldType.of(FieldKind.INT64)))));
  }

  /** SUM and COUNT of a 70%-NULL double, grouped by the categorical (Q2's shape). */
  @Benchmark
  public long groupedSumOfSparseDouble() {
    return drain(aggregate(new ScanNode(table, new int[] {0, 1}, Predicate.TRUE),
        List.of(new AggregateNode.Call(AggregateNode.Kind.SUM, 1, FieldType.of(FieldKind.FLOAT64)),
            new AggregateNode.Call(AggregateNode.Kind.COUNT, 1, FieldType.of(FieldKind.INT64))),
        0));
  }

  /**
   * MAX of an int grouped by the 32-character string (Q3's shape: rows / 10 groups, the string
   * dictionary-encoded, so groups are found by code), two-phase with 2 threads.
   */
  @Benchmark
  public long groupByString() {
    ScanNode scan = new ScanNode(table, new int[] {3, 2}, Predicate.TRUE);
    List<AggregateNode.Call> calls = List.of(new AggregateNode.Call(AggregateNode.Kind.MAX, 1,
        FieldType.of(FieldKind.INT32)));
    return drain(threads > 1 ? ParallelAggregate.of(scan, new int[] {0}, calls)
        : new AggregateNode(scan, new int[] {0}, calls));
  }

  /** Reads every value of the 32-character string field. */
  @Benchmark
  public long scanStrings() {
    ScanNode scan = new ScanNode(table, new int[] {3}, Predicate.TRUE);
    return drain(threads > 1 ? new GatherNode(scan) : scan);
  }
}
