/**
 * The benchmark: a deterministic generator of the cohort CSVs of BENCHMARK.md and a runner that
 * imports them into Curata and DuckDB, holds them in Java arrays for plain Calcite, sends the same
 * SQL to the three through JDBC, compares the answers and reports time ratios.
 */
package org.curata.bench;
