package org.curata.driver.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.curata.storage.Block;
import org.curata.storage.BlockInfo;
import org.curata.storage.DataFrame;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.Field;
import org.curata.storage.FieldKind;
import org.curata.storage.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests of {@code curata import --from-exetera} and {@code curata info FILE.hdf5}. */
final class ExeteraImportCommandTest {
  private static final Path FIXTURES =
      Path.of("..", "fixtures", "exetera").toAbsolutePath().normalize();
  private static final Path DATASET = FIXTURES.resolve("dataset.hdf5");

  @TempDir
  Path tmp;

  /** Every value of every field of {@code b} equals {@code a}'s, NULLs included. */
  private static void assertSameFrame(DataFrame a, DataFrame b) {
    assertEquals(a.rowCount(), b.rowCount(), a.name());
    assertEquals(a.fields().size(), b.fields().size(), a.name());
    for (Field fa : a.fields()) {
      Field fb = b.field(fa.name()).orElseThrow();
      assertEquals(fa.spec(), fb.spec(), fa.name());
      Cursor ca = new Cursor(fa);
      Cursor cb = new Cursor(fb);
      for (long r = 0; r < a.rowCount(); r++) {
        String where = a.name() + "." + fa.name() + " row " + r;
        ca.advance();
        cb.advance();
        assertEquals(ca.isNull(), cb.isNull(), where);
        if (ca.isNull()) {
          continue;
        }
        FieldKind k = fa.type().kind();
        if (k.isString()) {
          assertArrayEquals(ca.block.getBytes(ca.row), cb.block.getBytes(cb.row), where);
        } else if (k.isFloating()) {
          assertEquals(Double.doubleToLongBits(ca.block.getDouble(ca.row)),
              Double.doubleToLongBits(cb.block.getDouble(cb.row)), where);
        } else {
          assertEquals(ca.block.getLong(ca.row), cb.block.getLong(cb.row), where);
        }
      }
    }
  }

  /** Walks a field's rows across its blocks, which may be cut differently in two datasets. */
  private static final class Cursor {
    private final Field field;
    private int blockIndex = -1;
    private Block block;
    private int row;

    Cursor(Field field) {
      this.field = field;
    }

    void advance() {
      row++;
      while (block == null || row >= block.rowCount()) {
        blockIndex++;
        List<BlockInfo> blocks = field.blocks();
        block = field.block(blocks.get(blockIndex).index());
        row = 0;
      }
    }

    boolean isNull() {
      return block.isNull(row);
    }
  }

  @Test
  void importsEveryDataFrameWithEveryValueAsReadInPlace() {
    Path ds = tmp.resolve("ds");
    Cli.Result r = Cli.run("import", ds.toString(), "--from-exetera", DATASET.toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("Imported 6,000 rows from " + DATASET), r::toString);
    assertTrue(r.out().contains("assessments") && r.out().contains("patients"), r::toString);
    try (Dataset hdf = Datasets.open(DATASET); Snapshot in = hdf.snapshot();
         Dataset imported = Datasets.open(ds); Snapshot out = imported.snapshot()) {
      assertEquals(List.of("assessments", "patients"),
          out.dataFrames().stream().map(DataFrame::name).toList());
      assertEquals("import dataset.hdf5", out.version().message());
      for (DataFrame df : in.dataFrames()) {
        assertSameFrame(df, out.dataFrame(df.name()).orElseThrow());
      }
    }
    Cli.Result sql = Cli.run("sql", ds.toString(), "-e",
        "select count(*), count(year_of_birth), sum(year_of_birth) from patients");
    assertEquals(0, sql.code(), sql::toString);
    assertTrue(sql.out().contains("1000 |    940 | 1848547"), sql::toString);
  }

  @Test
  void importsTheNamedDataFramesAndReplacesOnlyWhenAsked() {
    Path ds = tmp.resolve("ds");
    Cli.Result r = Cli.run("import", ds.toString(), "--from-exetera", DATASET.toString(),
        "--dataframes", "patients", "-m", "patients only");
    assertEquals(0, r.code(), r::toString);
    int versions;
    try (Dataset d = Datasets.open(ds); Snapshot s = d.snapshot()) {
      assertEquals(List.of("patients"), s.dataFrames().stream().map(DataFrame::name).toList());
      assertEquals("patients only", s.version().message());
      versions = d.versions().size();
    }
    Cli.Result again = Cli.run("import", ds.toString(), "--from-exetera", DATASET.toString(),
        "--dataframes", "assessments,patients");
    assertEquals(1, again.code(), again::toString);
    assertTrue(again.err().contains("'patients' already exists"), again::toString);
    try (Dataset d = Datasets.open(ds)) {
      assertEquals(versions, d.versions().size(), "a failed import commits nothing");
    }
    Cli.Result replaced = Cli.run("import", ds.toString(), "--from-exetera", DATASET.toString(),
        "--dataframes", "assessments,patients", "--replace");
    assertEquals(0, replaced.code(), replaced::toString);
    try (Dataset d = Datasets.open(ds); Snapshot s = d.snapshot()) {
      assertEquals(2, s.dataFrames().size());
    }
  }

