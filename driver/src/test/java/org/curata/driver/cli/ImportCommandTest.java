package org.curata.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.curata.storage.DataFrame;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;
import org.curata.storage.Snapshot;
import org.curata.storage.VersionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests of {@code curata import}. */
final class ImportCommandTest {
  private static final String SCHEMA = """
      {"exetera": {"version": "1.0.0"},
       "schema": {"visits": {"primary_keys": ["id"], "fields": {
         "id": {"field_type": "numeric", "value_type": "int32"},
         "score": {"field_type": "numeric", "value_type": "float64"},
         "result": {"field_type": "categorical", "categorical": {"value_type": "int8",
            "strings_to_values": {"": 0, "no": 1, "yes": 2}}}}}}}
      """;

  @TempDir
  Path tmp;

  private Path write(String name, String text) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static List<VersionInfo> versions(Path dir) {
    try (Dataset ds = Datasets.open(dir)) {
      return ds.versions();
    }
  }

  @Test
  void importsAndInfersTheSchemaAndCreatesTheDataset() throws IOException {
    Path csv = write("people.csv", "id,name,score\n1,alpha,1.5\n2,,\n3,gamma,-2.25\n");
    Path other = write("more.csv", "k,v\na,1\nb,2\n");
    Path ds = tmp.resolve("ds");
    Cli.Result r = Cli.run("import", ds.toString(), "people=" + csv, other.toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("Inferred schema:\npeople:\n field | type"), r::toString);
    assertTrue(r.out().contains(" score | numeric(float64) | DOUBLE\n"), r::toString);
    assertTrue(r.out().contains("(Save it with --save-schema FILE"), r::toString);
    assertTrue(r.out().contains(" people | " + csv + " |    3 |"), r::toString);
    assertTrue(r.out().contains(" more   | " + other + "   |    2 |"), r::toString);
    assertTrue(r.out().contains("Imported 5 rows, "), r::toString);
    assertTrue(r.out().contains(" 0 rejected; committed version "), r::toString);
    assertEquals("", r.err());
    try (Dataset d = Datasets.open(ds); Snapshot s = d.snapshot()) {
      assertEquals(List.of("more", "people"),
          s.dataFrames().stream().map(DataFrame::name).toList());
      assertEquals(3, s.dataFrame("people").orElseThrow().rowCount());
      assertEquals("import people, more", s.version().message());
    }
  }

  @Test
  void savesTheInferredSchemaForReuse() throws IOException {
    Path csv = write("t.csv", "a,b\n1,x\n2,y\n");
    Path schema = tmp.resolve("inferred.json");
    Cli.Result r = Cli.run("import", "--save-schema", schema.toString(),
        tmp.resolve("ds").toString(), "t=" + csv);
    assertEquals(0, r.code(), r::toString);
    assertTrue(Files.readString(schema).contains("\"exetera\""));
    Cli.Result again = Cli.run("import", "--schema", schema.toString(),
        tmp.resolve("ds2").toString(), "t=" + csv);
    assertEquals(0, again.code(), again::toString);
    assertFalse(again.out().contains("Inferred schema"), again::toString);
  }

  @Test
  void aBadValueFailsStrictImportNamingFileLineFieldValueAndCommitsNothing() throws IOException {
    Path schema = write("schema.json", SCHEMA);
    Path good = write("good.csv", "id,score,result\n1,1.5,yes\n");
    Path bad = write("visits.csv", "id,score,result\n1,1.5,yes\n2,abc,no\n3,2.0,\n");
    Path ds = tmp.resolve("ds");

    Cli.Result fresh = Cli.run("import", "--schema", schema.toString(), ds.toString(),
        "visits=" + bad);
    assertEquals(1, fresh.code(), fresh::toString);
    assertTrue(fresh.err().startsWith("curata import: " + bad + " line 3, field 'score': value [abc]"),
        fresh::toString);
    assertFalse(Files.exists(ds), "a dataset the failed import created is removed");

    assertEquals(0, Cli.run("import", "--schema", schema.toString(), ds.toString(),
        "visits=" + good).code());
    List<VersionInfo> before = versions(ds);
    Cli.Result existing = Cli.run("import", "--schema", schema.toString(), "--replace",
        ds.toString(), "visits=" + bad);
    assertEquals(1, existing.code(), existing::toString);
    assertTrue(existing.err().contains("line 3, field 'score': value [abc]"), existing::toString);
    assertEquals(before, versions(ds), "nothing committed");
    try (Dataset d = Datasets.open(ds); Snapshot s = d.snapshot()) {
      assertEquals(1, s.dataFrame("visits").orElseThrow().rowCount());
    }
  }

