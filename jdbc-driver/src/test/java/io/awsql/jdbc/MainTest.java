package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The awsql command: exec in each format, statements from files and stdin, the shell, errors, help. */
class MainTest {
  private static final String FAILED = "SELECT region, amiId, progressPercentage, taskStartTime, storeTaskFailureReason"
      + " FROM aws.ec2.store_image_tasks WHERE storeTaskState = 'Failed' ORDER BY progressPercentage";
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private String stdin = "";

  @TempDir
  Path dir;

  private int run(String... args) {
    return Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void execLocalPrintsAnAlignedTable() {
    int code = run("exec", "--local", "SELECT region, amiId, progressPercentage FROM aws.ec2.store_image_tasks"
        + " WHERE storeTaskState = 'Failed' ORDER BY progressPercentage");
    assertEquals(0, code, err.toString());
    List<String> lines = output().lines().toList();
    assertEquals("region    | amiId                 | progressPercentage", lines.get(0));
    assertTrue(lines.get(1).matches("-+-\\+-+-\\+-+"), lines.get(1));
    assertEquals("us-east-1 | ami-0a1b2c3d4e5f60005 |                  0", lines.get(2));
    assertEquals("(3 rows)", lines.get(lines.size() - 1));
    assertEquals(6, lines.size());
  }

  @Test
  void csvIsRfc4180AndParsesBackToTheTableRows() {
    assertEquals(0, run("exec", "--local", "--output", "csv", FAILED), err.toString());
    String csv = output();
    assertTrue(csv.contains("\r\n"), "RFC 4180 line ends");
    List<List<String>> rows = parseCsv(csv);
    assertEquals(List.of("region", "amiId", "progressPercentage", "taskStartTime", "storeTaskFailureReason"), rows.get(0));
    assertEquals(4, rows.size());
    assertEquals("0", rows.get(1).get(2));
    assertTrue(rows.get(1).get(3).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"), rows.get(1).get(3));
    assertEquals("Access Denied: the bucket policy does not allow s3:PutObject", rows.get(1).get(4));
  }

  @Test
  void jsonIsOneArrayOfTypedObjects() throws IOException {
    assertEquals(0, run("exec", "--local", "-o", "json", FAILED), err.toString());
    JsonNode rows = new ObjectMapper().readTree(output());
    assertTrue(rows.isArray());
    assertEquals(3, rows.size());
    JsonNode first = rows.get(0);
    assertTrue(first.get("progressPercentage").isInt());
    assertEquals(0, first.get("progressPercentage").asInt());
    assertEquals("us-east-1", first.get("region").asText());
    assertTrue(first.get("taskStartTime").asText().endsWith("Z"));
    assertEquals(88, rows.get(2).get("progressPercentage").asInt());
  }

  @Test
  void jsonKeepsNullsAndBooleans() throws IOException {
    assertEquals(0, run("exec", "--local", "-o", "json", "SELECT storeTaskFailureReason, progressPercentage = 100 AS done"
        + " FROM aws.ec2.store_image_tasks WHERE storeTaskState = 'Completed' AND region = 'eu-west-1'"), err.toString());
    JsonNode row = new ObjectMapper().readTree(output()).get(0);
    assertTrue(row.get("storeTaskFailureReason").isNull());
    assertTrue(row.get("done").isBoolean() && row.get("done").asBoolean());
  }

  @Test
  void statementsFromAFileAndFromStandardInput() throws IOException {
    Path file = dir.resolve("q.sql");
    Files.writeString(file, "SELECT COUNT(*) AS n FROM aws.ec2.store_image_tasks WHERE region = 'us-west-2';\n");
    assertEquals(0, run("exec", "--local", "-o", "csv", "-f", file.toString()), err.toString());
    assertEquals("n\r\n3\r\n", output());
    out.reset();
    stdin = "SELECT COUNT(*) AS n FROM aws.ec2.store_image_tasks WHERE region = 'eu-west-1'";
    assertEquals(0, run("exec", "--local", "-o", "csv", "-"), err.toString());
    assertEquals("n\r\n2\r\n", output());
  }

  @Test
  void aFileOfTwoSelectsWithSemicolonsInCommentsAndStringsPrintsBothResults() throws IOException {
    Path file = dir.resolve("two.sql");
    Files.writeString(file, """
        -- Two counts; the first by region. A ';' in this comment does not split.
        SELECT COUNT(*) AS n FROM aws.ec2.store_image_tasks /* only us-west-2; on purpose */
        WHERE region = 'us-west-2' AND amiId <> 'it''s; not an AMI';
        ;
        /* the second; with a "quoted" alias */
        SELECT COUNT(*) AS "n;all" FROM aws.ec2.store_image_tasks WHERE region = 'eu-west-1'; -- trailing; comment
        """);
    assertEquals(0, run("exec", "--local", "-o", "csv", "-f", file.toString()), err.toString());
    assertEquals("n\r\n3\r\n\r\nn;all\r\n2\r\n", output());
    assertEquals("", err.toString());

    out.reset();
    assertEquals(0, run("exec", "--local", "-f", file.toString()), err.toString());
    List<String> lines = output().lines().toList();
    assertEquals(List.of("n", "-", "3", "(1 row)", "", "n;all", "-----", "    2", "(1 row)"), lines);

    out.reset();
    assertEquals(0, run("exec", "--local", "-o", "json", "-f", file.toString()), err.toString());
    List<JsonNode> arrays = new ArrayList<>();
    ObjectMapper mapper = new ObjectMapper();
    try (JsonParser json = mapper.createParser(output())) {
      while (json.nextToken() != null) {
        arrays.add(mapper.readTree(json));
      }
    }
    assertEquals(2, arrays.size(), output());
    assertEquals(3, arrays.get(0).get(0).get("n").asInt());
    assertEquals(2, arrays.get(1).get(0).get("n;all").asInt());
    assertTrue(output().startsWith("[") && output().contains("]\n["), "one array per result set, each on its own: " + output());
  }

  @Test
  void severalStatementsFromStandardInputAndTheArgument() {
    stdin = "SELECT 1 AS a;\n\nSELECT 'x;y' AS b;\n";
    assertEquals(0, run("exec", "--local", "-o", "csv", "-"), err.toString());
    assertEquals("a\r\n1\r\n\r\nb\r\nx;y\r\n", output());
    out.reset();
    assertEquals(0, run("exec", "--local", "-o", "csv", "SELECT 1 AS a; SELECT 2 AS b"), err.toString());
    assertEquals("a\r\n1\r\n\r\nb\r\n2\r\n", output());
  }

  @Test
  void aFailingStatementStopsTheRunAndSaysWhichOneItWas() throws IOException {
    Path file = dir.resolve("fails.sql");
    Files.writeString(file, "SELECT 1 AS a;\n-- the next one is wrong\nSELECT nope\n  FROM aws.ec2.store_image_tasks;\nSELECT 3 AS c;\n");
    assertEquals(1, run("exec", "--local", "-o", "csv", "-f", file.toString()));
    assertEquals("a\r\n1\r\n", output(), "the results before the failure, and nothing after");
    List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(1, lines.size(), err.toString());
    String line = lines.get(0);
    assertTrue(line.startsWith("awsql: statement 2 of 3 (line 2): ") && line.contains("nope")
        && line.endsWith("[SQLState 42000]"), line);
    assertTrue(line.contains("line 3, column 8"), "positions are the file's: " + line);
  }

  @Test
  void aCommentOnlyFileIsAOneLineUsageError() throws IOException {
    Path file = dir.resolve("comments.sql");
    Files.writeString(file, "-- nothing to run; really\n/* not even; here */\n  ;\n;;\n");
    assertEquals(2, run("exec", "--local", "-f", file.toString()));
    assertEquals(List.of("awsql: " + file + " holds no SQL statement"), err.toString(StandardCharsets.UTF_8).lines().toList());
    assertEquals("", output());
  }

  @Test
  void anEmptyFileStandardInputOrArgumentIsAOneLineUsageError() throws IOException {
    Path file = dir.resolve("empty.sql");
    Files.writeString(file, "");
    assertEquals(2, run("exec", "--local", "-f", file.toString()));
    assertEquals(List.of("awsql: " + file + " holds no SQL statement"), err.toString(StandardCharsets.UTF_8).lines().toList());
    err.reset();
    stdin = "  \n\t\n";
    assertEquals(2, run("exec", "--local", "-"));
    assertEquals(List.of("awsql: standard input holds no SQL statement"), err.toString(StandardCharsets.UTF_8).lines().toList());
    err.reset();
    assertEquals(2, run("exec", "--local", " ; "));
    assertEquals(List.of("awsql: the statement argument holds no SQL statement"),
        err.toString(StandardCharsets.UTF_8).lines().toList());
    assertEquals("", output());
  }

  @Test
  void everySqlExampleRunsAsIs() throws IOException {
    List<Path> examples;
    try (var files = Files.list(Path.of("../sql-examples"))) {
      examples = files.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    }
    assertTrue(examples.size() >= 8, "sql-examples/*.sql: " + examples);
    for (Path example : examples) {
      out.reset();
      err.reset();
      assertEquals(0, run("exec", "--local", "-f", example.toString()), example + ": " + err);
      assertTrue(output().contains("(") && output().contains(" row"), example + ": " + output());
    }
    out.reset();
    assertEquals(0, run("exec", "--local", "-o", "csv", "-f", "../sql-examples/store_an_ami_stackql_style.sql"),
        err.toString());
    assertEquals("1 row(s) affected\n\r\nregion,amiId,storeTaskState,progressPercentage\r\n"
        + "us-west-2,ami-0b1b2c3d4e5f60002,InProgress,0\r\nus-west-2,ami-0b1b2c3d4e5f60002,Completed,100\r\n", output(),
        "the INSERT's count, then the SELECT that sees the new task and the earlier one");
  }

  @Test
  void insertReportsItsCountAndDryRunItsWarning() {
    assertEquals(0, run("exec", "--local", "--dry-run", "INSERT INTO aws.ec2.store_image_tasks (region, amiId, bucket)"
        + " VALUES ('us-east-1', 'ami-0a1b2c3d4e5f60005', 'acme-ami-archive')"), err.toString());
    assertEquals("0 row(s) affected\n", output().replace("\r", ""));
    assertTrue(err.toString().contains("would have succeeded"), err.toString());
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
  void shellRunsAScriptOfSqlLineCommands() {
    stdin = "!tables\nSELECT amiId FROM aws.ec2.store_image_tasks WHERE storeTaskState = 'InProgress' AND region = 'us-east-1';\n!quit\n";
    assertEquals(0, run("shell", "--local"), err.toString());
    String shown = output();
    assertTrue(shown.contains("store_image_tasks") && shown.contains("image_set_versions"), shown);
    assertTrue(shown.contains("ami-0a1b2c3d4e5f60001"), shown);
  }

  @Test
  void helpVersionAndUsageErrors() {
    assertEquals(0, run("--help"));
    assertTrue(output().contains("exec") && output().contains("serve") && output().contains("shell"));
    for (String command : List.of("exec", "shell", "serve")) {
      out.reset();
      assertEquals(0, run(command, "--help"));
      assertTrue(output().contains("Usage: awsql " + command) && output().contains("--region"), output());
    }
    out.reset();
    assertEquals(0, run("--version"));
    assertTrue(output().startsWith("awsql "), output());
    assertEquals(2, run("exec", "--output", "xml", "SELECT 1"));
    assertEquals(2, run("frobnicate"));
    assertEquals(2, run("exec", "--region"));
    assertEquals(2, run("serve", "--bind", "0.0.0.0"), "no authentication on a public address");
    assertTrue(err.toString().contains("refusing to serve on 0.0.0.0 without authentication"), err.toString());
  }

  /** A strict RFC 4180 reader, for checking what exec wrote. */
  static List<List<String>> parseCsv(String csv) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else {
        cell.append(c);
      }
    }
    return rows;
  }
}
