/**
 * The {@code curata} command line: import CSVs, an SQL shell and one-shot queries, dataset
 * information, verification, vacuum and a demo cohort. {@link org.curata.driver.cli.Main} is the
 * entry point of the self-contained jar; every sub-command returns an exit code from
 * {@link org.curata.driver.cli.ExitCodes} that scripts can rely on.
 */
package org.curata.driver.cli;
