package org.curata.adapter.exec;

/**
 * The kinds of equi-join the join operators run, as Calcite's JoinRelType defines them: SEMI and
 * ANTI output only the left columns; ANTI keeps the left rows without a right row of an equal key,
 * including left rows whose key is NULL (NULL keys never match).
 */
public enum JoinType {
  INNER, LEFT, RIGHT, FULL, SEMI, ANTI;

  /** Whether the output has the right side's columns. */
  public boolean projectsRight() {
    return this != SEMI && this != ANTI;
  }

  /** Whether every left row appears in the output, with NULLs when it has no match. */
  boolean leftOuter() {
    return this == LEFT || this == FULL;
  }

  /** Whether every right row appears in the output, with NULLs when it has no match. */
  boolean rightOuter() {
    return this == RIGHT || this == FULL;
  }
}
