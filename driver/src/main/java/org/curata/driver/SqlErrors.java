package org.curata.driver;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.validate.SqlValidatorException;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;

/**
 * Turns whatever reaches the JDBC boundary into a {@link SQLException} a user can act on: the
 * Curata (or Calcite parser/validator) message verbatim, a SQLState chosen from the error's code,
 * and the original exception as the cause, instead of Avatica's "Error while executing SQL".
 */
final class SqlErrors {
  /** SQLState of a statement against a dataset opened with {@code readonly=true}. */
  static final String READ_ONLY = "25006";
  /** SQLState of a value longer than its CHAR(n) column: string data, right truncation. */
  static final String STRING_TOO_LONG = "22001";
  /** SQLState of a string that does not convert to its column's type. */
  static final String NOT_CONVERTIBLE = "22018";
  /** SQLState of a division by zero. */
  static final String DIVISION_BY_ZERO = "22012";

  private static final Pattern TABLE_NOT_FOUND =
      Pattern.compile("(?s)(Object|Table) '.*' not found.*");
  private static final Pattern COLUMN_NOT_FOUND =
      Pattern.compile("(?s)Column '.*' not found.*");
  private static final String STRING_NOT_NUMBER =
      "class java.lang.String cannot be cast to class java.lang.Number";
  private static final Pattern NO_SUCH_FUNCTION =
      Pattern.compile("No match found for function signature ([^(]*)\\((.*)\\)");
  private static final Pattern NOT_A_NUMBER =
      Pattern.compile("For input string: \"(.*)\"(?: under radix \\d+)?");

  private SqlErrors() {
  }

  /** The SQLState for a Curata error code. */
  static String sqlState(ErrorCode code) {
    switch (code) {
      case INVALID_INPUT: return "22000";
      case NOT_FOUND: return "42S02";
      case ALREADY_EXISTS: return "42S01";
      case WRITER_LOCKED: return "40001";
      case NOT_A_DATASET: return "08001";
      case CANCELLED: return "57014";
      case UNSUPPORTED: return "0A000";
      case CORRUPTION: return "XX001";
      case IO: return "58030";
      case RESOURCE_EXHAUSTED: return "53000";
      case INTERNAL: return "XX000";
      default: throw new IllegalArgumentException("no SQLState for " + code);
    }
  }

  /** A SQLException of the subclass JDBC 4 defines for the state's class. */
  static SQLException create(String message, String sqlState, Throwable cause) {
    String cls = sqlState.substring(0, 2);
    switch (cls) {
      case "0A": return new SQLFeatureNotSupportedException(message, sqlState, cause);
      case "08": return new SQLNonTransientConnectionException(message, sqlState, cause);
      case "22": return new SQLDataException(message, sqlState, cause);
      case "40": return new SQLTransactionRollbackException(message, sqlState, cause);
      case "42": return new SQLSyntaxErrorException(message, sqlState, cause);
      default: return new SQLException(message, sqlState, cause);
    }
  }

  /** The SQLException for a Curata error. */
  static SQLException of(CurataException e) {
    String state = e instanceof ReadOnlyException ? READ_ONLY
        : e instanceof StateException ? ((StateException) e).sqlState : sqlState(e.code());
    return create(e.getMessage(), state, e);
  }

