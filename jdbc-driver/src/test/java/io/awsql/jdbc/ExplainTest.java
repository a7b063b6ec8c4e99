package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.awsql.localaws.LoggedRequest;
import io.awsql.localaws.SeedGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * For each pushdown shape, EXPLAIN says what the query will ask AWS, and running it asks exactly that: the
 * plan text, the rows and local-aws's request log agree; in process and through {@code awsql serve}.
 * Planning itself sends no request.
 */
class ExplainTest extends EndpointPerTest {
  private static final String TASKS = "aws.ec2.store_image_tasks";
  private static final String DEMO_REGIONS = "us-east-1,us-west-2,eu-west-1";

  private Connection connect(Clients client, String regions, String... options) throws SQLException {
    return connectTo(client, regions, options);
  }

  /** The {@code aws=[...]} of the plan's only AWS scan; asserts planning sent nothing. */
  private String explain(Connection c, String sql) throws SQLException {
    local.aws.requestLog().clear();
    String plan = (String) LocalEndpoint.query(c, "EXPLAIN PLAN FOR " + sql).get(0).values().iterator().next();
    assertEquals(0, local.aws.requestLog().size(), "planning sends no request: " + local.aws.requestLog());
    int from = plan.indexOf("aws=[");
    assertTrue(from >= 0 && plan.indexOf("aws=[", from + 1) < 0, "one AWS scan: " + plan);
    return plan.substring(from + 5, plan.lastIndexOf(']'));
  }

  /** The query's listing requests (not STS's, which the account column may need once). */
  private List<LoggedRequest> run(Connection c, String sql, int expectedRows) throws SQLException {
    local.aws.requestLog().clear();
    assertEquals(expectedRows, LocalEndpoint.query(c, sql).size(), sql);
    return local.aws.requestLog().all().stream().filter(r -> !"sts".equals(r.service())).toList();
  }

