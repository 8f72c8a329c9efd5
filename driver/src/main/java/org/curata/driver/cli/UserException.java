package org.curata.driver.cli;

/** A failure caused by what the user asked for, reported as its message with exit code 1. */
final class UserException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UserException(String message) {
    super(message);
  }

  UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
