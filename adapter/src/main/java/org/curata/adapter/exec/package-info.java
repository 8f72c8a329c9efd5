/**
 * Vectorised execution: immutable plan nodes, per-execution operators over batches of primitive
 * column vectors with a selection vector, typed pushed predicates and block pruning on statistics.
 * Rows are boxed once, by {@link org.curata.adapter.exec.CurataQuery}, for Calcite's Enumerable.
 */
package org.curata.adapter.exec;
