package org.curata.driver;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ExeTera's raw view of a dataframe, decoded with jhdf directly (not through Curata's backend),
 * so that a decoding bug of the backend cannot cancel out in a comparison: numbers as stored,
 * bools, fixed strings without their NUL padding, indexed strings by index slices, categoricals
 * through {@code key_values -> key_names} (last entry wins, as in ExeTera), timestamps as float64
 * seconds rounded to milliseconds. Flag fields are not applied: ExeTera has no NULL. The one
 * value without a rendering is a categorical code outside the key (ExeTera's -1, whose text is in
 * {@code <f>_freetext}): it has no label in ExeTera either and is shown as "NULL".
 */
final class ExeteraRawDecoder {
  /**
   * One decoded column.
   *
   * @param values display strings, one a row
   * @param storedDefault what ExeTera stores for a missing value of the column, in the same form
   */
  record Column(List<String> values, String storedDefault) {
  }

  private ExeteraRawDecoder() {
  }

  /** The named fields of a top-level group, in that order. */
  static List<Column> decode(Path file, String frame, List<String> fields) {
    try (HdfFile f = new HdfFile(file)) {
      List<Column> out = new ArrayList<>();
      for (String name : fields) {
        out.add(field((Group) f.getByPath("/" + frame + "/" + name)));
      }
      return out;
    }
  }

  private static Column field(Group g) {
    String fieldtype = attr(g, "fieldtype");
    int comma = fieldtype.indexOf(',');
    String kind = comma < 0 ? fieldtype : fieldtype.substring(0, comma);
    String param = comma < 0 ? "" : fieldtype.substring(comma + 1);
    Object data = ((Dataset) g.getChild("values")).getData();
    int n = Array.getLength(data);
    List<String> v = new ArrayList<>(n);
    switch (kind) {
      case "numeric":
        if (param.equals("bool")) {
          for (int i = 0; i < n; i++) {
            Object o = Array.get(data, i);
            v.add(Boolean.toString(o instanceof String s ? s.equalsIgnoreCase("TRUE")
                : o instanceof Boolean b ? b : ((Number) o).longValue() != 0));
          }
          return new Column(v, "false");
        }
        if (param.startsWith("float")) {
          for (int i = 0; i < n; i++) {
            v.add(Double.toString(((Number) Array.get(data, i)).doubleValue()));
          }
          return new Column(v, "0.0");
        }
        for (int i = 0; i < n; i++) {
          v.add(Long.toString(((Number) Array.get(data, i)).longValue()));
        }
        return new Column(v, "0");
      case "timestamp":
        for (int i = 0; i < n; i++) {
          v.add(Long.toString(Math.round(((Number) Array.get(data, i)).doubleValue() * 1000)));
        }
        return new Column(v, "0");
      case "fixedstring":
        for (int i = 0; i < n; i++) {
          Object o = Array.get(data, i);
          String s = o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : (String) o;
          int end = s.length();
          while (end > 0 && s.charAt(end - 1) == '\0') {
            end--;
          }
          v.add(s.substring(0, end));
        }
        return new Column(v, "");
      case "indexedstring": {
        long[] index = longs(((Dataset) g.getChild("index")).getData());
        byte[] bytes = bytes(data);
        v = new ArrayList<>();
        for (int i = 0; i + 1 < index.length; i++) {
          v.add(new String(bytes, (int) index[i], (int) (index[i + 1] - index[i]),
              StandardCharsets.UTF_8));
        }
        return new Column(v, "");
      }
      case "categorical": {
        long[] keys = longs(((Dataset) g.getChild("key_values")).getData());
        Object names = ((Dataset) g.getChild("key_names")).getData();
        Map<Long, String> labels = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
          Object o = Array.get(names, i);
          labels.put(keys[i], o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8)
              : (String) o);
        }
        for (long c : longs(data)) {
          String label = labels.get(c);
          v.add(label == null ? "NULL" : label);
        }
        return new Column(v, labels.getOrDefault(0L, "NULL"));
      }
      default:
        throw new IllegalArgumentException(g.getPath() + ": field type " + fieldtype);
    }
  }

  private static long[] longs(Object data) {
    int n = Array.getLength(data);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = ((Number) Array.get(data, i)).longValue();
    }
    return out;
  }

  private static byte[] bytes(Object data) {
    int n = Array.getLength(data);
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = ((Number) Array.get(data, i)).byteValue();
    }
    return out;
  }

  private static String attr(Node n, String name) {
    Attribute a = n.getAttribute(name);
    Object v = a.getData();
    if (v instanceof Object[] arr && arr.length == 1) {
      v = arr[0];
    }
    return v.toString();
  }
}
