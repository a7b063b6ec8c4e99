package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.awsql.localaws.AccessKey;
import io.awsql.localaws.Fault;
import io.awsql.localaws.FaultRule;
import io.awsql.localaws.LoggedRequest;
import io.awsql.localaws.SessionCredentials;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Several accounts in one connection, against local-aws: the {@code account} column, roles assumed once per
 * account, {@code account =} pushdown, a role that refuses (failing by default, skipped with a warning under
 * skipErrors), and INSERT into a chosen account; in process and through {@code awsql serve}.
 */
class AccountsTest extends EndpointPerTest {
  static final String BASE = "123456789012";
  static final String SECOND = "210987654321";
  /** local-aws's demo trust rule: this account's roles refuse every caller. */
  static final String REFUSING = "444455556666";
  static final String REGIONS = "us-east-1,us-west-2";
  static final String TWO_ACCOUNTS = BASE + "," + SECOND;

  private Connection connect(Clients client, String accounts, String... more) throws SQLException {
    List<String> options = new ArrayList<>(List.of("--accounts", accounts, "--role-name", "Inventory"));
    options.addAll(List.of(more));
    return connectTo(client, REGIONS, options.toArray(String[]::new));
  }

  private Connection connectAsCaller(Clients client) throws SQLException {
    return connectTo(client, REGIONS);
  }

  /** Store tasks per account and region: {account → {region → amiIds}}. */
  private static Map<String, Map<String, Set<String>>> tasks(Connection c, String where) throws SQLException {
    Map<String, Map<String, Set<String>>> byAccount = new TreeMap<>();
    for (Map<String, Object> row : LocalEndpoint.query(c,
        "SELECT account, region, amiId FROM aws.ec2.store_image_tasks " + where)) {
      byAccount.computeIfAbsent((String) row.get("account"), a -> new TreeMap<>())
          .computeIfAbsent((String) row.get("region"), r -> new TreeSet<>()).add((String) row.get("amiId"));
    }
    return byAccount;
  }

