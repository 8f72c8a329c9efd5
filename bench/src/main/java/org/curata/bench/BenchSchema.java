package org.curata.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The two tables of BENCHMARK.md, and their declarations for DuckDB and for Curata's ExeTera-style
 * JSON import schema, all derived from one list of columns so that they cannot drift apart.
 */
final class BenchSchema {
  /** The 20 symptom fields, in BENCHMARK.md order; the k-th is NULL with p = 0.85 + 0.10 k / 19. */
  static final List<String> SYMPTOMS = List.of("fever", "persistent_cough", "fatigue",
      "shortness_of_breath", "diarrhoea", "delirium", "skipped_meals", "abdominal_pain",
      "chest_pain", "hoarse_voice", "loss_of_smell", "headache", "sore_throat",
      "chills_or_shivers", "eye_soreness", "nausea", "dizzy_light_headed",
      "red_welts_on_face_or_lips", "blisters_on_feet", "unusual_muscle_pains");

  /** Country labels in code order. */
  static final List<String> COUNTRIES = List.of("GB", "US", "SE", "IE", "CA");

  static final TableDef PATIENTS = new TableDef("patients", List.of(
      Column.of("id", ColumnType.ID),
      Column.of("created_at", ColumnType.TIMESTAMP),
      Column.of("year_of_birth", ColumnType.INT32),
      Column.categorical("gender", ColumnType.CATEGORY_CODE, List.of("0", "1", "2")),
      Column.of("bmi", ColumnType.FLOAT64),
      Column.categorical("country", ColumnType.CATEGORY_LABEL, COUNTRIES),
      Column.of("healthcare_worker", ColumnType.BOOL)));

  static final TableDef ASSESSMENTS = assessments();

  private BenchSchema() {
  }

  private static TableDef assessments() {
    List<Column> cols = new ArrayList<>();
    cols.add(Column.of("id", ColumnType.ID));
    cols.add(Column.of("patient_id", ColumnType.ID));
    cols.add(Column.of("created_at", ColumnType.TIMESTAMP));
    cols.add(Column.categorical("tested_covid_positive", ColumnType.CATEGORY_CODE,
        List.of("0", "1", "2", "3")));
    cols.add(Column.of("temperature", ColumnType.FLOAT64));
    for (String s : SYMPTOMS) {
      cols.add(Column.of(s, ColumnType.INT8));
    }
    cols.add(Column.categorical("location", ColumnType.CATEGORY_CODE, List.of("0", "1", "2", "3")));
    return new TableDef("assessments", cols);
  }

  /** Both tables. */
  static List<TableDef> tables() {
    return List.of(PATIENTS, ASSESSMENTS);
  }

  /** {@code CREATE TABLE} for DuckDB with explicit types. */
  static String duckDbCreate(TableDef t) {
    StringBuilder b = new StringBuilder("CREATE TABLE ").append(t.name()).append(" (");
    for (int i = 0; i < t.columns().size(); i++) {
      Column c = t.columns().get(i);
      b.append(i == 0 ? "" : ", ").append(c.name()).append(' ').append(c.type().duckDbType());
    }
    return b.append(')').toString();
  }

  /** The {@code columns={...}} struct of DuckDB's read_csv. */
  static String duckDbColumnsStruct(TableDef t) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < t.columns().size(); i++) {
      Column c = t.columns().get(i);
      b.append(i == 0 ? "" : ", ").append('\'').append(c.name()).append("': '")
          .append(c.type().duckDbType()).append('\'');
    }
    return b.append('}').toString();
  }

  /**
   * The ExeTera-style JSON import schema for Curata: ids fixed_string(32), timestamps datetime,
   * categoricals int8 with strings_to_values (the CSV holds the code digits for gender,
   * tested_covid_positive and location, and the label for country), symptoms int8, bmi and
   * temperature float64, healthcare_worker bool.
   */
  static String curataSchemaJson() {
    StringBuilder b = new StringBuilder();
    b.append("{\n  \"exetera\": {\n    \"version\": \"1.0.0\"\n  },\n  \"schema\": {\n");
    appendTable(b, PATIENTS, false);
    b.append(",\n");
    appendTable(b, ASSESSMENTS, true);
    b.append("\n  }\n}\n");
    return b.toString();
  }

  private static void appendTable(StringBuilder b, TableDef t, boolean foreignKey) {
    b.append("    \"").append(t.name()).append("\": {\n");
    b.append("      \"primary_keys\": [\"id\"],\n");
    if (foreignKey) {
      b.append("      \"foreign_keys\": {\n        \"patient_id\": {\"space\": \"patients\", \"key\": \"id\"}\n"
          + "      },\n");
    }
    b.append("      \"fields\": {\n");
    for (int i = 0; i < t.columns().size(); i++) {
      Column c = t.columns().get(i);
      b.append("        \"").append(c.name()).append("\": ").append(fieldJson(c));
      b.append(i + 1 < t.columns().size() ? ",\n" : "\n");
    }
    b.append("      }\n    }");
  }

  private static String fieldJson(Column c) {
    switch (c.type()) {
      case ID:
        return "{\"field_type\": \"fixed_string\", \"length\": 32}";
      case TIMESTAMP:
        return "{\"field_type\": \"datetime\"}";
      case INT32:
        return "{\"field_type\": \"numeric\", \"value_type\": \"int32\"}";
      case INT8:
        return "{\"field_type\": \"numeric\", \"value_type\": \"int8\"}";
      case FLOAT64:
        return "{\"field_type\": \"numeric\", \"value_type\": \"float64\"}";
      case BOOL:
        return "{\"field_type\": \"numeric\", \"value_type\": \"bool\"}";
      case CATEGORY_CODE:
      case CATEGORY_LABEL:
        StringBuilder m = new StringBuilder();
        for (int code = 0; code < c.labels().size(); code++) {
          m.append(code == 0 ? "" : ", ").append('"').append(c.labels().get(code)).append("\": ")
              .append(code);
        }
        return "{\"field_type\": \"categorical\", \"categorical\": {\"value_type\": \"int8\", "
            + "\"strings_to_values\": {" + m + "}}}";
      default:
        throw new IllegalStateException("no Curata type for " + c.type());
    }
  }
}
