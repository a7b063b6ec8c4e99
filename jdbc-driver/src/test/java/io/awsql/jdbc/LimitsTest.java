package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.awsql.localaws.FaultRule;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A query never waits on AWS longer than it was told to, stops when cancelled, and does bounded work:
 * timeouts, cancel, calls at once and calls in all, against a slow local-aws.
 */
class LimitsTest extends EndpointPerTest {
  private static final String SCAN = "SELECT amiId FROM aws.ec2.store_image_tasks";

  private static int drain(ResultSet rs) throws SQLException {
    int rows = 0;
    while (rs.next()) {
      rows++;
    }
    return rows;
  }

  @Test
  void setQueryTimeoutStopsAScanWaitingOnASlowEndpoint() throws SQLException {
    local.aws.faults().add(FaultRule.latency("DescribeStoreImageTasks", Duration.ofSeconds(2)));
    try (Connection c = local.connect(LocalEndpoint.GENERATED_REGION); Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      SQLException e = assertThrows(SQLException.class, () -> drain(s.executeQuery(SCAN)));
      assertInstanceOf(SQLTimeoutException.class, e);
      assertEquals("HYT00", e.getSQLState());
      assertTrue(e.getMessage().contains("query timeout"), e.getMessage());
    }
    assertTrue(local.describes().size() < 5, "the scan of 5 pages stopped early: " + local.describes().size());
  }

  @Test
  void cancelStopsAScanWaitingForItsNextPage() throws Exception {
    local.aws.faults().add(FaultRule.latency("DescribeStoreImageTasks", Duration.ofSeconds(3)));
    ScheduledExecutorService canceller = Executors.newSingleThreadScheduledExecutor();
    try (Connection c = local.connect(LocalEndpoint.GENERATED_REGION); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(SCAN)) {
      canceller.schedule(() -> {
        s.cancel();
        return null;
      }, 300, TimeUnit.MILLISECONDS);
      SQLException e = assertThrows(SQLException.class, () -> drain(rs));
      assertEquals("HY008", e.getSQLState(), e.getMessage());
    } finally {
      canceller.shutdownNow();
    }
  }

  @Test
  void anEndpointThatNeverAnswersIsBoundedByTheSdkTimeouts() throws SQLException {
    local.aws.faults().add(FaultRule.latency("DescribeStoreImageTasks", Duration.ofSeconds(4)));
    try (Connection c =
        DriverManager.getConnection(local.url("us-east-1", "apiCallAttemptTimeout=1;apiCallTimeout=2"))) {
      SQLException e = assertThrows(SQLException.class, () -> LocalEndpoint.query(c, SCAN));
      assertEquals("HYT00", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("apiCallTimeout"), e.getMessage());
    }
  }

  @Test
  void callsOfOneQueryRunAtMostMaxConcurrentCallsAtOnce() throws SQLException {
    // A call is answered once three wait at once, or after 1 s: three in parallel pass at once; with at most
    // two at a time, two wait their second and the third follows; one call more at once would show.
    local.aws.faults().add(FaultRule.heldUntil("DescribeStoreImageTasks", 3, Duration.ofSeconds(1)));
    int all;
    try (Connection c = local.connect("us-east-1,us-west-2,eu-west-1")) {
      all = LocalEndpoint.query(c, SCAN).size();
    }
    assertEquals(3, local.aws.requestLog().maxInFlight(), "by default the 3 regions are called at once");
    local.aws.requestLog().clear();
    try (Connection c =
        DriverManager.getConnection(local.url("us-east-1,us-west-2,eu-west-1", "maxConcurrentCalls=2"))) {
      assertEquals(all, LocalEndpoint.query(c, SCAN).size(), "every region's rows, two calls at a time");
    }
    assertEquals(3, local.describes().size());
    assertEquals(2, local.aws.requestLog().maxInFlight());
  }

  @Test
  void aQueryNeedingTooManyCallsFailsBeforeSendingAny() throws SQLException {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      values.add("'" + String.format("%032d", i) + "'");
    }
    String in = String.join(", ", values);
    try (Connection c = DriverManager.getConnection(local.url("us-east-1,eu-west-1", "maxCallsPerQuery=500"))) {
      SQLException e = assertThrows(SQLException.class, () -> LocalEndpoint.query(c,
          "SELECT * FROM aws.medical_imaging.image_set_versions WHERE datastoreId IN (" + in + ") AND imageSetId IN ("
              + in + ")"));
      assertEquals("54000", e.getSQLState());
      assertTrue(e.getMessage().contains("1800 listing calls") && e.getMessage().contains("maxCallsPerQuery"),
          e.getMessage());
    }
    assertEquals(0, local.aws.requestLog().size());
  }
}
