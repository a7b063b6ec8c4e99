package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DatabaseMetaData browsed as a BI tool does, then queried with the names it found. */
class MetadataTest {
  private static LocalEndpoint local;
  private static Connection connection;

  @BeforeAll
  static void start() throws SQLException {
    local = new LocalEndpoint();
    connection = local.connect("us-east-1");
  }

  @AfterAll
  static void stop() throws SQLException {
    connection.close();
    local.close();
  }

  @Test
  void catalogSchemaAndTableAreVisibleWithRemarks() throws SQLException {
    DatabaseMetaData md = connection.getMetaData();
    assertEquals(List.of("aws"), column(md.getCatalogs(), "TABLE_CAT"));
    // The services only: aws is the catalog, and Calcite's metadata schema is not mounted.
    assertEquals(List.of("ec2", "medical_imaging"), column(md.getSchemas("aws", null), "TABLE_SCHEM"));

    try (ResultSet tables = md.getTables("aws", "ec2", "store_image_tasks", null)) {
      assertTrue(tables.next(), "aws.ec2 must list its tables");
      assertEquals("aws", tables.getString("TABLE_CAT"));
      assertEquals("ec2", tables.getString("TABLE_SCHEM"));
      assertEquals("store_image_tasks", tables.getString("TABLE_NAME"));
      assertEquals("TABLE", tables.getString("TABLE_TYPE"));
      assertTrue(tables.getString("REMARKS").contains("store tasks"), tables.getString("REMARKS"));
    }
  }

  @Test
  void columnsHaveTypesAndTheApiDescriptions() throws SQLException {
    Map<String, Object[]> columns = new LinkedHashMap<>();
    try (ResultSet rs = connection.getMetaData().getColumns("aws", "ec2", "store_image_tasks", "%")) {
      while (rs.next()) {
        columns.put(rs.getString("COLUMN_NAME"),
            new Object[] {rs.getInt("DATA_TYPE"), rs.getString("REMARKS"), rs.getString("TYPE_NAME")});
      }
    }
    assertEquals(List.of("region", "account", "amiId", "taskStartTime", "bucket", "s3objectKey", "progressPercentage",
        "storeTaskState", "storeTaskFailureReason", "s3ObjectTags"), new ArrayList<>(columns.keySet()));
    assertEquals(Types.TIMESTAMP, columns.get("taskStartTime")[0]);
    assertEquals(Types.INTEGER, columns.get("progressPercentage")[0]);
    assertEquals(Types.VARCHAR, columns.get("amiId")[0]);
    // Plain type names, as getTypeInfo lists them: not Calcite's "VARCHAR NOT NULL" or "TIMESTAMP(0)".
    assertEquals("VARCHAR", columns.get("region")[2]);
    assertEquals("TIMESTAMP", columns.get("taskStartTime")[2]);
    assertEquals("INTEGER", columns.get("progressPercentage")[2]);
    assertEquals("The ID of the AMI that is being stored.", columns.get("amiId")[1]);
    columns.forEach((name, c) -> assertFalse(c[1] == null || ((String) c[1]).isEmpty(), name + " has no remarks"));
  }

  @Test
  void namesToolsGenerateResolve() throws SQLException {
    for (String table : List.of("\"aws\".\"ec2\".\"store_image_tasks\"", "\"ec2\".\"store_image_tasks\"",
        "aws.ec2.store_image_tasks", "AWS.EC2.STORE_IMAGE_TASKS", "ec2.store_image_tasks")) {
      assertEquals(6, LocalEndpoint.query(connection, "SELECT * FROM " + table).size(), table);
    }
  }

  @Test
  void unquotedIdentifiersIgnoreCaseAndLabelsKeepTheDocumentedSpelling() throws SQLException {
    List<Map<String, Object>> rows = LocalEndpoint.query(connection,
        "SELECT AMIID, storetaskstate, ProgressPercentage AS pct FROM aws.ec2.store_image_tasks"
            + " WHERE BUCKET = 'acme-dr-backups'");
    assertEquals(List.of("amiId", "storeTaskState", "pct"), new ArrayList<>(rows.get(0).keySet()));
    assertTrue(rows.stream().allMatch(r -> ((String) r.get("amiId")).startsWith("ami-")));
  }

  @Test
  void timestampsAreUtc() throws SQLException {
    List<Map<String, Object>> rows = LocalEndpoint.query(connection,
        "SELECT taskStartTime, CAST(taskStartTime AS VARCHAR) AS text FROM aws.ec2.store_image_tasks"
            + " WHERE amiId = 'ami-0a1b2c3d4e5f60002'");
    // seeded 3600 s before the endpoint's clock
    assertEquals("2026-03-01 11:00:00", rows.get(0).get("text"));
    assertEquals(LocalEndpoint.NOW.minusSeconds(3600), ((Timestamp) rows.get(0).get("taskStartTime")).toInstant());
  }

  private static List<String> column(ResultSet rs, String name) throws SQLException {
    List<String> values = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        values.add(rs.getString(name));
      }
    }
    return values;
  }
}
