package org.curata.adapter.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A filter narrows its input batch's selection in place; producers that reuse one batch must
 * select their rows afresh on every batch, or the next batch reads the previous one's positions.
 */
final class ReusedBatchTest {
  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4, 4096})
  void filterOverValuesSeesEveryBatch(int batchSize) {
    List<FieldType> types = List.of(FieldType.of(FieldKind.INT64));
    List<Object[]> rows = new ArrayList<>();
    List<List<Object>> expected = new ArrayList<>();
    for (long i = 0; i < 20; i++) {
      rows.add(new Object[] {i});
      if (i % 3 != 0) {
        expected.add(List.of(i));
      }
    }
    Predicate notMultipleOf3 = Predicate.and(List.of(
        new Predicate.Compare(0, "x", CompareOp.NE, new Literal.OfLong(0, "0")),
        new Predicate.Compare(0, "x", CompareOp.NE, new Literal.OfLong(3, "3")),
        new Predicate.Compare(0, "x", CompareOp.NE, new Literal.OfLong(6, "6")),
        new Predicate.Compare(0, "x", CompareOp.NE, new Literal.OfLong(9, "9")),
        new Predicate.Compare(0, "x", CompareOp.NE, new Literal.OfLong(12, "12")),
        new Predicate.Compare(0, "x", CompareOp.NE, new Literal.OfLong(15, "15")),
        new Predicate.Compare(0, "x", CompareOp.NE, new Literal.OfLong(18, "18"))));
    ExecContext ctx = new ExecContext(batchSize, null);
    assertEquals(expected, OperatorHarness.run(
        new FilterNode(new RowsNode(types, rows), notMultipleOf3), ctx));
  }
}
