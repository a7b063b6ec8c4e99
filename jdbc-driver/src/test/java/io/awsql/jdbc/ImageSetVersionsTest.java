package io.awsql.jdbc;

import static io.awsql.jdbc.LocalEndpoint.DATASTORE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.awsql.localaws.Fault;
import io.awsql.localaws.FaultRule;
import io.awsql.localaws.LoggedRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** aws.medical_imaging.image_set_versions through JDBC: required ids, fan-out, paging, errors. */
class ImageSetVersionsTest {
  private static final String TABLE = "aws.medical_imaging.image_set_versions";
  private static final String CT = "0123456789abcdef0123456789abcdef";
  private static final String DELETED = "00000000000000000000000000000abc";
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

  @BeforeEach
  void reset() {
    local.aws.faults().reset(1);
    local.aws.requestLog().clear();
  }

  private static List<Map<String, Object>> query(String where) throws SQLException {
    return LocalEndpoint.query(connection, "SELECT * FROM " + TABLE + " WHERE " + where);
  }

  private static List<LoggedRequest> calls() {
    return local.aws.requestLog().forAction("ListImageSetVersions");
  }

  @Test
  void versionsOfOneImageSet() throws SQLException {
    List<Map<String, Object>> rows = query("datastoreId = '" + DATASTORE + "' AND imageSetId = '" + CT + "'");
    assertEquals(List.of("3", "2", "1"), rows.stream().map(r -> r.get("versionId")).toList());
    Map<String, Object> latest = rows.get(0);
    assertEquals("us-east-1", latest.get("region"));
    assertEquals(DATASTORE, latest.get("datastoreId"));
    assertEquals(CT, latest.get("imageSetId"));
    assertEquals("ACTIVE", latest.get("imageSetState"));
    assertEquals("UPDATED", latest.get("imageSetWorkflowStatus"));
    assertEquals(LocalEndpoint.NOW.minus(Duration.ofDays(10)), ((Timestamp) latest.get("updatedAt")).toInstant());
    assertNull(latest.get("deletedAt"));
    assertEquals("Series description updated", latest.get("message"));
    assertEquals(true, latest.get("forced"));
    assertEquals(true, latest.get("isPrimary"));
    assertEquals(1, calls().size());
    assertEquals(DATASTORE, calls().get(0).parameter("datastoreId"));
    assertEquals("50", calls().get(0).parameter("maxResults"));
  }

  @Test
  void severalImageSetsAreCalledInParallel() throws SQLException {
    // Each call is answered only once all three wait at once (or after 10 s).
    local.aws.faults().add(FaultRule.heldUntil("ListImageSetVersions", 3, Duration.ofSeconds(10)));
    List<Map<String, Object>> rows;
    // A connection of its own: the shared one's fetch threads may still carry an abort from a failed query of
    // another test (PagedRows.close), which would cut a call here short and add its retry to the count.
    try (Connection own = local.connect("us-east-1")) {
      rows = LocalEndpoint.query(own, "SELECT * FROM " + TABLE + " WHERE datastoreId = '" + DATASTORE
          + "' AND imageSetId IN ('" + CT + "', '" + DELETED + "', '11111111111111111111111111111111')");
    }
    assertEquals(3 + 3 + 1, rows.size());
    assertEquals(3, calls().size());
    assertEquals(3, local.aws.requestLog().maxInFlight());
    Map<String, Object> deleted = rows.stream()
        .filter(r -> r.get("imageSetId").equals(DELETED) && r.get("versionId").equals("3")).findFirst().orElseThrow();
    assertEquals("DELETED", deleted.get("imageSetState"));
    assertEquals(LocalEndpoint.NOW.minus(Duration.ofDays(2)), ((Timestamp) deleted.get("deletedAt")).toInstant());
  }

  @Test
  void aLongHistoryPagesWithNothingLostAndLimitStopsEarly() throws SQLException {
    String where = "datastoreId = '" + DATASTORE + "' AND imageSetId = '" + LocalEndpoint.LONG_IMAGE_SET + "'";
    List<Map<String, Object>> rows = query(where);
    assertEquals(LocalEndpoint.LONG_HISTORY, rows.size());
    assertEquals(LocalEndpoint.LONG_HISTORY, new HashSet<>(rows.stream().map(r -> r.get("versionId")).toList()).size());
    assertEquals(5, calls().size(), "237 versions in pages of 50");
    local.aws.requestLog().clear();
    assertEquals(5, LocalEndpoint.query(connection, "SELECT * FROM " + TABLE + " WHERE " + where + " LIMIT 5").size());
    assertEquals(1, calls().size());
  }

