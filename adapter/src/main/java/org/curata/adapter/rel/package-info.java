/**
 * Curata's Calcite convention: one physical operator per class, each implementing
 * {@link org.curata.adapter.rel.CurataRel}, and the converter that hands rows to Enumerable; and
 * the Enumerable operators INSERT and VALUES need (a VALUES hands its rows to the generated code
 * as one object, however many there are).
 */
package org.curata.adapter.rel;
