/**
 * Curata's SQL test suites: SQLite's sqllogictest corpus (through sqllogictest-java) run natively
 * in Curata ({@link org.curata.sqltests.CurataSltExecutor}), and the project's own
 * DuckDB-style {@code .test} scripts under {@code src/test/resources/curata}
 * ({@link org.curata.sqltests.ScriptRunner}). See the module's README.md.
 */
package org.curata.sqltests;
