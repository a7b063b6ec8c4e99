package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.awsql.localaws.AccessKey;
import io.awsql.localaws.FaultRule;
import io.awsql.localaws.LoggedRequest;
import io.awsql.localaws.SeedGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each predicate shape against the requests it sends (read off local-aws's request log) and the rows it
 * returns, compared with a full scan filtered in Java: pushing must never change the answer.
 */
class PushdownTest {
  private static final String TABLE = "aws.ec2.store_image_tasks";
  private static final String DEMO_REGIONS = "us-east-1,us-west-2,eu-west-1";
  private static LocalEndpoint local;
  private static Connection demo;
  private static List<Map<String, Object>> allDemoRows;

  @BeforeAll
  static void start() throws SQLException {
    local = new LocalEndpoint();
    demo = local.connect(DEMO_REGIONS);
    allDemoRows = sorted(LocalEndpoint.query(demo, "SELECT * FROM " + TABLE));
  }

  @AfterAll
  static void stop() throws SQLException {
    demo.close();
    local.close();
  }

  @BeforeEach
  void clearLog() {
    local.aws.requestLog().clear();
  }

  @Test
  void fullScanCallsEachConfiguredRegionOnceWithNoFilter() {
    assertEquals(11, allDemoRows.size(), "demo data: 6 + 3 + 2 tasks within 31 days");
    assertEquals(Set3.of("us-east-1", "us-west-2", "eu-west-1"),
        allDemoRows.stream().map(r -> r.get("region")).collect(Collectors.toSet()));
  }

  @Test
  void bucketEqualityBecomesTheBucketFilter() throws SQLException {
    List<Map<String, Object>> rows = query("SELECT * FROM " + TABLE + " WHERE bucket = 'acme-ami-archive'");
    assertEquals(expected(r -> r.get("bucket").equals("acme-ami-archive")), rows);
    assertEquals(3, local.describes().size(), "one call per region");
    for (LoggedRequest r : local.describes()) {
      assertEquals(Map.of("bucket", List.of("acme-ami-archive")), r.filters());
      assertEquals("200", r.parameter("MaxResults"));
      assertTrue(r.list("ImageId").isEmpty());
    }
  }

  @Test
  void stateInListAndOrOfEqualitiesBecomeOneFilterWithSeveralValues() throws SQLException {
    for (String where : List.of("storeTaskState IN ('InProgress', 'Failed')",
        "storeTaskState = 'InProgress' OR storeTaskState = 'Failed'")) {
      local.aws.requestLog().clear();
      List<Map<String, Object>> rows = query("SELECT * FROM " + TABLE + " WHERE " + where);
      assertEquals(expected(r -> !r.get("storeTaskState").equals("Completed")), rows, where);
      for (LoggedRequest r : local.describes()) {
        assertEquals(new HashSet<>(List.of("InProgress", "Failed")),
            new HashSet<>(r.filters().get("task-state")), where);
      }
    }
  }

  @Test
  void filtersOnTwoColumnsAreBothSent() throws SQLException {
    List<Map<String, Object>> rows = query("SELECT * FROM " + TABLE
        + " WHERE bucket = 'acme-dr-backups' AND storeTaskState = 'Completed' AND region = 'us-east-1'");
    assertEquals(expected(r -> r.get("bucket").equals("acme-dr-backups")
        && r.get("storeTaskState").equals("Completed") && r.get("region").equals("us-east-1")), rows);
    assertEquals(2, rows.size(), "ami-0a1b2c3d4e5f60002 and the first store of ami-0a1b2c3d4e5f60003");
    assertEquals(1, local.describes().size());
    LoggedRequest call = local.describes().get(0);
    assertEquals("us-east-1", call.region());
    assertEquals(List.of("acme-dr-backups"), call.filters().get("bucket"));
    assertEquals(List.of("Completed"), call.filters().get("task-state"));
  }

  @Test
  void regionsAreCalledInParallel() throws SQLException {
    // Each call is answered only once all three wait at once (or after 10 s): calls made one by one show as
    // one in flight at a time, whatever the machine's speed.
    local.aws.faults().add(FaultRule.heldUntil("DescribeStoreImageTasks", 3, Duration.ofSeconds(10)));
    // A connection of its own, whose fetch threads carry no abort left by another test's failed query.
    try (Connection own = local.connect(DEMO_REGIONS)) {
      assertEquals(allDemoRows, sorted(LocalEndpoint.query(own, "SELECT * FROM " + TABLE)));
    } finally {
      local.aws.faults().reset(1);
    }
    assertEquals(3, local.aws.requestLog().maxInFlight());
  }

  @Test
  void regionPredicatesChooseTheRegionsCalled() throws SQLException {
    List<Map<String, Object>> rows = query("SELECT * FROM " + TABLE + " WHERE region IN ('us-west-2', 'eu-west-1')");
    assertEquals(expected(r -> !r.get("region").equals("us-east-1")), rows);
    assertEquals(Set3.of("us-west-2", "eu-west-1"),
        local.describes().stream().map(LoggedRequest::region).collect(Collectors.toSet()));
    assertEquals(2, local.describes().size());
  }

  @Test
  void pushdownNeverChangesTheAnswerOnDataBuiltToShowADifference() throws SQLException {
    // ami-...003 was stored twice in 31 days: EC2's ImageIds would answer only its latest task.
    Map<String, List<String>> values = Map.of(
        "amiId", List.of("ami-0a1b2c3d4e5f60003", "ami-0a1b2c3d4e5f60001"),
        "bucket", List.of("acme-ami-archive", "acme-dr-backups"),
        "storeTaskState", List.of("Completed", "Failed", "InProgress"),
        "region", List.of("us-east-1", "eu-west-1"));
    for (Map.Entry<String, List<String>> column : values.entrySet()) {
      for (String value : column.getValue()) {
        String pushed = column.getKey() + " = '" + value + "'";
        String notPushed = column.getKey() + " LIKE '" + value + "'";
        List<Map<String, Object>> rows = query("SELECT * FROM " + TABLE + " WHERE " + pushed);
        assertEquals(query("SELECT * FROM " + TABLE + " WHERE " + notPushed), rows, pushed);
        assertFalse(rows.isEmpty(), pushed);
      }
    }
    assertEquals(2, query("SELECT * FROM " + TABLE + " WHERE amiId = 'ami-0a1b2c3d4e5f60003'").size());
    local.aws.requestLog().clear();
    try (Connection c = DriverManager.getConnection(local.url(DEMO_REGIONS, "pushIdLists=true"))) {
      assertEquals(1,
          LocalEndpoint.query(c, "SELECT * FROM " + TABLE + " WHERE amiId = 'ami-0a1b2c3d4e5f60003'").size(),
          "the documented cost of pushIdLists=true: the AMI's latest task only");
    }
    assertTrue(local.describes().stream().allMatch(r -> r.list("ImageId").equals(List.of("ami-0a1b2c3d4e5f60003"))));
  }

  @Test
  void withPushIdListsAmiIdGoesIntoImageIdsWithoutMaxResultsAndFiltersAreAppliedLocally() throws SQLException {
    // EC2 ignores Filters when ImageIds are given, so the bucket predicate must still be evaluated here.
    List<Map<String, Object>> rows;
    try (Connection c = DriverManager.getConnection(local.url(DEMO_REGIONS, "pushIdLists=true"))) {
      rows = LocalEndpoint.query(c, "SELECT * FROM " + TABLE + " WHERE region = 'us-east-1'"
          + " AND amiId IN ('ami-0a1b2c3d4e5f60001', 'ami-0a1b2c3d4e5f60002') AND bucket = 'acme-ami-archive'");
    }
    assertEquals(1, rows.size());
    assertEquals("ami-0a1b2c3d4e5f60001", rows.get(0).get("amiId"));
    LoggedRequest call = local.describes().get(0);
    assertEquals(List.of("ami-0a1b2c3d4e5f60001", "ami-0a1b2c3d4e5f60002"), call.list("ImageId"));
    assertNull(call.parameter("MaxResults"), "MaxResults with ImageIds is InvalidParameterCombination");
    assertTrue(call.filters().isEmpty());
  }

  @Test
  void withPushIdListsFortyFiveAmiIdsAreThreeCallsOfAtMostTwenty() throws SQLException {
    List<String> ids = IntStream.range(0, 45).mapToObj(SeedGenerator::amiId).toList();
    String in = ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
    // Each call is answered only once all three wait at once (or after 10 s).
    local.aws.faults().add(FaultRule.heldUntil("DescribeStoreImageTasks", 3, Duration.ofSeconds(10)));
    try (Connection c = DriverManager.getConnection(local.url(LocalEndpoint.GENERATED_REGION, "pushIdLists=true"))) {
      List<Map<String, Object>> rows =
          LocalEndpoint.query(c, "SELECT amiId FROM " + TABLE + " WHERE amiId IN (" + in + ")");
      assertEquals(new HashSet<>(ids), rows.stream().map(r -> r.get("amiId")).collect(Collectors.toSet()));
    } finally {
      local.aws.faults().reset(1);
    }
    assertEquals(3, local.aws.requestLog().maxInFlight(), "the three batches are called in parallel");
    List<Integer> batchSizes = local.describes().stream().map(r -> r.list("ImageId").size()).sorted().toList();
    assertEquals(List.of(5, 20, 20), batchSizes);
    List<String> sent = new ArrayList<>();
    local.describes().forEach(r -> sent.addAll(r.list("ImageId")));
    assertEquals(new HashSet<>(ids), new HashSet<>(sent));
    assertEquals(45, sent.size(), "no id sent twice");
  }

  @Test
  void predicatesTheApiCannotEvaluateAreLeftToCalcite() throws SQLException {
    Map<String, Predicate<Map<String, Object>>> cases = Map.of(
        "progressPercentage > 40", r -> (Integer) r.get("progressPercentage") > 40,
        "bucket LIKE 'acme-ami%'", r -> ((String) r.get("bucket")).startsWith("acme-ami"),
        "storeTaskFailureReason IS NULL", r -> r.get("storeTaskFailureReason") == null,
        "bucket = 'acme-dr-backups' OR storeTaskState = 'Failed'",
            r -> r.get("bucket").equals("acme-dr-backups") || r.get("storeTaskState").equals("Failed"),
        "UPPER(storeTaskState) = 'FAILED'", r -> r.get("storeTaskState").equals("Failed"));
    for (Map.Entry<String, Predicate<Map<String, Object>>> c : cases.entrySet()) {
      local.aws.requestLog().clear();
      List<Map<String, Object>> rows = query("SELECT * FROM " + TABLE + " WHERE " + c.getKey());
      assertEquals(expected(c.getValue()), rows, c.getKey());
      assertFalse(rows.isEmpty(), c.getKey() + " should match demo rows");
      local.describes().forEach(r -> assertTrue(r.filters().isEmpty(), c.getKey() + " sent filters"));
    }
  }

  @Test
  void mixedPushableAndLocalPredicates() throws SQLException {
    List<Map<String, Object>> rows = query("SELECT * FROM " + TABLE
        + " WHERE storeTaskState = 'Completed' AND taskStartTime > TIMESTAMP '2026-02-20 00:00:00'"
        + " AND bucket <> 'acme-dr-backups'");
    assertEquals(expected(r -> r.get("storeTaskState").equals("Completed")
        && ((Timestamp) r.get("taskStartTime")).toInstant().isAfter(Instant.parse("2026-02-20T00:00:00Z"))
        && !r.get("bucket").equals("acme-dr-backups")), rows);
    local.describes().forEach(r -> assertEquals(Map.of("task-state", List.of("Completed")), r.filters()));
  }

  @Test
  void contradictoryEqualitiesSendNothing() throws SQLException {
    assertTrue(query("SELECT * FROM " + TABLE + " WHERE bucket = 'a' AND bucket = 'b'").isEmpty());
    assertEquals(0, local.describes().size());
  }

  @Test
  void limitStopsAfterTheFirstPage() throws SQLException {
    try (Connection c = local.connect(LocalEndpoint.GENERATED_REGION)) {
      assertEquals(5, LocalEndpoint.query(c, "SELECT * FROM " + TABLE + " LIMIT 5").size());
    }
    assertEquals(1, local.describes().size());
  }

  @Test
  void limitAsksForNoMoreRowsThanItNeeds() throws SQLException {
    try (Connection c = local.connect(LocalEndpoint.GENERATED_REGION)) {
      List<Map<String, Object>> all = LocalEndpoint.query(c, "SELECT amiId FROM " + TABLE);
      local.aws.requestLog().clear();
      List<Map<String, Object>> five = LocalEndpoint.query(c, "SELECT amiId FROM " + TABLE + " LIMIT 5");
      assertEquals(all.subList(0, 5), five, "the API's order, first five");
      assertEquals(List.of("5"), local.describes().stream().map(r -> r.parameter("MaxResults")).toList());

      local.aws.requestLog().clear();
      assertEquals(all.subList(0, 200), LocalEndpoint.query(c, "SELECT amiId FROM " + TABLE + " LIMIT 200"));
      assertEquals(1, local.describes().size(), "200 rows are one full page: no page ahead");

      local.aws.requestLog().clear();
      assertEquals(all.subList(10, 310),
          LocalEndpoint.query(c, "SELECT amiId FROM " + TABLE + " LIMIT 300 OFFSET 10"));
      assertEquals(List.of("200", "200"), local.describes().stream().map(r -> r.parameter("MaxResults")).toList(),
          "310 rows needed: two pages of the largest size");
    }
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void limitIsPushedTheSameThroughServe(Clients client) throws Exception {
    try (Clients.Opened opened = new Clients.Opened()) {
      Connection c = client.connect(opened, local.aws.endpoint().toString(), AccessKey.DEMO,
          LocalEndpoint.GENERATED_REGION);
      local.aws.requestLog().clear();
      assertEquals(7, LocalEndpoint.query(c, "SELECT amiId FROM " + TABLE + " LIMIT 7").size());
      assertEquals(List.of("7"), local.describes().stream().map(r -> r.parameter("MaxResults")).toList());
    }
  }

  @Test
  void limitWithEveryPredicatePushedStillAnswersRight() throws SQLException {
    List<Map<String, Object>> rows = query("SELECT amiId, bucket FROM " + TABLE
        + " WHERE storeTaskState = 'Completed' LIMIT 2");
    List<Map<String, Object>> completed = query("SELECT amiId, bucket FROM " + TABLE
        + " WHERE storeTaskState = 'Completed'");
    assertTrue(completed.size() > 2, "the demo data needs more than 2 completed tasks");
    assertEquals(2, rows.size());
    assertTrue(completed.containsAll(rows));
    local.aws.requestLog().clear();
    query("SELECT amiId, bucket FROM " + TABLE + " WHERE storeTaskState = 'Completed' LIMIT 2");
    assertFalse(local.describes().isEmpty());
    local.describes().forEach(r -> assertEquals("2", r.parameter("MaxResults"), r.toString()));
    String plan = query("EXPLAIN PLAN FOR SELECT amiId FROM " + TABLE + " WHERE storeTaskState = 'Completed' LIMIT 2")
        .get(0).values().iterator().next().toString();
    assertTrue(plan.contains("ROWS_NEEDED(2"), plan);
  }

  @Test
  void limitOverALocalPredicateKeepsFullPages() throws SQLException {
    try (Connection c = local.connect(LocalEndpoint.GENERATED_REGION)) {
      List<Map<String, Object>> expected = LocalEndpoint.query(c,
          "SELECT amiId FROM " + TABLE + " WHERE progressPercentage < 50").subList(0, 3);
      local.aws.requestLog().clear();
      assertEquals(expected, LocalEndpoint.query(c,
          "SELECT amiId FROM " + TABLE + " WHERE progressPercentage < 50 LIMIT 3"));
      local.describes().forEach(r -> assertEquals("200", r.parameter("MaxResults"),
          "Calcite filters these rows, so 3 matching rows may need many API rows"));
    }
  }

  @Test
  void limitAcrossRegionsAsksTheNextRegionOnlyWhenShort() throws SQLException {
    List<Map<String, Object>> one = query("SELECT region, amiId FROM " + TABLE + " LIMIT 1");
    assertEquals(1, one.size());
    assertEquals(1, local.describes().size(), "one row needed, the first region has it: " + local.describes());
    local.aws.requestLog().clear();
    int all = query("SELECT amiId FROM " + TABLE).size();
    local.aws.requestLog().clear();
    assertEquals(all, query("SELECT region, amiId FROM " + TABLE + " LIMIT " + (all + 5)).size());
    assertEquals(3, local.describes().size(), "every region asked once, one after another");
  }

  @Test
  void fullScanPagesThroughEveryTaskOnce() throws SQLException {
    try (Connection c = local.connect(LocalEndpoint.GENERATED_REGION)) {
      List<Map<String, Object>> rows = LocalEndpoint.query(c, "SELECT amiId FROM " + TABLE);
      assertEquals(LocalEndpoint.GENERATED, rows.size());
      assertEquals(LocalEndpoint.GENERATED, rows.stream().map(r -> r.get("amiId")).distinct().count());
    }
    assertEquals(5, local.describes().size(), "1,000 tasks in pages of 200");
  }

  @Test
  void joinsAndAggregatesWork() throws SQLException {
    List<Map<String, Object>> byState = query("SELECT storeTaskState, COUNT(*) AS tasks FROM " + TABLE
        + " GROUP BY storeTaskState ORDER BY storeTaskState");
    Map<Object, Long> expected = allDemoRows.stream()
        .collect(Collectors.groupingBy(r -> r.get("storeTaskState"), Collectors.counting()));
    assertEquals(expected.size(), byState.size());
    for (Map<String, Object> row : byState) {
      assertEquals(expected.get(row.get("storeTaskState")), ((Number) row.get("tasks")).longValue());
    }
    List<Map<String, Object>> retried = query("SELECT a.amiId, a.taskStartTime AS first, b.taskStartTime AS latest"
        + " FROM " + TABLE + " a JOIN " + TABLE + " b ON a.amiId = b.amiId AND a.taskStartTime < b.taskStartTime");
    assertEquals(1, retried.size(), "ami-0a1b2c3d4e5f60003 was stored twice");
    assertEquals("ami-0a1b2c3d4e5f60003", retried.get(0).get("amiId"));
  }

  private static List<Map<String, Object>> query(String sql) throws SQLException {
    return sorted(LocalEndpoint.query(demo, sql));
  }

  private static List<Map<String, Object>> expected(Predicate<Map<String, Object>> predicate) {
    return sorted(allDemoRows.stream().filter(predicate).toList());
  }

  /** Rows in a fixed order: the SQL has no ORDER BY, and regions arrive in parallel. */
  private static List<Map<String, Object>> sorted(List<Map<String, Object>> rows) {
    return rows.stream().sorted((a, b) -> Objects.toString(a).compareTo(Objects.toString(b))).toList();
  }

  /** Set.of that reads well for expected values. */
  private static final class Set3 {
    static Set<Object> of(Object... values) {
      return new HashSet<>(List.of(values));
    }
  }
}
