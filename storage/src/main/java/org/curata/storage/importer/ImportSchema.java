package org.curata.storage.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.curata.storage.CategoricalKey;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * An ExeTera import schema ({@code {"exetera": {"version": …}, "schema": {table: {"primary_keys",
 * "foreign_keys", "fields": {…}}}}}) as Curata reads it, and writes it back for an inferred schema.
 *
 * <p>Read as ExeTera's {@code load_schema} reads it, with Curata's differences: no flag fields are
 * made ({@code invalid_value}, {@code flag_field_name} and {@code create_flag_field} are read and
 * ignored: invalid cells are NULL); {@code create_day_field} is ignored (use
 * {@code CAST(ts AS DATE)}); {@code foreign_keys} are ignored; {@code "optional"} (true or the
 * string "True") lets the CSV header lack the column, of any field type.
 */
public final class ImportSchema {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> VERSIONS = List.of("1.0.0", "1.1.0");

  private final Map<String, TableSchema> tables;

  /** A schema of the given tables. */
  public ImportSchema(List<TableSchema> tables) {
    Map<String, TableSchema> m = new LinkedHashMap<>();
    for (TableSchema t : tables) {
      if (m.put(t.name(), t) != null) {
        throw new CurataException(ErrorCode.INVALID_INPUT, "table '" + t.name() + "' is in the schema twice");
      }
    }
    this.tables = java.util.Collections.unmodifiableMap(m);
  }

  /** The tables, in schema order. */
  public List<TableSchema> tables() {
    return List.copyOf(tables.values());
  }

  /** A table by exact name. */
  public Optional<TableSchema> table(String name) {
    return Optional.ofNullable(tables.get(name));
  }

