package org.curata.storage;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/** The key of a categorical field: its code type and the label of each code. */
public final class CategoricalKey {
  private final FieldKind codeKind;
  private final SortedMap<Long, String> labels;
  private final Map<String, Long> codes;

  public CategoricalKey(FieldKind codeKind, Map<Long, String> labels) {
    this.codeKind = Objects.requireNonNull(codeKind, "codeKind");
    if (!codeKind.isCodeKind()) {
      throw new CurataException(ErrorCode.INVALID_INPUT,
          "categorical value_type must be an integer of at most 32 bits, not " + codeKind.exeteraName());
    }
    TreeMap<Long, String> l = new TreeMap<>();
    Map<String, Long> c = new HashMap<>();
    for (Map.Entry<Long, String> e : labels.entrySet()) {
      String label = Objects.requireNonNull(e.getValue(), "label");
      l.put(e.getKey(), label);
      Long prev = c.putIfAbsent(label, e.getKey());
      if (prev != null && !prev.equals(e.getKey())) {
        throw new CurataException(ErrorCode.INVALID_INPUT,
            "categorical key maps label '" + label + "' to two codes, " + prev + " and " + e.getKey());
      }
    }
    this.labels = Collections.unmodifiableSortedMap(l);
    this.codes = Collections.unmodifiableMap(c);
  }

  /** The integer kind the codes are stored in. */
  public FieldKind codeKind() {
    return codeKind;
  }

  /** Code to label, in code order. */
  public SortedMap<Long, String> labels() {
    return labels;
  }

  /** The label of a code, or null if the code is not in the key. */
  public String label(long code) {
    return labels.get(code);
  }

  /** The code of a label, if the label is in the key. */
  public OptionalLong code(String label) {
    Long c = codes.get(label);
    return c == null ? OptionalLong.empty() : OptionalLong.of(c);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CategoricalKey
        && ((CategoricalKey) o).codeKind == codeKind
        && ((CategoricalKey) o).labels.equals(labels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(codeKind, labels);
  }

  @Override
  public String toString() {
    return "categorical(" + codeKind.exeteraName() + ", " + labels + ")";
  }
}
