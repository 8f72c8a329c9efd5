/**
 * The Curata JDBC driver ({@code jdbc:curata:<dataset-dir>}): connection properties, the DDL
 * executor behind Curata's generated SQL parser, JDBC metadata, and the translation of every
 * error leaving the driver into a {@link java.sql.SQLException} with a SQLState.
 *
 * <p>Public entry points: {@link org.curata.driver.CurataDriver} (registered through
 * {@code META-INF/services/java.sql.Driver}) and {@link org.curata.driver.CurataDdlExecutor}
 * (named by the {@code parserFactory} connection property). Everything else is internal.
 */
package org.curata.driver;
