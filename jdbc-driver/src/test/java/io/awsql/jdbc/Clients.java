package io.awsql.jdbc;

import io.awsql.cli.ConnectionOptions;
import io.awsql.localaws.AccessKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.server.HttpServer;

/**
 * The two ways a JDBC client reaches awsql: the driver in process, or Avatica's thin client through
 * {@code awsql serve}'s server. Tests run the same statements both ways and expect the same rows and SQLStates.
 */
enum Clients {
  IN_PROCESS, THIN;

  /** What one test opened: connections and servers, closed together. */
  static final class Opened implements AutoCloseable {
    private final List<AutoCloseable> resources = new ArrayList<>();
    /** The server log of the last server started (thin clients). */
    ByteArrayOutputStream serverLog = new ByteArrayOutputStream();

    @Override
    public void close() throws Exception {
      for (int i = resources.size() - 1; i >= 0; i--) {
        resources.get(i).close();
      }
    }
  }

  /**
   * A connection to {@code endpoint} with the given key, regions and connection options
   * ({@code --allow-writes} for a thin client that may INSERT; {@code --read-only}, {@code --dry-run}).
   * A null key or regions leaves them to the AWS SDK's default chains.
   */
  Connection connect(Opened opened, String endpoint, AccessKey key, String regions, String... options)
      throws SQLException {
    List<String> args = new ArrayList<>(List.of("--endpoint", endpoint));
    if (regions != null) {
      args.addAll(List.of("--region", regions));
    }
    boolean allowWrites = false;
    for (String option : options) {
      if (option.equals("--allow-writes")) {
        allowWrites = true; // the server's option: an in-process connection has no such setting
      } else {
        args.add(option);
      }
    }
    Connection connection;
    Properties settings = ConnectionOptions.parse(args.toArray(String[]::new));
    if (key != null) {
      settings.setProperty("accessKeyId", key.accessKeyId());
      settings.setProperty("secretAccessKey", key.secretAccessKey());
    }
    if (this == IN_PROCESS) {
      connection = DriverManager.getConnection(AwsqlDriver.PREFIX, settings);
    } else {
      opened.serverLog = new ByteArrayOutputStream();
      PrintStream log = new PrintStream(opened.serverLog, true, StandardCharsets.UTF_8);
      HttpServer server = new AwsqlServer(settings).port(0).allowWrites(allowWrites)
          .start(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), log);
      opened.resources.add(server::stop);
      connection = DriverManager.getConnection(
          "jdbc:avatica:remote:url=http://127.0.0.1:" + server.getPort() + ";serialization=protobuf;timeZone=UTC");
    }
    opened.resources.add(connection);
    return connection;
  }
}
