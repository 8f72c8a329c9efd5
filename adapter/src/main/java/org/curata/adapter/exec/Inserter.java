package org.curata.adapter.exec;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.curata.storage.CurataException;
import org.curata.storage.DataFrameAppender;
import org.curata.storage.Dataset;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldAppender;
import org.curata.storage.FieldSpec;
import org.curata.storage.Transaction;

/**
 * Appends the rows of an INSERT to a dataframe in one transaction: all rows or none. Called from
 * the code Calcite generates for {@code CurataTableModify}; rows arrive in Calcite's internal
 * representation (TIMESTAMP as long milliseconds, DATE as int days).
 */
public final class Inserter {
  private final Dataset dataset;
  private final String table;

  /**
   * Creates an inserter.
   *
   * @param dataset the dataset to write
   * @param table the dataframe to append to
   */
  public Inserter(Dataset dataset, String table) {
    this.dataset = Objects.requireNonNull(dataset, "dataset");
    this.table = Objects.requireNonNull(table, "table");
  }

  /**
   * Appends every row and commits once; returns the row count as a one-row result.
   *
   * @param rows the rows, each an Object[] in the table's field order (or the value itself when
   *     {@code scalar})
   * @param scalar whether each row is a single value rather than an array
   */
  public Enumerable<Long> insert(Enumerable<?> rows, boolean scalar) {
    long count = 0;
    try (Transaction tx = dataset.beginWrite("INSERT INTO " + table)) {
      DataFrameAppender appender = tx.append(table);
      List<FieldSpec> fields = appender.fields();
      FieldAppender[] out = new FieldAppender[fields.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = appender.field(i);
      }
      Object[] one = new Object[1];
      try (Enumerator<?> e = enumerator(rows)) {
        while (moveNext(e)) {
          Object current = current(e);
          Object[] row;
          if (scalar) {
            one[0] = current;
            row = one;
          } else {
            row = (Object[]) current;
          }
          count++;
          if (row.length != out.length) {
            throw new CurataException(ErrorCode.INTERNAL, "INSERT INTO " + table + ": row " + count
                + " has " + row.length + " values for " + out.length + " fields");
          }
          for (int i = 0; i < out.length; i++) {
            append(out[i], fields.get(i), row[i], count);
          }
        }
      }
      tx.commit();
    }
    return org.apache.calcite.linq4j.Linq4j.singletonEnumerable(count);
  }

  /**
   * Calcite evaluates a constant CAST of the source (such as {@code CAST('abc' AS DOUBLE)}) in a
   * static initialiser of its generated code, so a value that does not convert surfaces as an
   * ExceptionInInitializerError, which JDBC would not turn into an SQLException; a CAST evaluated
   * per row (as of a multi-row VALUES) throws Java's own NumberFormatException or
   * ArithmeticException.
   */
  private Enumerator<?> enumerator(Enumerable<?> rows) {
    try {
      return rows.enumerator();
    } catch (ExceptionInInitializerError | IllegalArgumentException | ArithmeticException e) {
      throw conversionFailed(e);
    }
  }

  private boolean moveNext(Enumerator<?> e) {
    try {
      return e.moveNext();
    } catch (ExceptionInInitializerError | IllegalArgumentException | ArithmeticException x) {
      throw conversionFailed(x);
    }
  }

  private Object current(Enumerator<?> e) {
    try {
      return e.current();
    } catch (ExceptionInInitializerError | IllegalArgumentException | ArithmeticException x) {
      throw conversionFailed(x);
    }
  }

  private CurataException conversionFailed(Throwable e) {
    Throwable cause = e instanceof ExceptionInInitializerError && e.getCause() != null
        ? e.getCause() : e;
    return new CurataException(ErrorCode.INVALID_INPUT, "INSERT INTO " + table + ": a value does"
        + " not convert to its field's type (" + cause + "); nothing was written", cause);
  }

  private void append(FieldAppender out, FieldSpec spec, Object value, long row) {
    if (value == null) {
      if (!spec.nullable()) {
        throw new CurataException(ErrorCode.INVALID_INPUT, "INSERT INTO " + table + ": field '"
            + spec.name() + "' is NOT NULL but row " + row + " gives NULL; supply a value");
      }
      out.appendNull();
      return;
    }
    try {
      switch (spec.type().kind()) {
        case BOOL:
          out.appendLong(((Boolean) value) ? 1 : 0);
          return;
        case FLOAT32:
        case FLOAT64:
          out.appendDouble(((Number) value).doubleValue());
          return;
        case CATEGORICAL: {
          OptionalLong code = spec.type().key().code(value.toString());
          if (code.isEmpty()) {
            throw new CurataException(ErrorCode.INVALID_INPUT, "INSERT INTO " + table + ": value ["
                + value + "] in row " + row + " is not a label of categorical field '" + spec.name()
                + "'; its labels are " + spec.type().key().labels().values());
          }
          out.appendLong(code.getAsLong());
          return;
        }
        case FIXED_STRING:
        case STRING:
          out.appendString(value.toString());
          return;
        case TIMESTAMP:
          out.appendLong(Math.multiplyExact(((Number) value).longValue(), 1000L));
          return;
        default:
          out.appendLong(((Number) value).longValue());
      }
    } catch (ClassCastException | ArithmeticException e) {
      throw new CurataException(ErrorCode.INVALID_INPUT, "INSERT INTO " + table + ": value ["
          + value + "] in row " + row + " does not fit field '" + spec.name() + "' of type "
          + spec.type(), e);
    }
  }
}