  /**
   * Translates an exception thrown inside the driver (often a SQLException wrapping a
   * RuntimeException wrapping another SQLException wrapping the real error) into the
   * SQLException to show.
   */
  static SQLException translate(Throwable t) {
    CurataException curata = find(t, CurataException.class);
    if (curata != null) {
      return of(curata);
    }
    SqlParseException parse = find(t, SqlParseException.class);
    if (parse != null) {
      return create(parseMessage(parse), "42000", parse);
    }
    CalciteContextException context = find(t, CalciteContextException.class);
    if (context != null) {
      return create(validationMessage(context.getMessage()), validationState(context), context);
    }
    SqlValidatorException validator = find(t, SqlValidatorException.class);
    if (validator != null) {
      return create(validationMessage(validator.getMessage()), validationState(validator),
          validator);
    }
    ArithmeticException arithmetic = find(t, ArithmeticException.class);
    if (arithmetic != null && isDivisionByZero(arithmetic.getMessage())) {
      return create("division by zero (" + arithmetic.getMessage() + "); to get NULL instead,"
          + " divide by NULLIF(divisor, 0)", DIVISION_BY_ZERO, arithmetic);
    }
    ClassCastException cast = find(t, ClassCastException.class);
    if (cast != null && String.valueOf(cast.getMessage()).startsWith(STRING_NOT_NUMBER)) {
      return create("cannot convert a string to a number: a parameter of a numeric column or"
          + " expression was set with setString; set it with setInt, setLong, setDouble or"
          + " setObject(number)", NOT_CONVERTIBLE, cast);
    }
    NumberFormatException number = find(t, NumberFormatException.class);
    if (number != null) {
      java.util.regex.Matcher m = NOT_A_NUMBER.matcher(String.valueOf(number.getMessage()));
      String value = m.matches() ? m.group(1) : String.valueOf(number.getMessage());
      return create("cannot convert value [" + value + "] to a number; CAST only values that"
          + " are numbers (filter the others out with a WHERE clause)", NOT_CONVERTIBLE, number);
    }
    if (t instanceof SQLException) {
      SQLException s = (SQLException) t;
      Throwable cause = s.getCause();
      if (s.getSQLState() == null && "Statement canceled".equals(s.getMessage())) {
        // Avatica's own check of the cancel flag, between rows
        return create("the statement was cancelled", "57014", s);
      }
      if (s.getSQLState() == null && (cause instanceof RuntimeException || cause instanceof Error)) {
        // A failure inside Calcite or the adapter: a bug, reported with the statement's text.
        return create(s.getMessage(), "XX000", cause);
      }
      return s;
    }
    return create(t.getMessage() != null ? t.getMessage() : t.toString(), "XX000", t);
  }

  private static String validationState(Exception e) {
    Throwable inner = e.getCause() instanceof SqlValidatorException ? e.getCause() : e;
    String m = String.valueOf(inner.getMessage());
    if (TABLE_NOT_FOUND.matcher(m).matches()) {
      return "42S02";
    }
    if (COLUMN_NOT_FOUND.matcher(m).matches()) {
      return "42S22";
    }
    return "42000";
  }

  private static boolean isDivisionByZero(String message) {
    String m = String.valueOf(message).toLowerCase(java.util.Locale.ROOT);
    return m.contains("by zero") || m.contains("division undefined");
  }

  /** Calcite's validation message, with the unknown function said plainly. */
  private static String validationMessage(String message) {
    String m = String.valueOf(message);
    int at = m.indexOf("No match found for function signature ");
    if (at < 0) {
      return m;
    }
    java.util.regex.Matcher f = NO_SUCH_FUNCTION.matcher(m.substring(at).strip());
    if (!f.matches()) {
      return m;
    }
    return m.substring(0, at) + "unknown function '" + f.group(1) + "' with arguments ("
        + f.group(2) + "): no function of that name takes arguments of these types; check the"
        + " name, or CAST the arguments to the types the function takes";
  }

  /** Calcite's parse message without its list of every token that could have come next. */
  private static String parseMessage(SqlParseException e) {
    String m = String.valueOf(e.getMessage());
    int cut = m.indexOf("\nWas expecting");
    if (cut < 0) {
      cut = m.indexOf("Was expecting one of");
    }
    return (cut < 0 ? m : m.substring(0, cut)).strip();
  }

  /** The first exception of the type in the cause chain (cycles are cut). */
  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable c = t; c != null && seen.put(c, Boolean.TRUE) == null; c = next(c)) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  private static Throwable next(Throwable t) {
    if (t instanceof SQLException && t.getCause() == null) {
      return ((SQLException) t).getNextException();
    }
    return t.getCause();
  }

  /** A user error the driver detects, with its own SQLState in class 22 (data exception). */
  static final class StateException extends CurataException {
    private static final long serialVersionUID = 1L;

    private final String sqlState;

    StateException(String sqlState, String message) {
      super(ErrorCode.INVALID_INPUT, message);
      this.sqlState = sqlState;
    }

    StateException(String sqlState, String message, Throwable cause) {
      super(ErrorCode.INVALID_INPUT, message, cause);
      this.sqlState = sqlState;
    }
  }

  /** A write refused because the connection opened its dataset with {@code readonly=true}. */
  static final class ReadOnlyException extends CurataException {
    private static final long serialVersionUID = 1L;

    ReadOnlyException(String message) {
      super(ErrorCode.INVALID_INPUT, message);
    }
  }
}
