package io.awsql.jdbc.probe;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Browses a database the way a BI tool does, using only java.sql: load the driver class by name, connect
 * with a URL only, list catalogs, schemas, tables and columns, then query a table by the quoted names it
 * found. Loaded in an isolated class loader next to the all-in-one jar, so it sees nothing else.
 */
public final class BiProbe {
  private BiProbe() {}

  /** What it saw, one line each: "catalog aws", "schema aws.ec2", "table aws.ec2.t: remarks", ... */
  public static List<String> browse(String driverClass, String url) throws ClassNotFoundException, SQLException {
    Class.forName(driverClass);
    List<String> seen = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url)) {
      DatabaseMetaData md = c.getMetaData();
      seen.add("driver " + md.getDriverName());
      try (ResultSet rs = md.getCatalogs()) {
        while (rs.next()) {
          seen.add("catalog " + rs.getString("TABLE_CAT"));
        }
      }
      try (ResultSet rs = md.getSchemas()) {
        while (rs.next()) {
          seen.add("schema " + rs.getString("TABLE_CATALOG") + "." + rs.getString("TABLE_SCHEM"));
        }
      }
      String cat = null;
      String schema = null;
      String table = null;
      try (ResultSet rs = md.getTables(null, "ec2", "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          cat = rs.getString("TABLE_CAT");
          schema = rs.getString("TABLE_SCHEM");
          table = rs.getString("TABLE_NAME");
          seen.add("table " + cat + "." + schema + "." + table + ": " + rs.getString("REMARKS"));
        }
      }
      try (ResultSet rs = md.getColumns(cat, schema, table, "%")) {
        while (rs.next()) {
          seen.add("column " + rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME") + ": "
              + rs.getString("REMARKS"));
        }
      }
      String quoted = "\"" + cat + "\".\"" + schema + "\".\"" + table + "\"";
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + quoted)) {
        int rows = 0;
        while (rs.next()) {
          rows++;
        }
        seen.add("rows " + rows + " from " + quoted);
      }
      // SchemaCrawler's row count, word for word (COUNT as an alias needs awsql's lenient parser).
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) AS COUNT FROM " + quoted)) {
        rs.next();
        seen.add("count " + rs.getLong("COUNT") + " from " + quoted);
      }
    }
    return seen;
  }
}
