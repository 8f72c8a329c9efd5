package org.curata.storage.exetera;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.curata.storage.DataFrame;
import org.curata.storage.Field;

/**
 * A top-level group of an ExeTera file: its fields in name order and, as row count, the length
 * of its longest field (shorter fields read NULL beyond their end; docs/EXETERA.md).
 */
final class HdfDataFrame implements DataFrame {
  private final String name;
  private final long rowCount;
  private final List<Field> fields;
  private final Map<String, Field> byName;

  HdfDataFrame(String name, long rowCount, List<Field> fields) {
    this.name = name;
    this.rowCount = rowCount;
    this.fields = List.copyOf(fields);
    this.byName = this.fields.stream().collect(Collectors.toUnmodifiableMap(Field::name,
        Function.identity()));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long rowCount() {
    return rowCount;
  }

  @Override
  public List<Field> fields() {
    return fields;
  }

  @Override
  public Optional<Field> field(String fieldName) {
    return Optional.ofNullable(byName.get(fieldName));
  }

  @Override
  public List<String> sortKeys() {
    return List.of();
  }

  @Override
  public List<String> primaryKeys() {
    return List.of();
  }

  @Override
  public String toString() {
    return "ExeTera dataframe '" + name + "' (" + rowCount + " rows, " + fields.size() + " fields)";
  }
}
