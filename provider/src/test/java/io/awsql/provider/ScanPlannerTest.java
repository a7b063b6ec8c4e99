package io.awsql.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.awsql.provider.ec2.ImagesResource;
import io.awsql.provider.ec2.StoreImageTasksResource;
import io.awsql.provider.medicalimaging.ImageSetVersionsResource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each step of {@link ScanPlanner} on its own, and whole plans: no request is sent (the accounts are given,
 * so no STS call is needed either).
 */
class ScanPlannerTest {
  private static final RelDataTypeFactory TYPES = new JavaTypeFactoryImpl();
  private static final RexBuilder REX = new RexBuilder(TYPES);
  private static final RelDataType VARCHAR = TYPES.createSqlType(SqlTypeName.VARCHAR);
  // store_image_tasks fields: region 0, account 1, amiId 2, taskStartTime 3, bucket 4, ..., storeTaskState 7
  private static final int REGION = 0;
  private static final int ACCOUNT = 1;
  private static final int AMI_ID = 2;
  private static final int BUCKET = 4;
  private static final int PROGRESS = 6;
  private static final int STATE = 7;

  private final List<AwsClients> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(AwsClients::close);
  }

  private <T> ScanPlanner<T> planner(ResourceDefinition<T> definition, String... pairs) {
    Properties p = new Properties();
    p.setProperty("region", "us-east-1,eu-west-1");
    p.setProperty("endpoint", "http://127.0.0.1:9");
    p.setProperty("accessKeyId", "AKIAEXAMPLE");
    p.setProperty("secretAccessKey", "example");
    p.setProperty("accounts", "111111111111,222222222222");
    p.setProperty("roleName", "Inventory");
    for (int i = 0; i < pairs.length; i += 2) {
      p.setProperty(pairs[i], pairs[i + 1]);
    }
    ConnectionSettings settings = ConnectionSettings.from(p);
    AwsClients clients = new AwsClients(settings);
    opened.add(clients);
    return new ScanPlanner<>(definition, clients, settings);
  }

  private static RexNode eq(int field, String value) {
    return REX.makeCall(SqlStdOperatorTable.EQUALS, REX.makeInputRef(VARCHAR, field), REX.makeLiteral(value));
  }

  private static RexNode in(int field, String... values) {
    return REX.makeIn(REX.makeInputRef(VARCHAR, field), List.of(values).stream().map(v -> (RexNode) REX.makeLiteral(v))
        .toList());
  }

  private static RexNode and(RexNode... conjuncts) {
    return REX.makeCall(SqlStdOperatorTable.AND, conjuncts);
  }

  @Test
  void pushedTakesTheEqualitiesTheApiCanTakeAndIntersectsRepeats() {
    ScanPlanner<?> planner = planner(StoreImageTasksResource.DEFINITION);
    RexNode bucket = in(BUCKET, "a", "b");
    RexNode bucketAgain = in(BUCKET, "b", "c");
    RexNode like = REX.makeCall(SqlStdOperatorTable.LIKE, REX.makeInputRef(VARCHAR, 5), REX.makeLiteral("x%"));
    ScanPlanner.Pushed pushed = planner.pushed(List.of(bucket, bucketAgain, like, eq(REGION, "us-east-1"),
        eq(AMI_ID, "ami-12345678")), null);
    assertEquals(Map.of(BUCKET, Set.of("b"), REGION, Set.of("us-east-1")), pushed.values(),
        "amiId is an id list, pushed only with pushIdLists=true; LIKE never");
    assertEquals(List.of(bucket, bucketAgain), pushed.predicates().get(BUCKET));
    assertEquals(Set.of("ami-12345678"), planner(StoreImageTasksResource.DEFINITION, "pushIdLists", "true")
        .pushed(List.of(eq(AMI_ID, "ami-12345678")), null).values().get(AMI_ID));
  }

  @Test
  void regionsAreTheNamedOnesCheckedElseTheConnections() {
    ScanPlanner<?> planner = planner(StoreImageTasksResource.DEFINITION);
    assertEquals(List.of("us-east-1", "eu-west-1"), planner.regions(planner.pushed(List.of(), null)));
    assertEquals(List.of("ap-south-1"), planner.regions(planner.pushed(List.of(eq(REGION, "ap-south-1")), null)));
    AwsQueryException bad = assertThrows(AwsQueryException.class,
        () -> planner.regions(planner.pushed(List.of(eq(REGION, "US-EAST-1")), null)));
    assertEquals("22023", bad.sqlState());
  }

  @Test
  void accountsNamedMustBeTheConnections() {
    ScanPlanner<?> planner = planner(StoreImageTasksResource.DEFINITION);
    assertEquals(List.of("account 222222222222"), planner.accountsNamed(Set.of("222222222222")).stream()
        .map(Account::describe).toList());
    AwsQueryException notOurs = assertThrows(AwsQueryException.class,
        () -> planner.accountsNamed(Set.of("333333333333", "222222222222")));
    assertTrue(notOurs.getMessage().startsWith("account 333333333333 is not among the connection's accounts "
        + "(111111111111, 222222222222)"), notOurs.getMessage());
    assertEquals("22023", assertThrows(AwsQueryException.class, () -> planner.accountsNamed(Set.of("12"))).sqlState());
  }

  @Test
  void apiFiltersLeaveWildcardValuesToCalcite() {
    ScanPlanner<?> planner = planner(StoreImageTasksResource.DEFINITION);
    assertEquals(Map.of("task-state", List.of("Completed")), planner.apiFilters(planner.pushed(List.of(
        eq(STATE, "Completed"), eq(BUCKET, "acme-*")), null)), "EC2 would read * as a wildcard");
  }

  @Test
  void idListsAreBatchedAtTheApisLimit() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      ids.add(String.format("ami-%08x", i));
    }
    ScanPlanner.IdList list = new ScanPlanner.IdList(AMI_ID, "ImageIds", ids, 20);
    assertEquals(List.of(20, 20, 5), list.batches().stream().map(List::size).toList());
  }

  @Test
  void requiredParametersMustAllBeGivenInTheApisForm() {
    ResourceDefinition<?> versions = ImageSetVersionsResource.DEFINITION;
    String store = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    String set = "99999999999999999999999999999999";
    assertEquals(Map.of("datastoreId", List.of(store), "imageSetId", List.of(set)),
        ScanPlanner.requiredParameters(versions, Map.of(2, Set.of(store), 3, Set.of(set))));
    AwsQueryException missing = assertThrows(AwsQueryException.class,
        () -> ScanPlanner.requiredParameters(versions, Map.of(2, Set.of(store))));
    assertEquals("42000", missing.sqlState());
    assertTrue(missing.getMessage().contains("imageSetId is missing"), missing.getMessage());
    AwsQueryException malformed = assertThrows(AwsQueryException.class,
        () -> ScanPlanner.requiredParameters(versions, Map.of(2, Set.of("nope"), 3, Set.of(set))));
    assertEquals("22023", malformed.sqlState());
    assertEquals(Set.of(Map.of("a", "1", "b", "3"), Map.of("a", "1", "b", "4"), Map.of("a", "2", "b", "3"),
        Map.of("a", "2", "b", "4")), Set.copyOf(ScanPlanner.combinations(Map.of("a", List.of("1", "2"), "b",
        List.of("3", "4")))), "one call per combination of one value per parameter");
  }

  @Test
  void defaultParametersGiveWayToTheFiltersThatNameWhatToList() {
    ResourceDefinition<?> images = ImagesResource.DEFINITION;
    assertEquals(Map.of("Owners", List.of("self")), ScanPlanner.defaultParameters(images, Map.of()));
    assertEquals(Map.of("Owners", List.of("self")), ScanPlanner.defaultParameters(images,
        Map.of("state", List.of("available"))));
    assertEquals(Map.of(), ScanPlanner.defaultParameters(images, Map.of("owner-id", List.of("137112412989"))));
  }

  @Test
  void pageSizeIsTheApisLargestOrWhatALimitNeeds() {
    ResourceDefinition<?> tasks = StoreImageTasksResource.DEFINITION;
    assertEquals(200, ScanPlanner.pageSize(tasks, false, 0));
    assertEquals(7, ScanPlanner.pageSize(tasks, false, 7));
    assertEquals(200, ScanPlanner.pageSize(tasks, false, 5000));
    assertNull(ScanPlanner.pageSize(tasks, true, 0), "EC2 refuses MaxResults with ImageIds");
    assertEquals(5, ScanPlanner.pageSize(ImagesResource.DEFINITION, false, 1), "DescribeImages takes 5 at least");
  }

  @Test
  void aWholePlanFansOutOverAccountsAndRegionsAndLeavesTheRestToCalcite() {
    ScanPlanner<?> planner = planner(StoreImageTasksResource.DEFINITION);
    RexNode progress = REX.makeCall(SqlStdOperatorTable.GREATER_THAN, REX.makeInputRef(
        TYPES.createSqlType(SqlTypeName.INTEGER), PROGRESS), REX.makeExactLiteral(BigDecimal.TEN));
    List<RexNode> filters = new ArrayList<>(List.of(and(eq(STATE, "Failed"), progress)));
    ScanPlan plan = planner.plan(filters, null);
    assertEquals(List.of(progress), filters, "only what AWS does not evaluate stays");
    assertEquals(Set.of("account 111111111111 us-east-1", "account 111111111111 eu-west-1",
        "account 222222222222 us-east-1", "account 222222222222 eu-west-1"), plan.calls().stream()
        .map(c -> c.account().describe() + " " + c.region()).collect(Collectors.toSet()));
    plan.calls().forEach(c -> assertEquals(Map.of("task-state", List.of("Failed")), c.filters()));
    assertEquals("DescribeStoreImageTasks × 4 calls: accounts 111111111111, 222222222222; "
        + "regions us-east-1, eu-west-1; Filter task-state=[Failed]; page size 200; Calcite evaluates >($6, 10)",
        ScanExplanation.of(StoreImageTasksResource.DEFINITION, plan));
  }

  @Test
  void contradictoryEqualitiesMakeNoCall() {
    ScanPlanner<?> planner = planner(StoreImageTasksResource.DEFINITION);
    ScanPlan plan = planner.plan(new ArrayList<>(List.of(and(eq(BUCKET, "a"), eq(BUCKET, "b")))), null);
    assertEquals(List.of(), plan.calls());
  }

  @Test
  void tooManyCallsFailBeforeAnyRequest() {
    ScanPlanner<?> planner = planner(ImageSetVersionsResource.DEFINITION, "maxCallsPerQuery", "7");
    String[] stores = new String[2];
    stores[0] = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    stores[1] = "b1b2c3d4e5f60718293a4b5c6d7e8f90";
    AwsQueryException e = assertThrows(AwsQueryException.class, () -> planner.plan(new ArrayList<>(List.of(
        and(in(2, stores), eq(3, "99999999999999999999999999999999")))), null));
    assertEquals("54000", e.sqlState());
    assertTrue(e.getMessage().contains("would make 8 listing calls (2 accounts × 2 region(s) × 2 id batches or "
        + "value combinations)"), e.getMessage());
  }
}
