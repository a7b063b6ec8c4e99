package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The awsql command: one statement in, an aligned table out; one line and a non-zero code on failure. */
class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void execLocalPrintsAnAlignedTable() {
    int code = run("exec", "--local", "SELECT region, amiId, progressPercentage FROM aws.ec2.store_image_tasks"
        + " WHERE storeTaskState = 'Failed' ORDER BY progressPercentage");
    assertEquals(0, code, err.toString());
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals("region    | amiId                 | progressPercentage", lines.get(0));
    assertTrue(lines.get(1).matches("-+-\\+-+-\\+-+"), lines.get(1));
    assertEquals("us-east-1 | ami-0a1b2c3d4e5f60005 |                  0", lines.get(2));
    assertEquals("(3 rows)", lines.get(lines.size() - 1));
    assertEquals(6, lines.size());
  }

  @Test
  void failureIsOneLineWithSqlStateAndExitCode1() {
    int code = run("exec", "--local", "SELECT nope FROM aws.ec2.store_image_tasks");
    assertEquals(1, code);
    List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(1, lines.size(), err.toString());
    assertTrue(lines.get(0).startsWith("awsql: ") && lines.get(0).contains("nope") && lines.get(0).contains("42000"),
        lines.get(0));
  }

  @Test
  void usageErrorsExit2() {
    assertEquals(2, run("exec"));
    assertEquals(2, run("frobnicate"));
    assertEquals(2, run("exec", "--region"));
    assertEquals(0, run("--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("awsql exec"));
  }
}
