package org.curata.storage.exetera;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.curata.storage.CategoricalKey;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldKind;

/**
 * Reads the attributes and arrays of one ExeTera field group into a {@link FieldSource}
 * (docs/EXETERA.md, "Types"): the part of {@code fieldtype} before the first comma is the type,
 * the part after it (or, in older files, the {@code nformat} / {@code strlen} attribute, or the
 * array's own HDF5 type) its parameter.
 */
final class FieldParser {
  private final HdfFileAccess file;
  private final List<String> warnings;

  /** A parser adding its notes (e.g. repeated key values) to {@code warnings}. */
  FieldParser(HdfFileAccess file, List<String> warnings) {
    this.file = file;
    this.warnings = warnings;
  }

  /**
   * The source of a field group.
   *
   * @throws CurataException with {@link ErrorCode#CORRUPTION} naming the group when it lacks
   *     {@code fieldtype} or an array its type needs, or its arrays do not match the type;
   *     {@link ErrorCode#UNSUPPORTED} for a field type Curata does not read
   */
  FieldSource parse(Group g) {
    String path = g.getPath();
    String fieldtype = stringAttr(g, "fieldtype");
    if (fieldtype == null) {
      throw new CurataException(ErrorCode.CORRUPTION, file.describe(path)
          + ": no 'fieldtype' attribute, which every ExeTera field group has; "
          + "is this an ExeTera file?");
    }
    int comma = fieldtype.indexOf(',');
    String kind = (comma < 0 ? fieldtype : fieldtype.substring(0, comma)).trim()
        .toLowerCase(Locale.ROOT);
    String param = comma < 0 ? null : fieldtype.substring(comma + 1).trim();
    switch (kind) {
      case "numeric":
        return numeric(g, param != null ? param : stringAttr(g, "nformat"));
      case "categorical":
        return categorical(g);
      case "fixedstring":
        return fixedString(g, param);
      case "indexedstring":
        return indexedString(g);
      case "timestamp":
      case "datetime":
      case "date":
        return timestamp(g);
      default:
        throw new CurataException(ErrorCode.UNSUPPORTED, file.describe(path) + ": field type '"
            + fieldtype + "' is not one Curata reads (numeric, categorical, fixedstring, "
            + "indexedstring, timestamp)");
    }
  }

  private FieldSource timestamp(Group g) {
    HdfArray values = array(g, "values");
    if (values.element() != HdfArray.Element.FLOAT || values.elementSize() != 8) {
      throw mismatch(values, "float64 seconds");
    }
    return new FieldSource.Timestamp(file, values);
  }

  private FieldSource indexedString(Group g) {
    HdfArray index = array(g, "index");
    HdfArray values = array(g, "values");
    if (!isIntegral(index)) {
      throw mismatch(index, "integer offsets");
    }
    if (!isIntegral(values) || values.elementSize() != 1) {
      throw mismatch(values, "uint8 UTF-8 bytes");
    }
    return new FieldSource.IndexedString(file, index, values);
  }

  private static boolean isIntegral(HdfArray a) {
    return a.element() == HdfArray.Element.SIGNED || a.element() == HdfArray.Element.UNSIGNED;
  }

  private FieldSource numeric(Group g, String nformat) {
    HdfArray values = array(g, "values");
    String fmt = nformat != null ? nformat.trim().toLowerCase(Locale.ROOT) : dtypeName(values);
    FieldKind kind;
    boolean uint64 = false;
    switch (fmt) {
      case "bool": kind = FieldKind.BOOL; break;
      case "int8": kind = FieldKind.INT8; break;
      case "int16": kind = FieldKind.INT16; break;
      case "int32": kind = FieldKind.INT32; break;
      case "int64": kind = FieldKind.INT64; break;
      case "uint8": kind = FieldKind.UINT8; break;
      case "uint16": kind = FieldKind.UINT16; break;
      case "uint32": kind = FieldKind.UINT32; break;
      case "uint64": kind = FieldKind.INT64; uint64 = true; break;
      case "float32": kind = FieldKind.FLOAT32; break;
      case "float64": kind = FieldKind.FLOAT64; break;
      default:
        throw new CurataException(ErrorCode.UNSUPPORTED, file.describe(g.getPath())
            + ": numeric format '" + fmt + "' is not one Curata reads");
    }
    boolean ok;
    if (kind.isFloating()) {
      ok = values.element() == HdfArray.Element.FLOAT && values.elementSize() == kind.width();
    } else {
      ok = (values.element() == HdfArray.Element.SIGNED
          || values.element() == HdfArray.Element.UNSIGNED)
          && values.elementSize() == (uint64 ? 8 : kind.width());
    }
    if (!ok) {
      throw mismatch(values, fmt);
    }
    return new FieldSource.Numeric(file, values, kind, uint64);
  }

  private FieldSource fixedString(Group g, String param) {
    HdfArray values = array(g, "values");
    int length;
    String p = param != null ? param : stringAttr(g, "strlen");
    if (p == null) {
      length = values.elementSize();
    } else {
      try {
        length = Integer.parseInt(p.trim());
      } catch (NumberFormatException e) {
        throw new CurataException(ErrorCode.CORRUPTION, file.describe(g.getPath())
            + ": fixed string length '" + p + "' is not a number");
      }
    }
    if (values.element() != HdfArray.Element.FIXED_STRING || values.elementSize() != length
        || length <= 0) {
      throw mismatch(values, "fixed strings of " + length + " bytes");
    }
    return new FieldSource.FixedString(values, length);
  }

