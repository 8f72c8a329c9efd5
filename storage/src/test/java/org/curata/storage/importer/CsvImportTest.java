package org.curata.storage.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The importer against an in-memory dataset: parse rules, errors, reports, inference, progress. */
final class CsvImportTest {
  @TempDir
  Path dir;

  private final FakeDataset ds = new FakeDataset();

  private static final String SCHEMA = "{\"exetera\":{\"version\":\"1.0.0\"},\"schema\":{\"t\":{\"primary_keys\":[\"id\"],"
      + "\"fields\":{"
      + "\"id\":{\"field_type\":\"fixed_string\",\"length\":4},"
      + "\"name\":{\"field_type\":\"string\"},"
      + "\"bmi\":{\"field_type\":\"numeric\",\"value_type\":\"float64\"},"
      + "\"age\":{\"field_type\":\"numeric\",\"value_type\":\"int8\"},"
      + "\"ok\":{\"field_type\":\"numeric\",\"value_type\":\"bool\"},"
      + "\"h\":{\"field_type\":\"numeric\",\"value_type\":\"float32\",\"validation_mode\":\"relaxed\"},"
      + "\"n\":{\"field_type\":\"numeric\",\"value_type\":\"int32\",\"validation_mode\":\"strict\"},"
      + "\"g\":{\"field_type\":\"categorical\",\"categorical\":{\"value_type\":\"int8\",\"strings_to_values\":"
      + "{\"\":0,\"f\":1,\"m\":2}}},"
      + "\"c\":{\"field_type\":\"categorical\",\"categorical\":{\"value_type\":\"int8\",\"strings_to_values\":"
      + "{\"a\":1,\"b\":2},\"out_of_range\":\"freetext\"}},"
      + "\"at\":{\"field_type\":\"datetime\"},"
      + "\"d\":{\"field_type\":\"date\",\"optional\":true,\"create_day_field\":true}"
      + "}}}}";
  private static final String HEADER = "id,name,bmi,age,ok,h,n,g,c,at,d\n";

