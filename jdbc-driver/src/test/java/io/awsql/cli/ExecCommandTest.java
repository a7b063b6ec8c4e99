package io.awsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.awsql.localaws.AccessKey;
import io.awsql.localaws.LocalAws;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** awsql exec: each format, statements from files and stdin, several statements, failures, --explain. */
class ExecCommandTest {
  private static final String FAILED = "SELECT region, amiId, progressPercentage, taskStartTime, storeTaskFailureReason"
      + " FROM aws.ec2.store_image_tasks WHERE storeTaskState = 'Failed' ORDER BY progressPercentage";
  private final Awsql awsql = new Awsql();

  @TempDir
  Path dir;

  @Test
  void execLocalPrintsAnAlignedTable() {
    int code = awsql.run("exec", "--local", "SELECT region, amiId, progressPercentage FROM aws.ec2.store_image_tasks"
        + " WHERE storeTaskState = 'Failed' ORDER BY progressPercentage");
    assertEquals(0, code, awsql.err());
    List<String> lines = awsql.out().lines().toList();
    assertEquals("region    | amiId                 | progressPercentage", lines.get(0));
    assertTrue(lines.get(1).matches("-+-\\+-+-\\+-+"), lines.get(1));
    assertEquals("us-east-1 | ami-0a1b2c3d4e5f60005 |                  0", lines.get(2));
    assertEquals("(3 rows)", lines.get(lines.size() - 1));
    assertEquals(6, lines.size());
  }

