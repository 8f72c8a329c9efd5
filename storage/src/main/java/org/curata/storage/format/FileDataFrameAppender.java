package org.curata.storage.format;

import java.util.ArrayList;
import java.util.List;
import org.curata.storage.CurataException;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldAppender;
import org.curata.storage.FieldSpec;

/** Appends rows to a dataframe of a transaction, field by field. */
final class FileDataFrameAppender implements DataFrameAppender {
  private final FileTransaction.DataFrameState state;

  FileDataFrameAppender(FileTransaction.DataFrameState state) {
    this.state = state;
  }

  @Override
  public String name() {
    return state.name;
  }

  @Override
  public List<FieldSpec> fields() {
    List<FieldSpec> out = new ArrayList<>();
    for (FileTransaction.FieldState f : state.fields) {
      out.add(f.spec);
    }
    return out;
  }

  @Override
  public FieldAppender field(int index) {
    if (index < 0 || index >= state.fields.size()) {
      throw new CurataException(ErrorCode.NOT_FOUND, "dataframe '" + state.name + "' has "
          + state.fields.size() + " fields, not field " + index);
    }
    return state.fields.get(index).appender;
  }

  @Override
  public FieldAppender field(String name) {
    FileTransaction.FieldState f = state.field(name);
    if (f == null) {
      throw new CurataException(ErrorCode.NOT_FOUND, "field '" + name + "' does not exist in "
          + "dataframe '" + state.name + "'");
    }
    return f.appender;
  }
}
