package org.curata.storage.importer;

import java.util.Map;
import java.util.Objects;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * How one CSV column becomes a field: its name, its Curata type and the ExeTera import rules.
 *
 * @param name the column (and field) name
 * @param type the field's type
 * @param validation for numeric kinds, which cells are bad values; ALLOW_EMPTY otherwise
 * @param labels for a categorical, every label the CSV may hold and its code (several labels may
 *     share a code; the field's key names each code by its first label); empty otherwise
 * @param freetext for a categorical, whether text outside the labels is kept in an extra
 *     {@code <name>_freetext} string field (ExeTera's {@code "out_of_range": "freetext"})
 * @param optional whether the CSV header may lack this column (the field is then all NULL)
 */
public record ColumnSchema(String name, FieldType type, ValidationMode validation,
    Map<String, Long> labels, boolean freetext, boolean optional) {

  public ColumnSchema {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(validation, "validation");
    labels = Map.copyOf(labels);
    if (freetext && type.kind() != FieldKind.CATEGORICAL) {
      throw new CurataException(ErrorCode.INVALID_INPUT,
          "field '" + name + "': only a categorical field can keep free text");
    }
  }

  /** A column of a type with no special rules (empty cells are NULL, bad values are errors). */
  public static ColumnSchema of(String name, FieldType type) {
    return new ColumnSchema(name, type, ValidationMode.ALLOW_EMPTY, Map.of(), false, false);
  }

  /** The name of the extra field that holds free text, for a categorical with freetext. */
  public String freetextFieldName() {
    return name + "_freetext";
  }
}