  @Test
  void mistakesAreReportedAndCreateNothing() throws IOException {
    Path ds = tmp.resolve("ds");
    Cli.Result missing = Cli.run("import", ds.toString(), "--from-exetera", DATASET.toString(),
        "--dataframes", "visits");
    assertEquals(1, missing.code(), missing::toString);
    assertTrue(missing.err().contains("no dataframe 'visits'")
        && missing.err().contains("assessments, patients"), missing::toString);
    assertFalse(Files.exists(ds));

    Path text = Files.writeString(tmp.resolve("notes.hdf5"), "not hdf5");
    Cli.Result notHdf = Cli.run("import", ds.toString(), "--from-exetera", text.toString());
    assertEquals(1, notHdf.code(), notHdf::toString);
    assertTrue(notHdf.err().contains("is not an HDF5 file"), notHdf::toString);
    assertFalse(Files.exists(ds));

    Path csv = Files.writeString(tmp.resolve("t.csv"), "a\n1\n");
    Cli.Result both = Cli.run("import", ds.toString(), "t=" + csv, "--from-exetera",
        DATASET.toString());
    assertEquals(2, both.code(), both::toString);
    assertTrue(both.err().contains("CSV files cannot be given with it"), both::toString);
    Cli.Result schema = Cli.run("import", "--schema", csv.toString(), ds.toString(),
        "--from-exetera", DATASET.toString());
    assertEquals(2, schema.code(), schema::toString);
    assertTrue(schema.err().contains("--schema applies to CSV files"), schema::toString);
    Cli.Result frames = Cli.run("import", ds.toString(), "t=" + csv, "--dataframes", "t");
    assertEquals(2, frames.code(), frames::toString);
    assertTrue(frames.err().contains("--dataframes needs --from-exetera"), frames::toString);
    assertFalse(Files.exists(ds));
  }

  @Test
  void infoDescribesAnExeteraFileWithItsNotes() {
    Cli.Result r = Cli.run("info", FIXTURES.resolve("api_fields.hdf5").toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("ExeTera   " + FIXTURES.resolve("api_fields.hdf5")
        + " (HDF5, read-only)"), r::toString);
    assertTrue(r.out().contains("c16: 1='lo' 44='hi'"), r::toString);
    assertTrue(r.out().contains("Notes on the ExeTera file"), r::toString);
    assertTrue(r.out().contains("code 300 has no key entry"), r::toString);
    Cli.Result notData = Cli.run("info", FIXTURES.resolve("schema.json").toString());
    assertEquals(1, notData.code(), notData::toString);
    assertTrue(notData.err().contains("neither a dataset directory nor an HDF5 file"),
        notData::toString);
  }

  @Test
  void aSourceFailureMidCopyCommitsNothingAndLeavesNoDirectory() throws IOException {
    Path file = tmp.resolve("u64.hdf5");
    int rows = 150_000;
    long[] big = new long[rows];
    for (int i = 0; i < rows; i++) {
      big[i] = i;
    }
    big[rows - 2] = -1;
    try (WritableHdfFile f = HdfFile.write(file)) {
      WritableGroup a = f.putGroup("a");
      WritableGroup n = a.putGroup("n");
      n.putAttribute("fieldtype", "numeric,int32");
      n.putDataset("values", new int[] {1, 2, 3});
      WritableGroup b = f.putGroup("b");
      WritableGroup u = b.putGroup("u");
      u.putAttribute("fieldtype", "numeric,uint64");
      u.putDataset("values", big, DatasetCreationOptions.builder()
          .chunkDimensions(1024).unsigned().build());
    }
    Path ds = tmp.resolve("ds");
    Cli.Result r = Cli.run("import", ds.toString(), "--from-exetera", file.toString());
    assertEquals(1, r.code(), r::toString);
    assertTrue(r.err().contains("/b/u/values") && r.err().contains("row " + (rows - 2))
        && r.err().contains("18446744073709551615"), r::toString);
    assertFalse(Files.exists(ds), "no dataset directory is left behind");

    Cli.Result first = Cli.run("import", ds.toString(), "--from-exetera", file.toString(),
        "--dataframes", "a");
    assertEquals(0, first.code(), first::toString);
    long version;
    try (Dataset d = Datasets.open(ds)) {
      version = d.versions().get(d.versions().size() - 1).id();
    }
    Cli.Result again = Cli.run("import", ds.toString(), "--from-exetera", file.toString(),
        "--dataframes", "b");
    assertEquals(1, again.code(), again::toString);
    try (Dataset d = Datasets.open(ds); Snapshot s = d.snapshot()) {
      assertEquals(version, s.version().id(), "the failed import committed nothing");
      assertFalse(s.dataFrame("b").isPresent());
      assertEquals(3, s.dataFrame("a").orElseThrow().rowCount());
    }
  }
}