  @Test
  void lenientImportStoresNullAndReportsTheRejectedCells() throws IOException {
    Path schema = write("schema.json", SCHEMA);
    Path bad = write("visits.csv", "id,score,result\n1,1.5,yes\n2,abc,no\n3,2.0,maybe\n");
    Path report = tmp.resolve("rejects.csv");
    Path ds = tmp.resolve("ds");
    Cli.Result r = Cli.run("import", "--schema", schema.toString(), "--lenient",
        "--reject-report", report.toString(), ds.toString(), "visits=" + bad);
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains(" visits | " + bad + " |    3 |"), r::toString);
    assertTrue(r.out().contains("Imported 3 rows, "), r::toString);
    assertTrue(r.out().contains(", 2 rejected; committed version "), r::toString);
    assertTrue(r.out().contains("Rejected cells are listed in " + report), r::toString);
    List<String> lines = Files.readAllLines(report);
    assertEquals("file,line,field,value,reason", lines.get(0));
    assertEquals(3, lines.size(), lines::toString);
    assertTrue(lines.get(1).startsWith(bad + ",3,score,abc,"), lines::toString);
    assertTrue(lines.get(2).startsWith(bad + ",4,result,maybe,"), lines::toString);
    try (Dataset d = Datasets.open(ds); Snapshot s = d.snapshot()) {
      assertEquals(1, s.dataFrame("visits").orElseThrow().field("score").orElseThrow().nullCount());
    }
  }

  @Test
  void usageMistakesExitWithTwo() throws IOException {
    Path csv = write("t.csv", "a\n1\n");
    Cli.Result noFiles = Cli.run("import", tmp.resolve("ds").toString());
    assertEquals(2, noFiles.code(), noFiles::toString);
    Cli.Result reportWithoutLenient = Cli.run("import", "--reject-report", "r.csv",
        tmp.resolve("ds").toString(), "t=" + csv);
    assertEquals(2, reportWithoutLenient.code(), reportWithoutLenient::toString);
    assertTrue(reportWithoutLenient.err().contains("--reject-report needs --lenient"));
    Cli.Result badPair = Cli.run("import", tmp.resolve("ds").toString(), "=" + csv);
    assertEquals(2, badPair.code(), badPair::toString);
    assertFalse(Files.exists(tmp.resolve("ds")));
  }

  @Test
  void refusesToMixADatasetIntoADirectoryOfOtherFiles() throws IOException {
    Path csv = write("t.csv", "a\n1\n");
    Path dir = Files.createDirectories(tmp.resolve("project"));
    Files.writeString(dir.resolve("notes.txt"), "mine");
    Cli.Result r = Cli.run("import", dir.toString(), "t=" + csv);
    assertEquals(1, r.code(), r::toString);
    assertEquals("curata import: " + dir + " holds other files but no Curata dataset; give a new"
        + " or empty directory\n", r.err());
    try (java.util.stream.Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(dir.resolve("notes.txt")), s.toList());
    }
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertEquals(0, Cli.run("import", empty.toString(), "t=" + csv).code());
  }

  @Test
  void aMissingFileIsAUserError() {
    Cli.Result r = Cli.run("import", tmp.resolve("ds").toString(),
        "t=" + tmp.resolve("nope.csv"));
    assertEquals(1, r.code(), r::toString);
    assertTrue(r.err().contains("nope.csv"), r::toString);
    assertFalse(Files.exists(tmp.resolve("ds")));
  }
}
