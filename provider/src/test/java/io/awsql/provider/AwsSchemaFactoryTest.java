package io.awsql.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.awsql.localaws.AccessKey;
import io.awsql.localaws.LocalAws;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain Calcite connection mounts awsql from a model file beside Calcite's file adapter, as docs/connection.md
 * shows, and joins an awsql table with a CSV.
 */
class AwsSchemaFactoryTest {
  private static final Path DOC = Path.of("..", "docs", "connection.md");
  private static final Pattern CODE = Pattern.compile("```\\w*\n(.*?)```", Pattern.DOTALL);
  /** Approved AMIs: two of us-east-1's stored AMIs, one of us-west-2's, and one never stored. */
  private static final String APPROVED_CSV = """
      amiId:string,approvedBy:string
      ami-0a1b2c3d4e5f60001,platform
      ami-0a1b2c3d4e5f60003,platform
      ami-0b1b2c3d4e5f60002,security
      ami-0a1b2c3d4e5f6ffff,security
      """;
  /** Store tasks whose AMI is not approved, the model's example query. */
  private static final String UNAPPROVED = """
      SELECT t.region, t.amiId, t.bucket
      FROM aws.ec2.store_image_tasks t
      LEFT JOIN files.approved_amis a ON a.amiId = t.amiId
      WHERE a.amiId IS NULL
      ORDER BY t.region, t.amiId, t.bucket""";

  @TempDir
  Path dir;
  private LocalAws aws;