  @Test
  void csvIsRfc4180AndParsesBackToTheTableRows() {
    assertEquals(0, awsql.run("exec", "--local", "--output", "csv", FAILED), awsql.err());
    String csv = awsql.out();
    assertTrue(csv.contains("\r\n"), "RFC 4180 line ends");
    List<List<String>> rows = parseCsv(csv);
    assertEquals(List.of("region", "amiId", "progressPercentage", "taskStartTime", "storeTaskFailureReason"),
        rows.get(0));
    assertEquals(4, rows.size());
    assertEquals("0", rows.get(1).get(2));
    assertTrue(rows.get(1).get(3).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"), rows.get(1).get(3));
    assertEquals("Access Denied: the bucket policy does not allow s3:PutObject", rows.get(1).get(4));
  }

  @Test
  void jsonIsOneArrayOfTypedObjects() throws IOException {
    assertEquals(0, awsql.run("exec", "--local", "-o", "json", FAILED), awsql.err());
    JsonNode rows = new ObjectMapper().readTree(awsql.out());
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
    assertEquals(0, awsql.run("exec", "--local", "-o", "json", "SELECT storeTaskFailureReason,"
        + " progressPercentage = 100 AS done"
        + " FROM aws.ec2.store_image_tasks WHERE storeTaskState = 'Completed' AND region = 'eu-west-1'"), awsql.err());
    JsonNode row = new ObjectMapper().readTree(awsql.out()).get(0);
    assertTrue(row.get("storeTaskFailureReason").isNull());
    assertTrue(row.get("done").isBoolean() && row.get("done").asBoolean());
  }

  @Test
  void statementsFromAFileAndFromStandardInput() throws IOException {
    Path file = dir.resolve("q.sql");
    Files.writeString(file, "SELECT COUNT(*) AS n FROM aws.ec2.store_image_tasks WHERE region = 'us-west-2';\n");
    assertEquals(0, awsql.run("exec", "--local", "-o", "csv", "-f", file.toString()), awsql.err());
    assertEquals("n\r\n3\r\n", awsql.out());
    awsql.reset();
    awsql.stdin = "SELECT COUNT(*) AS n FROM aws.ec2.store_image_tasks WHERE region = 'eu-west-1'";
    assertEquals(0, awsql.run("exec", "--local", "-o", "csv", "-"), awsql.err());
    assertEquals("n\r\n2\r\n", awsql.out());
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
    assertEquals(0, awsql.run("exec", "--local", "-o", "csv", "-f", file.toString()), awsql.err());
    assertEquals("n\r\n3\r\n\r\nn;all\r\n2\r\n", awsql.out());
    assertEquals("", awsql.err());

    awsql.reset();
    assertEquals(0, awsql.run("exec", "--local", "-f", file.toString()), awsql.err());
    List<String> lines = awsql.out().lines().toList();
    assertEquals(List.of("n", "-", "3", "(1 row)", "", "n;all", "-----", "    2", "(1 row)"), lines);

    awsql.reset();
    assertEquals(0, awsql.run("exec", "--local", "-o", "json", "-f", file.toString()), awsql.err());
    List<JsonNode> arrays = new ArrayList<>();
    ObjectMapper mapper = new ObjectMapper();
    try (JsonParser json = mapper.createParser(awsql.out())) {
      while (json.nextToken() != null) {
        arrays.add(mapper.readTree(json));
      }
    }
    assertEquals(2, arrays.size(), awsql.out());
    assertEquals(3, arrays.get(0).get(0).get("n").asInt());
    assertEquals(2, arrays.get(1).get(0).get("n;all").asInt());
    assertTrue(awsql.out().startsWith("[") && awsql.out().contains("]\n["),
        "one array per result set, each on its own: " + awsql.out());
  }

  @Test
  void severalStatementsFromStandardInputAndTheArgument() {
    awsql.stdin = "SELECT 1 AS a;\n\nSELECT 'x;y' AS b;\n";
    assertEquals(0, awsql.run("exec", "--local", "-o", "csv", "-"), awsql.err());
    assertEquals("a\r\n1\r\n\r\nb\r\nx;y\r\n", awsql.out());
    awsql.reset();
    assertEquals(0, awsql.run("exec", "--local", "-o", "csv", "SELECT 1 AS a; SELECT 2 AS b"), awsql.err());
    assertEquals("a\r\n1\r\n\r\nb\r\n2\r\n", awsql.out());
  }

  @Test
  void aFailingStatementStopsTheRunAndSaysWhichOneItWas() throws IOException {
    Path file = dir.resolve("fails.sql");
    Files.writeString(file,
        "SELECT 1 AS a;\n-- the next one is wrong\nSELECT nope\n  FROM aws.ec2.store_image_tasks;\nSELECT 3 AS c;\n");
    assertEquals(1, awsql.run("exec", "--local", "-o", "csv", "-f", file.toString()));
    assertEquals("a\r\n1\r\n", awsql.out(), "the results before the failure, and nothing after");
    List<String> lines = awsql.err().lines().toList();
    assertEquals(1, lines.size(), awsql.err());
    String line = lines.get(0);
    assertTrue(line.startsWith("awsql: statement 2 of 3 (line 2): ") && line.contains("nope")
        && line.endsWith("[SQLState 42000]"), line);
    assertTrue(line.contains("line 3, column 8"), "positions are the file's: " + line);
  }

  @Test
  void aCommentOnlyFileIsAOneLineUsageError() throws IOException {
    Path file = dir.resolve("comments.sql");
    Files.writeString(file, "-- nothing to run; really\n/* not even; here */\n  ;\n;;\n");
    assertEquals(2, awsql.run("exec", "--local", "-f", file.toString()));
    assertEquals(List.of("awsql: " + file + " holds no SQL statement"), awsql.err().lines().toList());
    assertEquals("", awsql.out());
  }

  @Test
  void anEmptyFileStandardInputOrArgumentIsAOneLineUsageError() throws IOException {
    Path file = dir.resolve("empty.sql");
    Files.writeString(file, "");
    assertEquals(2, awsql.run("exec", "--local", "-f", file.toString()));
    assertEquals(List.of("awsql: " + file + " holds no SQL statement"), awsql.err().lines().toList());
    awsql.reset();
    awsql.stdin = "  \n\t\n";
    assertEquals(2, awsql.run("exec", "--local", "-"));
    assertEquals(List.of("awsql: standard input holds no SQL statement"), awsql.err().lines().toList());
    awsql.reset();
    assertEquals(2, awsql.run("exec", "--local", " ; "));
    assertEquals(List.of("awsql: the statement argument holds no SQL statement"),
        awsql.err().lines().toList());
    assertEquals("", awsql.out());
  }

  @Test
  void everySqlExampleRunsAsIs() throws IOException {
    List<Path> examples;
    try (var files = Files.list(Path.of("../sql-examples"))) {
      examples = files.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    }
    assertTrue(examples.size() >= 8, "sql-examples/*.sql: " + examples);
    for (Path example : examples) {
      awsql.reset();
      assertEquals(0, awsql.run("exec", "--local", "-f", example.toString()), example + ": " + awsql.err());
      assertTrue(awsql.out().contains("(") && awsql.out().contains(" row"), example + ": " + awsql.out());
    }
    awsql.reset();
    assertEquals(0, awsql.run("exec", "--local", "-o", "csv", "-f", "../sql-examples/store_an_ami_stackql_style.sql"),
        awsql.err());
    assertEquals("1 row(s) affected\n\r\nregion,amiId,storeTaskState,progressPercentage\r\n"
        + "us-west-2,ami-0b1b2c3d4e5f60002,InProgress,0\r\nus-west-2,ami-0b1b2c3d4e5f60002,Completed,100\r\n",
        awsql.out(),
        "the INSERT's count, then the SELECT that sees the new task and the earlier one");
  }

  @Test
  void insertReportsItsCountAndDryRunItsWarning() {
    assertEquals(0, awsql.run("exec", "--local", "--dry-run",
        "INSERT INTO aws.ec2.store_image_tasks (region, amiId, bucket)"
        + " VALUES ('us-east-1', 'ami-0a1b2c3d4e5f60005', 'acme-ami-archive')"), awsql.err());
    assertEquals("0 row(s) affected\n", awsql.out().replace("\r", ""));
    assertTrue(awsql.err().contains("would have succeeded"), awsql.err());
  }

  @Test
  void failureIsOneLineWithSqlStateAndExitCode1() {
    int code = awsql.run("exec", "--local", "SELECT nope FROM aws.ec2.store_image_tasks");
    assertEquals(1, code);
    List<String> lines = awsql.err().lines().toList();
    assertEquals(1, lines.size(), awsql.err());
    assertTrue(lines.get(0).startsWith("awsql: ") && lines.get(0).contains("nope") && lines.get(0).contains("42000"),
        lines.get(0));
  }

  @Test
  void theStatementsComeFromOneOfTheArgumentAFileOrStandardInput() throws IOException {
    Path file = dir.resolve("one.sql");
    Files.writeString(file, "SELECT 1 AS a");
    awsql.stdin = "SELECT 2 AS b";
    assertEquals(0, awsql.run("exec", "--local", "-o", "csv", "--file", "-"), awsql.err());
    assertEquals("b\r\n2\r\n", awsql.out(), "-f - reads standard input");
    awsql.reset();
    assertEquals(0, awsql.run("exec", "--local", "--output=csv"), awsql.err());
    assertEquals("b\r\n2\r\n", awsql.out(), "no statement and no terminal: standard input");
    awsql.reset();
    assertEquals(0, awsql.run("exec", "--local", "-o", "csv", "--", "-- starts like an option\nSELECT 4 AS d"),
        awsql.err());
    assertEquals("d\r\n4\r\n", awsql.out(), "after --, an argument starting with - is the statement");
    awsql.reset();
    assertEquals(2, awsql.run("exec", "--local", "-f", file.toString(), "SELECT 3"));
    assertTrue(awsql.err().startsWith("awsql: exec takes one of \"SQL\", -f FILE or -, not several"), awsql.err());
    awsql.reset();
    assertEquals(2, awsql.run("exec", "--local", "-f", dir.resolve("nosuch.sql").toString()));
    assertTrue(awsql.err().startsWith("awsql: cannot read the statement: ") && awsql.err().contains("nosuch.sql"),
        awsql.err());
    assertEquals("", awsql.out());
  }

  @Test
  void explainPrintsEachStatementsPlanAndSendsNothingToAws() {
    String tasks = "SELECT amiId FROM aws.ec2.store_image_tasks WHERE storeTaskState = 'Failed'";
    try (LocalAws aws = LocalAws.builder().demoData().start()) {
      String endpoint = aws.endpoint().toString();
      withDemoKey(() -> {
        assertEquals(0, awsql.run("exec", "--endpoint", endpoint, "--region", "us-east-1", "--explain",
            tasks + ";\nSELECT 1 AS one"), awsql.err());
        List<String> plans = List.of(awsql.out().split("\n\n"));
        assertEquals(2, plans.size(), "one plan per statement, a blank line between: " + awsql.out());
        assertTrue(plans.get(0).contains("store_image_tasks"), plans.get(0));
        assertFalse(plans.get(1).contains("store_image_tasks"), plans.get(1));
        assertFalse(awsql.out().contains("-+-") || awsql.out().contains(" row"), "the plan as it is: " + awsql.out());
        assertEquals(List.of(), aws.requestLog().forAction("DescribeStoreImageTasks"), "nothing run");

        awsql.reset();
        assertEquals(0, awsql.run("exec", "--endpoint", endpoint, "--region", "us-east-1", tasks), awsql.err());
        assertFalse(aws.requestLog().forAction("DescribeStoreImageTasks").isEmpty(), "without --explain it runs");
      });
    }
  }

  @Test
  void explainReportsAnErrorWhereTheStatementHasIt() {
    assertEquals(1, awsql.run("exec", "--local", "--explain", "SELECT nope FROM aws.ec2.store_image_tasks"));
    assertTrue(awsql.err().startsWith("awsql: From line 1, column 8 to line 1, column 11: ")
        && awsql.err().contains("'nope'") && awsql.err().endsWith("[SQLState 42000]\n"), awsql.err());
    assertEquals("", awsql.out());
  }

  /** Runs {@code test} with the demo access key in the AWS SDK's system properties (exec has no key option). */
  private static void withDemoKey(Runnable test) {
    Map<String, String> before = new HashMap<>();
    Map<String, String> demo = Map.of("aws.accessKeyId", AccessKey.DEMO.accessKeyId(), "aws.secretAccessKey",
        AccessKey.DEMO.secretAccessKey());
    demo.forEach((name, value) -> before.put(name, System.setProperty(name, value)));
    try {
      test.run();
    } finally {
      before.forEach((name, value) -> {
        if (value == null) {
          System.clearProperty(name);
        } else {
          System.setProperty(name, value);
        }
      });
    }
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
