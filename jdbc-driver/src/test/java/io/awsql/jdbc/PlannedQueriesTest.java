package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A connection reuses the plan of a query text it has run before; each run still asks AWS afresh. */
class PlannedQueriesTest extends EndpointPerTest {
  private static final String TABLE = "aws.ec2.store_image_tasks";
  private Connection connection;

  @BeforeEach
  void connect() throws SQLException {
    connection = local.connect("us-east-1");
  }

  @AfterEach
  void disconnect() throws SQLException {
    connection.close(); // before EndpointPerTest closes the endpoint
  }

  private long count() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + TABLE + " WHERE bucket = 'acme-dr-backups'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void theSameTextRunAgainSeesNewDataAndCallsAwsAgain() throws SQLException {
    long before = count();
    local.aws.requestLog().clear();
    try (Statement s = connection.createStatement()) {
      s.executeUpdate("INSERT INTO " + TABLE + " (region, amiId, bucket)"
          + " VALUES ('us-east-1', 'ami-0a1b2c3d4e5f60006', 'acme-dr-backups')");
    }
    assertEquals(before + 1, count(), "a new Statement with the same text sees the new task");
    assertEquals(1, local.describes().size(), "and asks AWS again");
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void runAgainThroughServeOrInProcessTheAnswerIsCurrent(Clients client) throws Exception {
    String sql = "SELECT amiId FROM " + TABLE + " WHERE bucket = 'acme-dr-backups'";
    Connection c = connectTo(client, "us-east-1", "--allow-writes");
    int before = LocalEndpoint.query(c, sql).size();
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO " + TABLE + " (region, amiId, bucket)"
          + " VALUES ('us-east-1', 'ami-0a1b2c3d4e5f60006', 'acme-dr-backups')");
    }
    local.aws.requestLog().clear();
    assertEquals(before + 1, LocalEndpoint.query(c, sql).size());
    assertEquals(1, local.describes().size());
  }

  @Test
  void theSameTextIsParsedAndPlannedOnce() throws SQLException {
    AtomicInteger parsed = new AtomicInteger();
    try (Hook.Closeable ignored = Hook.PARSE_TREE.addThread((Consumer<Object>) x -> parsed.incrementAndGet())) {
      count();
      count();
      assertEquals(1, parsed.get(), "the second Statement reused the plan");
      LocalEndpoint.query(connection, "SELECT amiId FROM " + TABLE);
      assertEquals(2, parsed.get(), "another text is planned");
    }
  }

  @Test
  void timeIsReadAtEachRunNotAtPlanning() throws Exception {
    String sql = "SELECT CAST(CURRENT_TIMESTAMP AS VARCHAR(40)) AS now FROM (VALUES (1))";
    Object first = LocalEndpoint.query(connection, sql).get(0).get("now");
    Thread.sleep(1100);
    Object second = LocalEndpoint.query(connection, sql).get(0).get("now");
    assertNotEquals(first, second);
  }

  @Test
  void statementsCreatedAndRunFromManyThreadsAtOnce() throws Exception {
    String sql = "SELECT amiId, bucket FROM " + TABLE + " WHERE bucket = 'acme-ami-archive'";
    List<Map<String, Object>> expected = LocalEndpoint.query(connection, sql);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<Map<String, Object>>>> runs = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        runs.add(pool.submit(() -> LocalEndpoint.query(connection, sql)));
      }
      for (Future<List<Map<String, Object>>> run : runs) {
        assertEquals(expected, run.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void statementsWithTheSameTextRunAtOnce() throws Exception {
    String sql = "SELECT amiId, storeTaskState FROM " + TABLE + " WHERE storeTaskState = 'Completed'";
    List<Map<String, Object>> expected = LocalEndpoint.query(connection, sql);
    List<Statement> statements = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      statements.add(connection.createStatement());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Map<String, Object>>>> runs = new ArrayList<>();
      for (Statement statement : statements) {
        runs.add(pool.submit(() -> {
          try (ResultSet rs = statement.executeQuery(sql)) {
            return LocalEndpoint.rows(rs);
          }
        }));
      }
      for (Future<List<Map<String, Object>>> run : runs) {
        assertEquals(expected, run.get());
      }
    } finally {
      pool.shutdownNow();
      for (Statement statement : statements) {
        statement.close();
      }
    }
  }
}
