package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.awsql.localaws.AccessKey;
import io.awsql.localaws.Fault;
import io.awsql.localaws.FaultRule;
import io.awsql.localaws.LoggedRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every failure reaches JDBC callers as one clear SQLException with a SQLState, and no secret. */
class ErrorsTest {
  private static LocalEndpoint local;

  @BeforeAll
  static void start() {
    local = new LocalEndpoint();
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  @AfterEach
  void reset() {
    local.aws.faults().reset(1);
    local.aws.requestLog().clear();
  }

  @Test
  void unknownPropertyListsTheValidOnes() {
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:awsql:regoin=us-east-1"));
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("'regoin'"), e.getMessage());
    assertTrue(e.getMessage().contains("region") && e.getMessage().contains("profile"), e.getMessage());
  }

  @Test
  void malformedRegionAndEndpointAreNamed() {
    SQLException region =
        assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:awsql:region=us_east_1"));
    assertTrue(region.getMessage().contains("us_east_1"), region.getMessage());
    SQLException endpoint = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:awsql:region=us-east-1;endpoint=localhost:4599"));
    assertTrue(endpoint.getMessage().contains("endpoint"), endpoint.getMessage());
  }

  @Test
  void halfAKeyPairIsRefused() {
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:awsql:region=us-east-1;accessKeyId=AKIAEXAMPLE"));
    assertTrue(e.getMessage().contains("secretAccessKey"), e.getMessage());
  }

  @Test
  void wrongSecretIsAnAuthFailureWithCodeAndRequestIdButNoSecret() throws SQLException {
    String secret = "not-the-right-secret-value-123";
    String url = "jdbc:awsql:endpoint=" + local.aws.endpoint() + ";region=us-east-1;accessKeyId="
        + AccessKey.DEMO.accessKeyId() + ";secretAccessKey=" + secret;
    try (Connection c = DriverManager.getConnection(url)) {
      SQLException e = assertThrows(SQLException.class,
          () -> LocalEndpoint.query(c, "SELECT * FROM aws.ec2.store_image_tasks"));
      assertEquals("28000", e.getSQLState());
      assertTrue(e.getMessage().contains("AuthFailure"), e.getMessage());
      String requestId = local.describes().get(0).requestId();
      assertTrue(e.getMessage().contains(requestId), e.getMessage());
      assertFalse(e.getMessage().contains(secret));
      assertFalse(c.toString().contains(secret));
    }
  }

  @Test
  void permissionDeniedIs28000() throws SQLException {
    String url = "jdbc:awsql:endpoint=" + local.aws.endpoint() + ";region=us-east-1;accessKeyId="
        + AccessKey.NO_ACCESS.accessKeyId() + ";secretAccessKey=" + AccessKey.NO_ACCESS.secretAccessKey();
    try (Connection c = DriverManager.getConnection(url)) {
      SQLException e = assertThrows(SQLException.class,
          () -> LocalEndpoint.query(c, "SELECT * FROM aws.ec2.store_image_tasks"));
      assertEquals("28000", e.getSQLState());
      assertTrue(e.getMessage().contains("UnauthorizedOperation"), e.getMessage());
    }
  }

  @Test
  void failureOnALaterPageSurfacesFromNextAsSqlException() throws SQLException {
    // Every call after the first fails; the SDK's retries give up, inside ResultSet.next().
    local.aws.faults().add(new FaultRule("DescribeStoreImageTasks", Fault.INTERNAL_ERROR, 1.0, 1, -1, null));
    try (Connection c = local.connect(LocalEndpoint.GENERATED_REGION);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT amiId FROM aws.ec2.store_image_tasks")) {
      int rows = 0;
      SQLException e = null;
      try {
        while (rs.next()) {
          rows++;
        }
      } catch (SQLException failure) {
        e = failure;
      }
      assertTrue(e != null, "the scan must fail, not end early: read " + rows + " rows");
      assertTrue(rows >= 100 && rows <= 200, "rows of the first page are delivered first: " + rows);
      assertEquals("HY000", e.getSQLState());
      assertTrue(e.getMessage().contains("InternalError"), e.getMessage());
      assertTrue(e.getMessage().contains(LocalEndpoint.GENERATED_REGION), e.getMessage());
      List<LoggedRequest> failed = local.aws.requestLog().matching(r -> "InternalError".equals(r.errorCode()));
      assertTrue(e.getMessage().contains(failed.get(failed.size() - 1).requestId()), e.getMessage());
    }
  }

  @Test
  void throttlingIsRetriedByTheSdk() throws SQLException {
    local.aws.faults().add(FaultRule.onCall("DescribeStoreImageTasks", Fault.THROTTLE, 1));
    try (Connection c = local.connect("us-east-1")) {
      assertEquals(6, LocalEndpoint.query(c, "SELECT * FROM aws.ec2.store_image_tasks").size());
    }
    assertEquals(2, local.describes().size(), "one throttled call, one retry");
    assertEquals("RequestLimitExceeded", local.describes().get(0).errorCode());
  }

  @Test
  void unreachableEndpointIs08001() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:awsql:endpoint=http://127.0.0.1:1;region=us-east-1;"
        + "accessKeyId=AKIAEXAMPLE;secretAccessKey=example")) {
      SQLException e = assertThrows(SQLException.class,
          () -> LocalEndpoint.query(c, "SELECT * FROM aws.ec2.store_image_tasks"));
      assertEquals("08001", e.getSQLState());
      assertTrue(e.getMessage().contains("us-east-1"), e.getMessage());
    }
  }

  @Test
  void invalidRegionLiteralIs22023() throws SQLException {
    try (Connection c = local.connect("us-east-1")) {
      SQLException e = assertThrows(SQLException.class,
          () -> LocalEndpoint.query(c, "SELECT * FROM aws.ec2.store_image_tasks WHERE region = 'US-EAST-1'"));
      assertEquals("22023", e.getSQLState());
      assertTrue(e.getMessage().contains("US-EAST-1"), e.getMessage());
      assertEquals(0, local.describes().size());
    }
  }

  @Test
  void unknownTableAndBadSqlAre42000() throws SQLException {
    try (Connection c = local.connect("us-east-1")) {
      SQLException table = assertThrows(SQLException.class,
          () -> LocalEndpoint.query(c, "SELECT * FROM aws.ec2.no_such_table"));
      assertEquals("42000", table.getSQLState());
      assertTrue(table.getMessage().contains("no_such_table"), table.getMessage());
      SQLException syntax = assertThrows(SQLException.class, () -> LocalEndpoint.query(c, "SELEC 1"));
      assertEquals("42000", syntax.getSQLState());
    }
  }
}
