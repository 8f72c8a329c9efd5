package org.curata.storage.importer;

import org.curata.storage.FieldAppender;

/**
 * Turns the cells of one CSV column into values of one field: {@link #parse} is called while the
 * CSV parser holds the cell's chars (so it copies what it keeps), {@link #append} once the row is
 * known to be whole.
 */
abstract class Column {
  static final int NULL = 0;
  static final int VALUE = 1;
  static final int BAD = 2;

  /** The field's name. */
  final String name;
  /** The type named in messages ("float64", "datetime", …). */
  final String typeName;
  final FieldAppender appender;

  /** NULL, VALUE or BAD: what the last parsed cell gave. */
  int state;
  /** For BAD: the cell text, as in the file. */
  String badText;
  /** For BAD: what is wrong, completing "value [x] …" (e.g. "is not a float64"). */
  String badReason;

  Column(String name, String typeName, FieldAppender appender) {
    this.name = name;
    this.typeName = typeName;
    this.appender = appender;
  }

  /** Parses one cell; {@code quoted} tells {@code ""} (an empty string) from an empty cell. */
  abstract void parse(char[] b, int off, int len, boolean quoted);

  /** Appends the last parsed cell's value, or NULL when it was NULL. */
  abstract void append();

  /** Appends NULL (to every field this column writes). */
  void appendNull() {
    appender.appendNull();
  }

  final void bad(char[] b, int off, int len, String reason) {
    state = BAD;
    badText = new String(b, off, len);
    badReason = reason;
  }

  /** "a float64", "an int32": the type with its article, for messages. */
  static String article(String typeName) {
    char c = typeName.charAt(0);
    boolean vowel = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
    return (vowel ? "an " : "a ") + typeName;
  }
}
