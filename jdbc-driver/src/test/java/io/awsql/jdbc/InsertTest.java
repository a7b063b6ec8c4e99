package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.awsql.localaws.AccessKey;
import io.awsql.localaws.Fault;
import io.awsql.localaws.FaultRule;
import io.awsql.localaws.LoggedRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** INSERT → CreateStoreImageTask, end to end: what is sent, what a later SELECT sees, what is refused. */
class InsertTest extends EndpointPerTest {
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

  private int update(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      return s.executeUpdate(sql);
    }
  }

  private List<LoggedRequest> creates() {
    return local.aws.requestLog().forAction("CreateStoreImageTask");
  }

  private Map<String, Object> task(String amiId) throws SQLException {
    List<Map<String, Object>> rows = LocalEndpoint.query(connection, "SELECT * FROM " + TABLE
        + " WHERE amiId LIKE '" + amiId + "' ORDER BY taskStartTime DESC");
    return rows.isEmpty() ? null : rows.get(0);
  }

  @Test
  void stackqlSpellingCreatesATaskThatProgressesToCompleted() throws SQLException {
    assertEquals(1, update("INSERT INTO " + TABLE + " (region, ImageId, Bucket)"
        + " SELECT 'us-east-1', 'ami-0a1b2c3d4e5f60005', 'acme-dr-backups'"));
    LoggedRequest sent = creates().get(0);
    assertEquals("ami-0a1b2c3d4e5f60005", sent.parameter("ImageId"));
    assertEquals("acme-dr-backups", sent.parameter("Bucket"));
    assertNull(sent.parameter("DryRun"));
    assertEquals("us-east-1", sent.region());

    Map<String, Object> task = task("ami-0a1b2c3d4e5f60005");
    assertEquals("InProgress", task.get("storeTaskState"));
    assertEquals(0, task.get("progressPercentage"));
    assertEquals("ami-0a1b2c3d4e5f60005.bin", task.get("s3objectKey"));
    assertEquals("acme-dr-backups", task.get("bucket"));

    local.clock.advance(Duration.ofMinutes(5));
    assertEquals(50, task("ami-0a1b2c3d4e5f60005").get("progressPercentage"));
    local.clock.advance(Duration.ofMinutes(6));
    task = task("ami-0a1b2c3d4e5f60005");
    assertEquals("Completed", task.get("storeTaskState"));
    assertEquals(100, task.get("progressPercentage"));
    assertNull(task.get("storeTaskFailureReason"));
  }

  @Test
  void tableColumnSpellingWithSeveralRowsAndTags() throws SQLException {
    assertEquals(2, update("INSERT INTO " + TABLE + " (amiId, bucket, s3ObjectTags) VALUES"
        + " ('ami-0a1b2c3d4e5f60005', 'acme-ami-archive', '{\"team\": \"platform\"}'),"
        + " ('ami-12345678', 'acme-dr-backups', '[{\"Key\": \"cost-center\", \"Value\": \"42\"}]')"));
    assertEquals(2, creates().size());
    assertEquals("ami-0a1b2c3d4e5f60005", creates().get(0).parameter("ImageId"));
    assertEquals(List.of("team"), creates().get(0).list("S3ObjectTag", "Key"));
    assertEquals(List.of("platform"), creates().get(0).list("S3ObjectTag", "Value"));
    assertEquals("ami-12345678", creates().get(1).parameter("ImageId"), "CHAR padding of VALUES is not sent");
    assertEquals(List.of("cost-center"), creates().get(1).list("S3ObjectTag", "Key"));
    assertEquals("InProgress", task("ami-12345678").get("storeTaskState"));
  }

  @Test
  void insertSelectFromCompletedTasksStoresThemAgainElsewhere() throws SQLException {
    List<Map<String, Object>> completed = LocalEndpoint.query(connection, "SELECT DISTINCT amiId FROM " + TABLE
        + " WHERE storeTaskState = 'Completed' AND bucket = 'acme-ami-archive'");
    assertFalse(completed.isEmpty());
    local.aws.requestLog().clear();
    int created = update("INSERT INTO " + TABLE + " (region, amiId, bucket)"
        + " SELECT region, amiId, 'acme-dr-backups' FROM " + TABLE
        + " WHERE storeTaskState = 'Completed' AND bucket = 'acme-ami-archive'");
    assertEquals(completed.size(), created);
    assertEquals(completed.size(), creates().size());
    for (LoggedRequest r : creates()) {
      assertEquals("acme-dr-backups", r.parameter("Bucket"));
    }
  }

  @Test
  void missingRequiredColumnNamesItAndShowsAStatement() {
    SQLException e = assertThrows(SQLException.class,
        () -> update("INSERT INTO " + TABLE + " (region, amiId) VALUES ('us-east-1', 'ami-0a1b2c3d4e5f60005')"));
    assertEquals("23502", e.getSQLState());
    assertTrue(e.getMessage().contains("bucket")
        && e.getMessage().contains("INSERT INTO aws.ec2.store_image_tasks (region, amiId, bucket) VALUES"),
        e.getMessage());
    SQLException nullValue = assertThrows(SQLException.class,
        () -> update("INSERT INTO " + TABLE + " (amiId, bucket) VALUES ('ami-0a1b2c3d4e5f60005', 'acme-ami-archive'),"
            + " (NULL, 'acme-ami-archive')"));
    assertEquals("23502", nullValue.getSQLState());
    assertTrue(nullValue.getMessage().startsWith("Row 2: amiId is null"), nullValue.getMessage());
    assertEquals(0, creates().size(), "one bad row: nothing is sent");
  }

  @Test
  void malformedValuesAreRefusedBeforeAnyRequest() {
    Map<String, String> cases = Map.of(
        "('ami-0a1b2c3d4e5f60005', 'acme-ami-archive'), ('ami-XYZ', 'acme-ami-archive')", "ami-XYZ",
        "('ami-0a1b2c3d4e5f60005', 'Bad_Bucket')", "Bad_Bucket",
        "('ami-0a1b2c3d4e5f60005', 'ab')", "'ab'");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      SQLException e = assertThrows(SQLException.class,
          () -> update("INSERT INTO " + TABLE + " (amiId, bucket) VALUES " + c.getKey()));
      assertEquals("22023", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains(c.getValue()), e.getMessage());
    }
    SQLException tags = assertThrows(SQLException.class, () -> update("INSERT INTO " + TABLE
        + " (amiId, bucket, S3ObjectTags) VALUES ('ami-0a1b2c3d4e5f60005', 'acme-ami-archive', '{\"aws:x\": \"y\"}')"));
    assertTrue(tags.getMessage().contains("aws:"), tags.getMessage());
    SQLException region = assertThrows(SQLException.class, () -> update("INSERT INTO " + TABLE
        + " (region, amiId, bucket) VALUES ('useast1', 'ami-0a1b2c3d4e5f60005', 'acme-ami-archive')"));
    assertEquals("22023", region.getSQLState());
    assertEquals(0, creates().size());
  }

  @Test
  void columnsOnlyAwsSetsAreRefused() {
    SQLException e = assertThrows(SQLException.class, () -> update("INSERT INTO " + TABLE
        + " (amiId, bucket, storeTaskState) VALUES ('ami-0a1b2c3d4e5f60005', 'acme-ami-archive', 'Completed')"));
    assertEquals("42000", e.getSQLState());
    assertTrue(e.getMessage().contains("storeTaskState is set by AWS"), e.getMessage());
    assertEquals(0, creates().size());
  }

  @Test
  void severalConfiguredRegionsNeedARegionColumn() throws SQLException {
    try (Connection multi = local.connect("us-east-1,us-west-2"); Statement s = multi.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO " + TABLE
          + " (amiId, bucket) VALUES ('ami-0a1b2c3d4e5f60005', 'acme-ami-archive')"));
      assertEquals("42000", e.getSQLState());
      assertTrue(e.getMessage().contains("us-east-1, us-west-2"), e.getMessage());
    }
    assertEquals(0, creates().size());
  }

  @Test
  void failureOnALaterRowReportsWhatWasCreatedAndWhatWasNotSent() {
    SQLException e = assertThrows(SQLException.class, () -> update("INSERT INTO " + TABLE + " (amiId, bucket) VALUES"
        + " ('ami-0a1b2c3d4e5f60005', 'acme-ami-archive'),"
        + " ('ami-0123456789abcdef0', 'acme-ami-archive'),"
        + " ('ami-0a1b2c3d4e5f60006', 'acme-ami-archive')"));
    String m = e.getMessage();
    assertTrue(m.startsWith("CreateStoreImageTask failed for row 2 of 3 (us-east-1, amiId=ami-0123456789abcdef0"), m);
    assertTrue(m.contains("InvalidAMIID.NotFound"), m);
    assertTrue(m.contains(creates().get(1).requestId()), m);
    assertTrue(m.contains("Created before it: row 1 (us-east-1, amiId=ami-0a1b2c3d4e5f60005, bucket=acme-ami-archive,"
        + " s3objectKey=ami-0a1b2c3d4e5f60005.bin)"), m);
    assertTrue(m.contains("Not sent: row 3 (us-east-1, amiId=ami-0a1b2c3d4e5f60006"), m);
    assertEquals(2, creates().size(), "row 3 is not sent, and nothing is resent");
  }

  @Test
  void aCreateWhoseOutcomeIsUnknownIsNotResent() {
    local.aws.faults().add(FaultRule.onCall("CreateStoreImageTask", Fault.INTERNAL_ERROR, 1));
    SQLException e = assertThrows(SQLException.class, () -> update("INSERT INTO " + TABLE
        + " (amiId, bucket) VALUES ('ami-0a1b2c3d4e5f60005', 'acme-ami-archive')"));
    assertTrue(e.getMessage().contains("InternalError"), e.getMessage());
    assertTrue(e.getMessage().contains("Whether row 1 was created is unknown")
        && e.getMessage().contains("Check with SELECT * FROM aws.ec2.store_image_tasks WHERE region = 'us-east-1'"
            + " AND amiId = 'ami-0a1b2c3d4e5f60005'"), e.getMessage());
    assertFalse(e.getMessage().contains("Nothing was created"), "a 500 may hide a success: " + e.getMessage());
    assertEquals(1, creates().size(), "a 500 may hide a success: no automatic resend");
  }

  @Test
  void aCreateWhoseAnswerIsLostOrUnreadableIsUnknownNeverCreated() throws SQLException {
    for (Fault fault : List.of(Fault.EMPTY_OK, Fault.HTML_PAGE, Fault.MALFORMED_BODY)) {
      local.aws.requestLog().clear();
      local.aws.faults().reset(1);
      local.aws.faults().add(FaultRule.onCall("CreateStoreImageTask", fault, 1));
      String ami = "ami-12345678";
      SQLException e = assertThrows(SQLException.class, () -> update("INSERT INTO " + TABLE
          + " (amiId, bucket) VALUES ('" + ami + "', 'acme-dr-backups')"), fault.name());
      assertTrue(e.getMessage().contains("Whether row 1 was created is unknown"), fault + ": " + e.getMessage());
      assertEquals(1, creates().size(), fault + ": not resent");
      assertNotNull(task(ami), fault + ": AWS did create it, as the message warned");
      local.clock.advance(Duration.ofMinutes(20)); // the task completes, so the AMI may be stored again
    }
  }

  @Test
  void aRefusedCreateWasNotCreatedAndLongReportsAreSummarised() {
    StringBuilder rows = new StringBuilder("('ami-0123456789abcdef0', 'acme-ami-archive')");
    for (int i = 1; i < 30; i++) {
      rows.append(", ('ami-").append(String.format("%017x", i)).append("', 'acme-ami-archive')");
    }
    SQLException e = assertThrows(SQLException.class,
        () -> update("INSERT INTO " + TABLE + " (amiId, bucket) VALUES " + rows));
    assertEquals("42704", e.getSQLState());
    assertTrue(e.getMessage().contains("Row 1 was not created."), e.getMessage());
    assertTrue(e.getMessage().contains("; and 9 more rows."), e.getMessage());
    assertTrue(e.getMessage().length() < 3_000, "a readable report: " + e.getMessage().length() + " characters");
    assertEquals(1, creates().size());
  }

  @Test
  void aThrottledCreateIsRetriedBecauseAwsDidNothing() throws SQLException {
    local.aws.faults().add(FaultRule.onCall("CreateStoreImageTask", Fault.THROTTLE, 1));
    assertEquals(1,
        update("INSERT INTO " + TABLE + " (amiId, bucket) VALUES ('ami-0a1b2c3d4e5f60005', 'acme-ami-archive')"));
    assertEquals(List.of("RequestLimitExceeded", "none"),
        creates().stream().map(r -> r.errorCode() == null ? "none" : r.errorCode()).toList());
  }

  @Test
  void unwritableBucketIsAPermissionError() {
    SQLException e = assertThrows(SQLException.class, () -> update("INSERT INTO " + TABLE
        + " (amiId, bucket) VALUES ('ami-0a1b2c3d4e5f60005', 'acme-audit-locked')"));
    assertEquals("28000", e.getSQLState());
    assertTrue(e.getMessage().contains("Row 1 was not created."), e.getMessage());
    assertEquals(1, creates().size());
  }

  @Test
  void readOnlyRefusesWithoutSendingAnything() throws SQLException {
    try (Connection readOnly = DriverManager.getConnection(local.url("us-east-1", "readOnly=true"));
        Statement s = readOnly.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO " + TABLE
          + " (amiId, bucket) VALUES ('ami-0a1b2c3d4e5f60005', 'acme-ami-archive')"));
      assertEquals("25006", e.getSQLState());
      assertEquals(6, LocalEndpoint.query(readOnly, "SELECT * FROM " + TABLE).size(), "reads still work");
    }
    assertEquals(0, creates().size());
  }

  @Test
  void dryRunCreatesNothingAndWarns() throws SQLException {
    try (Connection dry = DriverManager.getConnection(local.url("us-east-1", "dryRun=true"));
        Statement s = dry.createStatement()) {
      assertEquals(0, s.executeUpdate("INSERT INTO " + TABLE
          + " (amiId, bucket) VALUES ('ami-0a1b2c3d4e5f60005', 'acme-ami-archive')"));
      SQLWarning warning = s.getWarnings();
      assertTrue(warning != null && warning.getMessage().contains("would have succeeded"), String.valueOf(warning));
    }
    assertEquals("true", creates().get(0).parameter("DryRun"));
    assertEquals("DryRunOperation", creates().get(0).errorCode());
    List<Map<String, Object>> tasks = LocalEndpoint.query(connection, "SELECT storeTaskState FROM " + TABLE
        + " WHERE amiId LIKE 'ami-0a1b2c3d4e5f60005'");
    assertEquals(List.of(Map.of("storeTaskState", "Failed")), tasks, "only the seeded task: nothing was created");
  }

  @Test
  void dryRunWithoutPermissionIsAPermissionError() throws SQLException {
    String url = "jdbc:awsql:endpoint=" + local.aws.endpoint() + ";region=us-east-1;dryRun=true;accessKeyId="
        + AccessKey.READ_ONLY.accessKeyId() + ";secretAccessKey=" + AccessKey.READ_ONLY.secretAccessKey();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO " + TABLE
          + " (amiId, bucket) VALUES ('ami-0a1b2c3d4e5f60005', 'acme-ami-archive')"));
      assertEquals("28000", e.getSQLState());
      assertTrue(e.getMessage().contains("UnauthorizedOperation"), e.getMessage());
    }
  }
}
