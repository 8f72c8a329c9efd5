package org.curata.storage.format;

import java.util.regex.Pattern;

/** Names of the files and directories of a dataset (FORMAT.md, "Directory layout"). */
final class Layout {
  static final String LOCK = "LOCK";
  static final String DATA = "data";
  static final String VERSIONS = "versions";
  private static final Pattern MANIFEST = Pattern.compile("[0-9]{20}\\.manifest");

  private Layout() {
  }

  /** The file name of a version's manifest: the id zero-padded to 20 digits. */
  static String manifestName(long id) {
    return String.format("%020d.manifest", id);
  }

  /** The version id a manifest file name holds, or -1 when the name is not a manifest's. */
  static long manifestId(String name) {
    if (!MANIFEST.matcher(name).matches()) {
      return -1;
    }
    try {
      return Long.parseLong(name.substring(0, 20));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The name of the temporary file a manifest is written to before its rename. */
  static String tempManifestName(long id, String nonce) {
    return "tmp-" + id + "-" + nonce + ".tmp";
  }

  /** The path, relative to the dataset, of a data file a transaction writes. */
  static String dataFile(long versionId, String nonce, int seq) {
    return DATA + "/v" + versionId + "-" + nonce + "-" + seq + ".cdf";
  }
}
