package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.awsql.localaws.LoggedRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code aws.ec2.images} against local-aws: the account's own images by default, widened by the columns
 * that name images, each pushdown checked in the request sent, and the answer exact whatever is pushed.
 */
class ImagesTest {
  private static final String TABLE = "aws.ec2.images";
  private static final String AMAZON = "137112412989";
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
        + " ORDER BY imageId");
  }

  private LoggedRequest onlyCall() {
    List<LoggedRequest> calls = local.aws.requestLog().forAction("DescribeImages");
    assertEquals(1, calls.size(), calls.toString());
    return calls.get(0);
  }

  @Test
  void byDefaultTheAccountsOwnImages() throws SQLException {
    List<Map<String, Object>> rows = query("");
    assertEquals(7, rows.size());
    assertTrue(rows.stream().allMatch(r -> r.get("ownerId").equals("123456789012") && r.get("public").equals(false)));
    LoggedRequest call = onlyCall();
    assertEquals(List.of("self"), call.list("Owner"));
    assertEquals("1000", call.parameter("MaxResults"));
    Map<String, Object> first = rows.get(0);
    assertTrue(((String) first.get("tags")).startsWith("{\"env\":\"demo\""), String.valueOf(first.get("tags")));
    assertTrue(((String) first.get("blockDeviceMappings")).contains("\"snapshotId\""),
        String.valueOf(first.get("blockDeviceMappings")));
  }

  @Test
  void aSmallLimitAsksForTheApisSmallestPage() throws SQLException {
    List<Map<String, Object>> two = LocalEndpoint.query(east, "SELECT imageId FROM " + TABLE
        + " WHERE state = 'available' LIMIT 2");
    assertEquals(2, two.size());
    assertEquals("5", onlyCall().parameter("MaxResults"), "DescribeImages takes 5 to 1000");
  }

  @Test
  void ownerAndImageColumnsWidenTheScopeToWhatTheyName() throws SQLException {
    assertEquals(2, query("ownerId = '" + AMAZON + "'").size());
    LoggedRequest byOwner = onlyCall();
    assertEquals(Map.of("owner-id", List.of(AMAZON)), byOwner.filters());
    assertTrue(byOwner.list("Owner").isEmpty(), "no Owners=self when the query names an owner");

    local.aws.requestLog().clear();
    List<Map<String, Object>> amazon = query("imageOwnerAlias = 'amazon'");
    assertEquals(2, amazon.size());
    assertEquals(Map.of("owner-alias", List.of("amazon")), onlyCall().filters());

    local.aws.requestLog().clear();
    String publicId = (String) amazon.get(0).get("imageId");
    assertEquals(1, query("imageId = '" + publicId + "'").size(), "a public image by its id");
    assertEquals(Map.of("image-id", List.of(publicId)), onlyCall().filters());

    local.aws.requestLog().clear();
    assertEquals(0, query("imageId = 'ami-0123456789abcdef0'").size(), "an unknown id is no row, not an error");
  }

  @Test
  void attributeFiltersArePushedAndEvaluatedExactly() throws SQLException {
    List<Map<String, Object>> arm = query("architecture = 'arm64' AND state = 'available' AND rootDeviceType = 'ebs'"
        + " AND virtualizationType = 'hvm' AND imageType = 'machine'");
    assertEquals(3, arm.size());
    LoggedRequest call = onlyCall();
    assertEquals(Map.of("architecture", List.of("arm64"), "state", List.of("available"), "root-device-type",
        List.of("ebs"), "virtualization-type", List.of("hvm"), "image-type", List.of("machine")), call.filters());
    assertEquals(List.of("self"), call.list("Owner"));

    local.aws.requestLog().clear();
    assertEquals(2, query("platform = 'windows'").size());
    assertEquals(Map.of("platform", List.of("windows")), onlyCall().filters());

    local.aws.requestLog().clear();
    assertEquals(1, query("name IN ('inventory-service-2024.1')").size());
    assertEquals(Map.of("name", List.of("inventory-service-2024.1")), onlyCall().filters());
  }

  @Test
  void aValueWithAWildcardIsNoEqualityAndStaysLocal() throws SQLException {
    assertEquals(0, LocalEndpoint.query(east, "SELECT * FROM " + TABLE + " WHERE imageOwnerAlias = 'amazon'"
        + " AND name = 'al2023-*'").size(), "no image is named al2023-* (EC2 would take it as a pattern)");
    LoggedRequest call = onlyCall();
    assertNull(call.filters().get("name"));
    assertEquals(2, LocalEndpoint.query(east, "SELECT * FROM " + TABLE + " WHERE imageOwnerAlias = 'amazon'"
        + " AND name LIKE 'al2023-%'").size());
  }

  @Test
  void storeTasksWithTheirAmiNames() throws SQLException {
    List<Map<String, Object>> rows = LocalEndpoint.query(east, "SELECT t.amiId, i.name, t.storeTaskState"
        + " FROM aws.ec2.store_image_tasks t JOIN aws.ec2.images i ON i.imageId = t.amiId AND i.region = t.region"
        + " ORDER BY t.taskStartTime DESC");
    assertEquals(6, rows.size());
    assertTrue(rows.stream().allMatch(r -> ((String) r.get("name")).startsWith("inventory-service-")), rows.toString());
  }
}
