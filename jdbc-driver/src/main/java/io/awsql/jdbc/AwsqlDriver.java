package io.awsql.jdbc;

import io.awsql.localaws.AccessKey;
import io.awsql.localaws.LocalAws;
import io.awsql.provider.AwsSchema;
import io.awsql.provider.AwsSchemaFactory;
import io.awsql.provider.AwsqlProperty;
import io.awsql.provider.ConnectionSettings;
import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.ConnectStringParser;
import org.apache.calcite.avatica.ConnectionProperty;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.AwsqlJdbcFactory;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.schema.SchemaPlus;

/**
 * The {@code jdbc:awsql:} driver: Calcite's driver with the {@code aws} schema mounted, case-insensitive
 * identifiers, AWS descriptions in DatabaseMetaData, and every failure as a proper SQLException.
 *
 * <p>URL: {@code jdbc:awsql:region=us-east-1,eu-west-1;profile=prod} (see {@link ConnectionSettings}).
 */
public final class AwsqlDriver extends Driver {
  public static final String PREFIX = "jdbc:awsql:";
  /** The catalog every table is reported in. */
  static final String CATALOG = "aws";
  /** Regions served by the demo data, queried by default with {@code local=true}. */
  static final String LOCAL_DEMO_REGIONS = "us-east-1,us-west-2,eu-west-1";

  static {
    // The same SQL text (a report run again, a tool's metadata query) reuses its compiled plan code instead
    // of generating and compiling it again: 7 ms instead of 10 ms over a small AWS call (bench/run-warm).
    if (System.getProperty("calcite.bindable.cache.maxSize") == null) {
      System.setProperty("calcite.bindable.cache.maxSize", "200");
    }
    new AwsqlDriver().register();
  }

  /**
   * Makes sure this driver is registered with DriverManager in this class loader: DriverManager loads
   * drivers through ServiceLoader only once per JVM, possibly from another loader.
   */
  static void ensureRegistered() {
    // Calling a static method runs the static initialiser above.
  }

  public AwsqlDriver() {
    super(AwsqlPrepare::new);
  }

  @Override
  protected String getConnectStringPrefix() {
    return PREFIX;
  }

  /** Calcite's JDBC objects with awsql's additions (generated keys, SQLStates, catalog aws). */
  @Override
  protected String getFactoryClassName(JdbcVersion jdbcVersion) {
    return AwsqlJdbcFactory.class.getName();
  }

  @Override
  public Meta createMeta(AvaticaConnection connection) {
    return new AwsqlMeta((AwsqlJdbcFactory.AwsqlConnection) connection);
  }

  @Override
  protected DriverVersion createDriverVersion() {
    String version = String.valueOf(AwsqlDriver.class.getPackage().getImplementationVersion());
    return new DriverVersion("awsql JDBC driver", version, "awsql", version, true, 0, 1, 0, 1);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Properties given = ConnectStringParser.parse(url.substring(PREFIX.length()), info);
    LocalAws local = null;
    AwsSchema aws = null;
    try {
      ConnectionSettings settings = ConnectionSettings.from(given);
      if (settings.local()) {
        local = LocalAws.builder().demoData().start();
        if (settings.regions().isEmpty()) {
          Properties withRegions = new Properties();
          withRegions.setProperty("region", LOCAL_DEMO_REGIONS);
          settings = settings.withDefaultRegions(ConnectionSettings.from(withRegions).regions());
        }
        settings = settings.withEndpoint(local.endpoint(), AccessKey.DEMO.accessKeyId(),
            AccessKey.DEMO.secretAccessKey());
      }
      // The schema a Calcite model's AwsSchemaFactory makes, from the settings local=true has rewritten.
      aws = AwsSchemaFactory.INSTANCE.create(settings);
      Connection calcite = super.connect(PREFIX, calciteProperties());
      CalciteConnection connection = calcite.unwrap(CalciteConnection.class);
      SchemaPlus root = connection.getRootSchema();
      SchemaPlus awsSchema = root.add("aws", aws);
      // Calcite's DatabaseMetaData lists only the root's direct sub-schemas: mount each service there too,
      // so BI tools see aws / ec2 / store_image_tasks and the names they generate resolve.
      for (String service : aws.serviceNames()) {
        root.add(service, aws.service(service));
      }
      // Calcite's own "metadata" schema would be listed as aws.metadata, a name that does not resolve.
      root.unwrap(CalciteSchema.class).removeSubSchema("metadata");
      connection.setCatalog(CATALOG);
      // What Connection.isReadOnly() says, in process and, through awsql serve, to the thin client.
      connection.setReadOnly(settings.readOnly());
      AwsSchema schemaToClose = aws;
      LocalAws localToClose = local;
      AtomicBoolean closed = new AtomicBoolean();
      calcite.unwrap(AwsqlJdbcFactory.AwsqlConnection.class).awsqlMeta().attach(aws, () -> {
        if (closed.compareAndSet(false, true)) {
          schemaToClose.close();
          if (localToClose != null) {
            localToClose.close();
          }
        }
      });
      return calcite;
    } catch (RuntimeException | SQLException e) {
      if (aws != null) {
        aws.close();
      }
      if (local != null) {
        local.close();
      }
      throw SqlErrors.translate(e, null);
    }
  }

  private static Properties calciteProperties() {
    Properties p = new Properties();
    // Unquoted names match whatever their case (select AMIID works); results keep the documented spelling.
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("quotedCasing", "UNCHANGED");
    p.setProperty("timeZone", "UTC");
    // Babel: common words (count, value, date, month, start, percent) as aliases and identifiers, as the SQL
    // that tools generate uses them; and readable labels for unnamed expressions (AwsqlParser).
    p.setProperty("parserFactory", AwsqlParser.class.getName() + "#FACTORY");
    p.setProperty("conformance", "BABEL");
    // Calcite's standard functions (JSON_VALUE, JSON_QUERY, ...), PostgreSQL's (ILIKE, SPLIT_PART, STRPOS,
    // STARTS_WITH, LEFT, ...) and MySQL's JSON functions (JSON_TYPE, JSON_KEYS, JSON_LENGTH, ...).
    p.setProperty("fun", "standard,postgresql,mysql");
    return p;
  }

  /** awsql's own properties, not Calcite's: a connection refuses any other. */
  @Override
  protected Collection<ConnectionProperty> getConnectionProperties() {
    return List.of(AwsqlProperty.values());
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    return PropertyInfo.of(url, info);
  }
}
