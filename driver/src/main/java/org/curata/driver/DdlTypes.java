package org.curata.driver;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.type.SqlTypeName;
import org.curata.storage.CurataException;
import org.curata.storage.ErrorCode;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldType;

/**
 * The field type a SQL column of CREATE TABLE (or a column of the query of CREATE TABLE ... AS)
 * is stored as. BOOLEAN is bool; TINYINT, SMALLINT, INTEGER (INT), BIGINT are int8..int64; REAL
 * is float32; FLOAT and DOUBLE are float64 (FLOAT without a precision is double precision, as in
 * Calcite and most databases); CHAR(n) is fixed_string(n) (n bytes of UTF-8; CHAR alone is
 * CHAR(1)); VARCHAR, VARCHAR(n), TEXT and STRING are string (a length is not enforced); DATE is
 * date; TIMESTAMP is timestamp. Other types, DECIMAL among them, are UNSUPPORTED.
 */
final class DdlTypes {
  /** What the error messages list as supported. */
  static final String SUPPORTED = "BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, REAL, FLOAT,"
      + " DOUBLE, CHAR(n), VARCHAR, TEXT, DATE and TIMESTAMP";

  private DdlTypes() {
  }

  /** The field type of a column declared {@code column spec} in CREATE TABLE. */
  static FieldType of(SqlDataTypeSpec spec, String column) {
    SqlTypeNameSpec nameSpec = spec.getTypeNameSpec();
    String written = nameSpec.getTypeName().toString();
    if (nameSpec instanceof SqlUserDefinedTypeNameSpec) {
      switch (written.toUpperCase(Locale.ROOT)) {
        case "TEXT":
        case "STRING":
          return FieldType.of(FieldKind.STRING);
        default:
          throw unsupported(column, written);
      }
    }
    if (!(nameSpec instanceof SqlBasicTypeNameSpec)) {
      throw unsupported(column, spec.toString());
    }
    SqlTypeName type = SqlTypeName.get(written.toUpperCase(Locale.ROOT));
    if (type == null) {
      throw unsupported(column, written);
    }
    int precision = ((SqlBasicTypeNameSpec) nameSpec).getPrecision();
    switch (type) {
      case BOOLEAN: return FieldType.of(FieldKind.BOOL);
      case TINYINT: return FieldType.of(FieldKind.INT8);
      case SMALLINT: return FieldType.of(FieldKind.INT16);
      case INTEGER: return FieldType.of(FieldKind.INT32);
      case BIGINT: return FieldType.of(FieldKind.INT64);
      case REAL: return FieldType.of(FieldKind.FLOAT32);
      case FLOAT:
      case DOUBLE: return FieldType.of(FieldKind.FLOAT64);
      case CHAR: return FieldType.fixedString(precision < 0 ? 1 : precision);
      case VARCHAR: return FieldType.of(FieldKind.STRING);
      case DATE: return FieldType.of(FieldKind.DATE);
      case TIMESTAMP: return FieldType.of(FieldKind.TIMESTAMP);
      case DECIMAL:
        throw new CurataException(ErrorCode.UNSUPPORTED, "column '" + column + "': DECIMAL is"
            + " not supported, Curata stores no exact decimals; use DOUBLE (float64), or BIGINT"
            + " in a smaller unit");
      default:
        throw unsupported(column, type.getName());
    }
  }

  /**
   * The field type of column {@code i} (from 1) of a query's result, for CREATE TABLE ... AS.
   * Strings of any kind become string; DECIMAL without a scale becomes int64.
   */
  static FieldType of(ResultSetMetaData md, int i) throws SQLException {
    String column = md.getColumnLabel(i);
    switch (md.getColumnType(i)) {
      case Types.BOOLEAN: return FieldType.of(FieldKind.BOOL);
      case Types.TINYINT: return FieldType.of(FieldKind.INT8);
      case Types.SMALLINT: return FieldType.of(FieldKind.INT16);
      case Types.INTEGER: return FieldType.of(FieldKind.INT32);
      case Types.BIGINT: return FieldType.of(FieldKind.INT64);
      case Types.REAL: return FieldType.of(FieldKind.FLOAT32);
      case Types.FLOAT:
      case Types.DOUBLE: return FieldType.of(FieldKind.FLOAT64);
      case Types.CHAR:
      case Types.VARCHAR: return FieldType.of(FieldKind.STRING);
      case Types.DATE: return FieldType.of(FieldKind.DATE);
      case Types.TIMESTAMP: return FieldType.of(FieldKind.TIMESTAMP);
      case Types.DECIMAL:
      case Types.NUMERIC:
        if (md.getScale(i) == 0 && md.getPrecision(i) <= 18) {
          return FieldType.of(FieldKind.INT64);
        }
        throw new CurataException(ErrorCode.UNSUPPORTED, "column '" + column + "' of the query"
            + " is " + md.getColumnTypeName(i) + "(" + md.getPrecision(i) + ", " + md.getScale(i)
            + "): Curata stores no exact decimals; CAST it to DOUBLE (or BIGINT)");
      case Types.NULL:
        throw new CurataException(ErrorCode.UNSUPPORTED, "column '" + column + "' of the query"
            + " has no type (a bare NULL); CAST it, e.g. CAST(NULL AS INTEGER)");
      default:
        throw new CurataException(ErrorCode.UNSUPPORTED, "column '" + column + "' of the query"
            + " is " + md.getColumnTypeName(i) + ", which Curata cannot store; Curata stores "
            + SUPPORTED);
    }
  }

  private static CurataException unsupported(String column, String type) {
    return new CurataException(ErrorCode.UNSUPPORTED, "column '" + column + "': type " + type
        + " is not supported; Curata stores " + SUPPORTED);
  }
}
