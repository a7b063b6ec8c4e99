package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.awsql.localaws.LoggedRequest;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What applications and client tools do that awsql must answer right: bind parameters (pushed exactly as
 * literals), read typed values, and see the same UTC times whatever their JVM's zone (these tests run in
 * America/New_York), in process and through {@code awsql serve}.
 */
class ClientToolsTest extends EndpointPerTest {
  private static final String TASKS = "aws.ec2.store_image_tasks";
  private static final String VERSIONS = "aws.medical_imaging.image_set_versions";
  private static final String REGIONS = "us-east-1,us-west-2,eu-west-1";

  @BeforeEach
  void start() {
    assertFalse(TimeZone.getDefault().getID().equals("UTC"), "the time checks need a JVM zone other than UTC");
  }

  private Connection connect(Clients client, String regions) throws SQLException {
    return connectTo(client, regions);
  }

  private static List<Map<String, Object>> query(PreparedStatement ps, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      ps.setObject(i + 1, values[i]);
    }
    try (ResultSet rs = ps.executeQuery()) {
      return LocalEndpoint.rows(rs);
    }
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void boundRequiredParametersArePushedLikeLiterals(Clients client) throws SQLException {
    try (Connection c = connect(client, "us-east-1");
        PreparedStatement ps = c.prepareStatement("SELECT versionId, imageSetState FROM " + VERSIONS
            + " WHERE datastoreId = ? AND imageSetId = ? ORDER BY versionId")) {
      List<Map<String, Object>> bound = query(ps, LocalEndpoint.DATASTORE, LocalEndpoint.LONG_IMAGE_SET);
      assertEquals(LocalEndpoint.LONG_HISTORY, bound.size());
      List<LoggedRequest> calls = local.aws.requestLog().forAction("ListImageSetVersions");
      assertFalse(calls.isEmpty());
      assertTrue(calls.stream().allMatch(r -> LocalEndpoint.LONG_IMAGE_SET.equals(r.parameter("imageSetId"))),
          calls.toString());
      List<Map<String, Object>> literal = LocalEndpoint.query(c, "SELECT versionId, imageSetState FROM " + VERSIONS
          + " WHERE datastoreId = '" + LocalEndpoint.DATASTORE + "' AND imageSetId = '" + LocalEndpoint.LONG_IMAGE_SET
          + "' ORDER BY versionId");
      assertEquals(literal, bound);

      SQLException bad = assertThrows(SQLException.class, () -> query(ps, LocalEndpoint.DATASTORE, "NOT-AN-ID"));
      assertEquals("22023", bad.getSQLState(), bad.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void aBoundRegionChoosesTheRegionAndIsChecked(Clients client) throws SQLException {
    try (Connection c = connect(client, REGIONS);
        PreparedStatement ps = c.prepareStatement("SELECT region, amiId FROM " + TASKS + " WHERE region = ?")) {
      List<Map<String, Object>> rows = query(ps, "eu-west-1");
      assertEquals(2, rows.size());
      assertEquals(List.of("eu-west-1"), local.describes().stream().map(LoggedRequest::region).distinct().toList(),
          "only the bound region is called");

      local.aws.requestLog().clear();
      rows = query(ps, "us-west-2"); // re-executed with a new value: the new value's calls
      assertTrue(rows.stream().allMatch(r -> r.get("region").equals("us-west-2")));
      assertEquals(List.of("us-west-2"), local.describes().stream().map(LoggedRequest::region).distinct().toList());

      local.aws.requestLog().clear();
      SQLException bad = assertThrows(SQLException.class, () -> query(ps, "US-EAST-1"));
      assertEquals("22023", bad.getSQLState(), "as the literal gives: " + bad.getMessage());
      assertEquals(0, local.describes().size());
      assertEquals(0, query(ps, (Object) null).size(), "region = NULL holds for no row");
      assertEquals(0, local.describes().size(), "and needs no call");
    }
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void boundInListsBecomeIdListsAndFilters(Clients client) throws SQLException {
    try (Connection c = connect(client, "us-east-1");
        PreparedStatement ps = c.prepareStatement("SELECT amiId FROM " + TASKS
            + " WHERE amiId IN (?, ?) AND (storeTaskState = ? OR storeTaskState = ?)")) {
      List<Map<String, Object>> rows = query(ps, "ami-0a1b2c3d4e5f60002", "ami-0a1b2c3d4e5f60004", "Completed",
          "Failed");
      assertEquals(2, rows.size(), rows.toString());
      LoggedRequest call = local.describes().get(0);
      assertEquals(Map.of("task-state", List.of("Completed", "Failed")), call.filters(), "bound values as a filter");
      assertTrue(call.list("ImageId").isEmpty(), "ids are filtered locally unless pushIdLists=true");
    }
  }

  @Test
  void typedGettersForEveryColumnType() throws SQLException {
    try (Connection c = connect(Clients.IN_PROCESS, "us-east-1");
        PreparedStatement ps = c.prepareStatement("SELECT amiId, progressPercentage, taskStartTime FROM " + TASKS
            + " WHERE amiId = 'ami-0a1b2c3d4e5f60001'");
        ResultSet rs = ps.executeQuery()) {
      assertTrue(rs.next());
      assertEquals("ami-0a1b2c3d4e5f60001", rs.getObject(1, String.class));
      assertEquals("ami-0a1b2c3d4e5f60001", rs.getObject("amiId", String.class));
      int progress = rs.getInt(2);
      assertEquals(progress, rs.getObject(2, Integer.class));
      assertEquals((long) progress, rs.getObject(2, Long.class));
      assertEquals(BigDecimal.valueOf(progress), rs.getObject(2, BigDecimal.class));
      Instant start = rs.getObject(3, Instant.class);
      assertEquals(start, rs.getObject(3, Timestamp.class).toInstant());
      assertEquals(start.atOffset(ZoneOffset.UTC), rs.getObject(3, OffsetDateTime.class));
      assertEquals(LocalDateTime.ofInstant(start, ZoneOffset.UTC), rs.getObject("taskStartTime", LocalDateTime.class));
      SQLException unsupported = assertThrows(SQLException.class, () -> rs.getObject(1, URL.class));
      assertEquals("0A000", unsupported.getSQLState());
    }
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void timesAreTheSameUtcInstantsWhateverTheJvmZone(Clients client) throws SQLException {
    local.clock.advance(Duration.ofMillis(123)); // a task started at a time with milliseconds
    try (Connection writer = connect(Clients.IN_PROCESS, "us-east-1"); Statement s = writer.createStatement()) {
      s.executeUpdate("INSERT INTO " + TASKS + " (amiId, bucket) VALUES ('ami-12345678', 'acme-ami-archive')");
    }
    Instant created = LocalEndpoint.NOW.plusMillis(123);
    Instant expected;
    try (Connection c = connect(client, "us-east-1")) {
      List<Map<String, Object>> rows;
      try (PreparedStatement ps = c.prepareStatement("SELECT taskStartTime, CAST(taskStartTime AS VARCHAR) AS text"
          + " FROM " + TASKS + " WHERE amiId = 'ami-12345678'"); ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        Instant start = rs.getTimestamp(1).toInstant();
        assertEquals(created, start, "getTimestamp gives the instant AWS gave");
        // Calcite 1.40 writes CAST(TIMESTAMP(3) AS VARCHAR) without the fraction; both are UTC (documented).
        String cast = rs.getString(2);
        assertEquals("2026-03-01 12:00:00", cast);
        if (client == Clients.IN_PROCESS) {
          // Avatica's thin client formats getString of a TIMESTAMP without its fraction too (documented).
          assertEquals("2026-03-01 12:00:00.123", rs.getString(1), "getString keeps the milliseconds, in UTC");
        }
        expected = start;
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT amiId FROM " + TASKS + " WHERE taskStartTime = ?")) {
        ps.setTimestamp(1, Timestamp.from(expected));
        rows = query(ps);
      }
      assertEquals(List.of(Map.of("amiId", "ami-12345678")), rows, "a Timestamp parameter finds it");
      String literal = LocalDateTime.ofInstant(expected, ZoneOffset.UTC).toString().replace('T', ' ');
      assertEquals(1, LocalEndpoint.query(c, "SELECT amiId FROM " + TASKS + " WHERE taskStartTime = TIMESTAMP '"
          + literal + "'").size(), "so does a literal written in UTC: " + literal);
    }
  }
}
