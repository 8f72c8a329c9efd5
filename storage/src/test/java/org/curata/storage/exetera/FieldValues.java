package org.curata.storage.exetera;

import java.util.ArrayList;
import java.util.List;
import org.curata.storage.Block;
import org.curata.storage.Field;
import org.curata.storage.FieldKind;

/** Reads whole fields of a dataset as boxed values for comparison in tests. */
final class FieldValues {
  private FieldValues() {
  }

  /**
   * Every row of a field: the label (String) for a categorical, Long for other integral kinds,
   * Double for floats, String for strings, null for NULL. Also checks that each block's null
   * count, and its statistics once read, agree with its rows.
   */
  static List<Object> of(Field f) {
    List<Object> out = new ArrayList<>();
    FieldKind k = f.type().kind();
    int blocks = f.blocks().size();
    for (int i = 0; i < blocks; i++) {
      Block b = f.block(i);
      int nulls = 0;
      for (int r = 0; r < b.rowCount(); r++) {
        if (b.isNull(r)) {
          nulls++;
          out.add(null);
        } else if (k == FieldKind.CATEGORICAL) {
          out.add(f.type().key().label(b.getLong(r)));
        } else if (k.isString()) {
          out.add(b.getString(r));
        } else if (k.isFloating()) {
          out.add(b.getDouble(r));
        } else {
          out.add(b.getLong(r));
        }
      }
      if (nulls != b.nullCount() || nulls != f.blocks().get(i).stats().nullCount()) {
        throw new AssertionError(f + " block " + i + ": " + nulls + " NULL rows but nullCount "
            + b.nullCount() + ", stats " + f.blocks().get(i).stats().nullCount());
      }
    }
    return out;
  }
}
