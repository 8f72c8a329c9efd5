package org.curata.storage;

import java.util.Objects;

/** The one root exception of Curata: a message a user can act on, and an {@link ErrorCode}. */
public class CurataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public CurataException(ErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public CurataException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** Returns the error code. */
  public ErrorCode code() {
    return code;
  }
}
