package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.awsql.localaws.AccessKey;
import io.awsql.localaws.Fault;
import io.awsql.localaws.FaultRule;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every class of error awsql raises, run in process and through {@code awsql serve}: the thin client gets
 * the same SQLState and the same one-line message (Avatica's client puts "Error 0 (STATE) : Error while
 * executing SQL ..." before it), and no server stack trace.
 */
class WireErrorsTest extends EndpointPerTest {
  private static final String TASKS = "aws.ec2.store_image_tasks";
  private static final String VERSIONS = "aws.medical_imaging.image_set_versions";
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  /** One failing statement and how the connection is made. */
  record Case(String state, String sql, AccessKey key, boolean unreachable, boolean faulty, String... options) {
    @Override
    public String toString() {
      return state + ": " + sql;
    }
  }

  static Stream<Case> cases() {
    String insert = "INSERT INTO " + TASKS + " (region, amiId, bucket) VALUES ";
    return Stream.of(
        new Case("08001", "SELECT * FROM " + TASKS, AccessKey.DEMO, true, false),
        new Case("22023", "SELECT * FROM " + TASKS + " WHERE region = 'US-EAST-1'", AccessKey.DEMO, false, false),
        new Case("22023", insert + "('us-east-1', 'ami-XYZ', 'acme-ami-archive')", AccessKey.DEMO, false, false,
            "--allow-writes"),
        new Case("23502", "INSERT INTO " + TASKS + " (amiId) VALUES ('ami-0a1b2c3d4e5f60005')", AccessKey.DEMO,
            false, false, "--allow-writes"),
        new Case("23502", insert + "('us-east-1', 'ami-0a1b2c3d4e5f60005', 'acme-ami-archive'), ('us-east-1', NULL, "
            + "'acme-ami-archive')", AccessKey.DEMO, false, false, "--allow-writes"),
        new Case("25006", insert + "('us-east-1', 'ami-0a1b2c3d4e5f60005', 'acme-ami-archive')", AccessKey.DEMO,
            false, false, "--read-only"),
        new Case("28000", "SELECT * FROM " + TASKS, AccessKey.NO_ACCESS, false, false),
        new Case("42000", "SELECT * FROM aws.ec2.no_such_table", AccessKey.DEMO, false, false),
        new Case("42000", "SELEC amiId FROM " + TASKS, AccessKey.DEMO, false, false),
        new Case("42000", "SELECT * FROM " + VERSIONS, AccessKey.DEMO, false, false),
        new Case("42704", "SELECT * FROM " + VERSIONS + " WHERE datastoreId = '" + LocalEndpoint.DATASTORE
            + "' AND imageSetId = '00000000000000000000000000000000'", AccessKey.DEMO, false, false),
        new Case("0A000", "DELETE FROM " + TASKS, AccessKey.DEMO, false, false, "--allow-writes"),
        new Case("0A000", "DROP TABLE " + TASKS, AccessKey.DEMO, false, false, "--allow-writes"),
        new Case("HY000", "SELECT * FROM " + TASKS, AccessKey.DEMO, false, true));
  }

  private SQLException fail(Clients client, Case c, Clients.Opened opened) throws SQLException {
    String endpoint = c.unreachable() ? "http://127.0.0.1:1" : local.aws.endpoint().toString();
    Connection connection = client.connect(opened, endpoint, c.key(), "us-east-1", c.options());
    try (Statement s = connection.createStatement()) {
      if (s.execute(c.sql())) {
        try (ResultSet rs = s.getResultSet()) {
          while (rs.next()) {
            rs.getObject(1);
          }
        }
      }
    } catch (SQLException e) {
      return e;
    }
    throw new AssertionError("no failure from " + client + ": " + c.sql());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void theThinClientGetsTheSameSqlStateAndMessage(Case c) throws Exception {
    if (c.faulty()) {
      local.aws.faults().add(FaultRule.always("DescribeStoreImageTasks", Fault.INTERNAL_ERROR));
    }
    SQLException inProcess;
    SQLException thin;
    String serverLog;
    try (Clients.Opened opened = new Clients.Opened()) {
      inProcess = fail(Clients.IN_PROCESS, c, opened);
    }
    try (Clients.Opened opened = new Clients.Opened()) {
      thin = fail(Clients.THIN, c, opened);
      serverLog = opened.serverLog.toString(StandardCharsets.UTF_8);
    }
    assertEquals(c.state(), inProcess.getSQLState(), inProcess.getMessage());
    assertEquals(c.state(), thin.getSQLState(), thin.getMessage());
    String expected = inProcess.getMessage().replaceAll(UUID, "<request id>");
    assertFalse(expected.contains("\n"), expected);
    assertFalse(expected.isBlank());
    String received = thin.getMessage().replaceAll(UUID, "<request id>");
    assertTrue(received.endsWith(": " + expected), "thin: " + received + "\nin process: " + expected);
    assertFalse(received.contains("\n"), received);
    AvaticaSqlException remote = assertInstanceOf(AvaticaSqlException.class, thin);
    assertEquals(c.state(), remote.getSQLState());
    List<String> traces = new ArrayList<>(remote.getStackTraces());
    assertNotNull(traces);
    assertTrue(traces.stream().noneMatch(t -> t.contains("\tat ")), "no server stack trace: " + traces);
    assertTrue(serverLog.contains("[" + c.state() + "]"), serverLog);
    if (c.state().equals("HY000")) {
      assertTrue(expected.contains("InternalError") && expected.contains("request id <request id>"), expected);
    }
  }
}
