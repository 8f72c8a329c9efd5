package org.curata.storage.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;
import org.junit.jupiter.api.Test;

final class ImportSchemaTest {
  static String resource(String name) {
    try (InputStream in = ImportSchemaTest.class.getResourceAsStream("exetera/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static CurataException error(String json) {
    return assertThrows(CurataException.class, () -> ImportSchema.parse(json, "s.json"));
  }

  private static String oneField(String field) {
    return "{\"exetera\":{\"version\":\"1.0.0\"},\"schema\":{\"t\":{\"fields\":{\"f\":" + field + "}}}}";
  }

  @Test
  void readsTheFixtureSchema() {
    ImportSchema s = ImportSchema.parse(resource("schema.json"), "schema.json");
    assertEquals(List.of("patients", "assessments"), s.tables().stream().map(TableSchema::name).toList());
    TableSchema p = s.table("patients").orElseThrow();
    assertEquals(List.of("id"), p.primaryKeys());
    assertEquals(List.of("id", "name", "year_of_birth", "height_cm", "weight_kg", "gender", "blood_group",
        "country_code", "is_smoker", "created_at", "last_asked_at", "date_of_test"),
        p.columns().stream().map(ColumnSchema::name).toList());
    assertEquals(FieldType.fixedString(32), p.column("id").orElseThrow().type());
    assertEquals(FieldType.of(FieldKind.STRING), p.column("name").orElseThrow().type());
    assertEquals(FieldType.of(FieldKind.INT32), p.column("year_of_birth").orElseThrow().type());
    ColumnSchema h = p.column("height_cm").orElseThrow();
    assertEquals(FieldType.of(FieldKind.FLOAT32), h.type());
    assertEquals(ValidationMode.RELAXED, h.validation());
    assertEquals(ValidationMode.ALLOW_EMPTY, p.column("weight_kg").orElseThrow().validation());
    ColumnSchema g = p.column("gender").orElseThrow();
    assertEquals(FieldKind.CATEGORICAL, g.type().kind());
    assertEquals(FieldKind.INT8, g.type().key().codeKind());
    assertEquals(Map.of(0L, "", 1L, "female", 2L, "male", 3L, "other"), g.type().key().labels());
    assertFalse(g.freetext());
    assertTrue(p.column("blood_group").orElseThrow().freetext());
    assertEquals(FieldType.of(FieldKind.BOOL), p.column("is_smoker").orElseThrow().type());
    assertEquals(FieldType.of(FieldKind.TIMESTAMP), p.column("created_at").orElseThrow().type());
    assertFalse(p.column("created_at").orElseThrow().optional());
    assertTrue(p.column("last_asked_at").orElseThrow().optional(), "\"optional\": \"True\"");
    assertEquals(FieldType.of(FieldKind.DATE), p.column("date_of_test").orElseThrow().type());
    assertEquals(8, s.table("assessments").orElseThrow().columns().size());
  }

  @Test
  void jsonRoundTrips() {
    ImportSchema s = ImportSchema.parse(resource("schema.json"), "schema.json");
    ImportSchema back = ImportSchema.parse(s.toJson(), "again");
    assertEquals(s.tables(), back.tables());
  }

  @Test
  void severalLabelsMayShareACode() {
    ImportSchema s = ImportSchema.parse(oneField(
        "{\"field_type\":\"categorical\",\"categorical\":{\"value_type\":\"int8\","
            + "\"strings_to_values\":{\"\":0,\"no\":1,\"False\":1,\"yes\":2}}}"), "s");
    ColumnSchema c = s.table("t").orElseThrow().column("f").orElseThrow();
    assertEquals(Map.of(0L, "", 1L, "no", 2L, "yes"), c.type().key().labels());
    assertEquals(Map.of("", 0L, "no", 1L, "False", 1L, "yes", 2L), c.labels());
  }

  @Test
  void numericAliasesAndDefaults() {
    assertEquals(FieldType.of(FieldKind.INT64), ImportSchema.parse(oneField(
        "{\"field_type\":\"numeric\",\"value_type\":\"int\"}"), "s").table("t").orElseThrow().columns().get(0).type());
    assertEquals(FieldType.of(FieldKind.FLOAT64), ImportSchema.parse(oneField(
        "{\"field_type\":\"numeric\",\"value_type\":\"float\",\"validation_mode\":\"strict\"}"), "s")
        .table("t").orElseThrow().columns().get(0).type());
  }

  @Test
  void errorsNameTheSchemaAndTheField() {
    assertEquals("schema s.json: is not an ExeTera schema: it has no top-level \"exetera\" object",
        error("{\"schema\":{}}").getMessage());
    assertEquals("schema s.json: has schema version '2.0.0'; Curata reads versions [1.0.0, 1.1.0]",
        error("{\"exetera\":{\"version\":\"2.0.0\"},\"schema\":{}}").getMessage());
    assertEquals("schema s.json: field 'f' of table 't' has field_type 'blob'; use string, fixed_string, numeric, "
        + "categorical, datetime or date", error(oneField("{\"field_type\":\"blob\"}")).getMessage());
    assertEquals("schema s.json: field 'f' of table 't' is a fixed_string and needs a \"length\" > 0",
        error(oneField("{\"field_type\":\"fixed_string\"}")).getMessage());
    assertEquals("schema s.json: field 'f' of table 't' has value_type 'int128'; use bool, int8, int16, int32, int64, "
        + "uint8, uint16, uint32, float32 or float64",
        error(oneField("{\"field_type\":\"numeric\",\"value_type\":\"int128\"}")).getMessage());
    assertEquals("schema s.json: field 'f' of table 't' has validation_mode 'lax'; use strict, allow_empty or relaxed",
        error(oneField("{\"field_type\":\"numeric\",\"value_type\":\"int8\",\"validation_mode\":\"lax\"}"))
            .getMessage());
    assertEquals("schema s.json: field 'f' of table 't' maps 'x' to 300, which does not fit its value_type int8",
        error(oneField("{\"field_type\":\"categorical\",\"categorical\":{\"value_type\":\"int8\","
            + "\"strings_to_values\":{\"x\":300}}}")).getMessage());
    assertTrue(error("{not json").getMessage().startsWith("schema s.json: is not valid JSON: "));
    CurataException u = error(oneField("{\"field_type\":\"numeric\",\"value_type\":\"uint64\"}"));
    assertEquals(ErrorCode.UNSUPPORTED, u.code());
    assertEquals(ErrorCode.INVALID_INPUT, error("{\"schema\":{}}").code());
  }
}
