package org.curata.adapter.exec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** A typed constant in a pushed predicate, in the physical representation of its column. */
public sealed interface Literal permits Literal.OfLong, Literal.OfDouble, Literal.OfBytes {

  /**
   * An integral value (bool 0/1, integer, categorical code, timestamp micros, date days).
   *
   * @param value the value
   * @param sql how EXPLAIN shows it
   */
  record OfLong(long value, String sql) implements Literal {
    public OfLong {
      Objects.requireNonNull(sql, "sql");
    }

    @Override
    public String toString() {
      return sql;
    }
  }

  /**
   * A float value, widened to double.
   *
   * @param value the value
   */
  record OfDouble(double value) implements Literal {
    @Override
    public String toString() {
      return Double.toString(value);
    }
  }

  /**
   * A string, as UTF-8 bytes compared unsigned byte-wise.
   *
   * @param bytes the UTF-8 bytes
   */
  record OfBytes(byte[] bytes) implements Literal {
    public OfBytes {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    byte[] raw() {
      return bytes;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof OfBytes && Arrays.equals(((OfBytes) o).bytes, bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "'" + new String(bytes, StandardCharsets.UTF_8).replace("'", "''") + "'";
    }
  }
}
