package org.curata.driver.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import org.curata.storage.CurataException;

/** The exit codes of {@code curata}, and how an exception maps to one. */
final class ExitCodes {
  /** Success. */
  static final int OK = 0;
  /** An SQL error or bad input from the user (a value that does not parse, an unknown name). */
  static final int USER_ERROR = 1;
  /** Bad command-line usage: unknown option, missing or malformed argument. */
  static final int USAGE = 2;
  /** Corruption: verify found problems, or a read failed a checksum or structural check. */
  static final int CORRUPTION = 3;
  /** An I/O or resource failure: disk full, permissions, a memory budget exceeded. */
  static final int IO_ERROR = 4;
  /** A bug in Curata. */
  static final int INTERNAL = 5;

  /** The exit-code table shown at the foot of every command's help. */
  static final String FOOTER = "%nExit codes:%n"
      + "  0  success%n"
      + "  1  SQL error or bad input (unparsable value, unknown table, locked dataset)%n"
      + "  2  usage error (unknown option, missing or malformed argument)%n"
      + "  3  corruption (verify found problems, or a read failed a checksum)%n"
      + "  4  I/O or resource error (file system, permissions, memory or disk)%n"
      + "  5  internal error: a bug in Curata (please report it)%n"
      + "Set CURATA_DEBUG=1 to print the stack trace of an error.";

  private ExitCodes() {
  }

  /** The exit code for a failure. */
  static int of(Throwable t) {
    CurataException ce = curataCause(t);
    if (ce != null) {
      switch (ce.code().category()) {
        case USER:
        case UNSUPPORTED:
          return USER_ERROR;
        case CORRUPTION:
          return CORRUPTION;
        case IO:
        case RESOURCE:
          return IO_ERROR;
        default:
          return INTERNAL;
      }
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof NoSuchFileException || c instanceof AccessDeniedException) {
        return USER_ERROR;
      }
      if (c instanceof SQLException) {
        return ofSqlState(((SQLException) c).getSQLState());
      }
      if (c instanceof UserException) {
        return USER_ERROR;
      }
      if (c instanceof IOException || c instanceof OutOfMemoryError) {
        return IO_ERROR;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return INTERNAL;
  }

  /** The exit code for an SQL error without a Curata cause, from its SQLState class. */
  static int ofSqlState(String state) {
    if (state == null) {
      return USER_ERROR;
    }
    if (state.equals("XX001")) {
      return CORRUPTION;
    }
    if (state.startsWith("58") || state.startsWith("53")) {
      return IO_ERROR;
    }
    if (state.equals("XX000")) {
      return INTERNAL;
    }
    return USER_ERROR;
  }

  /** The first {@link CurataException} in the cause chain, or null. */
  static CurataException curataCause(Throwable t) {
    int depth = 0;
    for (Throwable c = t; c != null && depth < 50; c = c.getCause(), depth++) {
      if (c instanceof CurataException) {
        return (CurataException) c;
      }
    }
    return null;
  }

  /** The message to show a user for a failure: a Curata message if there is one. */
  static String message(Throwable t) {
    if (t instanceof SQLException || t instanceof UserException) {
      return nonEmpty(t);
    }
    CurataException ce = curataCause(t);
    if (ce != null) {
      return nonEmpty(ce);
    }
    if (t instanceof NoSuchFileException) {
      return "no such file: " + t.getMessage();
    }
    if (t instanceof AccessDeniedException) {
      return "permission denied: " + t.getMessage();
    }
    return nonEmpty(t);
  }

  private static String nonEmpty(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.toString() : m;
  }
}
