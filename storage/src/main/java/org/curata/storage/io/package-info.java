/**
 * The file-system interface through which all of storage's file I/O goes, so that crash tests can
 * substitute a double that fails, drops unsynced data or tears writes (FORMAT.md, "Commit
 * protocol").
 */
package org.curata.storage.io;
