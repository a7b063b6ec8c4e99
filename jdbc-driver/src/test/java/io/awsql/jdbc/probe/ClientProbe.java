package io.awsql.jdbc.probe;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;

/**
 * What third-party clients do on connecting, using only java.sql, so it can run next to the all-in-one jar
 * in an isolated class loader: Spark's JDBC source (schema probe with {@code WHERE 1=0}, partitioned reads,
 * commit with autocommit off), a SchemaCrawler-style crawl (type info, columns, row count), a bound
 * parameter, and times read in a JVM zone other than UTC. It reports the problems it met; none is the goal.
 */
public final class ClientProbe {
  private static final String TABLE = "\"aws\".\"ec2\".\"store_image_tasks\"";

  private ClientProbe() {}

  public static List<String> problems(String driverClass, String url) throws ClassNotFoundException, SQLException {
    Class.forName(driverClass);
    List<String> problems = new ArrayList<>();
    if (TimeZone.getDefault().getRawOffset() == 0) {
      problems.add("the probe must run in a JVM zone other than UTC");
    }
    try (Connection c = DriverManager.getConnection(url)) {
      spark(c, problems);
      crawl(c, problems);
      boundParameterAndTime(c, problems);
    }
    return problems;
  }

  private static void spark(Connection c, List<String> problems) throws SQLException {
    for (String probe : List.of("SELECT * FROM " + TABLE + " WHERE 1=0",
        "SELECT * FROM (SELECT \"amiId\", \"progressPercentage\" FROM " + TABLE + ") SPARK_GEN_SUBQ_0 WHERE 1=0")) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(probe)) {
        if (rs.getMetaData().getColumnCount() < 2 || rs.next()) {
          problems.add("schema probe: " + probe);
        }
      }
    }
    c.setAutoCommit(false);
    long total = count(c, "SELECT COUNT(*) FROM " + TABLE);
    long low = count(c,
        "SELECT COUNT(*) FROM " + TABLE + " WHERE \"progressPercentage\" < 50 OR \"progressPercentage\" IS NULL");
    long high = count(c, "SELECT COUNT(*) FROM " + TABLE + " WHERE \"progressPercentage\" >= 50");
    if (total == 0 || low + high != total) {
      problems.add("partitioned reads: " + low + " + " + high + " != " + total);
    }
    try {
      c.commit();
    } catch (SQLException e) {
      problems.add("commit with autocommit off: " + e);
    }
    c.setAutoCommit(true);
  }

  private static void crawl(Connection c, List<String> problems) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    Set<String> types = new HashSet<>();
    try (ResultSet rs = md.getTypeInfo()) {
      while (rs.next()) {
        types.add(rs.getString("TYPE_NAME"));
      }
    }
    try (ResultSet rs = md.getColumns(null, null, "store_image_tasks", "%")) {
      int columns = 0;
      while (rs.next()) {
        columns++;
        String name = rs.getString("COLUMN_NAME");
        String type = rs.getString("TYPE_NAME");
        if (!types.contains(type)) {
          problems.add("column " + name + ": TYPE_NAME " + type + " is not in getTypeInfo");
        }
        int dataType = rs.getInt("DATA_TYPE");
        if ((dataType == Types.VARCHAR || dataType == Types.INTEGER || dataType == Types.TIMESTAMP)
            && rs.getInt("COLUMN_SIZE") <= 0) {
          problems.add("column " + name + ": COLUMN_SIZE " + rs.getInt("COLUMN_SIZE"));
        }
      }
      if (columns == 0) {
        problems.add("getColumns found no column of store_image_tasks");
      }
    }
    try (ResultSet rs = md.getSchemas()) {
      while (rs.next()) {
        String schema = rs.getString("TABLE_SCHEM");
        if (!schema.equals("ec2") && !schema.equals("medical_imaging")) {
          problems.add("getSchemas lists " + rs.getString("TABLE_CATALOG") + "." + schema);
        }
      }
    }
    if (md.isReadOnly() != c.isReadOnly()) {
      problems.add("isReadOnly disagrees: metadata " + md.isReadOnly() + ", connection " + c.isReadOnly());
    }
    try {
      if (!c.getTypeMap().isEmpty()) {
        problems.add("getTypeMap is not empty");
      }
    } catch (SQLException e) {
      problems.add("getTypeMap: " + e);
    }
    try {
      count(c, "SELECT COUNT(*) AS COUNT FROM " + TABLE);
    } catch (SQLException e) {
      problems.add("row count: " + e.getMessage());
    }
  }

  private static void boundParameterAndTime(Connection c, List<String> problems) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT \"taskStartTime\", CAST(\"taskStartTime\" AS VARCHAR)"
        + " FROM " + TABLE + " WHERE \"region\" = ?")) {
      ps.setString(1, "eu-west-1");
      int rows = 0;
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        if (md.getColumnType(1) != Types.TIMESTAMP) {
          problems.add("taskStartTime is not a TIMESTAMP");
        }
        while (rs.next()) {
          rows++;
          long seconds = rs.getTimestamp(1).toInstant().getEpochSecond();
          long utc = LocalDateTime.parse(rs.getString(2).replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
          if (seconds != utc) {
            problems.add("getTimestamp " + rs.getTimestamp(1).toInstant() + " is not the UTC text " + rs.getString(2));
          }
        }
      }
      if (rows != 2) {
        problems.add("region = ? gave " + rows + " rows, not eu-west-1's 2");
      }
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
