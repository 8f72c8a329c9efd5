/**
 * Imports CSV files into a dataset (what {@code curata import} runs): streaming, RFC 4180 through
 * FastCSV, typed by an ExeTera import schema ({@link org.curata.storage.importer.ImportSchema}) or
 * by types inferred from a sample, all tables in one transaction. Start at
 * {@link org.curata.storage.importer.CsvImport}.
 */
package org.curata.storage.importer;
