/**
 * Curata's Calcite convention: one physical operator per class, each implementing
 * {@link org.curata.adapter.rel.CurataRel}, and the converter that hands rows to Enumerable.
 */
package org.curata.adapter.rel;
