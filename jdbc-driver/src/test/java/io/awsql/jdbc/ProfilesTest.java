package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.awsql.cli.Main;
import io.awsql.localaws.AccessKey;
import io.awsql.localaws.Fault;
import io.awsql.localaws.FaultRule;
import io.awsql.localaws.LoggedRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A named profile applies whole, as the AWS SDK applies AWS_PROFILE: its keys, region, endpoint_url and
 * services sections, retry settings; through {@code profile=}, {@code --profile} and the SDK's own default
 * profile alike. Each test's AWS config is a temporary file whose endpoint_url is a local-aws.
 */
class ProfilesTest {
  private static final String TASKS = "SELECT * FROM aws.ec2.store_image_tasks";
  private static LocalEndpoint local;

  @TempDir
  Path dir;
  private AwsConfigFiles files;

  @BeforeAll
  static void start() {
    local = new LocalEndpoint();
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  @AfterEach
  void restore() {
    if (files != null) {
      files.close();
    }
    local.aws.faults().reset(1);
    local.aws.requestLog().clear();
  }

  /** Profile {@code lab}: the demo keys, us-east-1, and local-aws as endpoint_url; plus {@code extra} sections. */
  private AwsConfigFiles labProfile(String extra) {
    files = new AwsConfigFiles(dir, """
        [profile lab]
        region = us-east-1
        endpoint_url = %s
        %s
        """.formatted(local.aws.endpoint(), extra), """
        [lab]
        aws_access_key_id = %s
        aws_secret_access_key = %s
        """.formatted(AccessKey.DEMO.accessKeyId(), AccessKey.DEMO.secretAccessKey()));
    return files;
  }

  private static void assertReachedLocalAwsAsLab(List<LoggedRequest> describes) {
    assertEquals(1, describes.size(), describes.toString());
    assertEquals("us-east-1", describes.get(0).region());
    assertEquals(AccessKey.DEMO.accessKeyId(), describes.get(0).accessKeyId());
  }

  @Test
  void profilePropertyAppliesTheProfilesEndpointRegionAndKeys() throws SQLException {
    labProfile("");
    try (Connection c = DriverManager.getConnection("jdbc:awsql:profile=lab")) {
      assertEquals(6, LocalEndpoint.query(c, TASKS).size());
    }
    assertReachedLocalAwsAsLab(local.describes());
  }

  @Test
  void theSdksDefaultProfileAppliesTheSameWay() throws SQLException {
    labProfile("").defaultProfile("lab");
    try (Connection c = DriverManager.getConnection("jdbc:awsql:")) {
      assertEquals(6, LocalEndpoint.query(c, TASKS).size());
    }
    assertReachedLocalAwsAsLab(local.describes());
  }

  @Test
  void profileOptionOfTheCommandAppliesTheSameWay() {
    labProfile("");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"exec", "--profile", "lab", "--output", "csv", "SELECT amiId FROM "
        + "aws.ec2.store_image_tasks"}, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    assertEquals(7, out.toString(StandardCharsets.UTF_8).lines().count(), "header and 6 rows");
    assertReachedLocalAwsAsLab(local.describes());
  }

  @Test
  void servicesSectionsGiveEachServiceItsEndpoint() throws SQLException {
    // The top-level endpoint_url leads nowhere; the services section sends the three services awsql calls
    // (STS for the account column) to local-aws.
    files = new AwsConfigFiles(dir, """
        [profile lab]
        region = us-east-1
        endpoint_url = http://127.0.0.1:1
        services = lab-services

        [services lab-services]
        ec2 =
          endpoint_url = %s
        medical_imaging =
          endpoint_url = %s
        sts =
          endpoint_url = %s
        """.formatted(local.aws.endpoint(), local.aws.endpoint(), local.aws.endpoint()), """
        [lab]
        aws_access_key_id = %s
        aws_secret_access_key = %s
        """.formatted(AccessKey.DEMO.accessKeyId(), AccessKey.DEMO.secretAccessKey()));
    try (Connection c = DriverManager.getConnection("jdbc:awsql:profile=lab")) {
      assertEquals(6, LocalEndpoint.query(c, TASKS).size());
      // HealthImaging prefixes runtime- to its host: an endpoint from the profile is used as given too.
      assertEquals(LocalEndpoint.LONG_HISTORY, LocalEndpoint.query(c, "SELECT * FROM aws.medical_imaging"
          + ".image_set_versions WHERE datastoreId = '" + LocalEndpoint.DATASTORE + "' AND imageSetId = '"
          + LocalEndpoint.LONG_IMAGE_SET + "'").size());
    }
    assertReachedLocalAwsAsLab(local.describes());
  }