  private static Set<String> regions(List<LoggedRequest> calls) {
    return calls.stream().map(LoggedRequest::region).collect(Collectors.toSet());
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void regionsAndFiltersArePushedAndTheRestIsLeftToCalcite(Clients client) throws SQLException {
    Connection c = connect(client, DEMO_REGIONS);
    String sql = "SELECT amiId FROM " + TASKS + " WHERE region IN ('us-east-1', 'eu-west-1')"
        + " AND storeTaskState = 'Completed' AND bucket LIKE 'acme%'";
    assertEquals("DescribeStoreImageTasks × 2 calls: regions eu-west-1, us-east-1; Filter task-state=[Completed]; "
        + "page size 200; Calcite evaluates LIKE($4, 'acme%')", explain(c, sql));
    List<LoggedRequest> calls = run(c, sql, 4);
    assertEquals(Set.of("us-east-1", "eu-west-1"), regions(calls));
    calls.forEach(r -> assertEquals(List.of("Completed"), r.list("Filter.1.Value")));
    calls.forEach(r -> assertEquals("200", r.parameter("MaxResults")));
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void aWildcardValueStaysWithCalcite(Clients client) throws SQLException {
    Connection c = connect(client, "us-east-1");
    String sql = "SELECT * FROM " + TASKS + " WHERE bucket = 'acme-*'";
    assertEquals("DescribeStoreImageTasks × 1 call: region us-east-1; page size 200; Calcite evaluates "
        + "=($4, 'acme-*')", explain(c, sql));
    assertTrue(run(c, sql, 0).stream().allMatch(r -> r.list("Filter").isEmpty()), "no filter sent");
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void aLimitAsksForNoMoreThanItNeeds(Clients client) throws SQLException {
    Connection c = connect(client, LocalEndpoint.GENERATED_REGION);
    String sql = "SELECT * FROM " + TASKS + " LIMIT 5";
    assertEquals("DescribeStoreImageTasks × 1 call: region ap-southeast-2; page size 5; stops after 5 rows",
        explain(c, sql));
    List<LoggedRequest> calls = run(c, sql, 5);
    assertEquals(List.of("5"), calls.stream().map(r -> r.parameter("MaxResults")).toList());
  }

  @Test
  void idListsAreBatched() throws SQLException {
    List<String> ids = IntStream.range(0, 45).mapToObj(SeedGenerator::amiId).toList();
    String sql = "SELECT amiId FROM " + TASKS + " WHERE amiId IN ("
        + ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", ")) + ")";
    try (Connection c = DriverManager.getConnection(local.url(LocalEndpoint.GENERATED_REGION, "pushIdLists=true"))) {
      assertEquals("DescribeStoreImageTasks × 3 calls: region ap-southeast-2; 45 ids in 3 batches", explain(c, sql));
      assertEquals(List.of(5, 20, 20), run(c, sql, 45).stream().map(r -> r.list("ImageId").size()).sorted()
          .toList());
    }
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void requiredParametersMakeOneCallPerValue(Clients client) throws SQLException {
    Connection c = connect(client, "us-east-1");
    String sql = "SELECT versionId FROM aws.medical_imaging.image_set_versions WHERE datastoreId = '"
        + LocalEndpoint.DATASTORE + "' AND imageSetId IN ('" + LocalEndpoint.LONG_IMAGE_SET
        + "', '0123456789abcdef0123456789abcdef')";
    assertEquals("ListImageSetVersions × 2 calls: region us-east-1; datastoreId=" + LocalEndpoint.DATASTORE
        + "; imageSetId each of [0123456789abcdef0123456789abcdef, " + LocalEndpoint.LONG_IMAGE_SET + "]; page size 50",
        explain(c, sql));
    assertEquals(Set.of(LocalEndpoint.LONG_IMAGE_SET, "0123456789abcdef0123456789abcdef"),
        run(c, sql, LocalEndpoint.LONG_HISTORY + 3).stream().map(r -> r.parameter("imageSetId"))
            .collect(Collectors.toSet()), "the two image sets, each paged");
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void theDefaultOwnerGivesWayToANamedOne(Clients client) throws SQLException {
    Connection c = connect(client, "us-east-1");
    String own = "SELECT imageId FROM aws.ec2.images";
    assertEquals("DescribeImages × 1 call: region us-east-1; Owners=self; page size 1000", explain(c, own));
    assertEquals(List.of(List.of("self")), run(c, own, 7).stream().map(r -> r.list("Owner")).toList());
    String amazon = "SELECT imageId FROM aws.ec2.images WHERE ownerId = '137112412989'";
    assertEquals("DescribeImages × 1 call: region us-east-1; Filter owner-id=[137112412989]; page size 1000",
        explain(c, amazon));
    assertEquals(List.of(List.of()), run(c, amazon, 2).stream().map(r -> r.list("Owner")).toList());
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void accountsAreNamedWhenTheConnectionHasSeveral(Clients client) throws SQLException {
    Connection c = connect(client, "us-east-1", "--accounts", "123456789012,210987654321", "--role-name",
        "Inventory");
    String sql = "SELECT amiId FROM " + TASKS + " WHERE account = '210987654321'";
    assertEquals("DescribeStoreImageTasks × 1 call: account 210987654321; region us-east-1; page size 200",
        explain(c, sql));
    List<LoggedRequest> describes = run(c, sql, 4).stream()
        .filter(r -> r.action().equals("DescribeStoreImageTasks")).toList();
    assertEquals(List.of("210987654321"), describes.stream().map(LoggedRequest::account).toList());
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void aQueryThatWouldFailSaysSoBeforeAnyRequest(Clients client) throws SQLException {
    Connection c = connect(client, "us-east-1");
    assertTrue(explain(c, "SELECT * FROM " + TASKS + " WHERE region = 'nowhere'")
        .startsWith("fails before any request: 'nowhere' is not an AWS region name"));
    assertTrue(explain(c, "SELECT * FROM aws.medical_imaging.image_set_versions")
        .startsWith("fails before any request: aws.medical_imaging.image_set_versions can only be read for given "
            + "datastoreId and imageSetId"));
  }
}
