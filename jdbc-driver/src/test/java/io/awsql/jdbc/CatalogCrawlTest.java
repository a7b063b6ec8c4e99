package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A catalog tool's crawl (SchemaCrawler, SchemaSpy, DBeaver): types, schemas, tables and columns, then a row
 * count, in process and through {@code awsql serve}. A tool takes a TYPE_NAME it does not find in
 * getTypeInfo for a user-defined type, and appends NOT NULL itself from NULLABLE; so the column rows must
 * name plain types of getTypeInfo, with real sizes, or the tool prints "VARCHAR NOT NULL NOT NULL" and warns.
 */
class CatalogCrawlTest extends EndpointPerTest {

  private Connection connect(Clients client, String... options) throws SQLException {
    return connectTo(client, "us-east-1", options);
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void crawlFindsOnlyKnownTypesWithSizesThenCountsRows(Clients client) throws SQLException {
    Connection c = connect(client);
    DatabaseMetaData md = c.getMetaData();

    Map<String, Integer> typePrecision = new HashMap<>();
    try (ResultSet types = md.getTypeInfo()) {
      while (types.next()) {
        typePrecision.put(types.getString("TYPE_NAME"), types.getInt("PRECISION"));
      }
    }

    // Only the services, in catalog aws: not aws itself (the catalog), nor Calcite's metadata schema.
    List<String> schemas = new ArrayList<>();
    try (ResultSet rs = md.getSchemas()) {
      while (rs.next()) {
        assertEquals("aws", rs.getString("TABLE_CATALOG"));
        schemas.add(rs.getString("TABLE_SCHEM"));
      }
    }
    assertEquals(List.of("ec2", "medical_imaging"), schemas);

    List<String> tables = new ArrayList<>();
    try (ResultSet rs = md.getTables(null, null, "%", null)) {
      while (rs.next()) {
        assertEquals("aws", rs.getString("TABLE_CAT"));
        tables.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
      }
    }
    // Calcite lists a schema's tables in the order of a HashSet of their names, not by name as JDBC asks.
    assertEquals(List.of("ec2.images", "ec2.snapshots", "ec2.store_image_tasks", "medical_imaging.image_set_versions"),
        tables.stream().sorted().toList());

    int columns = 0;
    try (ResultSet rs = md.getColumns(null, null, "%", "%")) {
      while (rs.next()) {
        columns++;
        String column = rs.getString("TABLE_NAME") + "." + rs.getString("COLUMN_NAME");
        String type = rs.getString("TYPE_NAME");
        assertTrue(typePrecision.containsKey(type), column + ": " + type + " is not in getTypeInfo");
        assertFalse(type.contains("NOT NULL") || type.contains("("), column + ": " + type);
        int size = rs.getInt("COLUMN_SIZE");
        assertTrue(size > 0, column + ": COLUMN_SIZE " + size);
        switch (type) {
          // No length is declared: the most the type allows, as getTypeInfo says.
          case "VARCHAR" -> assertEquals(typePrecision.get("VARCHAR"), size, column);
          case "INTEGER" -> assertEquals(10, size, column);
          case "TIMESTAMP" -> {
            // The length of "2026-03-01 11:00:00[.fff]": the fraction's digits are DECIMAL_DIGITS.
            int fraction = rs.getInt("DECIMAL_DIGITS");
            assertFalse(rs.wasNull(), column + ": DECIMAL_DIGITS");
            assertEquals(19 + (fraction > 0 ? fraction + 1 : 0), size, column);
          }
          case "BOOLEAN" -> assertEquals(1, size, column);
          default -> throw new AssertionError(column + ": a type this test does not know: " + type);
        }
        boolean required = List.of("region", "account").contains(rs.getString("COLUMN_NAME"));
        assertEquals(required ? "NO" : "YES", rs.getString("IS_NULLABLE"), column);
        assertEquals(required ? DatabaseMetaData.columnNoNulls : DatabaseMetaData.columnNullable,
            rs.getInt("NULLABLE"), column);
        assertFalse(rs.getString("REMARKS") == null || rs.getString("REMARKS").isEmpty(), column + " has no remarks");
      }
    }
    assertEquals(11 + 12 + 20 + 15, columns,
        "store tasks 11, image set versions 12, images 20, snapshots 15 (region and account in each)");

    // SchemaCrawler's row count, word for word: COUNT is a keyword of standard SQL.
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) AS COUNT FROM \"aws\".\"ec2\".\"store_image_tasks\"")) {
      assertTrue(rs.next());
      assertEquals("COUNT", rs.getMetaData().getColumnLabel(1));
      assertEquals(6, rs.getLong(1));
    }
  }
}
