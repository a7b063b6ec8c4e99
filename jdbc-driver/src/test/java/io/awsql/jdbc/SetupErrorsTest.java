package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * When the AWS set-up a connection relies on is missing (no credentials, an unknown profile, no region),
 * the user gets SQLState 28000 and one line saying what was tried and how to fix it, in process and
 * through {@code awsql serve} alike, and nothing is sent. The AWS config is a temporary file.
 */
class SetupErrorsTest {
  private static final String FIXES_FOR_CREDENTIALS = "--local|--profile NAME|AWS_PROFILE|accessKeyId";
  private LocalEndpoint local;
  private AwsConfigFiles files;

  @TempDir
  Path dir;

  @BeforeEach
  void start() {
    local = new LocalEndpoint();
  }

  @AfterEach
  void stop() {
    if (files != null) {
      files.close();
    }
    local.close();
  }

  /**
   * One missing piece: the AWS config files' contents, the SDK's default profile (null: none), the
   * connection's regions (null: none) and options, and what the message must name.
   */
  record Case(String name, String config, String defaultProfile, String regions, List<String> options,
      String mustName) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("no credentials", "", null, "us-east-1", List.of(),
            "No AWS credentials found|profile 'default'|" + FIXES_FOR_CREDENTIALS),
        new Case("no region", "", null, null, List.of(), "No AWS region|AWS_REGION|region=us-east-1|--local"),
        new Case("unknown profile", "[profile lab]\nregion = us-east-1\n", null, "us-east-1",
            List.of("--profile", "nosuch"), "'nosuch'|profile=nosuch|profiles there: lab|" + FIXES_FOR_CREDENTIALS),
        new Case("unknown default profile", "", "nosuch", "us-east-1", List.of(),
            "'nosuch'|AWS_PROFILE|" + FIXES_FOR_CREDENTIALS),
        // The SSO modules are there: the profile fails for want of a login, not of a class.
        new Case("SSO profile without a login", """
            [profile sso]
            sso_session = corp
            sso_account_id = 111122223333
            sso_role_name = ReadOnly
            region = us-east-1

            [sso-session corp]
            sso_start_url = https://corp.awsapps.com/start
            sso_region = us-east-1
            """, null, null, List.of("--profile", "sso"),
        "No AWS credentials found|profile 'sso'|which failed|aws sso login --profile sso"));
  }

  private SQLException fail(Clients client, Case c) throws Exception {
    try (Clients.Opened opened = new Clients.Opened()) {
      String[] options = c.options().toArray(String[]::new);
      try (Connection connection = client.connect(opened, local.aws.endpoint().toString(), null, c.regions(), options);
          Statement s = connection.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM aws.ec2.store_image_tasks")) {
        rs.next();
      } catch (SQLException e) {
        return e;
      }
    }
    throw new AssertionError("no failure from " + client + ": " + c);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void missingSetUpIs28000InOneLineInProcessAndThroughServe(Case c) throws Exception {
    files = new AwsConfigFiles(dir, c.config(), "");
    if (c.defaultProfile() != null) {
      files.defaultProfile(c.defaultProfile());
    }
    SQLException inProcess = fail(Clients.IN_PROCESS, c);
    SQLException thin = fail(Clients.THIN, c);
    String message = inProcess.getMessage();
    assertEquals("28000", inProcess.getSQLState(), message);
    assertFalse(message.contains("\n"), message);
    assertTrue(message.length() < 800, message.length() + " characters: " + message);
    for (String name : c.mustName().split("\\|")) {
      assertTrue(message.contains(name), "names " + name + ": " + message);
    }
    assertFalse(message.contains("must be on the class path"), message);
    assertEquals("28000", thin.getSQLState(), thin.getMessage());
    assertTrue(thin.getMessage().endsWith(message), "thin: " + thin.getMessage() + "\nin process: " + message);
    assertEquals(0, local.aws.requestLog().all().size(), "nothing sent");
  }
}
