package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.awsql.localaws.AccessKey;
import io.awsql.provider.AwsqlProperty;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The driver offers awsql's properties, and only those, to tools that ask (DBeaver's properties tab), and
 * refuses ambiguous ones: a name given twice, a key given both as itself and as user/password.
 */
class ConnectionPropertiesTest {
  private static final List<String> NAMES = List.of("region", "profile", "endpoint", "accessKeyId",
      "secretAccessKey", "sessionToken", "local", "accounts", "roleName", "roleArn", "externalId", "roleSessionName",
      "profiles", "skipErrors", "readOnly", "dryRun", "pushIdLists", "apiCallTimeout", "apiCallAttemptTimeout",
      "maxConcurrentCalls", "maxCallsPerQuery", "user", "password");
  private static LocalEndpoint local;

  @BeforeAll
  static void start() {
    local = new LocalEndpoint();
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  private static Map<String, DriverPropertyInfo> info(String url, Properties info) throws SQLException {
    Driver driver = DriverManager.getDriver(url);
    return Arrays.stream(driver.getPropertyInfo(url, info))
        .collect(Collectors.toMap(d -> d.name, Function.identity(), (a, b) -> {
          throw new AssertionError("twice: " + a.name);
        }, LinkedHashMap::new));
  }

  @Test
  void connectionPropertiesAreAwsqlsOwn() {
    assertEquals(List.of(AwsqlProperty.values()), List.copyOf(new AwsqlDriver().getConnectionProperties()));
    assertEquals(NAMES, Arrays.stream(AwsqlProperty.values()).map(AwsqlProperty::camelName).toList());
  }

  @Test
  void propertyInfoDescribesEachAwsqlPropertyAndNothingElse() throws SQLException {
    Map<String, DriverPropertyInfo> info = info("jdbc:awsql:", new Properties());
    assertEquals(NAMES, List.copyOf(info.keySet()), "no Calcite internals (FACTORY, SCHEMA, ...)");
    for (DriverPropertyInfo d : info.values()) {
      assertTrue(d.description != null && d.description.length() > 20, d.name + ": " + d.description);
      assertFalse(d.description.contains("`"), d.description);
      assertFalse(d.required, d.name);
    }
    for (String flag : List.of("local", "readOnly", "dryRun")) {
      assertArrayEquals(new String[] {"true", "false"}, info.get(flag).choices, flag);
      assertEquals("false", info.get(flag).value, flag);
    }
    assertNull(info.get("region").choices);
    assertNull(info.get("region").value);
  }

  @Test
  void propertyInfoShowsTheValuesOfUrlAndPropertiesButNoSecret() throws SQLException {
    Properties given = new Properties();
    given.setProperty("PROFILE", "lab");
    given.setProperty("secretAccessKey", "very-secret-value");
    given.setProperty("password", "another-secret");
    Map<String, DriverPropertyInfo> info = info("jdbc:awsql:region=eu-west-1;readonly=true;accessKeyId=AKIAEXAMPLE",
        given);
    assertEquals(NAMES, List.copyOf(info.keySet()));
    assertEquals("eu-west-1", info.get("region").value);
    assertEquals("lab", info.get("profile").value);
    assertEquals("true", info.get("readOnly").value);
    assertEquals("AKIAEXAMPLE", info.get("accessKeyId").value);
    assertNull(info.get("secretAccessKey").value);
    assertNull(info.get("password").value);
  }

  @Test
  void aPropertyGivenTwiceInTheUrlIsRefusedNamingBothSpellings() {
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:awsql:local=true;region=us-east-1;Region=eu-west-1"));
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("'region'") && e.getMessage().contains("'Region'"), e.getMessage());
  }

  @Test
  void aPropertyGivenInTheUrlAndInPropertiesUnderAnotherCaseIsRefused() {
    Properties given = new Properties();
    given.setProperty("REGION", "eu-west-1");
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:awsql:local=true;region=us-east-1", given));
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("'region'") && e.getMessage().contains("'REGION'"), e.getMessage());
  }

  @Test
  void keysGivenBothAsThemselvesAndAsUserPasswordAreRefusedNamingBoth() {
    String secret = "demo-secret-must-not-show";
    Properties given = new Properties();
    given.setProperty("user", AccessKey.DEMO.accessKeyId());
    given.setProperty("password", secret);
    SQLException keys = assertThrows(SQLException.class, () -> DriverManager.getConnection(local.url("us-east-1", ""),
        given));
    assertEquals("08001", keys.getSQLState());
    assertTrue(keys.getMessage().contains("accessKeyId") && keys.getMessage().contains("user"), keys.getMessage());
    assertFalse(keys.getMessage().contains(secret), keys.getMessage());

    Properties password = new Properties();
    password.setProperty("password", secret);
    SQLException secrets = assertThrows(SQLException.class,
        () -> DriverManager.getConnection(local.url("us-east-1", ""), password));
    assertEquals("08001", secrets.getSQLState());
    assertTrue(secrets.getMessage().contains("secretAccessKey") && secrets.getMessage().contains("password"),
        secrets.getMessage());
    assertFalse(secrets.getMessage().contains(secret), secrets.getMessage());
    assertFalse(secrets.getMessage().contains(AccessKey.DEMO.secretAccessKey()), secrets.getMessage());
  }

  @Test
  void emptyUserAndPasswordAreIgnored() throws SQLException {
    Properties given = new Properties();
    given.setProperty("user", "");
    given.setProperty("password", "");
    try (Connection c = DriverManager.getConnection(local.url("us-east-1", ""), given)) {
      assertEquals(6, LocalEndpoint.query(c, "SELECT * FROM aws.ec2.store_image_tasks").size());
    }
  }

  @Test
  void userAndPasswordAloneAreTheKeys() throws SQLException {
    Properties given = new Properties();
    given.setProperty("user", AccessKey.DEMO.accessKeyId());
    given.setProperty("password", AccessKey.DEMO.secretAccessKey());
    try (Connection c = DriverManager.getConnection("jdbc:awsql:endpoint=" + local.aws.endpoint() + ";region=us-east-1",
        given)) {
      assertEquals(6, LocalEndpoint.query(c, "SELECT * FROM aws.ec2.store_image_tasks").size());
    }
  }
}
