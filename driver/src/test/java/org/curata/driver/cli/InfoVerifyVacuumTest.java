package org.curata.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.curata.storage.BlockInfo;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests of {@code curata info}, {@code curata verify} and {@code curata vacuum}. */
final class InfoVerifyVacuumTest {
  @TempDir
  Path tmp;

  @Test
  void infoDescribesDataframesFieldsAndVersions() {
    Path ds = TestData.people(tmp.resolve("ds"));
    Cli.Result r = Cli.run("info", ds.toString());
    assertEquals(0, r.code(), r::toString);
    String out = r.out();
    assertTrue(out.startsWith("Dataset   " + ds + "\nVersion   "), out);
    assertTrue(out.contains(" (latest), committed "), out);
    assertTrue(out.contains("Dataframe people: 3 rows, 4 fields, "), out);
    assertTrue(out.contains(
        " field  | type              | sql type | nulls | null % | blocks | dense | sparse |"), out);
    assertTrue(out.contains(" id     | numeric(int32)    | INTEGER  |     0 |   0.0% |      1 |"),
        out);
    assertTrue(out.contains(" name   | indexed_string    | VARCHAR  |     1 |  33.3% |      1 |"),
        out);
    assertTrue(out.contains(" colour | categorical(int8) | VARCHAR  |     0 |   0.0% |      1 |"),
        out);
    assertTrue(out.contains("  colour: 0='' 1='red' 2='blue'\n"), out);
    assertTrue(out.contains("Versions (2 retained)\n id | committed "), out);
    assertTrue(out.contains(" | test people\n"), out);
    assertEquals("", r.err());
  }

  @Test
  void infoShowsAnOlderVersionAndRejectsAnUnknownOne() {
    Path ds = TestData.people(tmp.resolve("ds"));
    long first;
    try (Dataset d = Datasets.open(ds)) {
      first = d.versions().get(0).id();
    }
    Cli.Result old = Cli.run("info", ds.toString(), "--version", Long.toString(first));
    assertEquals(0, old.code(), old::toString);
    assertTrue(old.out().contains(" (not the latest)"), old::toString);
    assertTrue(old.out().contains("No dataframes yet"), old::toString);

    Cli.Result unknown = Cli.run("info", ds.toString(), "--version", "999");
    assertEquals(1, unknown.code(), unknown::toString);
    assertTrue(unknown.err().startsWith("curata info: "), unknown::toString);
  }

  @Test
  void infoOnADirectoryThatIsNotADatasetIsAUserError() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("plain"));
    Files.writeString(dir.resolve("notes.txt"), "hello");
    Cli.Result r = Cli.run("info", dir.toString());
    assertEquals(1, r.code(), r::toString);
    assertTrue(r.err().startsWith("curata info: "), r::toString);
  }

  @Test
  void verifyPassesACleanDatasetAndExitsThreeOnACorruptByte() throws IOException {
    Path ds = TestData.people(tmp.resolve("ds"));
    Cli.Result clean = Cli.run("verify", ds.toString());
    assertEquals(0, clean.code(), clean::toString);
    assertTrue(clean.out().startsWith("Verifying " + ds + "\nChecked 2 versions, "), clean::toString);
    assertTrue(clean.out().endsWith("OK: no problems found.\n"), clean::toString);

    BlockInfo block;
    try (Dataset d = Datasets.open(ds); Snapshot s = d.snapshot()) {
      block = s.dataFrame("people").orElseThrow().field("score").orElseThrow().blocks().get(0);
    }
    Path file = ds.resolve(block.file());
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      long at = block.offset() + block.length() / 2;
      raf.seek(at);
      int b = raf.read();
      raf.seek(at);
      raf.write(b ^ 0x5A);
    }
    Cli.Result corrupt = Cli.run("verify", ds.toString());
    assertEquals(3, corrupt.code(), corrupt::toString);
    assertTrue(corrupt.out().contains("\nPROBLEM: "), corrupt::toString);
    assertTrue(corrupt.out().contains(block.file()), corrupt::toString);
    assertTrue(corrupt.err().startsWith("curata verify: 1 problem found in " + ds), corrupt::toString);
  }

  @Test
  void vacuumDeletesFilesOfExpiredVersions() throws IOException {
    Path ds = tmp.resolve("ds");
    Path csv = Files.writeString(tmp.resolve("t.csv"), "a,b\n1,x\n2,y\n");
    assertEquals(0, Cli.run("import", ds.toString(), "t=" + csv).code());
    assertEquals(0, Cli.run("import", "--replace", ds.toString(), "t=" + csv).code());
    long before = size(ds);

    Cli.Result keepAll = Cli.run("vacuum", ds.toString(), "--keep", "10");
    assertEquals(0, keepAll.code(), keepAll::toString);
    assertTrue(keepAll.out().contains("Expired no versions.\nDeleted 0 files, freed 0 B (0 bytes).\n"),
        keepAll::toString);

    Cli.Result r = Cli.run("vacuum", ds.toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("Vacuuming " + ds + ", keeping the newest 1 version\n"
        + "Expired versions: "), r::toString);
    assertTrue(r.out().matches("(?s).*Deleted [1-9][0-9]* files?, freed .*"), r::toString);
    assertTrue(size(ds) < before);
    try (Dataset d = Datasets.open(ds)) {
      assertEquals(1, d.versions().size());
    }
    assertEquals(0, Cli.run("verify", ds.toString()).code());

    Cli.Result bad = Cli.run("vacuum", ds.toString(), "--keep", "0");
    assertEquals(2, bad.code(), bad::toString);
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted(Comparator.naturalOrder())
          .mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