  private List<LoggedRequest> calls(String action) {
    return local.aws.requestLog().forAction(action);
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void rowsOfTwoAccountsInTwoRegionsCarryTheirAccountAndRegion(Clients client) throws SQLException {
    Map<String, Map<String, Set<String>>> both = tasks(connect(client, TWO_ACCOUNTS), "");
    assertEquals(Set.of(BASE, SECOND), both.keySet());
    for (String account : both.keySet()) {
      assertEquals(Set.of("us-east-1", "us-west-2"), both.get(account).keySet(), account);
    }
    // Each account's rows are exactly what that account alone answers, and the two differ.
    assertEquals(both.get(BASE), tasks(connectAsCaller(client), "").get(BASE), "the caller's own rows");
    assertEquals(both.get(SECOND), tasks(connect(client, SECOND), "").get(SECOND));
    assertFalse(both.get(BASE).equals(both.get(SECOND)), "the accounts hold different tasks");
    Set<String> describedAs = calls("DescribeStoreImageTasks").stream().map(r -> r.account() + " " + r.region())
        .collect(Collectors.toSet());
    assertTrue(describedAs.containsAll(Set.of(BASE + " us-east-1", BASE + " us-west-2", SECOND + " us-east-1",
        SECOND + " us-west-2")), describedAs.toString());
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void accountEqualsCallsOnlyThatAccount(Clients client) throws SQLException {
    Connection c = connect(client, TWO_ACCOUNTS);
    local.aws.requestLog().clear();
    Map<String, Map<String, Set<String>>> second = tasks(c, "WHERE account = '" + SECOND + "'");
    assertEquals(Set.of(SECOND), second.keySet());
    List<LoggedRequest> describes = calls("DescribeStoreImageTasks");
    assertEquals(2, describes.size(), "one call per region, in the chosen account only");
    assertTrue(describes.stream().allMatch(r -> SECOND.equals(r.account())), describes.toString());
    assertTrue(calls("AssumeRole").stream().noneMatch(r -> r.parameter("RoleArn").contains(BASE)),
        "no role is assumed in an account the query does not read");
    local.aws.requestLog().clear();
    assertEquals(Set.of(BASE, SECOND), tasks(c, "WHERE account IN ('" + BASE + "', '" + SECOND + "')").keySet());
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void accountValuesAreCheckedBeforeAnyRequest(Clients client) throws SQLException {
    Connection c = connect(client, TWO_ACCOUNTS);
    local.aws.requestLog().clear();
    SQLException notAnId = assertThrows(SQLException.class,
        () -> LocalEndpoint.query(c, "SELECT * FROM aws.ec2.store_image_tasks WHERE account = '12345'"));
    assertEquals("22023", notAnId.getSQLState());
    assertTrue(notAnId.getMessage().contains("'12345' is not an AWS account id"), notAnId.getMessage());
    SQLException notOurs = assertThrows(SQLException.class,
        () -> LocalEndpoint.query(c, "SELECT * FROM aws.ec2.store_image_tasks WHERE account = '999999999999'"));
    assertEquals("22023", notOurs.getSQLState());
    assertTrue(notOurs.getMessage().contains("999999999999 is not among the connection's accounts (" + BASE + ", "
        + SECOND + ")"), notOurs.getMessage());
    assertEquals(0, calls("DescribeStoreImageTasks").size(), "nothing was sent");
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void eachRoleIsAssumedOncePerConnection(Clients client) throws SQLException {
    Connection c = connect(client, TWO_ACCOUNTS);
    for (int i = 0; i < 3; i++) {
      tasks(c, "");
      LocalEndpoint.query(c, "SELECT imageId FROM aws.ec2.images");
    }
    List<String> assumed = calls("AssumeRole").stream().map(r -> r.parameter("RoleArn")).sorted().toList();
    assertEquals(List.of("arn:aws:iam::" + BASE + ":role/Inventory", "arn:aws:iam::" + SECOND + ":role/Inventory"),
        assumed, "one AssumeRole per account, for 6 queries over 4 account-regions each");
    assertTrue(calls("AssumeRole").stream().allMatch(r -> "awsql".equals(r.parameter("RoleSessionName"))));
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void aRoleThatRefusesFailsTheQueryWithItsCodeAndAccount(Clients client) throws SQLException {
    Connection c = connect(client, TWO_ACCOUNTS + "," + REFUSING);
    SQLException e = assertThrows(SQLException.class, () -> tasks(c, ""));
    assertEquals("28000", e.getSQLState());
    String message = e.getMessage();
    assertTrue(message.contains("account " + REFUSING) && message.contains("AccessDenied")
        && message.contains("request id "), message);
    assertFalse(message.contains(AccessKey.DEMO.secretAccessKey()), "no secret in the message");
  }

  @Test
  void underSkipErrorsARefusingAccountIsSkippedWithAWarning() throws SQLException {
    Connection c = connect(Clients.IN_PROCESS, TWO_ACCOUNTS + "," + REFUSING, "--skip-errors",
        "AccessDenied,OptInRequired");
    Map<String, Map<String, Set<String>>> all = new TreeMap<>();
    List<String> warnings = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT account, region, amiId FROM aws.ec2.store_image_tasks")) {
      while (rs.next()) {
        all.computeIfAbsent(rs.getString(1), a -> new TreeMap<>()).computeIfAbsent(rs.getString(2),
            r -> new TreeSet<>()).add(rs.getString(3));
      }
      for (SQLWarning w = rs.getWarnings(); w != null; w = w.getNextWarning()) {
        assertEquals("01000", w.getSQLState());
        warnings.add(w.getMessage());
      }
      int onStatement = 0;
      for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
        onStatement++;
      }
      assertEquals(warnings.size(), onStatement, "the statement has the same warnings");
    }
    assertEquals(tasks(connect(Clients.IN_PROCESS, TWO_ACCOUNTS), ""), all, "every other pair's rows");
    assertEquals(2, warnings.size(), "one warning per skipped account-region: " + warnings);
    for (String region : List.of("us-east-1", "us-west-2")) {
      assertTrue(warnings.stream().anyMatch(w -> w.contains("account " + REFUSING + ", " + region)
          && w.contains("AccessDenied") && w.contains("request id ")), warnings.toString());
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT account FROM aws.ec2.store_image_tasks WHERE account = '" + BASE + "'")) {
      while (rs.next()) {
        assertEquals(BASE, rs.getString(1));
      }
      assertNull(rs.getWarnings(), "nothing skipped when the refusing account is not queried");
    }
  }

  @Test
  void throughServeSkipErrorsGivesTheSameRowsAndTheServerLogsWhatItSkipped() throws SQLException {
    String accounts = TWO_ACCOUNTS + "," + REFUSING;
    Map<String, Map<String, Set<String>>> inProcess = tasks(connect(Clients.IN_PROCESS, accounts, "--skip-errors",
        "AccessDenied"), "");
    assertEquals(inProcess, tasks(connect(Clients.THIN, accounts, "--skip-errors", "AccessDenied"), ""));
    // Avatica's protocol carries no warnings: the server's log has them.
    String log = opened.serverLog.toString(StandardCharsets.UTF_8);
    for (String region : List.of("us-east-1", "us-west-2")) {
      assertTrue(log.contains("awsql serve: warning: [01000] Skipped account " + REFUSING + ", " + region), log);
    }
  }

  @Test
  void withoutAccountsTheAccountIsTheCallersAskedOnceAndOnlyWhenRead() throws SQLException {
    Connection c = connectAsCaller(Clients.IN_PROCESS);
    LocalEndpoint.query(c, "SELECT region, amiId FROM aws.ec2.store_image_tasks");
    assertEquals(0, calls("GetCallerIdentity").size(), "a query that does not read account does not ask");
    for (int i = 0; i < 2; i++) {
      assertEquals(List.of(Map.of("account", BASE)),
          LocalEndpoint.query(c, "SELECT DISTINCT account FROM aws.ec2.store_image_tasks"));
    }
    assertEquals(1, calls("GetCallerIdentity").size(), "asked once per connection");
    assertEquals(0, calls("AssumeRole").size());
    SQLException other = assertThrows(SQLException.class,
        () -> LocalEndpoint.query(c, "SELECT * FROM aws.ec2.store_image_tasks WHERE account = '" + SECOND + "'"));
    assertEquals("22023", other.getSQLState());
    assertTrue(other.getMessage().contains("not among the connection's accounts (" + BASE + ")"), other.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void insertCreatesInTheAccountItNames(Clients client) throws SQLException {
    Connection c = connect(client, TWO_ACCOUNTS, "--allow-writes");
    String ami = (String) LocalEndpoint.query(c, "SELECT amiId FROM aws.ec2.store_image_tasks WHERE account = '"
        + SECOND + "' AND region = 'us-east-1'").get(0).get("amiId");
    String bucket = (String) LocalEndpoint.query(c, "SELECT bucket FROM aws.ec2.store_image_tasks WHERE account = '"
        + SECOND + "' AND region = 'us-east-1'").get(0).get("bucket");
    local.aws.requestLog().clear();
    try (Statement s = c.createStatement()) {
      assertEquals(1, s.executeUpdate("INSERT INTO aws.ec2.store_image_tasks (region, account, amiId, bucket) "
          + "VALUES ('us-east-1', '" + SECOND + "', '" + ami + "', '" + bucket + "')"));
    }
    List<LoggedRequest> creates = calls("CreateStoreImageTask");
    assertEquals(1, creates.size());
    assertEquals(SECOND, creates.get(0).account());

    SQLException noAccount = assertThrows(SQLException.class, () -> c.createStatement().executeUpdate(
        "INSERT INTO aws.ec2.store_image_tasks (region, amiId, bucket) VALUES ('us-east-1', '" + ami + "', '"
            + bucket + "')"));
    assertEquals("42000", noAccount.getSQLState());
    assertTrue(noAccount.getMessage().contains("no account given, and the connection has several"),
        noAccount.getMessage());
    SQLException notOurs = assertThrows(SQLException.class, () -> c.createStatement().executeUpdate(
        "INSERT INTO aws.ec2.store_image_tasks (region, account, amiId, bucket) VALUES ('us-east-1', "
            + "'999999999999', '" + ami + "', '" + bucket + "')"));
    assertEquals("22023", notOurs.getSQLState());
    assertEquals(1, calls("CreateStoreImageTask").size(), "the refused rows sent nothing");
  }

  @Test
  void generatedKeysNameTheAccount() throws SQLException {
    Connection c = connect(Clients.IN_PROCESS, SECOND);
    String ami = (String) LocalEndpoint.query(c, "SELECT amiId FROM aws.ec2.store_image_tasks WHERE region = "
        + "'us-west-2'").get(0).get("amiId");
    String bucket = (String) LocalEndpoint.query(c, "SELECT bucket FROM aws.ec2.store_image_tasks WHERE region = "
        + "'us-west-2'").get(0).get("bucket");
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO aws.ec2.store_image_tasks (region, amiId, bucket) VALUES ('us-west-2', '" + ami
          + "', '" + bucket + "')", Statement.RETURN_GENERATED_KEYS);
      try (ResultSet keys = s.getGeneratedKeys()) {
        List<Map<String, Object>> rows = LocalEndpoint.rows(keys);
        assertEquals(1, rows.size());
        assertEquals(SECOND, rows.get(0).get("account"), "one account: INSERT creates there");
        assertEquals("us-west-2", rows.get(0).get("region"));
      }
    }
    assertEquals(SECOND, calls("CreateStoreImageTask").get(0).account());
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void assumedCredentialsNeverShowInErrorsOrObjects(Clients client) throws Exception {
    Connection c = connect(client, SECOND);
    tasks(c, ""); // the role is assumed
    local.aws.faults().add(new FaultRule("DescribeStoreImageTasks", Fault.INTERNAL_ERROR, 1.0, 1, -1, null));
    SQLException e = assertThrows(SQLException.class, () -> tasks(c, ""));
    StringBuilder shown = new StringBuilder(c.toString());
    for (Throwable t = e; t != null; t = t.getCause()) {
      shown.append(t).append('\n');
    }
    List<SessionCredentials.Session> issued = local.aws.requestLog().all().stream()
        .map(r -> local.aws.sessionCredentials().find(r.accessKeyId())).filter(Objects::nonNull).distinct()
        .toList();
    assertFalse(issued.isEmpty(), "calls were signed with the role's session credentials");
    for (SessionCredentials.Session session : issued) {
      assertFalse(shown.toString().contains(session.secretAccessKey()), "the session's secret key shows");
      assertFalse(shown.toString().contains(session.sessionToken()), "the session token shows");
    }
    assertFalse(shown.toString().contains(AccessKey.DEMO.secretAccessKey()), "the base secret key shows");
  }

  @Test
  void aCallCutShortAfterSomeRowsFailsEvenUnderSkipErrors() throws SQLException {
    // 1,000 generated tasks are 5 pages; from the second page on, EC2 fails (and keeps failing on retry).
    local.aws.faults().add(new FaultRule("DescribeStoreImageTasks", Fault.INTERNAL_ERROR, 1.0, 1, -1, null));
    try (Connection c = DriverManager.getConnection(local.url(LocalEndpoint.GENERATED_REGION,
        "skipErrors=InternalError"))) {
      SQLException e = assertThrows(SQLException.class,
          () -> LocalEndpoint.query(c, "SELECT amiId FROM aws.ec2.store_image_tasks"));
      assertTrue(e.getMessage().contains("InternalError"), e.getMessage());
    }
  }
}