  @BeforeEach
  void start() {
    // One endpoint per test: the INSERT test creates a task the others must not see.
    aws = LocalAws.builder().demoData().start();
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  /**
   * The model of docs/connection.md with {@code operand} entries for awsql (the endpoint and demo key added);
   * the CSV in {@code dir/files}.
   */
  private String model(String operand) throws IOException {
    Files.createDirectories(dir.resolve("files"));
    Files.writeString(dir.resolve("files/approved_amis.csv"), APPROVED_CSV);
    String json = """
        {
          "version": "1.0",
          "defaultSchema": "aws",
          "schemas": [
            {
              "name": "aws",
              "type": "custom",
              "factory": "io.awsql.provider.AwsSchemaFactory",
              "operand": {
                "endpoint": "%s",
                "accessKeyId": "%s",
                "secretAccessKey": "%s"%s
              }
            },
            {
              "name": "files",
              "type": "custom",
              "factory": "org.apache.calcite.adapter.file.FileSchemaFactory",
              "operand": { "directory": "files" }
            }
          ]
        }
        """.formatted(aws.endpoint(), AccessKey.DEMO.accessKeyId(), AccessKey.DEMO.secretAccessKey(),
        operand.isEmpty() ? "" : ",\n        " + operand);
    Path model = dir.resolve("model.json");
    Files.writeString(model, json);
    return "jdbc:calcite:model=" + model + ";lex=JAVA;timeZone=UTC";
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getString(i));
        }
        rows.add(String.join(" | ", row));
      }
    }
    return rows;
  }

  /** The section's model, CSV, URL and query, run as they are written there, give the output shown. */
  @Test
  void docExampleRunsAsShown() throws Exception {
    String doc = Files.readString(DOC);
    Matcher code = CODE.matcher(doc.substring(doc.indexOf("## Calcite model file")));
    List<String> blocks = new ArrayList<>();
    while (code.find()) {
      blocks.add(code.group(1));
    }
    // model, CSV, commands, query, output; only the endpoint is this test's.
    Path model = dir.resolve("model-demo/model.json");
    Files.createDirectories(model.resolveSibling("files"));
    Files.writeString(model, blocks.get(0).replace("http://127.0.0.1:4599", aws.endpoint().toString()));
    Files.writeString(model.resolveSibling("files/approved_amis.csv"), blocks.get(1));
    assertEquals(APPROVED_CSV, blocks.get(1));
    Matcher url = Pattern.compile("-u \"(jdbc:calcite:model=)model-demo/model.json([^\"]*)\"").matcher(blocks.get(2));
    assertTrue(url.find(), blocks.get(2));
    List<String> shown = new ArrayList<>();
    for (String line : blocks.get(4).split("\n")) {
      if (line.startsWith("| ") && !line.contains("region")) {
        shown.add(String.join(" | ", line.substring(2, line.length() - 2).trim().split("\\s*\\|\\s*")));
      }
    }
    String query = blocks.get(3).strip();
    try (Connection c = DriverManager.getConnection(url.group(1) + model + url.group(2))) {
      assertEquals(shown, rows(c, query.substring(0, query.length() - 1)));
    }
    assertEquals(5, shown.size());
  }

  @Test
  void joinsStoreTasksWithACsvOfApprovedAmis() throws Exception {
    try (Connection c = DriverManager.getConnection(model("\"region\": \"us-east-1\""))) {
      // The demo seed's us-east-1 tasks (local-aws/.../demo-seed.json) less the approved 0001 and 0003;
      // 0006's task started 40 days ago, outside the 31 days EC2 lists.
      assertEquals(List.of(
          "us-east-1 | ami-0a1b2c3d4e5f60002 | acme-dr-backups",
          "us-east-1 | ami-0a1b2c3d4e5f60004 | acme-dr-backups",
          "us-east-1 | ami-0a1b2c3d4e5f60005 | acme-ami-archive"), rows(c, UNAPPROVED));
      // Approved AMIs with no store task in the connection's region, the other way round (and the default
      // schema, aws, resolves ec2): us-west-2's AMI has its tasks there.
      assertEquals(List.of("ami-0a1b2c3d4e5f6ffff | security", "ami-0b1b2c3d4e5f60002 | security"), rows(c, """
          SELECT a.amiId, a.approvedBy FROM files.approved_amis a
          WHERE a.amiId NOT IN (SELECT amiId FROM ec2.store_image_tasks)
          ORDER BY a.amiId"""));
    }
  }

  @Test
  void operandTakesNumbersBooleansAndArrays() throws Exception {
    String operand = """
        "region": ["us-east-1", "us-west-2"], "maxConcurrentCalls": 4, "apiCallTimeout": 60,
                "pushIdLists": true, "dryRun": false""";
    try (Connection c = DriverManager.getConnection(model(operand))) {
      AwsSchema schema = c.unwrap(CalciteConnection.class).getRootSchema().getSubSchema("aws").unwrap(AwsSchema.class);
      ConnectionSettings settings = schema.settings();
      assertEquals(List.of("us-east-1", "us-west-2"), settings.regions());
      assertEquals(4, settings.limits().maxConcurrentCalls());
      assertEquals(60, settings.limits().apiCallTimeout().toSeconds());
      assertTrue(settings.pushIdLists());
      assertEquals(List.of(
          "us-east-1 | ami-0a1b2c3d4e5f60002 | acme-dr-backups",
          "us-east-1 | ami-0a1b2c3d4e5f60004 | acme-dr-backups",
          "us-east-1 | ami-0a1b2c3d4e5f60005 | acme-ami-archive",
          "us-west-2 | ami-0b1b2c3d4e5f60001 | acme-ami-archive-usw2",
          "us-west-2 | ami-0b1b2c3d4e5f60003 | acme-ami-archive-usw2"), rows(c, UNAPPROVED));
    }
  }

  @Test
  void unknownOperandIsRefusedWithTheValidNames() {
    Exception e = assertThrows(Exception.class, () -> DriverManager.getConnection(model("\"regoin\": \"us-east-1\"")));
    ConnectionSettings.InvalidSettingException invalid = invalidSetting(e);
    assertEquals("awsql schema 'aws' in the Calcite model: Unknown connection property 'regoin'. Valid properties: "
        + ConnectionSettings.validNames() + ".", invalid.getMessage());
  }

  @Test
  void badValuesAreRefusedAsTheUrlRefusesThem() {
    assertEquals("awsql schema 'aws' in the Calcite model: maxConcurrentCalls='0' must be a whole number from 1 to "
        + "1000000.", refusal("\"maxConcurrentCalls\": 0"));
    assertEquals("awsql schema 'aws' in the Calcite model: readOnly='yes' must be true or false.",
        refusal("\"readOnly\": \"yes\""));
    assertTrue(refusal("\"region\": {\"name\": \"us-east-1\"}")
        .contains("Connection property 'region' must be a string, number, boolean, or an array of them"));
  }

  @Test
  void localIsRefusedWithWhatToDoInstead() {
    // The model's own endpoint would clash with local=true first: a model with local and no endpoint.
    Map<String, Object> operand = Map.of("local", true, "region", "us-east-1");
    ConnectionSettings.InvalidSettingException e = assertThrows(ConnectionSettings.InvalidSettingException.class,
        () -> AwsSchemaFactory.INSTANCE.create(null, "aws", operand));
    assertEquals("awsql schema 'aws' in the Calcite model: local=true starts an embedded local-aws only through "
        + "the jdbc:awsql: driver. Run it on its own (awsql local-aws --port 4599) and give "
        + "endpoint=http://127.0.0.1:4599 with the accessKeyId and secretAccessKey it prints.", e.getMessage());
  }

  @Test
  void insertCreatesThroughTheModel() throws Exception {
    try (Connection c = DriverManager.getConnection(model("\"region\": \"us-east-1\""));
        Statement s = c.createStatement()) {
      // 0006's only task is older than the 31 days EC2 lists: the new one is the one listed.
      assertEquals(1, s.executeUpdate("INSERT INTO aws.ec2.store_image_tasks (region, amiId, bucket) "
          + "VALUES ('us-east-1', 'ami-0a1b2c3d4e5f60006', 'acme-ami-archive')"));
      assertEquals(List.of("ami-0a1b2c3d4e5f60006 | acme-ami-archive"), rows(c,
          "SELECT amiId, bucket FROM aws.ec2.store_image_tasks WHERE amiId = 'ami-0a1b2c3d4e5f60006'"));
      assertEquals(1, aws.requestLog().forAction("CreateStoreImageTask").size());
    }
  }

  @Test
  void readOnlyOperandRefusesInsert() throws Exception {
    try (Connection c = DriverManager.getConnection(model("\"region\": \"us-east-1\", \"readOnly\": true"));
        Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO aws.ec2.store_image_tasks "
          + "(region, amiId, bucket) VALUES ('us-east-1', 'ami-0a1b2c3d4e5f60006', 'acme-ami-archive')"));
      assertTrue(e.getMessage().contains("read-only (readOnly=true)"), e.getMessage());
      assertEquals(0, aws.requestLog().forAction("CreateStoreImageTask").size());
    }
  }

  /** No one closes a model's schema: its SDK clients' scheduler threads end once the closed connection is collected. */
  @Test
  void clientsOfAClosedConnectionAreReleasedOnceCollected() throws Exception {
    List<Thread> scheduler = schedulerThreadsOfOneQuery(model("\"region\": \"us-east-1\""));
    assertFalse(scheduler.isEmpty(), "the SDK started no scheduler thread: nothing to see released");
    for (int i = 0; i < 100 && scheduler.stream().anyMatch(Thread::isAlive); i++) {
      System.gc();
      Thread.sleep(100);
    }
    assertEquals(List.of(), scheduler.stream().filter(Thread::isAlive).toList());
  }

  /** The SDK scheduler threads a connection started, the connection closed and no longer referenced. */
  private static List<Thread> schedulerThreadsOfOneQuery(String url) throws SQLException {
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    try (Connection c = DriverManager.getConnection(url)) {
      rows(c, "SELECT amiId FROM aws.ec2.store_image_tasks");
    }
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.getName().startsWith("sdk-ScheduledExecutor")).toList();
  }

  private String refusal(String operand) {
    return invalidSetting(assertThrows(Exception.class, () -> DriverManager.getConnection(model(operand))))
        .getMessage();
  }

  /** The factory's error, wherever in the chain Calcite's connection put it. */
  private static ConnectionSettings.InvalidSettingException invalidSetting(Throwable e) {
    Throwable t = e;
    while (t != null && !(t instanceof ConnectionSettings.InvalidSettingException)) {
      t = t.getCause();
    }
    return assertInstanceOf(ConnectionSettings.InvalidSettingException.class, t, () -> "no setting error in " + e);
  }
}
