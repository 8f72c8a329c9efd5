package org.curata.storage.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.curata.storage.DataFrame;
import org.curata.storage.Field;

/** A dataframe of a pinned version. */
final class FileDataFrame implements DataFrame {
  private final Manifest.DataFrameEntry entry;
  private final List<Field> fields;

  FileDataFrame(BlockStore store, Manifest.DataFrameEntry entry) {
    this.entry = entry;
    List<Field> f = new ArrayList<>();
    for (Manifest.FieldEntry fe : entry.fields()) {
      f.add(new FileField(store, entry.name(), fe));
    }
    this.fields = List.copyOf(f);
  }

  @Override
  public String name() {
    return entry.name();
  }

  @Override
  public long rowCount() {
    return entry.rowCount();
  }

  @Override
  public List<Field> fields() {
    return fields;
  }

  @Override
  public Optional<Field> field(String name) {
    for (Field f : fields) {
      if (f.name().equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  @Override
  public List<String> sortKeys() {
    return entry.sortKeys();
  }

  @Override
  public List<String> primaryKeys() {
    return entry.primaryKeys();
  }

  @Override
  public String toString() {
    return "dataframe '" + name() + "' (" + rowCount() + " rows)";
  }
}
