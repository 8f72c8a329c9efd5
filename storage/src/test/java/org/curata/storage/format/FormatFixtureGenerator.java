package org.curata.storage.format;

import java.nio.file.Path;
import java.util.List;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;
import org.curata.storage.OpenOptions;
import org.curata.storage.Transaction;

/**
 * Writes the format fixtures under {@code src/test/resources/fixtures/} (see the README there):
 * the same rows, in two commits, with the writer's default options. Uses only the API of format
 * version 1, so the same source builds the version-1 fixture with a Curata of that version.
 */
public final class FormatFixtureGenerator {
  static final int ROWS_FIRST = 10;
  static final int ROWS = 15;
  private static final String[] CITIES = {"Zürich", "", "東京", "Oslo"};

  private FormatFixtureGenerator() {
  }

  /** Writes the fixture dataset into {@code args[0]} (which must not exist). */
  public static void main(String[] args) {
    try (Dataset ds = Datasets.open(Path.of(args[0]),
        OpenOptions.defaults().withCreate(true).withBlockRows(4))) {
      try (Transaction tx = ds.beginWrite("fixture 1")) {
        DataFrameAppender a = tx.createDataFrame("t", List.of(
            FieldSpec.of("id", FieldType.of(FieldKind.INT64)),
            FieldSpec.of("city", FieldType.of(FieldKind.STRING)),
            FieldSpec.of("code", FieldType.fixedString(4)),
            FieldSpec.of("note", FieldType.of(FieldKind.STRING))), List.of("id"), List.of("id"));
        append(a, 0, ROWS_FIRST);
        tx.commit();
      }
      try (Transaction tx = ds.beginWrite("fixture 2")) {
        append(tx.append("t"), ROWS_FIRST, ROWS);
        tx.commit();
      }
    }
  }

  private static void append(DataFrameAppender a, int from, int to) {
    for (int i = from; i < to; i++) {
      a.field(0).appendLong(i);
      String c = city(i);
      if (c == null) {
        a.field(1).appendNull();
      } else {
        a.field(1).appendString(c);
      }
      a.field(2).appendString(code(i));
      a.field(3).appendString(note(i));
    }
  }

  /** Row i's city: repeated values, an empty string, non-ASCII, NULLs. */
  static String city(int i) {
    return i % 5 == 3 ? null : CITIES[(i * i) % CITIES.length];
  }

  /** Row i's code. */
  static String code(int i) {
    return "c" + (i % 3);
  }

  /** Row i's note (all distinct). */
  static String note(int i) {
    return "note number " + i;
  }
}
