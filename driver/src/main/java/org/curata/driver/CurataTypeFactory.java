package org.curata.driver;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.DelegatingTypeSystem;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A connection's type factory, whose character types (and so string literals) are UTF-8 as
 * Curata's data is; Calcite's own default is ISO-8859-1, changeable only JVM-wide through the
 * {@code calcite.default.charset} system property, and rejects literals such as '北京' or '😀'.
 * Its type system sums REAL (float32) fields as DOUBLE and narrow integers as BIGINT, and
 * averages integers as DOUBLE, as DuckDB does: Calcite's default sums in the argument's type, which is visibly wrong for float32 after
 * a few thousand rows and overflows an int8 symptom field after 127 ones.
 */
final class CurataTypeFactory extends JavaTypeFactoryImpl {
  CurataTypeFactory(RelDataTypeSystem typeSystem) {
    super(typeSystem);
  }

  /** The factory for a connection with these Calcite properties (type system as Calcite picks). */
  static CurataTypeFactory of(Properties calciteProperties) {
    CalciteConnectionConfig config = new CalciteConnectionConfigImpl(calciteProperties);
    RelDataTypeSystem typeSystem =
        config.typeSystem(RelDataTypeSystem.class, RelDataTypeSystem.DEFAULT);
    // as CalciteConnectionImpl does when it makes the factory itself
    boolean raggedToVarying = config.conformance().shouldConvertRaggedUnionTypesToVarying();
    return new CurataTypeFactory(new DelegatingTypeSystem(typeSystem) {
      @Override
      public boolean shouldConvertRaggedUnionTypesToVarying() {
        return raggedToVarying || super.shouldConvertRaggedUnionTypesToVarying();
      }

      @Override
      public RelDataType deriveSumType(RelDataTypeFactory factory, RelDataType argumentType) {
        switch (argumentType.getSqlTypeName()) {
          case REAL:
            return factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.DOUBLE),
                argumentType.isNullable());
          case TINYINT: case SMALLINT: case INTEGER:
            return factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.BIGINT),
                argumentType.isNullable());
          default:
            break;
        }
        return super.deriveSumType(factory, argumentType);
      }

      @Override
      public RelDataType deriveAvgAggType(RelDataTypeFactory factory, RelDataType argumentType) {
        // AVG of integers is a DOUBLE (as in DuckDB and SQLite), not an integer that truncates
        // the mean and overflows when Calcite casts the BIGINT sum back to the argument's type
        if (SqlTypeName.INT_TYPES.contains(argumentType.getSqlTypeName())) {
          return factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.DOUBLE),
              argumentType.isNullable());
        }
        return super.deriveAvgAggType(factory, argumentType);
      }
    });
  }

  @Override
  public Charset getDefaultCharset() {
    return StandardCharsets.UTF_8;
  }
}
