package io.awsql.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;

/**
 * DatabaseMetaData whose rows are always in catalog {@code aws}: Calcite labels schema, table and column
 * rows with whatever catalog the caller passed (null, for most tools), so ask for {@code aws}, and answer
 * nothing for any other catalog.
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
    return super.getSchemas(AwsqlDriver.CATALOG, isAws(catalog) ? schemaPattern : NO_SCHEMA);
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
}
