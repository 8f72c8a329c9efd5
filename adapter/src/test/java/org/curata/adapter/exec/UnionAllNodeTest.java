package org.curata.adapter.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** UNION ALL yields every input's rows in input order, empty inputs included. */
final class UnionAllNodeTest {
  private static final List<FieldType> TYPES = List.of(FieldType.of(FieldKind.INT64),
      FieldType.of(FieldKind.STRING), FieldType.of(FieldKind.FLOAT64));

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4096})
  void concatenatesInputsInOrder(int batchSize) {
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    List<ExecNode> inputs = new ArrayList<>();
    List<List<Object>> expected = new ArrayList<>();
    ExecContext ctx = new ExecContext(batchSize, null);
    for (int k = 0; k < 4; k++) {
      int rows = k == 1 ? 0 : rnd.nextInt(50);
      RowsNode in = new RowsNode(TYPES, OperatorHarness.randomRows(rnd, TYPES, rows, 0.2,
          OperatorHarness.Shape.UNIFORM));
      inputs.add(in);
      expected.addAll(OperatorHarness.run(in, ctx));
    }
    assertEquals(expected, OperatorHarness.run(new UnionAllNode(inputs), ctx), "seed " + seed);
  }

  @Test
  void refusesInputsOfOtherTypes() {
    RowsNode a = new RowsNode(TYPES, List.of());
    RowsNode b = new RowsNode(List.of(FieldType.of(FieldKind.INT32)), List.of());
    assertThrows(IllegalArgumentException.class, () -> new UnionAllNode(List.of(a, b)));
  }
}
