package org.curata.sqltests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.curata.storage.BlockInfo;
import org.curata.storage.DataFrame;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.Field;
import org.curata.storage.OpenOptions;
import org.curata.storage.Snapshot;

/** Fresh dataset directories for test scripts, their JDBC connections, and checks on their blocks. */
final class TestDatasets {
  private TestDatasets() {
  }

  /** The JDBC URL that opens (creating if needed) the dataset in a directory. */
  static String url(Path directory) {
    return "jdbc:curata:" + directory.toAbsolutePath() + ";create=true";
  }

  /** Opens a connection to the dataset in a directory, with the given block size. */
  static Connection connect(Path directory, Variant variant) throws SQLException {
    return DriverManager.getConnection(url(directory), variant.connectionProperties());
  }

  /**
   * Checks, through the storage API, that every block the dataset holds has at most
   * {@code variant.blockRows()} rows, so that a run "with tiny blocks" really had tiny blocks.
   *
   * @return a description of each block that breaks the bound (empty when all is well, or when the
   *     block size is the default)
   */
  static List<String> oversizedBlocks(Path directory, Variant variant) {
    List<String> problems = new ArrayList<>();
    if (variant.defaultBlocks() || !Files.isDirectory(directory)) {
      return problems;
    }
    try (Dataset dataset = Datasets.open(directory, OpenOptions.defaults().withReadOnly(true));
        Snapshot snapshot = dataset.snapshot()) {
      for (DataFrame frame : snapshot.dataFrames()) {
        for (Field field : frame.fields()) {
          for (BlockInfo block : field.blocks()) {
            if (block.rowCount() > variant.blockRows()) {
              problems.add("field '" + field.name() + "' of dataframe '" + frame.name() + "': block "
                  + block.index() + " has " + block.rowCount() + " rows, more than connection property "
                  + Variant.BLOCK_ROWS + "=" + variant.blockRows());
            }
          }
        }
      }
    }
    return problems;
  }

  /** Deletes a directory tree (a script's dataset), ignoring a directory that is already gone. */
  static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try {
      Files.walkFileTree(directory, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          if (e != null) {
            throw e;
          }
          Files.deleteIfExists(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete test dataset " + directory, e);
    }
  }
}
