package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.awsql.localaws.AccessKey;
import io.awsql.localaws.FaultRule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.server.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server behind awsql serve with Avatica's thin client: queries, both serializations, authentication,
 * read-only, limits. (Its options and TLS through the command: io.awsql.cli.ServeCommandTest.)
 */
class ServeTest {
  @TempDir
  Path dir;

  /** A server over local-aws's demo data, on a free port. */
  private static AwsqlServer local() {
    Properties settings = new Properties();
    settings.setProperty("local", "true");
    return new AwsqlServer(settings).port(0);
  }

  private static HttpServer start(AwsqlServer server) throws SQLException {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return server.start(quiet, quiet);
  }

  private static String thinUrl(HttpServer server, String serialization) {
    return "jdbc:avatica:remote:url=http://127.0.0.1:" + server.getPort() + ";serialization=" + serialization;
  }

  @Test
  void thinClientsQueryOverProtobufAndJson() throws SQLException {
    for (String serialization : List.of("protobuf", "json")) {
      HttpServer server = start(local().serialization(Serialization.valueOf(serialization.toUpperCase(Locale.ROOT))));
      try (Connection c = DriverManager.getConnection(thinUrl(server, serialization))) {
        List<Map<String, Object>> rows = LocalEndpoint.query(c,
            "SELECT region, COUNT(*) AS tasks FROM aws.ec2.store_image_tasks GROUP BY region ORDER BY region");
        assertEquals(3, rows.size(), serialization);
        assertEquals("eu-west-1", rows.get(0).get("region"));
        assertEquals(2L, ((Number) rows.get(0).get("tasks")).longValue());
      } finally {
        server.stop();
      }
    }
  }

  @Test
  void basicAuthenticationRequiredAndAWrongPasswordRefused() throws SQLException, IOException {
    Path users = dir.resolve("users.properties");
    Files.writeString(users, "alice: s3cret," + AwsqlServer.ROLE + "\n");
    HttpServer server = start(local().authentication(AwsqlServer.Authentication.BASIC, users));
    try {
      String url = thinUrl(server, "protobuf") + ";authentication=BASIC";
      try (Connection c = DriverManager.getConnection(url + ";avatica_user=alice;avatica_password=s3cret")) {
        assertEquals(2,
            LocalEndpoint.query(c, "SELECT * FROM aws.ec2.store_image_tasks WHERE region = 'eu-west-1'").size());
      }
      // Refused by the server (HTTP 401), not unreachable: a refused connection would pass a looser check.
      Exception wrong = assertThrows(Exception.class, () -> {
        try (Connection c = DriverManager.getConnection(url + ";avatica_user=alice;avatica_password=wrong")) {
          LocalEndpoint.query(c, "SELECT * FROM aws.ec2.store_image_tasks");
        }
      });
      assertTrue(messages(wrong).contains("401"), messages(wrong));
      Exception none = assertThrows(Exception.class, () -> {
        try (Connection c = DriverManager.getConnection(thinUrl(server, "protobuf"))) {
          LocalEndpoint.query(c, "SELECT * FROM aws.ec2.store_image_tasks");
        }
      }, "no credentials at all");
      assertTrue(messages(none).contains("401"), messages(none));
    } finally {
      server.stop();
    }
  }

