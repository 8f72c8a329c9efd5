package org.curata.driver;

import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteFactory;
import org.apache.calcite.jdbc.CalciteMetaImpl;
import org.apache.calcite.jdbc.CalciteMetaTableFactoryImpl;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.schema.SchemaPlus;
import org.curata.adapter.CurataSchema;
import org.curata.storage.CurataException;
import org.curata.storage.Dataset;
import org.curata.storage.Datasets;

/**
 * The Curata JDBC driver: {@code jdbc:curata:<dataset-dir>[;key=value]...} opens the dataset in
 * the directory as the connection's default schema (named {@code main} unless {@code schema=}
 * says otherwise), on Calcite with Curata's parser, DDL and Calcite adapter.
 *
 * <p>Properties (in the URL after {@code ;}, or in the {@link Properties}; the URL wins):
 * {@code create=true} creates an empty dataset if the directory holds none; {@code readonly=true}
 * refuses every write (SQLState 25006); {@code schema=NAME} names the schema;
 * {@code lockTimeout=MILLIS} (default 10000) is how long a write waits for another writer;
 * {@code blockRows=N} is the rows per block of data written; {@code blockEncoding=auto|dense|sparse}
 * (default auto: by density) forces the encoding of the blocks written; {@code batchSize=N}
 * (default 4096) is the rows per vector batch in execution; {@code memory=SIZE} (e.g. 256m, 2g;
 * default 40% of the maximum heap) is the budget of one query's buffered rows, beyond which sorts,
 * aggregates and joins spill to {@code spillDirectory=DIR} (default java.io.tmpdir);
 * {@code threads=N} (default the available processors) is the parallelism of one query;
 * {@code directResults=false} (default true) makes result sets box every row as Calcite does
 * instead of reading the vectors of a wholly Curata plan directly (the results are the same). Other
 * properties go to Calcite.
 *
 * <p>Identifiers are matched ignoring case, quoted or not, and keep the case they were written
 * in; double quotes quote. Every statement commits atomically on its own (autocommit cannot be
 * turned off). Errors are {@link java.sql.SQLException}s with a SQLState from the Curata error
 * code and the Curata message.
 */
public final class CurataDriver extends org.apache.calcite.jdbc.Driver {
  /** The URL prefix. */
  public static final String PREFIX = CurataUrl.PREFIX;

  private static final String VERSION = "0.1.0";

  static {
    new CurataDriver().register();
  }

  /** Creates a driver; {@link java.sql.DriverManager} finds one through the service file. */
  public CurataDriver() {
    super();
  }

  @Override
  protected String getConnectStringPrefix() {
    return PREFIX;
  }

  @Override
  protected DriverVersion createDriverVersion() {
    return new DriverVersion("Curata JDBC Driver", VERSION, "Curata", VERSION, true, 0, 1, 0, 1);
  }

  @Override
  public CalcitePrepare createPrepare() {
    return new CurataPrepare();
  }

  @Override
  public Meta createMeta(AvaticaConnection connection) {
    return CalciteMetaImpl.create((CalciteConnection) connection,
        CalciteMetaTableFactoryImpl.INSTANCE, CurataMetaColumnFactory.INSTANCE);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (url == null || !acceptsURL(url)) {
      return null;
    }
    CurataUrl spec;
    Dataset dataset;
    try {
      spec = CurataUrl.parse(url, info);
      dataset = new ConnectionDataset(Datasets.open(spec.directory(), spec.openOptions()),
          spec.readOnly(), spec.lockTimeoutMillis());
    } catch (CurataException e) {
      throw SqlErrors.of(e);
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e);
    }
    CurataSchema schema = null;
    AvaticaConnection connection = null;
    try {
      Properties properties = calciteProperties(spec);
      // Calcite's factory takes the type factory that makes string literals UTF-8.
      connection = ((CalciteFactory) factory).newConnection(this, factory, url, properties, null,
          CurataTypeFactory.of(properties));
      handler.onConnectionInit(connection);
      CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
      schema = new CurataSchema(dataset, spec.execOptions());
      SchemaPlus added = calcite.getRootSchema().add(spec.schema(), schema);
      // The schema answers for the latest committed version itself; Calcite must not cache it.
      added.setCacheEnabled(false);
      calcite.setSchema(spec.schema());
      CurataSchema opened = schema;
      return JdbcProxies.connection(connection, () -> {
        try {
          opened.close();
        } finally {
          dataset.close();
        }
      }, spec.directResults());
    } catch (SQLException | RuntimeException e) {
      try {
        if (connection != null) {
          connection.close();
        }
        if (schema != null) {
          schema.close();
        }
      } catch (SQLException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      } finally {
        dataset.close();
      }
      throw SqlErrors.translate(e);
    }
  }

  /** Calcite's settings: Curata's parser, and case-insensitive names unless the user chose. */
  private static Properties calciteProperties(CurataUrl spec) {
    Properties p = new Properties();
    p.putAll(spec.calciteProperties());
    p.setProperty("parserFactory", CurataDdlExecutor.class.getName() + "#PARSER_FACTORY");
    if (!p.containsKey("lex")) {
      p.putIfAbsent("caseSensitive", "false");
      p.putIfAbsent("quoting", "DOUBLE_QUOTE");
      p.putIfAbsent("unquotedCasing", "UNCHANGED");
      p.putIfAbsent("quotedCasing", "UNCHANGED");
    }
    return p;
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    List<DriverPropertyInfo> list = new ArrayList<>();
    list.add(property(CurataUrl.CREATE, "false",
        "create an empty dataset if the directory holds none", "true", "false"));
    list.add(property(CurataUrl.READONLY, "false", "refuse every write", "true", "false"));
    list.add(property(CurataUrl.SCHEMA, CurataUrl.DEFAULT_SCHEMA,
        "the SQL schema name of the dataset (the connection's default schema)"));
    list.add(property(CurataUrl.LOCK_TIMEOUT, Long.toString(CurataUrl.DEFAULT_LOCK_TIMEOUT_MILLIS),
        "milliseconds a write waits for another writer of the dataset to finish"));
    list.add(property(CurataUrl.BLOCK_ROWS, Integer.toString(
        org.curata.storage.OpenOptions.DEFAULT_BLOCK_ROWS), "rows per block of data written"));
    list.add(property(CurataUrl.BLOCK_ENCODING, "auto",
        "encoding of the blocks written: auto (by density), dense or sparse",
        "auto", "dense", "sparse"));
    list.add(property(CurataUrl.DIRECT_RESULTS, "true",
        "result sets of wholly Curata plans read the vectors without boxing each row",
        "true", "false"));
    list.addAll(Arrays.asList(super.getPropertyInfo(url, info)));
    return list.toArray(new DriverPropertyInfo[0]);
  }

  private static DriverPropertyInfo property(String name, String value, String description,
      String... choices) {
    DriverPropertyInfo p = new DriverPropertyInfo(name, value);
    p.description = description;
    p.required = false;
    p.choices = choices.length == 0 ? null : choices;
    return p;
  }
}
