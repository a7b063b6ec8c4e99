package io.awsql.jdbc;

import io.awsql.provider.AwsSchema;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;

/**
 * DatabaseMetaData as catalog tools read it. Rows are always in catalog {@code aws}: Calcite labels schema,
 * table and column rows with whatever catalog the caller passed (null, for most tools), so ask for
 * {@code aws}, and answer nothing for any other catalog. The schemas are the services: {@code aws} itself,
 * which Calcite lists as a schema of its own (it is mounted at the root so that {@code aws.ec2.x}
 * resolves), holds no tables and is the catalog, not a schema.
 */
public final class AwsqlDatabaseMetaData extends AvaticaDatabaseMetaData {
  /** Matches no schema: how a catalog other than aws gets an empty, well-formed result. */
  private static final String NO_SCHEMA = "\u0000";

  public AwsqlDatabaseMetaData(AvaticaConnection connection) {
    super(connection);
  }

  private static boolean isAws(String catalog) {
    return catalog == null || catalog.equals(AwsqlDriver.CATALOG);
  }

  @Override
  public ResultSet getSchemas() throws SQLException {
    return getSchemas(null, null);
  }

  @Override
  public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
    return withoutSchema(super.getSchemas(AwsqlDriver.CATALOG, isAws(catalog) ? schemaPattern : NO_SCHEMA),
        AwsqlDriver.CATALOG);
  }

  @Override
  public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types)
      throws SQLException {
    return super.getTables(AwsqlDriver.CATALOG, isAws(catalog) ? schemaPattern : NO_SCHEMA, tableNamePattern, types);
  }

  @Override
  public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern,
      String columnNamePattern) throws SQLException {
    return super.getColumns(AwsqlDriver.CATALOG, isAws(catalog) ? schemaPattern : NO_SCHEMA, tableNamePattern,
        columnNamePattern);
  }

  /**
   * True when INSERT is refused (readOnly=true, which {@code awsql serve} sets unless --allow-writes):
   * Avatica says true whatever the connection.
   */
  @Override
  public boolean isReadOnly() throws SQLException {
    SchemaPlus aws =
        getConnection().unwrap(CalciteConnection.class).getRootSchema().subSchemas().get(AwsqlDriver.CATALOG);
    AwsSchema schema = aws == null ? null : aws.unwrap(AwsSchema.class);
    return schema == null || schema.settings().readOnly();
  }

  /** The rows of a getSchemas result but those of {@code schema}. */
  private static ResultSet withoutSchema(ResultSet rows, String schema) {
    return (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class},
        (proxy, method, args) -> {
          try {
            if (method.getName().equals("next") && method.getParameterCount() == 0) {
              while (rows.next()) {
                if (!schema.equals(rows.getString("TABLE_SCHEM"))) {
                  return true;
                }
              }
              return false;
            }
            return method.invoke(rows, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
