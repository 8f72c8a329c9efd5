/**
 * Planner rules that move work into Curata's convention: filters and projections into the scan,
 * aggregates and table modifications into native operators, and the translation of Calcite row
 * expressions into typed, pushed predicates.
 */
package org.curata.adapter.rule;