  @Test
  void anExplicitEndpointWinsOverTheProfiles() throws SQLException {
    files = new AwsConfigFiles(dir, """
        [profile elsewhere]
        region = us-east-1
        endpoint_url = http://127.0.0.1:1
        """, """
        [elsewhere]
        aws_access_key_id = %s
        aws_secret_access_key = %s
        """.formatted(AccessKey.DEMO.accessKeyId(), AccessKey.DEMO.secretAccessKey()));
    try (Connection c = DriverManager.getConnection("jdbc:awsql:profile=elsewhere;endpoint=" + local.aws.endpoint())) {
      assertEquals(6, LocalEndpoint.query(c, TASKS).size());
    }
    assertReachedLocalAwsAsLab(local.describes());
  }

  /** How many calls a query makes when every answer is a 500: the first and the retry strategy's retries. */
  private int attemptsOfAFailingQuery(String url) throws SQLException {
    local.aws.requestLog().clear();
    try (Connection c = DriverManager.getConnection(url)) {
      SQLException e = assertThrows(SQLException.class, () -> LocalEndpoint.query(c, TASKS));
      assertTrue(e.getMessage().contains("InternalError"), e.getMessage());
    }
    return local.describes().size();
  }

  @Test
  void theProfilesRetryModeApplies() throws SQLException {
    // The SDK's default (legacy) mode makes 4 attempts, the standard mode 3.
    files = new AwsConfigFiles(dir, """
        [profile lab]
        region = us-east-1
        endpoint_url = %s

        [profile lab-standard]
        region = us-east-1
        endpoint_url = %s
        retry_mode = standard
        """.formatted(local.aws.endpoint(), local.aws.endpoint()), """
        [lab]
        aws_access_key_id = %s
        aws_secret_access_key = %s

        [lab-standard]
        aws_access_key_id = %s
        aws_secret_access_key = %s
        """.formatted(AccessKey.DEMO.accessKeyId(), AccessKey.DEMO.secretAccessKey(), AccessKey.DEMO.accessKeyId(),
        AccessKey.DEMO.secretAccessKey()));
    local.aws.faults().add(FaultRule.always("DescribeStoreImageTasks", Fault.INTERNAL_ERROR));
    assertEquals(4, attemptsOfAFailingQuery("jdbc:awsql:profile=lab"));
    assertEquals(3, attemptsOfAFailingQuery("jdbc:awsql:profile=lab-standard"));
  }

  @Test
  void profilesQueryEachProfilesAccountWithItsOwnCredentials() throws SQLException {
    // Profile "second" holds temporary credentials of a role in local-aws's second demo account.
    Credentials role;
    try (StsClient sts = StsClient.builder()
        .endpointOverride(local.aws.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(AccessKey.DEMO.accessKeyId(), AccessKey.DEMO.secretAccessKey())))
        .build()) {
      role = sts.assumeRole(r -> r.roleArn("arn:aws:iam::210987654321:role/Inventory").roleSessionName("profiles-test"))
          .credentials();
    }
    files = new AwsConfigFiles(dir, """
        [profile base]
        region = us-east-1
        endpoint_url = %s

        [profile second]
        region = us-east-1
        endpoint_url = %s
        """.formatted(local.aws.endpoint(), local.aws.endpoint()), """
        [base]
        aws_access_key_id = %s
        aws_secret_access_key = %s

        [second]
        aws_access_key_id = %s
        aws_secret_access_key = %s
        aws_session_token = %s
        """.formatted(AccessKey.DEMO.accessKeyId(), AccessKey.DEMO.secretAccessKey(), role.accessKeyId(),
        role.secretAccessKey(), role.sessionToken()));
    local.aws.requestLog().clear();
    try (Connection c = DriverManager.getConnection("jdbc:awsql:profiles=base,second")) {
      assertEquals(List.of(Map.of("account", "123456789012", "tasks", 6L),
              Map.of("account", "210987654321", "tasks", 4L)),
          LocalEndpoint.query(c, "SELECT account, COUNT(*) AS tasks FROM aws.ec2.store_image_tasks "
              + "GROUP BY account ORDER BY account"), "each profile's region (the first's) and account");
      SQLException notOurs = assertThrows(SQLException.class, () -> LocalEndpoint.query(c,
          "SELECT * FROM aws.ec2.store_image_tasks WHERE account = '111111111111'"));
      assertTrue(notOurs.getMessage().contains("not among the connection's accounts (123456789012, 210987654321)"),
          notOurs.getMessage());
    }
    assertEquals(2, local.aws.requestLog().count("GetCallerIdentity"), "each profile's account asked once");
    assertEquals(Set.of("123456789012", "210987654321"), local.describes().stream()
        .map(LoggedRequest::account).collect(Collectors.toSet()));
    SQLException unknown = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:awsql:profiles=base,nosuch"));
    assertTrue(unknown.getMessage().contains("nosuch"), unknown.getMessage());
  }
}
