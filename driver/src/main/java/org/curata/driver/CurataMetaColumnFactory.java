package org.curata.driver;

import java.sql.Types;
import org.apache.calcite.avatica.MetaImpl.MetaColumn;
import org.apache.calcite.jdbc.CalciteMetaColumnFactoryImpl;
import org.apache.calcite.schema.Table;

/**
 * Rows of {@code DatabaseMetaData.getColumns} as the JDBC specification defines them: Calcite
 * reports TYPE_NAME as a full type string ("INTEGER NOT NULL"), COLUMN_SIZE -1 for numbers and
 * a radix for strings; this factory reports the plain type name, the maximum precision of
 * numbers, the length of strings, the display size of dates and timestamps, and NO for
 * IS_AUTOINCREMENT and IS_GENERATEDCOLUMN.
 */
final class CurataMetaColumnFactory extends CalciteMetaColumnFactoryImpl {
  /** The one instance. */
  static final CurataMetaColumnFactory INSTANCE = new CurataMetaColumnFactory();

  private CurataMetaColumnFactory() {
  }

  @Override
  public MetaColumn createColumn(Table table, String tableCat, String tableSchem,
      String tableName, String columnName, int dataType, String typeName, Integer columnSize,
      Integer decimalDigits, int numPrecRadix, int nullable, Integer charOctetLength,
      int ordinalPosition, String isNullable) {
    int precision = columnSize == null ? -1 : columnSize;
    Integer size;
    Integer digits = null;
    Integer radix = null;
    Integer octets = null;
    switch (dataType) {
      case Types.TINYINT: size = 3; digits = 0; radix = 10; break;
      case Types.SMALLINT: size = 5; digits = 0; radix = 10; break;
      case Types.INTEGER: size = 10; digits = 0; radix = 10; break;
      case Types.BIGINT: size = 19; digits = 0; radix = 10; break;
      case Types.REAL: size = 7; radix = 10; break;
      case Types.FLOAT:
      case Types.DOUBLE: size = 15; radix = 10; break;
      case Types.DECIMAL:
      case Types.NUMERIC: size = precision; digits = decimalDigits; radix = 10; break;
      case Types.BOOLEAN: size = 1; break;
      case Types.CHAR:
        size = precision >= 0 ? precision : Integer.MAX_VALUE;
        octets = size;
        break;
      case Types.VARCHAR:
        size = precision >= 0 ? precision : Integer.MAX_VALUE;
        octets = precision >= 0 && precision <= Integer.MAX_VALUE / 4
            ? precision * 4 : Integer.MAX_VALUE;
        break;
      case Types.DATE: size = 10; break;
      case Types.TIMESTAMP: {
        int p = Math.max(precision, 0);
        size = p > 0 ? 20 + p : 19;
        digits = p;
        break;
      }
      default:
        size = precision >= 0 ? precision : null;
        digits = decimalDigits;
        break;
    }
    return new MetaColumn(tableCat, tableSchem, tableName, columnName, dataType,
        plainName(typeName), size, digits, radix, nullable, octets, ordinalPosition,
        isNullable, "NO", "NO");
  }

  /** "VARCHAR(10) CHARACTER SET ... NOT NULL" becomes "VARCHAR". */
  private static String plainName(String fullTypeString) {
    int end = fullTypeString.length();
    for (int i = 0; i < fullTypeString.length(); i++) {
      char c = fullTypeString.charAt(i);
      if (c == '(' || c == ' ') {
        end = i;
        break;
      }
    }
    return fullTypeString.substring(0, end);
  }
}
