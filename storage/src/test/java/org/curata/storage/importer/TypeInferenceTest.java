package org.curata.storage.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.curata.storage.FieldKind;
import org.junit.jupiter.api.Test;

final class TypeInferenceTest {
  private static FieldKind infer(String... cells) {
    TypeInference t = new TypeInference();
    for (String c : cells) {
      t.accept(c);
    }
    return t.type().kind();
  }

  @Test
  void narrowestTypeThatFitsEveryValue() {
    assertEquals(FieldKind.BOOL, infer("yes", "no", null, "True", "0"));
    assertEquals(FieldKind.INT32, infer("0", "1", "1"));
    assertEquals(FieldKind.INT32, infer(" 12", "-3", "", "2147483647"));
    assertEquals(FieldKind.INT64, infer("12", "2147483648"));
    assertEquals(FieldKind.FLOAT64, infer("12", "1.5", "nan"));
    assertEquals(FieldKind.DATE, infer("2020-01-02", "2020-6-3"));
    assertEquals(FieldKind.TIMESTAMP, infer("2020-01-02", "2020-05-03 05:45:16.000000+00:00",
        "2020-05-05 06:49:22.000 UTC", "2020-06-18T16:45:15"));
    assertEquals(FieldKind.STRING, infer("12", "abc"));
    assertEquals(FieldKind.STRING, infer("yes", "maybe"));
    assertEquals(FieldKind.STRING, infer(null, "", "  "));
    assertEquals(FieldKind.STRING, infer());
  }
}
