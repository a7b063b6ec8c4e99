package io.awsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The awsql command line: generated help, version, completion, usage errors and exit codes; the shell. */
class MainTest {
  /** Each command's own options, which its --help must list (beside the connection options, for most). */
  private static final Map<String, List<String>> OPTIONS = Map.of(
      "exec", List.of("--output", "--file", "--explain"),
      "shell", List.of(),
      "serve", List.of("--port", "--bind", "--serialization", "--auth", "--users", "--allow-writes",
          "--tls-keystore", "--tls-keystore-password", "--tls-keystore-password-file", "--tls-truststore",
          "--tls-truststore-password", "--tls-truststore-password-file", "--max-request-bytes", "--max-running"),
      "local-aws", List.of("--port", "--seed", "--generate-tasks", "--generate-region"),
      "completion", List.of());
  private static final List<String> CONNECTION = List.of("--local", "--region", "--profile", "--endpoint",
      "--accounts", "--role-name", "--role-arn", "--external-id", "--role-session-name", "--profiles",
      "--skip-errors", "--read-only", "--dry-run");

  private final Awsql awsql = new Awsql();

  @Test
  void helpListsTheCommands() {
    assertEquals(0, awsql.run("--help"));
    String help = awsql.out();
    assertTrue(help.startsWith("Usage: awsql"), help);
    for (String command : OPTIONS.keySet()) {
      assertTrue(help.contains("\n  " + command + " "), command + " in\n" + help);
    }
    assertTrue(help.contains("--version"), help);
    awsql.reset();
    assertEquals(0, awsql.run("help", "exec"));
    assertTrue(awsql.out().startsWith("Usage: awsql exec"), awsql.out());
  }

  @Test
  void noCommandShowsTheHelpAsAUsageError() {
    assertEquals(2, awsql.run());
    assertTrue(awsql.out().startsWith("Usage: awsql"), awsql.out());
  }

  @Test
  void eachCommandsHelpListsItsOptions() {
    OPTIONS.forEach((command, options) -> {
      awsql.reset();
      assertEquals(0, awsql.run(command, "--help"), command);
      String help = awsql.out();
      assertTrue(help.startsWith("Usage: awsql " + command), help);
      for (String option : options) {
        assertTrue(help.contains(option), command + " --help lacks " + option + ":\n" + help);
      }
      boolean connects = List.of("exec", "shell", "serve").contains(command);
      assertEquals(connects, help.contains("Connection options:"), help);
      for (String option : connects ? CONNECTION : List.<String>of()) {
        assertTrue(help.contains(option), command + " --help lacks " + option + ":\n" + help);
      }
      assertEquals("", awsql.err());
    });
  }

