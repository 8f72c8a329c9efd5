package org.curata.driver;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.DelegatingTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystem;

/**
 * A connection's type factory, whose character types (and so string literals) are UTF-8 as
 * Curata's data is; Calcite's own default is ISO-8859-1, changeable only JVM-wide through the
 * {@code calcite.default.charset} system property, and rejects literals such as '北京' or '😀'.
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
    if (config.conformance().shouldConvertRaggedUnionTypesToVarying()) {
      // as CalciteConnectionImpl does when it makes the factory itself
      typeSystem = new DelegatingTypeSystem(typeSystem) {
        @Override
        public boolean shouldConvertRaggedUnionTypesToVarying() {
          return true;
        }
      };
    }
    return new CurataTypeFactory(typeSystem);
  }

  @Override
  public Charset getDefaultCharset() {
    return StandardCharsets.UTF_8;
  }
}
