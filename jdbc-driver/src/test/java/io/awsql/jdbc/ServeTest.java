package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.server.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** awsql serve with Avatica's thin client: queries, both serializations, authentication, read-only. */
class ServeTest {
  @TempDir
  Path dir;

  private static HttpServer serve(String... args) throws SQLException {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return ServeCommand.start(ConnectionOptions.parse(List.of(args)), quiet, quiet);
  }

  private static String thinUrl(HttpServer server, String serialization) {
    return "jdbc:avatica:remote:url=http://127.0.0.1:" + server.getPort() + ";serialization=" + serialization;
  }

  @Test
  void thinClientsQueryOverProtobufAndJson() throws SQLException {
    for (String serialization : List.of("protobuf", "json")) {
      HttpServer server = serve("--local", "--port", "0", "--serialization", serialization);
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
    Files.writeString(users, "alice: s3cret," + ServeCommand.ROLE + "\n");
    HttpServer server = serve("--local", "--port", "0", "--auth", "basic", "--users", users.toString());
    try {
      String url = thinUrl(server, "protobuf") + ";authentication=BASIC";
      try (Connection c = DriverManager.getConnection(url + ";avatica_user=alice;avatica_password=s3cret")) {
        assertEquals(2, LocalEndpoint.query(c, "SELECT * FROM aws.ec2.store_image_tasks WHERE region = 'eu-west-1'").size());
      }
      assertThrows(Exception.class, () -> {
        try (Connection c = DriverManager.getConnection(url + ";avatica_user=alice;avatica_password=wrong")) {
          LocalEndpoint.query(c, "SELECT * FROM aws.ec2.store_image_tasks");
        }
      });
      assertThrows(Exception.class, () -> {
        try (Connection c = DriverManager.getConnection(thinUrl(server, "protobuf"))) {
          LocalEndpoint.query(c, "SELECT * FROM aws.ec2.store_image_tasks");
        }
      }, "no credentials at all");
    } finally {
      server.stop();
    }
  }

  @Test
  void readOnlyByDefaultWhateverTheClientAsks() throws SQLException {
    HttpServer server = serve("--local", "--port", "0");
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
    HttpServer server = serve("--local", "--port", "0", "--allow-writes");
    try (Connection c = DriverManager.getConnection(thinUrl(server, "protobuf")); Statement s = c.createStatement()) {
      assertEquals(1, s.executeUpdate("INSERT INTO aws.ec2.store_image_tasks"
          + " (region, amiId, bucket) VALUES ('us-east-1', 'ami-0a1b2c3d4e5f60005', 'acme-ami-archive')"));
    } finally {
      server.stop();
    }
  }

  @Test
  void tlsOptionsServeHttps() throws Exception {
    Path keystore = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "awsql", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    assertEquals(0, keytool.waitFor(), new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    Path passwordFile = dir.resolve("keystore-password");
    Files.writeString(passwordFile, "changeit\n");
    HttpServer server = serve("--local", "--port", "0", "--tls-keystore", keystore.toString(),
        "--tls-keystore-password-file", passwordFile.toString()); // not on the command line, where ps shows it
    try {
      String https = "jdbc:avatica:remote:url=https://127.0.0.1:" + server.getPort() + ";serialization=protobuf"
          + ";truststore=" + keystore + ";truststore_password=changeit";
      try (Connection c = DriverManager.getConnection(https)) {
        assertEquals(2, LocalEndpoint.query(c, "SELECT * FROM aws.ec2.store_image_tasks WHERE region = 'eu-west-1'").size());
      }
    } finally {
      server.stop();
    }
  }

  @Test
  void everyClientOfALocalServerSeesTheSameLocalAws() throws SQLException {
    HttpServer server = serve("--local", "--port", "0", "--allow-writes");
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
    HttpServer server = serve("--local", "--port", "0", "--max-request-bytes", "1000");
    try {
      java.net.HttpURLConnection http = (java.net.HttpURLConnection) new java.net.URL(
          "http://127.0.0.1:" + server.getPort()).openConnection();
      http.setDoOutput(true);
      http.setRequestMethod("POST");
      http.setFixedLengthStreamingMode(5000);
      try (var body = http.getOutputStream()) {
        body.write(new byte[5000]);
      } catch (java.io.IOException closedEarly) {
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
    Files.writeString(users, "alice: pw-a," + ServeCommand.ROLE + "\nbob: pw-b," + ServeCommand.ROLE + "\n");
    HttpServer server = serve("--local", "--port", "0", "--auth", "basic", "--users", users.toString());
    String url = thinUrl(server, "protobuf") + ";authentication=BASIC";
    String query = "SELECT * FROM aws.ec2.store_image_tasks WHERE region = 'eu-west-1'";
    try (Connection alice = DriverManager.getConnection(url + ";avatica_user=alice;avatica_password=pw-a")) {
      assertEquals(2, LocalEndpoint.query(alice, query).size());
      Connection bob = DriverManager.getConnection(url + ";avatica_user=bob;avatica_password=pw-b");
      // Bob's client sends Alice's connection id (ids travel in every request, and can be seen or guessed).
      java.lang.reflect.Field id = org.apache.calcite.avatica.Meta.ConnectionHandle.class.getField("id");
      id.setAccessible(true);
      id.set(bob.unwrap(org.apache.calcite.avatica.AvaticaConnection.class).handle,
          alice.unwrap(org.apache.calcite.avatica.AvaticaConnection.class).id);
      Exception e = assertThrows(Exception.class, () -> LocalEndpoint.query(bob, query));
      assertTrue(String.valueOf(e.getMessage()).contains("No connection"), String.valueOf(e.getMessage()));
      assertThrows(Exception.class, bob::close, "nor can he close it");
      assertEquals(2, LocalEndpoint.query(alice, query).size(), "Alice's connection is untouched");
    } finally {
      server.stop();
    }
  }

  @Test
  void slowQueriesBeyondTheCapAreRefusedAtOnceAndTheServerKeepsAnswering() throws Exception {
    try (LocalEndpoint local = new LocalEndpoint()) {
      local.aws.faults().add(io.awsql.localaws.FaultRule.latency("DescribeStoreImageTasks", java.time.Duration.ofSeconds(3)));
      ConnectionOptions options = ConnectionOptions.parse(List.of("--port", "0", "--max-running", "2", "--endpoint",
          local.aws.endpoint().toString(), "--region", "us-east-1"));
      options.properties.setProperty("accessKeyId", io.awsql.localaws.AccessKey.DEMO.accessKeyId());
      options.properties.setProperty("secretAccessKey", io.awsql.localaws.AccessKey.DEMO.secretAccessKey());
      PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
      HttpServer server = ServeCommand.start(options, quiet, quiet);
      java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(2);
      try {
        List<java.util.concurrent.Future<Integer>> slow = new java.util.ArrayList<>();
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
          for (java.util.concurrent.Future<Integer> f : slow) {
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
    Files.writeString(users, "alice: s3cret," + ServeCommand.ROLE + "\nbob: ," + ServeCommand.ROLE + "\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> serve("--local", "--port", "0", "--auth", "basic", "--users", users.toString()));
    assertTrue(e.getMessage().contains("'bob'") && e.getMessage().contains("no password"), e.getMessage());
  }

  @Test
  void unsafeOrIncompleteOptionsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> serve("--local", "--bind", "0.0.0.0"));
    assertThrows(IllegalArgumentException.class, () -> serve("--local", "--auth", "basic"));
    assertThrows(IllegalArgumentException.class, () -> serve("--local", "--auth", "basic", "--users", "/nonexistent"));
  }
}