  /** Reads a schema file. */
  public static ImportSchema read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new CurataException(ErrorCode.NOT_FOUND, "schema file " + file + " does not exist");
    } catch (IOException e) {
      throw new CurataException(ErrorCode.IO, "cannot read schema file " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  /**
   * Parses schema JSON.
   *
   * @param source names the schema in error messages (a file name)
   */
  public static ImportSchema parse(String json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw bad(source, "is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw bad(source, "is not a JSON object");
    }
    JsonNode header = root.has("exetera") ? root.get("exetera") : root.get("hystore");
    if (header == null) {
      throw bad(source, "is not an ExeTera schema: it has no top-level \"exetera\" object");
    }
    JsonNode version = header.get("version");
    if (version == null || !VERSIONS.contains(version.asText())) {
      throw bad(source, "has schema version " + (version == null ? "(none)" : "'" + version.asText() + "'")
          + "; Curata reads versions " + VERSIONS);
    }
    JsonNode schema = root.get("schema");
    if (schema == null || !schema.isObject()) {
      throw bad(source, "has no \"schema\" object");
    }
    List<TableSchema> tables = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> t = it.next();
      tables.add(table(source, t.getKey(), t.getValue()));
    }
    return new ImportSchema(tables);
  }

  private static TableSchema table(String source, String name, JsonNode node) {
    JsonNode fields = node.get("fields");
    if (fields == null || !fields.isObject()) {
      throw bad(source, "table '" + name + "' has no \"fields\" object");
    }
    List<ColumnSchema> columns = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      columns.add(column(source, name, f.getKey().strip(), f.getValue()));
    }
    List<String> pks = new ArrayList<>();
    JsonNode pk = node.get("primary_keys");
    if (pk != null && pk.isArray()) {
      for (JsonNode k : pk) {
        pks.add(k.asText());
      }
    }
    TableSchema t = new TableSchema(name, columns, pks);
    for (String k : pks) {
      if (t.column(k).isEmpty()) {
        throw bad(source, "table '" + name + "' declares primary key '" + k + "', which is not one of its fields");
      }
    }
    return t;
  }

  private static ColumnSchema column(String source, String table, String name, JsonNode f) {
    String where = "field '" + name + "' of table '" + table + "'";
    String fieldType = text(f, "field_type");
    if (fieldType == null) {
      throw bad(source, where + " has no \"field_type\"");
    }
    boolean optional = truthy(f.get("optional"));
    switch (fieldType) {
      case "string":
        return new ColumnSchema(name, FieldType.of(FieldKind.STRING), ValidationMode.ALLOW_EMPTY, Map.of(), false, optional);
      case "fixed_string": {
        JsonNode len = f.get("length");
        int n = len == null ? -1 : len.isNumber() ? len.asInt() : parseIntOr(len.asText(), -1);
        if (n <= 0) {
          throw bad(source, where + " is a fixed_string and needs a \"length\" > 0");
        }
        return new ColumnSchema(name, FieldType.fixedString(n), ValidationMode.ALLOW_EMPTY, Map.of(), false, optional);
      }
      case "numeric": {
        FieldKind kind = numericKind(source, where, text(f, "value_type"));
        String mode = text(f, "validation_mode");
        ValidationMode vm;
        if (mode == null || mode.equals("allow_empty")) {
          vm = ValidationMode.ALLOW_EMPTY;
        } else if (mode.equals("strict")) {
          vm = ValidationMode.STRICT;
        } else if (mode.equals("relaxed")) {
          vm = ValidationMode.RELAXED;
        } else {
          throw bad(source, where + " has validation_mode '" + mode + "'; use strict, allow_empty or relaxed");
        }
        return new ColumnSchema(name, FieldType.of(kind), vm, Map.of(), false, optional);
      }
      case "categorical": {
        JsonNode cat = f.get("categorical");
        if (cat == null || !cat.isObject()) {
          throw bad(source, where + " is categorical and needs a \"categorical\" object");
        }
        String vt = text(cat, "value_type");
        FieldKind codeKind = vt == null ? FieldKind.INT8 : numericKind(source, where, vt);
        if (!codeKind.isCodeKind()) {
          throw bad(source, where + " has categorical value_type '" + vt
              + "'; use int8, int16, int32, uint8 or uint16");
        }
        JsonNode s2v = cat.get("strings_to_values");
        if (s2v == null || !s2v.isObject() || s2v.isEmpty()) {
          throw bad(source, where + " is categorical and needs a non-empty \"strings_to_values\" object");
        }
        Map<String, Long> labels = new LinkedHashMap<>();
        Map<Long, String> keyLabels = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = s2v.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          JsonNode v = e.getValue();
          long code;
          if (v.isIntegralNumber()) {
            code = v.asLong();
          } else if (v.isTextual() && parseIntOr(v.asText(), Integer.MIN_VALUE) != Integer.MIN_VALUE) {
            code = parseIntOr(v.asText(), 0);
          } else {
            throw bad(source, where + " maps '" + e.getKey() + "' to " + v + ", which is not an integer");
          }
          if (!fits(codeKind, code)) {
            throw bad(source, where + " maps '" + e.getKey() + "' to " + code + ", which does not fit its value_type "
                + codeKind.exeteraName());
          }
          labels.put(e.getKey(), code);
          keyLabels.putIfAbsent(code, e.getKey());
        }
        // ExeTera keeps free text whenever "out_of_range" is present, whatever its value.
        boolean freetext = cat.has("out_of_range");
        return new ColumnSchema(name, FieldType.categorical(new CategoricalKey(codeKind, keyLabels)),
            ValidationMode.ALLOW_EMPTY, labels, freetext, optional);
      }
      case "datetime":
        return new ColumnSchema(name, FieldType.of(FieldKind.TIMESTAMP), ValidationMode.ALLOW_EMPTY, Map.of(), false, optional);
      case "date":
        return new ColumnSchema(name, FieldType.of(FieldKind.DATE), ValidationMode.ALLOW_EMPTY, Map.of(), false, optional);
      default:
        throw bad(source, where + " has field_type '" + fieldType
            + "'; use string, fixed_string, numeric, categorical, datetime or date");
    }
  }

  /** Whether a code fits an integer kind. */
  static boolean fits(FieldKind kind, long v) {
    switch (kind) {
      case BOOL: return v == 0 || v == 1;
      case INT8: return v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
      case INT16: return v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
      case INT32: return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
      case UINT8: return v >= 0 && v <= 0xFF;
      case UINT16: return v >= 0 && v <= 0xFFFF;
      case UINT32: return v >= 0 && v <= 0xFFFF_FFFFL;
      default: return true;
    }
  }

  private static FieldKind numericKind(String source, String where, String valueType) {
    if (valueType == null) {
      throw bad(source, where + " is numeric and needs a \"value_type\"");
    }
    switch (valueType) {
      case "bool": return FieldKind.BOOL;
      case "int8": return FieldKind.INT8;
      case "int16": return FieldKind.INT16;
      case "int32": return FieldKind.INT32;
      case "int":
      case "int64": return FieldKind.INT64;
      case "uint8": return FieldKind.UINT8;
      case "uint16": return FieldKind.UINT16;
      case "uint32": return FieldKind.UINT32;
      case "float32": return FieldKind.FLOAT32;
      case "float":
      case "float64": return FieldKind.FLOAT64;
      case "uint64":
        throw new CurataException(ErrorCode.UNSUPPORTED, source + ": " + where
            + " has value_type uint64, which Curata does not support; use int64");
      default:
        throw bad(source, where + " has value_type '" + valueType
            + "'; use bool, int8, int16, int32, int64, uint8, uint16, uint32, float32 or float64");
    }
  }

  private static String text(JsonNode node, String key) {
    JsonNode v = node.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static boolean truthy(JsonNode v) {
    if (v == null) {
      return false;
    }
    return v.isBoolean() ? v.asBoolean() : v.asText().strip().equalsIgnoreCase("true");
  }

  private static int parseIntOr(String s, int otherwise) {
    try {
      return Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  private static CurataException bad(String source, String what) {
    return new CurataException(ErrorCode.INVALID_INPUT, "schema " + source + ": " + what);
  }

  /** The schema as ExeTera schema JSON (version 1.0.0), which {@link #parse} reads back. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("exetera").put("version", "1.0.0");
    ObjectNode schema = root.putObject("schema");
    for (TableSchema t : tables.values()) {
      ObjectNode tn = schema.putObject(t.name());
      ArrayNode pk = tn.putArray("primary_keys");
      t.primaryKeys().forEach(pk::add);
      ObjectNode fields = tn.putObject("fields");
      for (ColumnSchema c : t.columns()) {
        ObjectNode fn = fields.putObject(c.name());
        FieldType type = c.type();
        switch (type.kind()) {
          case STRING: fn.put("field_type", "string"); break;
          case FIXED_STRING: fn.put("field_type", "fixed_string").put("length", type.length()); break;
          case TIMESTAMP: fn.put("field_type", "datetime"); break;
          case DATE: fn.put("field_type", "date"); break;
          case CATEGORICAL: {
            fn.put("field_type", "categorical");
            ObjectNode cat = fn.putObject("categorical");
            cat.put("value_type", type.key().codeKind().exeteraName());
            ObjectNode s2v = cat.putObject("strings_to_values");
            if (c.labels().isEmpty()) {
              type.key().labels().forEach((code, label) -> s2v.put(label, code));
            } else {
              c.labels().entrySet().stream().sorted(Map.Entry.comparingByValue())
                  .forEach(e -> s2v.put(e.getKey(), e.getValue()));
            }
            if (c.freetext()) {
              cat.put("out_of_range", "freetext");
            }
            break;
          }
          default:
            fn.put("field_type", "numeric").put("value_type", type.kind().exeteraName());
            if (c.validation() != ValidationMode.ALLOW_EMPTY) {
              fn.put("validation_mode", c.validation().exeteraName());
            }
        }
        if (c.optional()) {
          fn.put("optional", true);
        }
      }
    }
    try {
      return JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new CurataException(ErrorCode.INTERNAL, "cannot write schema JSON: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "ImportSchema" + tables.keySet();
  }
}
