package io.awsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.calcite.avatica.server.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParameterException;

/** awsql serve's options reaching the server: HTTPS with a password from a file, the address it prints. */
class ServeCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @TempDir
  Path dir;

  /** Starts the server {@code awsql serve args...} would, without waiting for it to stop. */
  private HttpServer serve(String... args) throws SQLException {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Streams streams = new Streams(new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), quiet, false);
    String[] serve = new String[args.length + 1];
    serve[0] = "serve";
    System.arraycopy(args, 0, serve, 1, args.length);
    ServeCommand command = (ServeCommand) Main.commandLine(streams).parseArgs(serve).subcommand().commandSpec()
        .userObject();
    return command.start();
  }

  private static int tasksInEuWest1(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM aws.ec2.store_image_tasks WHERE region = 'eu-west-1'")) {
      int rows = 0;
      while (rs.next()) {
        rows++;
      }
      return rows;
    }
  }

  @Test
  void itPrintsTheUrlThinClientsUse() throws SQLException {
    HttpServer server = serve("--local", "--port", "0", "--serialization", "json");
    try {
      String url = "jdbc:avatica:remote:url=http://127.0.0.1:" + server.getPort() + ";serialization=json;timeZone=UTC";
      String printed = out.toString(StandardCharsets.UTF_8);
      assertTrue(printed.contains("  " + url + "\n") && printed.contains("(json, read-only, no authentication)"),
          printed);
      assertEquals(2, tasksInEuWest1(url));
    } finally {
      server.stop();
    }
  }

  @Test
  void tlsWithTheKeystorePasswordInAFile() throws Exception {
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
      assertEquals(2, tasksInEuWest1("jdbc:avatica:remote:url=https://127.0.0.1:" + server.getPort()
          + ";serialization=protobuf;truststore=" + keystore + ";truststore_password=changeit"));
    } finally {
      server.stop();
    }
  }

  @Test
  void aPasswordFileThatCannotBeReadIsAUsageErrorThatShowsNoSecret() {
    ParameterException e = assertThrows(ParameterException.class, () -> serve("--local", "--port", "0",
        "--tls-keystore", "server.p12", "--tls-keystore-password-file", dir.resolve("nosuch").toString()));
    assertTrue(e.getMessage().startsWith("cannot read the password file "), e.getMessage());
    ParameterException both = assertThrows(ParameterException.class, () -> serve("--local", "--port", "0",
        "--tls-keystore", "server.p12", "--tls-keystore-password", "s3cret", "--tls-keystore-password-file",
        dir.resolve("nosuch").toString()));
    assertTrue(both.getMessage().contains("one at a time") && !both.getMessage().contains("s3cret"),
        both.getMessage());
  }
}