  private FieldSource categorical(Group g) {
    String path = g.getPath();
    HdfArray values = array(g, "values");
    HdfArray keyValues = array(g, "key_values");
    Dataset keyNames = dataset(g, "key_names");
    FieldKind codeKind = codeKind(values);
    if (codeKind == null) {
      throw new CurataException(ErrorCode.UNSUPPORTED, file.describe(path) + ": categorical codes "
          + "of type " + dtypeName(values) + "; Curata reads int8, int16, int32, uint8 and uint16");
    }
    if (keyValues.length() > 1 << 16) {
      throw new CurataException(ErrorCode.CORRUPTION, file.describe(path) + ": a key of "
          + keyValues.length() + " entries; a key has at most 65,536");
    }
    if (!isIntegral(keyValues)) {
      throw mismatch(keyValues, "integer key values");
    }
    long[] codes = keyValues.readLongs(0, (int) keyValues.length());
    long nameCount = file.read(keyNames.getPath(), () -> keyNames.getSize());
    if (nameCount != codes.length) {
      throw new CurataException(ErrorCode.CORRUPTION, file.describe(path) + ": key_values holds "
          + codes.length + " entries but key_names " + nameCount);
    }
    String[] names = file.read(keyNames.getPath(), () -> strings(keyNames));
    if (names.length != codes.length) {
      throw new CurataException(ErrorCode.CORRUPTION, file.describe(path) + ": key_values holds "
          + codes.length + " entries but key_names " + names.length);
    }
    // ExeTera builds its key as dict(zip(key_values, key_names)): a repeated value (two labels
    // written under one value, or a key value over 127 wrapped to int8) keeps the last label.
    Map<Long, String> labels = new HashMap<>();
    for (int i = 0; i < codes.length; i++) {
      String prev = labels.put(codes[i], names[i]);
      if (prev != null && !prev.equals(names[i])) {
        warnings.add(file.describe(path) + ": key value " + codes[i] + " names both '" + prev
            + "' and '" + names[i] + "' (a repeated or int8-wrapped key value); as in ExeTera, "
            + "the last one, '" + names[i] + "', is its label");
      }
    }
    try {
      return new FieldSource.Categorical(values, new CategoricalKey(codeKind, labels));
    } catch (CurataException e) {
      throw new CurataException(ErrorCode.CORRUPTION, file.describe(path) + ": " + e.getMessage(),
          e);
    }
  }

  private static String[] strings(Dataset d) {
    if (d.getSize() == 0) {
      return new String[0];
    }
    Object data = d.getData();
    if (data instanceof String[] s) {
      return s;
    }
    if (data instanceof byte[][] b) {
      String[] s = new String[b.length];
      for (int i = 0; i < b.length; i++) {
        s[i] = new String(b[i], StandardCharsets.UTF_8);
      }
      return s;
    }
    throw new CurataException(ErrorCode.CORRUPTION, "key_names holds "
        + (data == null ? "nothing" : data.getClass().getSimpleName()) + ", not strings");
  }

  private static FieldKind codeKind(HdfArray a) {
    boolean signed = a.element() == HdfArray.Element.SIGNED;
    if (!signed && a.element() != HdfArray.Element.UNSIGNED) {
      return null;
    }
    switch (a.elementSize()) {
      case 1: return signed ? FieldKind.INT8 : FieldKind.UINT8;
      case 2: return signed ? FieldKind.INT16 : FieldKind.UINT16;
      case 4: return signed ? FieldKind.INT32 : null;
      default: return null;
    }
  }

  private static String dtypeName(HdfArray a) {
    switch (a.element()) {
      case SIGNED: return "int" + a.elementSize() * 8;
      case UNSIGNED: return "uint" + a.elementSize() * 8;
      case FLOAT: return "float" + a.elementSize() * 8;
      case FIXED_STRING: return "S" + a.elementSize();
      default: return "an HDF5 type of " + a.elementSize() + " bytes";
    }
  }

  private CurataException mismatch(HdfArray a, String expected) {
    return new CurataException(ErrorCode.CORRUPTION, file.describe(a.path()) + ": holds "
        + dtypeName(a) + " where the field type needs " + expected);
  }

  private Dataset dataset(Group g, String name) {
    Node n = file.read(g.getPath(), () -> g.getChildren().get(name));
    if (!(n instanceof Dataset d)) {
      throw new CurataException(ErrorCode.CORRUPTION, file.describe(g.getPath()) + ": no '" + name
          + "' array, which its field type needs");
    }
    return d;
  }

  private HdfArray array(Group g, String name) {
    Dataset d = dataset(g, name);
    return file.read(d.getPath(), () -> new HdfArray(file, d));
  }

  /** A string-valued attribute (variable or fixed length, scalar or one element), or null. */
  String stringAttr(Node n, String name) {
    return file.read(n.getPath(), () -> {
      Attribute a = n.getAttributes().get(name);
      if (a == null) {
        return null;
      }
      Object v = a.getData();
      if (v instanceof Object[] arr && arr.length == 1) {
        v = arr[0];
      }
      if (v instanceof byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
      }
      if (v instanceof String || v instanceof Number) {
        return v.toString();
      }
      if (v instanceof long[] l && l.length == 1) {
        return Long.toString(l[0]);
      }
      if (v instanceof int[] i && i.length == 1) {
        return Integer.toString(i[0]);
      }
      throw new CurataException(ErrorCode.CORRUPTION, file.describe(n.getPath())
          + ": attribute '" + name + "' holds " + (v == null ? "nothing" : v.getClass()
          .getSimpleName()) + ", not a string");
    });
  }

  /** Names of groups that are ExeTera dataframes: every top-level group but {@code trash}. */
  static boolean isDataFrame(Node n) {
    return n.isGroup() && !"trash".equals(n.getName());
  }

  /** The keys of a map of children, in name order. */
  static List<String> sorted(Map<String, ?> m) {
    return m.keySet().stream().sorted().toList();
  }
}
