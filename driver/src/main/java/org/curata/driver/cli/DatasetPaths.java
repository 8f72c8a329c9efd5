package org.curata.driver.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.stream.Stream;
import org.curata.storage.CurataException;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.ErrorCode;
import org.curata.storage.OpenOptions;
import org.curata.storage.exetera.ExeteraFiles;

/** Opens the dataset a command names, with messages that say what to do when it is missing. */
final class DatasetPaths {
  private DatasetPaths() {
  }

  /** The dataset directory, or an ExeTera HDF5 file (read-only), which must exist. */
  static Path existing(Path dataset) {
    Path p = dataset.toAbsolutePath().normalize();
    if (!Files.exists(p)) {
      throw new UserException("no dataset at " + p + ": the directory does not exist"
          + " (create one with 'curata import' or 'curata demo')");
    }
    if (!Files.isDirectory(p) && !ExeteraFiles.isHdf5(p)) {
      throw new UserException(p + " is a file, neither a dataset directory nor an HDF5 file");
    }
    return p;
  }

  /** Opens an existing dataset through the storage API, read-only or for writing. */
  static Dataset open(Path dataset, boolean readOnly) {
    return Datasets.open(existing(dataset), OpenOptions.defaults().withReadOnly(readOnly));
  }

  /**
   * Opens the dataset an import writes to: an existing dataset, or a new one in a missing or
   * empty directory; never one mixed into a directory of other files.
   */
  static Dataset openOrCreate(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UserException(dir + " is a file, not a dataset directory");
    }
    if (Files.isDirectory(dir) && !isEmptyDirectory(dir)) {
      try {
        return Datasets.open(dir);
      } catch (CurataException e) {
        if (e.code() == ErrorCode.NOT_A_DATASET) {
          throw new UserException(dir + " holds other files but no Curata dataset; give a new or"
              + " empty directory", e);
        }
        throw e;
      }
    }
    return Datasets.open(dir, OpenOptions.defaults().withCreate(true));
  }

  /** True for a directory with no entries. */
  static boolean isEmptyDirectory(Path p) {
    if (!Files.isDirectory(p)) {
      return false;
    }
    try (Stream<Path> s = Files.list(p)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JDBC URL of a dataset directory. */
  static String url(Path dataset) {
    return Main.URL_PREFIX + dataset.toAbsolutePath().normalize();
  }

  /**
   * Connects to a dataset through the Curata JDBC driver, found as any JDBC client finds it
   * (META-INF/services/java.sql.Driver), so that the self-contained jar's registration is tested.
   */
  static Connection connect(Path dataset, boolean create) throws SQLException {
    Properties props = new Properties();
    if (create) {
      props.setProperty("create", "true");
    }
    return DriverManager.getConnection(url(dataset), props);
  }
}
