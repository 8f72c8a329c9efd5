package org.curata.adapter.exec;

/**
 * The shapes of LIKE pattern run natively: a literal, {@code 'text%'}, {@code '%text'} and
 * {@code '%text%'} (text without wildcards). On valid UTF-8, byte equality, prefix, suffix and
 * substring tests agree with the same tests on characters.
 */
public enum LikeShape { EXACT, PREFIX, SUFFIX, CONTAINS }
