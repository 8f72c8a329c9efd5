/**
 * The Calcite side of Curata: a dataset as a Calcite schema ({@link org.curata.adapter.CurataSchema}),
 * its dataframes as tables, and the SQL type of each storage field type
 * ({@link org.curata.adapter.CurataTypes}).
 */
package org.curata.adapter;
