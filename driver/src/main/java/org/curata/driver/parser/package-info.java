/**
 * Curata's SQL parser: {@code CurataSqlParserImpl} and its JavaCC support classes are generated
 * at build time from calcite-core's parser template and {@code src/main/codegen} (CREATE TABLE,
 * DROP TABLE); {@link org.curata.driver.parser.CurataSqlParser} adds the checks that turn
 * statements Curata cannot run into clear errors before planning.
 */
package org.curata.driver.parser;
