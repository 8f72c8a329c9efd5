/**
 * A read-only backend for ExeTera HDF5 files (docs/EXETERA.md): one file is a {@link
 * org.curata.storage.Dataset} of one version, each top-level group a dataframe, each field group a
 * field whose blocks are fixed row ranges read lazily, chunk by chunk, through jhdf.
 */
package org.curata.storage.exetera;
