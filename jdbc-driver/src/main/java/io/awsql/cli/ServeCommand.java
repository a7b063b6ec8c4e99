package io.awsql.cli;

import io.awsql.jdbc.AwsqlServer;
import io.awsql.jdbc.SqlErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.server.HttpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code awsql serve}: the options of {@link AwsqlServer}, the Avatica server over the driver, and where its
 * secrets come from (a file or the environment rather than the command line, which {@code ps} shows); it
 * serves until stopped.
 */
@Command(name = "serve", description = {
    "Serve the driver to thin JDBC clients (Apache Avatica over HTTP).",
    "They connect with",
    "  jdbc:avatica:remote:url=http://HOST:PORT;serialization=protobuf;timeZone=UTC"})
final class ServeCommand implements Callable<Integer> {
  @ParentCommand
  private AwsqlCommand awsql;

  @Spec
  private CommandSpec spec;

  @Option(names = "--port", paramLabel = "N", description = "port (default ${DEFAULT-VALUE}; 0 picks a free one)")
  private int port = AwsqlServer.DEFAULT_PORT;

  @Option(names = "--bind", paramLabel = "ADDRESS", description = "address to listen on (default "
      + "${DEFAULT-VALUE}); another address requires --auth")
  private String bind = AwsqlServer.LOOPBACK;

  @Option(names = "--serialization", paramLabel = "protobuf|json", description = "wire format (default protobuf)")
  private Serialization serialization = Serialization.PROTOBUF;

  @Option(names = "--auth", paramLabel = "basic|digest", description = "HTTP authentication, with --users")
  private AwsqlServer.Authentication authentication;

  @Option(names = "--users", paramLabel = "FILE", description = "users file, one per line: NAME: PASSWORD,"
      + AwsqlServer.ROLE)
  private Path users;

  @Option(names = "--allow-writes", description = "allow INSERT (default: read-only)")
  private boolean allowWrites;

  @Option(names = "--tls-keystore", paramLabel = "FILE", description = "serve HTTPS with this keystore (JKS or "
      + "PKCS12)")
  private Path keystore;

  @Option(names = "--tls-keystore-password", paramLabel = "PASS", description = "(or --tls-keystore-password-file,"
      + " or the environment variable AWSQL_TLS_KEYSTORE_PASSWORD: not visible in ps)")
  private String keystorePassword;

  @Option(names = "--tls-keystore-password-file", paramLabel = "FILE", description = "the keystore password: "
      + "this file's first line")
  private Path keystorePasswordFile;

  @Option(names = "--tls-truststore", paramLabel = "FILE", description = "(default: the keystore)")
  private Path truststore;

  @Option(names = "--tls-truststore-password", paramLabel = "PASS", description = "(or "
      + "--tls-truststore-password-file, or AWSQL_TLS_TRUSTSTORE_PASSWORD)")
  private String truststorePassword;

  @Option(names = "--tls-truststore-password-file", paramLabel = "FILE", description = "the truststore password: "
      + "this file's first line")
  private Path truststorePasswordFile;

  @Option(names = "--max-request-bytes", paramLabel = "N", description = "largest request body accepted (default "
      + "${DEFAULT-VALUE})")
  private long maxRequestBytes = AwsqlServer.DEFAULT_MAX_REQUEST_BYTES;

  @Option(names = "--max-running", paramLabel = "N", description = "statements running at once, all clients "
      + "together (default ${DEFAULT-VALUE}); more are refused at once (SQLState 53400), so a storm of slow or "
      + "abandoned queries never stops the server answering")
  private int maxRunning = AwsqlServer.DEFAULT_MAX_RUNNING;

  @Mixin
  private ConnectionOptions connection;

  @Override
  public Integer call() {
    Streams io = awsql.streams();
    HttpServer server;
    try {
      server = start();
    } catch (ParameterException usageError) {
      throw usageError; // picocli reports it, as a usage error
    } catch (SQLException | RuntimeException e) {
      io.err().println("awsql: serve failed: " + SqlErrors.oneLine(e.getMessage()));
      return ExitCode.SOFTWARE;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    try {
      server.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitCode.OK;
  }

  /**
   * Starts the server the options describe and returns it.
   *
   * @throws ParameterException for options that are wrong or unsafe together (a usage error)
   */
  HttpServer start() throws SQLException {
    if ((authentication == null) != (users == null)) {
      throw new ParameterException(spec.commandLine(), "--auth and --users go together");
    }
    AwsqlServer server = new AwsqlServer(connection.properties()).port(port).bind(bind)
        .serialization(serialization).allowWrites(allowWrites).maxRequestBytes(maxRequestBytes)
        .maxRunning(maxRunning);
    try {
      if (authentication != null) {
        server.authentication(authentication, users);
      }
      if (keystore != null) {
        server.tls(keystore, secret("--tls-keystore-password", keystorePassword, keystorePasswordFile,
            "AWSQL_TLS_KEYSTORE_PASSWORD"), truststore, secret("--tls-truststore-password", truststorePassword,
            truststorePasswordFile, "AWSQL_TLS_TRUSTSTORE_PASSWORD"));
      }
      Streams io = awsql.streams();
      return server.start(io.out(), io.err());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /** A password given on the command line, else the first line of its file, else the environment's, else null. */
  private static String secret(String option, String given, Path file, String environment) {
    if (given != null && file != null) {
      throw new IllegalArgumentException(option + " and " + option + "-file go one at a time");
    }
    if (given != null) {
      return given;
    }
    if (file == null) {
      return System.getenv(environment);
    }
    try {
      List<String> lines = Files.readAllLines(file);
      return lines.isEmpty() ? "" : lines.get(0).strip();
    } catch (IOException e) {
      // The file's name, never its content: it holds a secret.
      throw new IllegalArgumentException("cannot read the password file " + file);
    }
  }
}