  @Test
  void versionIsTheProjectsVersion() {
    assertEquals(0, awsql.run("--version"));
    assertTrue(awsql.out().matches("awsql \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), awsql.out());
    String version = awsql.out();
    awsql.reset();
    assertEquals(0, awsql.run("exec", "--version"));
    assertEquals(version, awsql.out());
    awsql.reset();
    assertEquals(0, awsql.run("version"));
    assertEquals(version, awsql.out());
  }

  @Test
  void completionPrintsAScriptForEveryCommand() {
    assertEquals(0, awsql.run("completion"));
    String script = awsql.out();
    assertTrue(script.startsWith("#!/usr/bin/env bash"), script.substring(0, 200));
    assertTrue(script.contains("complete -F _complete_awsql"), "registers a bash completion function");
    for (String command : OPTIONS.keySet()) {
      assertTrue(script.contains(command), command);
    }
    for (String option : List.of("--output", "--explain", "--region", "--allow-writes", "--generate-tasks")) {
      assertTrue(script.contains(option), option);
    }
    assertTrue(script.contains("(\"table\" \"csv\" \"json\")"), "--output's values are completed");
    assertTrue(script.contains("(\"basic\" \"digest\")"), "--auth's values are completed");
    assertTrue(script.contains("ZSH_VERSION"), "it works in zsh too (bashcompinit)");
  }

  @Test
  void anUnknownOptionIsAUsageErrorNamingIt() {
    assertEquals(2, awsql.run("exec", "--local", "--frobnicate", "SELECT 1"));
    assertTrue(awsql.err().startsWith("awsql: Unknown option: '--frobnicate' (see awsql exec --help)"), awsql.err());
    assertEquals("", awsql.out());
    awsql.reset();
    assertEquals(2, awsql.run("exec", "--regoin", "us-east-1", "SELECT 1"));
    assertTrue(awsql.err().contains("'--regoin'") && awsql.err().contains("--region"), "suggests: " + awsql.err());
    awsql.reset();
    assertEquals(2, awsql.run("frobnicate"));
    assertTrue(awsql.err().contains("'frobnicate'") && awsql.err().contains("(see awsql --help)"), awsql.err());
  }

  @Test
  void aValuedOptionWithoutItsValueIsAUsageErrorNamingIt() {
    assertEquals(2, awsql.run("exec", "--region"));
    assertTrue(awsql.err().startsWith("awsql: Missing required parameter for option '--region'"), awsql.err());
    awsql.reset();
    assertEquals(2, awsql.run("exec", "--profile", "--local", "SELECT 1"), "an option is no value");
    assertTrue(awsql.err().contains("'--profile'"), awsql.err());
    awsql.reset();
    assertEquals(2, awsql.run("serve", "--port"));
    assertTrue(awsql.err().contains("'--port'"), awsql.err());
  }

  @Test
  void wrongValuesAreUsageErrors() {
    assertEquals(2, awsql.run("exec", "--output", "xml", "SELECT 1"));
    assertTrue(awsql.err().contains("--output") && awsql.err().toLowerCase(Locale.ROOT).contains("table, csv, json")
        && awsql.err().contains("'xml'"), awsql.err());
    awsql.reset();
    assertEquals(2, awsql.run("serve", "--port", "eighty"));
    assertTrue(awsql.err().contains("--port") && awsql.err().contains("'eighty'"), awsql.err());
    awsql.reset();
    assertEquals(2, awsql.run("serve", "--bind", "0.0.0.0"), "no authentication on a public address");
    assertTrue(awsql.err().contains("refusing to serve on 0.0.0.0 without authentication"), awsql.err());
    awsql.reset();
    assertEquals(2, awsql.run("serve", "--auth", "basic"));
    assertTrue(awsql.err().startsWith("awsql: --auth and --users go together"), awsql.err());
  }

  @Test
  void shellRunsAScriptOfSqlLineCommands() {
    awsql.stdin = "!tables\nSELECT amiId FROM aws.ec2.store_image_tasks WHERE storeTaskState = 'InProgress' AND "
        + "region = 'us-east-1';\n!quit\n";
    assertEquals(0, awsql.run("shell", "--local"), awsql.err());
    String shown = awsql.out();
    assertTrue(shown.contains("store_image_tasks") && shown.contains("image_set_versions"), shown);
    assertTrue(shown.contains("ami-0a1b2c3d4e5f60001"), shown);
  }

  @Test
  void shellPassesSqlLinesOwnOptionsThrough() {
    assertEquals(0, awsql.run("shell", "--local", "--outputformat=csv", "-e",
        "SELECT amiId FROM aws.ec2.store_image_tasks WHERE region = 'eu-west-1' ORDER BY amiId;"), awsql.err());
    assertTrue(awsql.out().contains("'amiId'") || awsql.out().contains("amiId\n"), awsql.out());
  }

  @Test
  void shellRefusesASecretItWouldShowWithTheUrl() {
    assertEquals(2, awsql.run("shell", "--local", "--accounts", "210987654321", "--role-name", "Inventory",
        "--external-id", "do-not-show-7f3a"));
    assertTrue(awsql.err().contains("externalId is a secret"), awsql.err());
    assertTrue(!awsql.out().contains("do-not-show-7f3a") && !awsql.err().contains("do-not-show-7f3a"),
        "the value itself is not echoed");
  }
}
