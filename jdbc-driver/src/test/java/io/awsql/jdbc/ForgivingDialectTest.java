package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SQL tools and people write, which strict standard SQL refuses: common words as aliases and names,
 * ILIKE, JSON and string functions of other databases, and headings for unnamed expressions. The same in
 * process and through {@code awsql serve}, where the server parses.
 */
class ForgivingDialectTest extends EndpointPerTest {
  private static final String TABLE = "aws.ec2.store_image_tasks";

  private Connection connect(Clients client) throws SQLException {
    return connectTo(client, "us-east-1");
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void commonWordsAreAliasesAndNames(Clients client) throws SQLException {
    Connection c = connect(client);
    String inner = "SELECT amiId AS value, taskStartTime AS date, bucket AS month, storeTaskState AS start,"
        + " progressPercentage AS percent FROM " + TABLE + " WHERE amiId = 'ami-0a1b2c3d4e5f60002'";
    List<Map<String, Object>> rows = LocalEndpoint.query(c, inner);
    assertEquals(List.of("value", "date", "month", "start", "percent"), new ArrayList<>(rows.get(0).keySet()));
    assertEquals("acme-dr-backups", rows.get(0).get("month"));
    // ... and as names of the derived table's columns (date qualified: a bare DATE starts a literal).
    rows = LocalEndpoint.query(c, "SELECT value, t.date, month, start, percent FROM (" + inner + ") AS t"
        + " WHERE percent = 100 ORDER BY start");
    assertEquals("ami-0a1b2c3d4e5f60002", rows.get(0).get("value"));
    assertEquals(1, LocalEndpoint.query(c, "SELECT COUNT(*) AS count FROM " + TABLE).size());
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void ilikeIgnoresCase(Clients client) throws SQLException {
    Connection c = connect(client);
    assertEquals(3, LocalEndpoint.query(c, "SELECT amiId FROM " + TABLE + " WHERE bucket ILIKE 'ACME-DR%'").size());
    assertEquals(3, LocalEndpoint.query(c, "SELECT amiId FROM " + TABLE + " WHERE bucket NOT ILIKE 'ACME-DR%'")
        .size());
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void jsonAndStringFunctions(Clients client) throws SQLException {
    Connection c = connect(client);
    Map<String, Object> row = LocalEndpoint.query(c, "SELECT"
        + " JSON_VALUE('{\"tier\": \"cold\"}', '$.tier') AS tier," // standard SQL
        + " JSON_TYPE('{\"tier\": \"cold\"}') AS kind," // MySQL
        + " SPLIT_PART(amiId, '-', 2) AS hex," // PostgreSQL
        + " STARTS_WITH(bucket, 'acme-dr') AS dr," // PostgreSQL
        + " CONCAT_WS('/', bucket, s3objectKey) AS location" // PostgreSQL and MySQL alike
        + " FROM " + TABLE + " WHERE amiId = 'ami-0a1b2c3d4e5f60002'").get(0);
    assertEquals("cold", row.get("tier"));
    assertEquals("OBJECT", row.get("kind"));
    assertEquals("0a1b2c3d4e5f60002", row.get("hex"));
    assertEquals(true, row.get("dr"));
    assertEquals("acme-dr-backups/ami-0a1b2c3d4e5f60002.bin", row.get("location"));
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void unnamedExpressionsAreLabelledAsWritten(Clients client) throws SQLException {
    Connection c = connect(client);
    List<Map<String, Object>> rows = LocalEndpoint.query(c, "SELECT COUNT(*), lower(bucket),"
        + " MAX(progressPercentage) + 1 FROM " + TABLE + " GROUP BY lower(bucket) ORDER BY 2");
    assertEquals(List.of("COUNT(*)", "lower(bucket)", "MAX(progressPercentage) + 1"),
        new ArrayList<>(rows.get(0).keySet()));
    // Labels stay unique: a second COUNT(*) keeps Calcite's name.
    rows = LocalEndpoint.query(c, "SELECT COUNT(*), COUNT(*) FROM " + TABLE);
    assertEquals(List.of("COUNT(*)", "EXPR$1"), new ArrayList<>(rows.get(0).keySet()));
  }
}
