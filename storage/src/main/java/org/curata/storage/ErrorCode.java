package org.curata.storage;

/** Every error Curata reports, each in a category that the driver maps to a SQLState. */
public enum ErrorCode {
  /** Bad input from a user: a value that does not parse, an unknown name, a bad option. */
  INVALID_INPUT(Category.USER),
  /** A dataframe, field or version that does not exist. */
  NOT_FOUND(Category.USER),
  /** A dataframe or field that already exists. */
  ALREADY_EXISTS(Category.USER),
  /** Another process or thread holds the dataset's writer lock. */
  WRITER_LOCKED(Category.USER),
  /** The directory is not a Curata dataset (or not one this version can read). */
  NOT_A_DATASET(Category.USER),
  /** A statement stopped by its caller: Statement.cancel() or a query timeout. */
  CANCELLED(Category.USER),
  /** A feature that Curata does not (yet) support. */
  UNSUPPORTED(Category.UNSUPPORTED),
  /** Bytes on disk that fail a checksum or a structural check. */
  CORRUPTION(Category.CORRUPTION),
  /** An operating-system I/O failure. */
  IO(Category.IO),
  /** A memory or disk budget that was exceeded. */
  RESOURCE_EXHAUSTED(Category.RESOURCE),
  /** A bug in Curata. */
  INTERNAL(Category.INTERNAL);

  /** The broad kind of an error, which decides who must act on it. */
  public enum Category { USER, UNSUPPORTED, CORRUPTION, IO, RESOURCE, INTERNAL }

  private final Category category;

  ErrorCode(Category category) {
    this.category = category;
  }

  /** Returns the category of this code. */
  public Category category() {
    return category;
  }
}