  @Test
  void otherPredicatesAreEvaluatedLocally() throws SQLException {
    List<Map<String, Object>> rows = query("datastoreId = '" + DATASTORE + "' AND imageSetId = '"
        + LocalEndpoint.LONG_IMAGE_SET + "' AND imageSetState = 'DELETED' AND forced");
    assertTrue(!rows.isEmpty());
    assertTrue(rows.stream().allMatch(r -> r.get("imageSetState").equals("DELETED") && r.get("forced").equals(true)));
    assertTrue(calls().stream().allMatch(c -> List.of("datastoreId", "imageSetId", "maxResults", "nextToken")
        .containsAll(c.parameters().keySet())), "nothing else is sent: " + calls());
  }

  @Test
  void missingOrUnpushableIdsNameTheColumnsAndSendNothing() {
    for (String where : List.of("datastoreId = '" + DATASTORE + "'",
        "imageSetId LIKE '0123%' AND datastoreId = '" + DATASTORE + "'", "versionId = '1'")) {
      SQLException e = assertThrows(SQLException.class, () -> query(where), where);
      assertEquals("42000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("datastoreId and imageSetId"), e.getMessage());
      assertTrue(e.getMessage().contains("SELECT * FROM aws.medical_imaging.image_set_versions WHERE datastoreId = '"),
          e.getMessage());
    }
    assertEquals(0, calls().size());
  }

  @Test
  void malformedIdsAreRefusedBeforeAnyRequest() {
    SQLException e = assertThrows(SQLException.class,
        () -> query("datastoreId = '" + DATASTORE + "' AND imageSetId = 'ABC'"));
    assertEquals("22023", e.getSQLState());
    assertTrue(e.getMessage().contains("imageSetId 'ABC'"), e.getMessage());
    assertEquals(0, calls().size());
  }

  @Test
  void anUnknownImageSetIsNamedWithItsDatastore() {
    SQLException e = assertThrows(SQLException.class,
        () -> query("datastoreId = '" + DATASTORE + "' AND imageSetId = 'abcdefabcdefabcdefabcdefabcdefab'"));
    assertEquals("42704", e.getSQLState());
    assertTrue(e.getMessage().contains("ResourceNotFoundException"), e.getMessage());
    assertTrue(e.getMessage().contains("datastoreId=" + DATASTORE)
        && e.getMessage().contains("imageSetId=abcdefabcdefabcdefabcdefabcdefab"), e.getMessage());
    assertTrue(e.getMessage().contains(calls().get(0).requestId()), e.getMessage());
  }

  @Test
  void withSeveralConnectionRegionsADatastoreIsFoundWhereItLives() throws SQLException {
    String where = " WHERE datastoreId = '" + DATASTORE + "' AND imageSetId = '" + CT + "'";
    try (Connection several = local.connect("us-west-2,us-east-1,eu-west-1")) {
      List<Map<String, Object>> rows = LocalEndpoint.query(several, "SELECT region, versionId FROM " + TABLE + where);
      assertEquals(3, rows.size());
      assertTrue(rows.stream().allMatch(r -> r.get("region").equals("us-east-1")));
      SQLException nowhere = assertThrows(SQLException.class, () -> LocalEndpoint.query(several,
          "SELECT * FROM " + TABLE + " WHERE datastoreId = 'ffffffffffffffffffffffffffffffff' AND imageSetId = '"
              + CT + "'"));
      assertEquals("42704", nowhere.getSQLState());
      assertTrue(nowhere.getMessage().contains("not found in any of the connection's 3 regions"), nowhere.getMessage());
      SQLException named = assertThrows(SQLException.class, () -> LocalEndpoint.query(several,
          "SELECT * FROM " + TABLE + where + " AND region = 'us-west-2'"));
      assertEquals("42704", named.getSQLState(), "a region the query names must have it");
      SQLException namedTwo = assertThrows(SQLException.class, () -> LocalEndpoint.query(several,
          "SELECT * FROM " + TABLE + where + " AND region IN ('us-west-2', 'us-east-1')"));
      assertEquals("42704", namedTwo.getSQLState(), "each region the query names must have it, not just one");
    }
  }

  @Test
  void conflictAndThrottlingAfterRetries() {
    SQLException conflict = assertThrows(SQLException.class,
        () -> query("datastoreId = '" + DATASTORE + "' AND imageSetId = '22222222222222222222222222222222'"));
    assertTrue(conflict.getMessage().contains("ConflictException"), conflict.getMessage());
    local.aws.faults().add(FaultRule.onCall("ListImageSetVersions", Fault.THROTTLE, 2));
    assertEquals(3, assertDoesNotThrowRows("datastoreId = '" + DATASTORE + "' AND imageSetId = '" + CT + "'"));
  }

  private static int assertDoesNotThrowRows(String where) {
    try {
      return query(where).size();
    } catch (SQLException e) {
      throw new AssertionError("a single throttle must be retried by the SDK: " + e.getMessage(), e);
    }
  }
}