  @Test
  void readOnlyByDefaultWhateverTheClientAsks() throws SQLException {
    HttpServer server = start(local());
    try (Connection c = DriverManager.getConnection(thinUrl(server, "protobuf") + ";readOnly=false");
        Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO aws.ec2.store_image_tasks"
          + " (region, amiId, bucket) VALUES ('us-east-1', 'ami-0a1b2c3d4e5f60005', 'acme-ami-archive')"));
      assertTrue(e.getMessage().contains("read-only"), e.getMessage());
    } finally {
      server.stop();
    }
  }

  @Test
  void allowWritesLetsInsertThrough() throws SQLException {
    HttpServer server = start(local().allowWrites(true));
    try (Connection c = DriverManager.getConnection(thinUrl(server, "protobuf")); Statement s = c.createStatement()) {
      assertEquals(1, s.executeUpdate("INSERT INTO aws.ec2.store_image_tasks"
          + " (region, amiId, bucket) VALUES ('us-east-1', 'ami-0a1b2c3d4e5f60005', 'acme-ami-archive')"));
    } finally {
      server.stop();
    }
  }

  @Test
  void everyClientOfALocalServerSeesTheSameLocalAws() throws SQLException {
    HttpServer server = start(local().allowWrites(true));
    try (Connection a = DriverManager.getConnection(thinUrl(server, "protobuf"));
        Connection b = DriverManager.getConnection(thinUrl(server, "protobuf"));
        Statement s = a.createStatement()) {
      String history = "SELECT * FROM aws.ec2.store_image_tasks WHERE region = 'us-west-2'"
          + " AND amiId = 'ami-0b1b2c3d4e5f60002'";
      int before = LocalEndpoint.query(b, history).size();
      s.executeUpdate("INSERT INTO aws.ec2.store_image_tasks (region, amiId, bucket)"
          + " VALUES ('us-west-2', 'ami-0b1b2c3d4e5f60002', 'acme-ami-archive-usw2')");
      assertEquals(before + 1, LocalEndpoint.query(b, history).size(), "b sees what a created");
    } finally {
      server.stop();
    }
  }

  @Test
  void aRequestBodyOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
    HttpServer server = start(local().maxRequestBytes(1000));
    try {
      HttpURLConnection http = (HttpURLConnection) new URL(
          "http://127.0.0.1:" + server.getPort()).openConnection();
      http.setDoOutput(true);
      http.setRequestMethod("POST");
      http.setFixedLengthStreamingMode(5000);
      try (var body = http.getOutputStream()) {
        body.write(new byte[5000]);
      } catch (IOException closedEarly) {
        // the server may answer and close before the whole body is sent
      }
      assertEquals(413, http.getResponseCode());
      try (Connection c = DriverManager.getConnection(thinUrl(server, "protobuf"))) {
        assertEquals(2, LocalEndpoint.query(c, "SELECT * FROM aws.ec2.store_image_tasks WHERE region = 'eu-west-1'")
            .size(), "ordinary requests still pass");
      }
    } finally {
      server.stop();
    }
  }

  @Test
  void aUserCannotUseAnotherUsersConnection() throws Exception {
    Path users = dir.resolve("users.properties");
    Files.writeString(users, "alice: pw-a," + AwsqlServer.ROLE + "\nbob: pw-b," + AwsqlServer.ROLE + "\n");
    HttpServer server = start(local().authentication(AwsqlServer.Authentication.BASIC, users));
    String url = thinUrl(server, "protobuf") + ";authentication=BASIC";
    String query = "SELECT * FROM aws.ec2.store_image_tasks WHERE region = 'eu-west-1'";
    try (Connection alice = DriverManager.getConnection(url + ";avatica_user=alice;avatica_password=pw-a")) {
      assertEquals(2, LocalEndpoint.query(alice, query).size());
      Connection bob = DriverManager.getConnection(url + ";avatica_user=bob;avatica_password=pw-b");
      // Bob's client sends Alice's connection id (ids travel in every request, and can be seen or guessed).
      Field id = Meta.ConnectionHandle.class.getField("id");
      id.setAccessible(true);
      id.set(bob.unwrap(AvaticaConnection.class).handle,
          alice.unwrap(AvaticaConnection.class).id);
      Exception e = assertThrows(Exception.class, () -> LocalEndpoint.query(bob, query));
      assertTrue(String.valueOf(e.getMessage()).contains("No connection"), String.valueOf(e.getMessage()));
      SQLException close = assertThrows(SQLException.class, bob::close, "nor can he close it");
      assertEquals("08003", close.getSQLState(), "the server knows no such connection of his");
      assertEquals(2, LocalEndpoint.query(alice, query).size(), "Alice's connection is untouched");
    } finally {
      server.stop();
    }
  }

  @Test
  void slowQueriesBeyondTheCapAreRefusedAtOnceAndTheServerKeepsAnswering() throws Exception {
    try (LocalEndpoint local = new LocalEndpoint()) {
      local.aws.faults().add(
          FaultRule.latency("DescribeStoreImageTasks", Duration.ofSeconds(3)));
      Properties settings = new Properties();
      settings.setProperty("endpoint", local.aws.endpoint().toString());
      settings.setProperty("region", "us-east-1");
      settings.setProperty("accessKeyId", AccessKey.DEMO.accessKeyId());
      settings.setProperty("secretAccessKey", AccessKey.DEMO.secretAccessKey());
      HttpServer server = start(new AwsqlServer(settings).port(0).maxRunning(2));
      ExecutorService clients = Executors.newFixedThreadPool(2);
      try {
        List<Future<Integer>> slow = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          slow.add(clients.submit(() -> {
            try (Connection c = DriverManager.getConnection(thinUrl(server, "protobuf"))) {
              return LocalEndpoint.query(c, "SELECT * FROM aws.ec2.store_image_tasks").size();
            }
          }));
        }
        for (int waited = 0; local.aws.requestLog().maxInFlight() < 2 && waited < 200; waited++) {
          Thread.sleep(20); // until both slow queries wait on AWS (answered 3 s after they arrive)
        }
        assertEquals(2, local.aws.requestLog().maxInFlight());
        try (Connection c = DriverManager.getConnection(thinUrl(server, "protobuf"))) {
          SQLException busy = assertThrows(SQLException.class, () -> LocalEndpoint.query(c, "SELECT 1"));
          assertEquals("53400", busy.getSQLState(), busy.getMessage());
          try (ResultSet tables = c.getMetaData().getTables(null, null, "%", null)) {
            assertTrue(tables.next(), "metadata still answers");
          }
          for (Future<Integer> f : slow) {
            assertEquals(6, f.get());
          }
          assertEquals(1, LocalEndpoint.query(c, "SELECT 1").size(), "and queries run again");
        }
      } finally {
        clients.shutdownNow();
        server.stop();
      }
    }
  }

  @Test
  void aUserWithoutAPasswordIsRefused() throws IOException {
    Path users = dir.resolve("users.properties");
    Files.writeString(users, "alice: s3cret," + AwsqlServer.ROLE + "\nbob: ," + AwsqlServer.ROLE + "\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> start(local().authentication(AwsqlServer.Authentication.BASIC, users)));
    assertTrue(e.getMessage().contains("'bob'") && e.getMessage().contains("no password"), e.getMessage());
  }

  @Test
  void unsafeOrIncompleteSettingsAreRefused() {
    IllegalArgumentException open = assertThrows(IllegalArgumentException.class,
        () -> start(local().bind("0.0.0.0")));
    assertTrue(open.getMessage().contains("refusing to serve on 0.0.0.0 without authentication"), open.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> start(local().authentication(AwsqlServer.Authentication.BASIC, Path.of("/nonexistent"))));
  }

  /** The messages of an exception and its causes, for checking why something failed. */
  private static String messages(Throwable t) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      all.append(c.getMessage()).append(" | ");
    }
    return all.toString();
  }
}
