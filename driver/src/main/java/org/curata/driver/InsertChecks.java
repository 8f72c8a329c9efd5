package org.curata.driver;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.apache.calcite.runtime.SqlFunctions;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * The checks an INSERT applies to each value on its way into a column, called from the code
 * Calcite generates (so public): a string must fit a CHAR(n) column (SQLState 22001, string data,
 * right truncation, instead of Calcite's silent truncation), and a string assigned to a column of
 * another type must convert (SQLState 22018, naming the column, instead of Java's
 * {@code For input string}). Conversions are Calcite's own CAST functions.
 */
public final class InsertChecks {
  private static final SqlOperator FIT = operator("fitChar", "CURATA_FIT_CHAR", SqlTypeName.VARCHAR,
      String.class, int.class, String.class, String.class);

  private static final Map<SqlTypeName, SqlOperator> CONVERSIONS = conversions();

  private InsertChecks() {
  }

  /** The operator {@code CURATA_FIT_CHAR(value, bytes, table, column)}: {@link #fitChar}. */
  static SqlOperator fitOperator() {
    return FIT;
  }

  /** The operator converting a string to the type with a named-column error, if there is one. */
  static SqlOperator conversionOperator(SqlTypeName type) {
    return CONVERSIONS.get(type);
  }

  private static Map<SqlTypeName, SqlOperator> conversions() {
    Map<SqlTypeName, SqlOperator> m = new EnumMap<>(SqlTypeName.class);
    m.put(SqlTypeName.BOOLEAN, conversion("toBoolean", SqlTypeName.BOOLEAN));
    m.put(SqlTypeName.TINYINT, conversion("toTinyint", SqlTypeName.TINYINT));
    m.put(SqlTypeName.SMALLINT, conversion("toSmallint", SqlTypeName.SMALLINT));
    m.put(SqlTypeName.INTEGER, conversion("toInteger", SqlTypeName.INTEGER));
    m.put(SqlTypeName.BIGINT, conversion("toBigint", SqlTypeName.BIGINT));
    m.put(SqlTypeName.REAL, conversion("toReal", SqlTypeName.REAL));
    m.put(SqlTypeName.FLOAT, conversion("toDouble", SqlTypeName.FLOAT));
    m.put(SqlTypeName.DOUBLE, conversion("toDouble", SqlTypeName.DOUBLE));
    m.put(SqlTypeName.DATE, conversion("toDate", SqlTypeName.DATE));
    m.put(SqlTypeName.TIMESTAMP, conversion("toTimestamp", SqlTypeName.TIMESTAMP));
    return m;
  }

  private static SqlOperator conversion(String method, SqlTypeName type) {
    return operator(method, "CURATA_TO_" + type.getName(), type, String.class, String.class,
        String.class);
  }

  /** A Calcite function calling the static method; calls carry their type explicitly. */
  private static SqlOperator operator(String method, String name, SqlTypeName type,
      Class<?>... parameters) {
    Method m;
    try {
      m = InsertChecks.class.getMethod(method, parameters);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
    return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO),
        SqlKind.OTHER_FUNCTION, ReturnTypes.explicit(type), InferTypes.FIRST_KNOWN, null,
        ScalarFunctionImpl.create(m));
  }

  /**
   * The value, if its UTF-8 fits in {@code bytes} (trailing spaces beyond the length are dropped,
   * as SQL says for CHAR); NULL stays NULL.
   *
   * @throws org.curata.storage.CurataException SQLState 22001 naming table, column, value and length otherwise
   */
  public static String fitChar(String value, int bytes, String table, String column) {
    if (value == null) {
      return null;
    }
    int length = utf8Length(value);
    if (length <= bytes) {
      return value;
    }
    int end = value.length();
    while (end > 0 && value.charAt(end - 1) == ' ' && length > bytes) {
      end--;
      length--;
    }
    if (length <= bytes) {
      return value.substring(0, end);
    }
    throw new SqlErrors.StateException(SqlErrors.STRING_TOO_LONG, "value '" + abbreviate(value)
        + "' is too long for column '" + column + "' of table '" + table + "' (CHAR(" + bytes
        + "), which holds " + bytes + " bytes of UTF-8; the value has " + utf8Length(value)
        + "): shorten the value, or store the column as VARCHAR");
  }

  /** {@code CAST(value AS BOOLEAN)}, with an error naming the column. */
  public static Boolean toBoolean(String value, String table, String column) {
    try {
      return value == null ? null : SqlFunctions.toBoolean(value);
    } catch (RuntimeException e) {
      throw notConvertible(value, "BOOLEAN", table, column, e);
    }
  }

  /** {@code CAST(value AS TINYINT)}, with an error naming the column. */
  public static Byte toTinyint(String value, String table, String column) {
    try {
      return value == null ? null : Byte.parseByte(value.trim());
    } catch (RuntimeException e) {
      throw notConvertible(value, "TINYINT", table, column, e);
    }
  }

  /** {@code CAST(value AS SMALLINT)}, with an error naming the column. */
  public static Short toSmallint(String value, String table, String column) {
    try {
      return value == null ? null : SqlFunctions.toShort(value);
    } catch (RuntimeException e) {
      throw notConvertible(value, "SMALLINT", table, column, e);
    }
  }

  /** {@code CAST(value AS INTEGER)}, with an error naming the column. */
  public static Integer toInteger(String value, String table, String column) {
    try {
      return value == null ? null : SqlFunctions.toInt(value);
    } catch (RuntimeException e) {
      throw notConvertible(value, "INTEGER", table, column, e);
    }
  }

  /** {@code CAST(value AS BIGINT)}, with an error naming the column. */
  public static Long toBigint(String value, String table, String column) {
    try {
      return value == null ? null : SqlFunctions.toLong(value);
    } catch (RuntimeException e) {
      throw notConvertible(value, "BIGINT", table, column, e);
    }
  }

  /** {@code CAST(value AS REAL)}, with an error naming the column. */
  public static Float toReal(String value, String table, String column) {
    try {
      return value == null ? null : SqlFunctions.toFloat(value);
    } catch (RuntimeException e) {
      throw notConvertible(value, "REAL", table, column, e);
    }
  }

  /** {@code CAST(value AS DOUBLE)}, with an error naming the column. */
  public static Double toDouble(String value, String table, String column) {
    try {
      return value == null ? null : SqlFunctions.toDouble(value);
    } catch (RuntimeException e) {
      throw notConvertible(value, "DOUBLE", table, column, e);
    }
  }

  /** {@code CAST(value AS DATE)} as days since 1970-01-01, with an error naming the column. */
  public static Integer toDate(String value, String table, String column) {
    try {
      return value == null ? null : DateTimeUtils.dateStringToUnixDate(value.trim());
    } catch (RuntimeException e) {
      throw notConvertible(value, "DATE", table, column, e);
    }
  }

  /** {@code CAST(value AS TIMESTAMP)} as milliseconds, with an error naming the column. */
  public static Long toTimestamp(String value, String table, String column) {
    try {
      return value == null ? null : DateTimeUtils.timestampStringToUnixDate(value.trim());
    } catch (RuntimeException e) {
      throw notConvertible(value, "TIMESTAMP", table, column, e);
    }
  }

  private static RuntimeException notConvertible(String value, String type, String table,
      String column, RuntimeException cause) {
    return new SqlErrors.StateException(SqlErrors.NOT_CONVERTIBLE, "cannot convert value ["
        + abbreviate(value) + "] to " + type + " for column '" + column + "' of table '" + table
        + "': supply a " + type + " value (or NULL)", cause);
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String abbreviate(String value) {
    return value.length() <= 80 ? value : value.substring(0, 77) + "...";
  }
}