  private Path csv(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private ImportOptions strict() {
    return ImportOptions.defaults().withSchema(ImportSchema.parse(SCHEMA, "schema.json"));
  }

  private ImportResult run(Path file, ImportOptions o) {
    return CsvImport.run(ds, List.of(new CsvSource("t", file)), o);
  }

  private String strictError(String rows) throws IOException {
    Path f = csv("t.csv", HEADER + rows);
    CurataException e = assertThrows(CurataException.class, () -> run(f, strict()));
    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    assertEquals(0, ds.commits, "a strict import that fails commits nothing");
    return e.getMessage().replace(f.toString(), "t.csv");
  }

  private static List<Object> list(Object... v) {
    return Arrays.asList(v);
  }

  private static long micros(String iso) {
    Instant i = Instant.parse(iso);
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
  }

  @Test
  void parsesEveryKindWithExeTerasRules() throws IOException {
    Path f = csv("t.csv", HEADER
        + "p1,Zoë,21.5, 42 ,Yes,1.5,7,f,a,2020-05-03 05:45:16.000000+00:00,2020-06-28\n"
        + "p2,,,,,,8,,B neg,2020-05-05 06:49:22.000 UTC,\n"
        + "p3,\"\",-1e2,-128,0,n/a,-9,m,,2020-06-18 16:45:15,2020-6-3\n"
        + "p4,\"a, \"\"b\"\"\nc\",nan,127,off,,0,,b,2020-06-18T18:45:15+02:00,\n");
    ImportResult r = run(f, strict());
    assertEquals(1, ds.commits);
    assertNull(r.inferredSchema());
    assertEquals(4, r.tables().get(0).rows());
    assertEquals(Files.size(f), r.tables().get(0).bytesRead());
    assertEquals(List.of("id", "name", "bmi", "age", "ok", "h", "n", "g", "c", "c_freetext", "at", "d"),
        ds.specs.get("t").stream().map(FieldSpec::name).toList());
    assertEquals(List.of("id"), ds.primaryKeys.get("t"));
    assertEquals(List.of("p1", "p2", "p3", "p4"), ds.values("t", "id"));
    assertEquals(list("Zoë", null, "", "a, \"b\"\nc"), ds.values("t", "name"));
    assertEquals(list(21.5, null, -100.0, Double.NaN), ds.values("t", "bmi"));
    assertEquals(list(42L, null, -128L, 127L), ds.values("t", "age"));
    assertEquals(list(1L, null, 0L, 0L), ds.values("t", "ok"));
    assertEquals(list(1.5, null, null, null), ds.values("t", "h"), "relaxed: empty and n/a are NULL");
    assertEquals(list(7L, 8L, -9L, 0L), ds.values("t", "n"));
    assertEquals(list(1L, 0L, 2L, 0L), ds.values("t", "g"), "empty takes the code of \"\"");
    assertEquals(list(1L, null, null, 2L), ds.values("t", "c"), "no \"\" label: empty is NULL; free text NULL");
    assertEquals(list(null, "B neg", null, null), ds.values("t", "c_freetext"));
    assertEquals(list(micros("2020-05-03T05:45:16Z"), micros("2020-05-05T06:49:22Z"),
        micros("2020-06-18T16:45:15Z"), micros("2020-06-18T16:45:15Z")), ds.values("t", "at"));
    assertEquals(list(LocalDate.of(2020, 6, 28).toEpochDay(), null, LocalDate.of(2020, 6, 3).toEpochDay(), null),
        ds.values("t", "d"));
    assertEquals(0, r.rejected());
  }

  @Test
  void strictErrorsNameFileLineFieldValueAndType() throws IOException {
    String ok = "p1,x,1,1,1,1,1,f,a,2020-01-01,\n";
    assertEquals("t.csv line 5, field 'bmi': value [abc] is not a float64",
        strictError(ok + "p2,\"two\nlines\",1,1,1,1,1,f,a,2020-01-01,\np3,x,abc,1,1,1,1,f,a,2020-01-01,\n"));
    assertEquals("t.csv line 2, field 'age': value [300] is not an int8",
        strictError("p1,x,1,300,1,1,1,f,a,2020-01-01,\n"));
    assertEquals("t.csv line 2, field 'age': value [12.0] is not an int8",
        strictError("p1,x,1,12.0,1,1,1,f,a,2020-01-01,\n"));
    assertEquals("t.csv line 2, field 'ok': value [maybe] is not a bool",
        strictError("p1,x,1,1,maybe,1,1,f,a,2020-01-01,\n"));
    assertEquals("t.csv line 2, field 'n': value [] is empty, but the schema's validation_mode for it is strict",
        strictError("p1,x,1,1,1,1,,f,a,2020-01-01,\n"));
    assertEquals("t.csv line 2, field 'g': value [x] is not one of the field's categories ('', 'f', 'm')",
        strictError("p1,x,1,1,1,1,1,x,a,2020-01-01,\n"));
    assertEquals("t.csv line 2, field 'at': value [01/02/2020] is not a datetime",
        strictError("p1,x,1,1,1,1,1,f,a,01/02/2020,\n"));
    assertEquals("t.csv line 2, field 'd': value [2020-02-30] is not a date",
        strictError("p1,x,1,1,1,1,1,f,a,2020-01-01,2020-02-30\n"));
    assertEquals("t.csv line 2, field 'id': value [p12345] is 6 bytes long, longer than the field's fixed_string(4)",
        strictError("p12345,x,1,1,1,1,1,f,a,2020-01-01,\n"));
    assertEquals("t.csv line 3: 10 cells, but the header has 11 columns; check the quoting of that row "
        + "(or import in lenient mode to skip such rows)", strictError(ok + "p2,x,1,1,1,1,1,f,a,2020-01-01\n"));
  }

  @Test
  void lenientStoresNullAndReportsEveryRejectedCell() throws IOException {
    Path f = csv("t.csv", HEADER
        + "p1,x,abc,1,1,1,1,f,a,2020-01-01,\n"
        + "p2,x,1,999,maybe,1,1,zz,a,2020-01-01,\n"
        + "p3,x,1,1\n"
        + "p4,x,2,2,0,1,1,m,b,2020-01-02,\n");
    Path report = dir.resolve("rejects.csv");
    ImportResult r = run(f, strict().withLenient(true).withRejectReport(report));
    TableResult t = r.tables().get(0);
    assertEquals(3, t.rows());
    assertEquals(4, t.rejectedCells());
    assertEquals(1, t.rejectedRows());
    assertEquals(5, r.rejected());
    assertEquals(list(null, 1.0, 2.0), ds.values("t", "bmi"));
    assertEquals(list(1L, null, 2L), ds.values("t", "age"));
    assertEquals(list(1L, null, 2L), ds.values("t", "g"));
    String fn = f.toString();
    assertEquals(List.of(
        "file,line,field,value,reason",
        fn + ",2,bmi,abc,is not a float64",
        fn + ",3,age,999,is not an int8",
        fn + ",3,ok,maybe,is not a bool",
        fn + ",3,g,zz,\"is not one of the field's categories ('', 'f', 'm')\"",
        fn + ",4,,,\"row has 4 cells, but the header has 11 columns\""),
        Files.readAllLines(report));
  }

  @Test
  void bomAndCrlfAreHandled() throws IOException {
    Path f = dir.resolve("t.csv");
    byte[] body = (HEADER + "p1,\"x\r\ny\",1,1,1,1,1,f,a,2020-01-01,\r\np2,z,2,2,0,1,1,m,b,2020-01-02,2020-01-03\r\n")
        .replace("\n", "\r\n").replace("\r\r\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(body, 0, withBom, 3, body.length);
    Files.write(f, withBom);
    run(f, strict());
    assertEquals(List.of("p1", "p2"), ds.values("t", "id"));
    assertEquals(list("x\r\ny", "z"), ds.values("t", "name"));
    assertEquals(list(null, LocalDate.of(2020, 1, 3).toEpochDay()), ds.values("t", "d"));
  }

  @Test
  void headerProblems() throws IOException {
    ImportOptions o = strict();
    Path dup = csv("dup.csv", "id,name,name\n");
    assertEquals(dup + " line 1: the header names column 'name' twice (columns 2 and 3); column names must be unique",
        assertThrows(CurataException.class, () -> run(dup, o)).getMessage());
    Path missing = csv("missing.csv", "id,name,bmi,age,ok,h,n,g,c\n");
    assertEquals(missing + " line 1: the header has no column 'at', which the schema requires for table 't'; add the "
        + "column, or mark the field \"optional\": true in the schema",
        assertThrows(CurataException.class, () -> run(missing, o)).getMessage());
    Path empty = csv("empty.csv", "");
    assertEquals(empty + " is empty; a CSV file needs a header line",
        assertThrows(CurataException.class, () -> run(empty, o)).getMessage());
    Path none = dir.resolve("none.csv");
    CurataException nf = assertThrows(CurataException.class, () -> run(none, o));
    assertEquals(ErrorCode.NOT_FOUND, nf.code());
    assertEquals("CSV file " + none + " (table 't') does not exist or is not a file", nf.getMessage());
    CurataException other = assertThrows(CurataException.class,
        () -> CsvImport.run(ds, List.of(new CsvSource("x", dup)), o));
    assertEquals("table 'x' is not in the schema; its tables are [t]", other.getMessage());
    assertEquals(0, ds.commits);
  }

  @Test
  void optionalMissingColumnIsAllNullAndUnknownColumnsCanBeIgnored() throws IOException {
    Path f = csv("t.csv", "extra,id,name,bmi,age,ok,h,n,g,c,at\nq,p1,x,1,1,1,1,1,f,a,2020-01-01\n");
    TableResult t = run(f, strict().withKeepUnknownColumns(false)).tables().get(0);
    assertEquals(List.of("extra"), t.ignoredColumns());
    assertEquals(List.of("d"), t.missingColumns());
    assertEquals(list((Object) null), ds.values("t", "d"));
    assertTrue(ds.specs.get("t").stream().noneMatch(s -> s.name().equals("extra")));
  }

  @Test
  void unknownColumnsAreKeptAsStringsLikeExeTeraByDefault() throws IOException {
    Path f = csv("t.csv", "extra,id,name,bmi,age,ok,h,n,g,c,at\nq,p1,x,1,1,1,1,1,f,a,2020-01-01\n");
    TableResult t = run(f, strict()).tables().get(0);
    assertEquals(List.of(), t.ignoredColumns());
    assertEquals(List.of("q"), ds.values("t", "extra"));
  }

  @Test
  void allTablesCommitTogetherOrNotAtAll() throws IOException {
    String two = SCHEMA.replace("\"schema\":{\"t\":", "\"schema\":{\"u\":{\"fields\":{\"v\":{\"field_type\":\"numeric\","
        + "\"value_type\":\"int32\"}}},\"t\":");
    ImportOptions o = ImportOptions.defaults().withSchema(ImportSchema.parse(two, "s"));
    Path t = csv("t.csv", HEADER + "p1,x,1,1,1,1,1,f,a,2020-01-01,\n");
    Path bad = csv("u.csv", "v\n1\n2\nx\n");
    assertThrows(CurataException.class,
        () -> CsvImport.run(ds, List.of(new CsvSource("t", t), new CsvSource("u", bad)), o));
    assertEquals(0, ds.commits);
    assertTrue(ds.committed.isEmpty());
    Path good = csv("u2.csv", "v\n1\n2\n");
    ImportResult r = CsvImport.run(ds, List.of(new CsvSource("t", t), new CsvSource("u", good)), o);
    assertEquals(1, ds.commits);
    assertEquals(1, r.version().id());
    assertEquals("import t, u", r.version().message());
    assertEquals(3, r.rows());
    assertEquals(list(1L, 2L), ds.values("u", "v"));
  }

  @Test
  void infersTypesWithoutASchemaAndReturnsThem() throws IOException {
    Path f = csv("i.csv", "a,b,c,d,e,f,g,h\n"
        + "1,1.5,yes,2020-01-01,2020-01-01 10:00:00,x,,3000000000\n"
        + "2,,no,2020-01-02,2020-01-02,,,1\n");
    ImportResult r = CsvImport.run(ds, List.of(new CsvSource("i", f)), ImportOptions.defaults());
    TableSchema s = r.inferredSchema().table("i").orElseThrow();
    assertEquals(List.of(FieldKind.INT32, FieldKind.FLOAT64, FieldKind.BOOL, FieldKind.DATE, FieldKind.TIMESTAMP,
        FieldKind.STRING, FieldKind.STRING, FieldKind.INT64), s.columns().stream().map(c -> c.type().kind()).toList());
    assertEquals(list(1.5, null), ds.values("i", "b"));
    assertEquals(list("x", null), ds.values("i", "f"));
    assertEquals(list(null, null), ds.values("i", "g"));
    assertEquals(list(micros("2020-01-01T10:00:00Z"), micros("2020-01-02T00:00:00Z")), ds.values("i", "e"));
    ImportSchema back = ImportSchema.parse(r.inferredSchema().toJson(), "inferred");
    assertEquals(r.inferredSchema().tables(), back.tables());
  }

  @Test
  void aValueBeyondTheInferenceSampleIsAClearError() throws IOException {
    StringBuilder sb = new StringBuilder("a,b\n");
    for (int i = 0; i < 10; i++) {
      sb.append(i).append(",x\n");
    }
    sb.append("oops,y\n");
    Path f = csv("s.csv", sb.toString());
    ImportOptions o = ImportOptions.defaults().withSampleRows(5);
    CurataException e = assertThrows(CurataException.class, () -> CsvImport.run(ds, List.of(new CsvSource("s", f)), o));
    assertEquals(f + " line 12, field 'a': value [oops] is not an int32 (its type was inferred from the first 5 rows; "
        + "pass a schema, or import in lenient mode)", e.getMessage());
    assertEquals(0, ds.commits);
    ImportResult r = CsvImport.run(ds, List.of(new CsvSource("s", f)), o.withLenient(true));
    assertEquals(11, r.rows());
    assertEquals(1, r.tables().get(0).rejectedCells());
    assertNull(ds.values("s", "a").get(10));
    assertEquals(9L, ds.values("s", "a").get(9));
  }

  @Test
  void malformedFilesAreInvalidInput() throws IOException {
    Path quote = csv("q.csv", "a,b\n1,\"open\n2,3\n");
    CurataException e = assertThrows(CurataException.class,
        () -> CsvImport.run(ds, List.of(new CsvSource("q", quote)), ImportOptions.defaults()));
    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    assertEquals(quote + " line 2: not valid CSV: a quoted cell is still open at the end of the file; check the quotes"
        + " of that row", e.getMessage());
    Path after = csv("a.csv", "a,b\n1,\"x\"y\n");
    CurataException a = assertThrows(CurataException.class,
        () -> CsvImport.run(ds, List.of(new CsvSource("a", after)), ImportOptions.defaults()));
    assertEquals(ErrorCode.INVALID_INPUT, a.code());
    assertTrue(a.getMessage().startsWith(after + " line 2: not valid CSV: "), a.getMessage());
    Path latin1 = dir.resolve("l.csv");
    Files.write(latin1, new byte[] {'a', '\n', 'Z', 'o', (byte) 0xEB, '\n'});
    CurataException u = assertThrows(CurataException.class,
        () -> CsvImport.run(ds, List.of(new CsvSource("l", latin1)), ImportOptions.defaults()));
    assertEquals(ErrorCode.INVALID_INPUT, u.code());
    assertTrue(u.getMessage().contains("not valid UTF-8"), u.getMessage());
    assertEquals(0, ds.commits);
  }

  @Test
  void progressIsReportedWithRowsAndBytes() throws IOException {
    StringBuilder sb = new StringBuilder("a\n");
    for (int i = 0; i < 5000; i++) {
      sb.append(i).append('\n');
    }
    Path f = csv("p.csv", sb.toString());
    List<ImportProgress> seen = new ArrayList<>();
    CsvImport.run(ds, List.of(new CsvSource("p", f)), ImportOptions.defaults().withListener(seen::add));
    ImportProgress last = seen.get(seen.size() - 1);
    assertEquals(5000, last.rows());
    assertEquals(Files.size(f), last.bytesRead());
    assertEquals(Files.size(f), last.totalBytes());
    assertEquals(Files.size(f), last.allTotalBytes());
    assertEquals(1, last.tableCount());
    assertTrue(seen.size() < 100, "not per row");
  }
}
