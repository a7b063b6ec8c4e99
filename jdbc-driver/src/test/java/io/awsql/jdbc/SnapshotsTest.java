package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.awsql.localaws.LoggedRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code aws.ec2.snapshots} against local-aws: the account's own snapshots by default, widened by the columns
 * that name snapshots, each pushdown checked in the request sent, and the joins with {@code aws.ec2.images} an
 * inventory makes (the AMIs' snapshots, and the orphans no AMI uses).
 */
class SnapshotsTest {
  private static final String TABLE = "aws.ec2.snapshots";
  private static final String AMAZON = "137112412989";
  /** us-east-1 of the base account: a snapshot for each of its 7 AMIs and 2 that no AMI uses. */
  private static final int OWN = 9;
  private static LocalEndpoint local;
  private static Connection east;

  @BeforeAll
  static void start() throws SQLException {
    local = new LocalEndpoint();
    east = local.connect("us-east-1");
  }

  @AfterAll
  static void stop() throws SQLException {
    east.close();
    local.close();
  }

  @BeforeEach
  void clear() {
    local.aws.requestLog().clear();
  }

  private List<Map<String, Object>> query(String where) throws SQLException {
    return LocalEndpoint.query(east, "SELECT * FROM " + TABLE + (where.isEmpty() ? "" : " WHERE " + where)
        + " ORDER BY snapshotId");
  }

  private LoggedRequest onlyCall() {
    List<LoggedRequest> calls = local.aws.requestLog().forAction("DescribeSnapshots");
    assertEquals(1, calls.size(), calls.toString());
    return calls.get(0);
  }

  private static Set<Object> column(List<Map<String, Object>> rows, String name) {
    Set<Object> values = new TreeSet<>();
    rows.forEach(r -> values.add(r.get(name)));
    return values;
  }

  @Test
  void byDefaultTheAccountsOwnSnapshots() throws SQLException {
    List<Map<String, Object>> rows = query("");
    assertEquals(OWN, rows.size());
    assertTrue(rows.stream().allMatch(r -> r.get("ownerId").equals("123456789012") && r.get("ownerAlias") == null
        && r.get("account").equals("123456789012") && r.get("region").equals("us-east-1")), rows.toString());
    LoggedRequest call = onlyCall();
    assertEquals(List.of("self"), call.list("Owner"), "OwnerIds=self, as Owner.1 on the wire");
    assertEquals("1000", call.parameter("MaxResults"));
    assertTrue(call.filters().isEmpty());

    Map<String, Object> first = rows.get(0);
    assertEquals("snap-00000000000000001", first.get("snapshotId"), "the first AMI's snapshot");
    assertEquals("completed", first.get("state"));
    assertEquals("100%", first.get("progress"));
    assertInstanceOf(Timestamp.class, first.get("startTime"));
    assertEquals(8, first.get("volumeSize"));
    assertEquals(false, first.get("encrypted"));
    assertNull(first.get("kmsKeyId"));
    assertEquals("standard", first.get("storageTier"));
    assertEquals("{\"env\":\"demo\",\"team\":\"platform\"}", first.get("tags"));
    assertTrue(((String) first.get("volumeId")).startsWith("vol-0"));
    Map<String, Object> pending = rows.stream().filter(r -> r.get("state").equals("pending")).findFirst().orElseThrow();
    assertEquals("63%", pending.get("progress"));
    assertEquals(true, pending.get("encrypted"));
    assertTrue(((String) pending.get("kmsKeyId")).startsWith("arn:aws:kms:us-east-1:123456789012:key/"));
    assertEquals("nightly", LocalEndpoint.query(east, "SELECT JSON_VALUE(tags, '$.backup') AS b FROM " + TABLE
        + " WHERE state = 'pending'").get(0).get("b"));
  }

  @Test
  void stateAndIdsArePushedAsFilters() throws SQLException {
    List<Map<String, Object>> completed = query("state = 'completed'");
    assertEquals(OWN - 1, completed.size());
    assertTrue(completed.stream().allMatch(r -> r.get("state").equals("completed")));
    LoggedRequest call = onlyCall();
    assertEquals(Map.of("status", List.of("completed")), call.filters());
    assertEquals(List.of("self"), call.list("Owner"), "a state does not name snapshots: still the account's own");

    local.aws.requestLog().clear();
    List<Map<String, Object>> two = query("snapshotId IN ('snap-00000000000000002', 'snap-00000000000000005')");
    assertEquals(List.of("snap-00000000000000002", "snap-00000000000000005"),
        two.stream().map(r -> r.get("snapshotId")).toList());
    call = onlyCall();
    assertEquals(Set.of("snap-00000000000000002", "snap-00000000000000005"),
        Set.copyOf(call.filters().get("snapshot-id")));
    assertTrue(call.list("Owner").isEmpty(), "ids name what to list: no OwnerIds=self");
    assertTrue(call.list("SnapshotId").isEmpty(), "ids go as the snapshot-id filter, not SnapshotId.N");

    local.aws.requestLog().clear();
    assertEquals(0, query("snapshotId = 'snap-0123456789abcdef0'").size(), "an unknown id is no row, not an error");

    local.aws.requestLog().clear();
    assertEquals(1, query("storageTier = 'archive' AND volumeId LIKE 'vol-%'").size());
    assertEquals(Map.of("storage-tier", List.of("archive")), onlyCall().filters());
  }

  @Test
  void anOwnerColumnDropsTheDefaultOwners() throws SQLException {
    List<Map<String, Object>> amazon = query("ownerId = '" + AMAZON + "'");
    assertEquals(1, amazon.size());
    assertEquals("amazon", amazon.get(0).get("ownerAlias"));
    LoggedRequest call = onlyCall();
    assertEquals(Map.of("owner-id", List.of(AMAZON)), call.filters());
    assertTrue(call.list("Owner").isEmpty(), "no OwnerIds=self when the query names an owner");

    local.aws.requestLog().clear();
    assertEquals(column(amazon, "snapshotId"), column(query("ownerAlias = 'amazon'"), "snapshotId"));
    assertEquals(Map.of("owner-alias", List.of("amazon")), onlyCall().filters());

    local.aws.requestLog().clear();
    String publicId = (String) amazon.get(0).get("snapshotId");
    assertEquals(1, query("snapshotId = '" + publicId + "'").size(), "a public snapshot by its id");
  }

  @Test
  void aValueWithAWildcardIsNoEqualityAndStaysLocal() throws SQLException {
    assertEquals(0, query("snapshotId = 'snap-0*'").size(), "no snapshot has the id snap-0* (EC2: a pattern)");
    LoggedRequest call = onlyCall();
    assertNull(call.filters().get("snapshot-id"));
    assertEquals(List.of("self"), call.list("Owner"), "a wildcard names nothing: the default scope stays");

    local.aws.requestLog().clear();
    assertEquals(0, query("state = 'complete?'").size());
    assertTrue(onlyCall().filters().isEmpty());
    assertEquals(OWN, query("snapshotId LIKE 'snap-0%'").size());
  }

  @Test
  void explainSaysWhatIsAsked() throws SQLException {
    String plan = (String) LocalEndpoint.query(east, "EXPLAIN PLAN FOR SELECT snapshotId FROM " + TABLE)
        .get(0).values().iterator().next();
    assertTrue(plan.contains("aws=[DescribeSnapshots × 1 call: region us-east-1; OwnerIds=self; page size 1000]"),
        plan);
    try (Connection three = local.connect("us-east-1,us-west-2,eu-west-1")) {
      String filtered = (String) LocalEndpoint.query(three, "EXPLAIN PLAN FOR SELECT snapshotId FROM " + TABLE
          + " WHERE state = 'completed' AND volumeSize > 10").get(0).values().iterator().next();
      assertTrue(filtered.contains("aws=[DescribeSnapshots × 3 calls: regions us-east-1, us-west-2, eu-west-1; "
          + "Filter status=[completed]; OwnerIds=self; page size 1000; Calcite evaluates >($7, 10)]"), filtered);
      assertEquals(0, local.aws.requestLog().count("DescribeSnapshots"), "planning sends no request");
    }
  }

  @Test
  void amisWithTheirSnapshotsAndOrphanSnapshots() throws SQLException {
    List<Map<String, Object>> pairs = LocalEndpoint.query(east, "SELECT i.imageId, s.snapshotId, s.volumeSize"
        + " FROM aws.ec2.images i JOIN " + TABLE + " s ON s.account = i.account AND s.region = i.region"
        + " AND i.blockDeviceMappings LIKE '%\"' || s.snapshotId || '\"%' ORDER BY s.snapshotId");
    assertEquals(7, pairs.size(), "every AMI's snapshot exists: " + pairs);
    assertEquals(7, column(pairs, "imageId").size());
    assertTrue(pairs.stream().allMatch(r -> r.get("volumeSize").equals(8)));
    List<Map<String, Object>> byJson = LocalEndpoint.query(east, "SELECT i.imageId, s.snapshotId"
        + " FROM aws.ec2.images i JOIN " + TABLE + " s ON s.account = i.account AND s.region = i.region"
        + " AND JSON_VALUE(i.blockDeviceMappings, '$[0].snapshotId') = s.snapshotId ORDER BY s.snapshotId");
    assertEquals(pairs.stream().map(r -> List.of(r.get("imageId"), r.get("snapshotId"))).toList(),
        byJson.stream().map(r -> List.of(r.get("imageId"), r.get("snapshotId"))).toList());

    List<Map<String, Object>> orphans = LocalEndpoint.query(east, "SELECT s.snapshotId, s.description, s.state"
        + " FROM " + TABLE + " s LEFT JOIN aws.ec2.images i ON i.account = s.account AND i.region = s.region"
        + " AND JSON_VALUE(i.blockDeviceMappings, '$[0].snapshotId') = s.snapshotId"
        + " WHERE i.imageId IS NULL ORDER BY s.snapshotId");
    assertEquals(2, orphans.size(), orphans.toString());
    assertFalse(column(orphans, "snapshotId").stream().anyMatch(column(pairs, "snapshotId")::contains));
    assertEquals(Set.of("completed", "pending"), column(orphans, "state"));
  }
}
