/**
 * JMH micro-benchmarks of Curata's execution operators on generated data, run without SQL
 * planning (see bench/README.md for the command).
 */
package org.curata.bench.jmh;
