package org.curata.adapter;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.curata.storage.Field;
import org.curata.storage.FieldKind;
import org.curata.storage.FieldSpec;
import org.curata.storage.FieldType;

/**
 * The SQL type of each storage field type; the one place the mapping lives (the driver
 * documentation publishes it).
 *
 * <table>
 *   <caption>Storage type to SQL type</caption>
 *   <tr><th>storage</th><th>SQL</th><th>notes</th></tr>
 *   <tr><td>bool</td><td>BOOLEAN</td><td></td></tr>
 *   <tr><td>int8, int16, int32, int64</td><td>TINYINT, SMALLINT, INTEGER, BIGINT</td><td></td></tr>
 *   <tr><td>uint8, uint16, uint32</td><td>SMALLINT, INTEGER, BIGINT</td>
 *       <td>the next wider signed type, so every value fits</td></tr>
 *   <tr><td>float32, float64</td><td>REAL, DOUBLE</td><td></td></tr>
 *   <tr><td>categorical</td><td>VARCHAR</td><td>reads as the code's label; a code that is not
 *       in the key reads as NULL, so the column is always nullable</td></tr>
 *   <tr><td>fixed_string(n)</td><td>VARCHAR(n)</td><td>NUL padding stripped (CHAR(n) would pad
 *       with spaces instead); n is bytes, so every decoded value fits</td></tr>
 *   <tr><td>string</td><td>VARCHAR</td><td>UTF-8</td></tr>
 *   <tr><td>timestamp</td><td>TIMESTAMP(3)</td><td>storage holds exact microseconds UTC; Calcite
 *       1.42's runtime carries TIMESTAMP as long milliseconds (and its default type system caps
 *       TIMESTAMP precision at 3), so values are truncated toward negative infinity to the
 *       millisecond on read; pushed comparisons are planned on microsecond ranges so that they
 *       agree exactly with the truncated values; an INSERT stores milliseconds x 1000</td></tr>
 *   <tr><td>date</td><td>DATE</td><td>days since 1970-01-01</td></tr>
 * </table>
 *
 * <p>Nullability follows {@link FieldSpec#nullable()}, except categoricals (above).
 */
public final class CurataTypes {
  /** The precision of TIMESTAMP columns: milliseconds. */
  public static final int TIMESTAMP_PRECISION = 3;

  private CurataTypes() {
  }

  /** The SQL type name of a storage type. */
  public static SqlTypeName sqlTypeName(FieldType type) {
    switch (type.kind()) {
      case BOOL: return SqlTypeName.BOOLEAN;
      case INT8: return SqlTypeName.TINYINT;
      case INT16:
      case UINT8: return SqlTypeName.SMALLINT;
      case INT32:
      case UINT16: return SqlTypeName.INTEGER;
      case INT64:
      case UINT32: return SqlTypeName.BIGINT;
      case FLOAT32: return SqlTypeName.REAL;
      case FLOAT64: return SqlTypeName.DOUBLE;
      case CATEGORICAL:
      case FIXED_STRING:
      case STRING: return SqlTypeName.VARCHAR;
      case TIMESTAMP: return SqlTypeName.TIMESTAMP;
      case DATE: return SqlTypeName.DATE;
      default: throw new IllegalArgumentException("no SQL type for " + type);
    }
  }

  /** The SQL type of a field, with its nullability. */
  public static RelDataType sqlType(FieldSpec spec, RelDataTypeFactory typeFactory) {
    FieldType type = spec.type();
    SqlTypeName name = sqlTypeName(type);
    RelDataType t;
    if (type.kind() == FieldKind.FIXED_STRING) {
      t = typeFactory.createSqlType(name, type.length());
    } else if (type.kind() == FieldKind.TIMESTAMP) {
      t = typeFactory.createSqlType(name, TIMESTAMP_PRECISION);
    } else {
      t = typeFactory.createSqlType(name);
    }
    boolean nullable = spec.nullable() || type.kind() == FieldKind.CATEGORICAL;
    return typeFactory.createTypeWithNullability(t, nullable);
  }

  /** The row type of a dataframe's fields. */
  public static RelDataType rowType(List<Field> fields, RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder b = typeFactory.builder();
    for (Field f : fields) {
      b.add(f.name(), sqlType(f.spec(), typeFactory));
    }
    return b.build();
  }
}
