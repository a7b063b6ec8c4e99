package io.awsql.jdbc;

import io.awsql.provider.AwsClients;
import io.awsql.provider.ConnectionSettings;
import io.awsql.localaws.AccessKey;
import io.awsql.localaws.LocalAws;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code awsql serve}: an Avatica HTTP server over the driver, for thin clients
 * ({@code jdbc:avatica:remote:url=http://host:port;serialization=protobuf}). Safe by default: it binds
 * to 127.0.0.1, refuses another address without authentication, and is read-only unless told otherwise.
 * Every client gets the server's connection settings; nothing a client sends can change them.
 */
final class ServeCommand {
  static final int DEFAULT_PORT = 8765;
  /** Avatica's requests are small (SQL, parameters, a batch); a body is read whole into memory. */
  static final long DEFAULT_MAX_REQUEST_BYTES = 16L * 1024 * 1024;
  static final int DEFAULT_MAX_RUNNING = 100;
  /** The role a users file must give its users. */
  static final String ROLE = "awsql";
  static final String HELP = """
      Usage: awsql serve [options]

      Serves the driver over HTTP (Apache Avatica) for thin JDBC clients:
        jdbc:avatica:remote:url=http://HOST:PORT;serialization=protobuf;timeZone=UTC

      Options:
        --port N                         port (default %d)
        --bind ADDRESS                   address to listen on (default 127.0.0.1); another address
                                         requires --auth
        --serialization protobuf|json    wire format (default protobuf)
        --auth basic|digest              HTTP authentication, with --users
        --users FILE                     users file, one per line: NAME: PASSWORD,%s
        --allow-writes                   allow INSERT (default: read-only)
        --tls-keystore FILE              serve HTTPS with this keystore (JKS or PKCS12)
        --tls-keystore-password PASS     (or --tls-keystore-password-file FILE, or the environment
                                         variable AWSQL_TLS_KEYSTORE_PASSWORD: not visible in ps)
        --tls-truststore FILE            (default: the keystore)
        --tls-truststore-password PASS   (or --tls-truststore-password-file FILE, or
                                         AWSQL_TLS_TRUSTSTORE_PASSWORD)
        --max-request-bytes N            largest request body accepted (default %d)
        --max-running N                  statements running at once, all clients together (default %d);
                                         more are refused at once (SQLState 53400), so a storm of slow
                                         or abandoned queries never stops the server answering
      """.formatted(DEFAULT_PORT, ROLE, DEFAULT_MAX_REQUEST_BYTES, DEFAULT_MAX_RUNNING) + ConnectionOptions.HELP;

  private ServeCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.contains("--help") || args.contains("-h")) {
      out.print(HELP);
      return 0;
    }
    HttpServer server;
    try {
      server = start(ConnectionOptions.parse(args), out, err);
    } catch (IllegalArgumentException e) {
      return Main.usageError(err, e.getMessage());
    } catch (SQLException | RuntimeException e) {
      err.println("awsql: serve failed: " + ExecCommand.oneLine(e.getMessage()));
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    try {
      server.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /**
   * Starts the server and returns it.
   *
   * @throws IllegalArgumentException for options that are wrong or unsafe together
   */
  static HttpServer start(ConnectionOptions options, PrintStream out, PrintStream log) throws SQLException {
    int port = DEFAULT_PORT;
    String bind = "127.0.0.1";
    Serialization serialization = Serialization.PROTOBUF;
    String auth = null;
    String users = null;
    boolean allowWrites = false;
    String keystore = null;
    String keystorePassword = null;
    String truststore = null;
    String truststorePassword = null;
    long maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
    int maxRunning = DEFAULT_MAX_RUNNING;
    List<String> rest = options.rest;
    for (int i = 0; i < rest.size(); i++) {
      String arg = rest.get(i);
      switch (arg) {
        case "--port" -> port = Integer.parseInt(value(rest, ++i, arg));
        case "--bind" -> bind = value(rest, ++i, arg);
        case "--serialization" -> serialization = switch (value(rest, ++i, arg)) {
          case "protobuf" -> Serialization.PROTOBUF;
          case "json" -> Serialization.JSON;
          default -> throw new IllegalArgumentException("--serialization is protobuf or json");
        };
        case "--auth" -> {
          auth = value(rest, ++i, arg);
          if (!auth.equals("basic") && !auth.equals("digest")) {
            throw new IllegalArgumentException("--auth is basic or digest");
          }
        }
        case "--users" -> users = value(rest, ++i, arg);
        case "--allow-writes" -> allowWrites = true;
        case "--tls-keystore" -> keystore = value(rest, ++i, arg);
        case "--tls-keystore-password" -> keystorePassword = value(rest, ++i, arg);
        case "--tls-truststore" -> truststore = value(rest, ++i, arg);
        case "--tls-truststore-password" -> truststorePassword = value(rest, ++i, arg);
        case "--tls-keystore-password-file" -> keystorePassword = readSecret(value(rest, ++i, arg));
        case "--tls-truststore-password-file" -> truststorePassword = readSecret(value(rest, ++i, arg));
        case "--max-request-bytes" -> maxRequestBytes = Long.parseLong(value(rest, ++i, arg));
        case "--max-running" -> maxRunning = Integer.parseInt(value(rest, ++i, arg));
        default -> throw new IllegalArgumentException("unexpected argument '" + arg + "'");
      }
    }
    if ((auth == null) != (users == null)) {
      throw new IllegalArgumentException("--auth and --users go together");
    }
    if (users != null) {
      checkUsers(users);
    }
    if (keystorePassword == null) {
      keystorePassword = System.getenv("AWSQL_TLS_KEYSTORE_PASSWORD");
    }
    if (truststorePassword == null) {
      truststorePassword = System.getenv("AWSQL_TLS_TRUSTSTORE_PASSWORD");
    }
    if (auth == null && !isLoopback(bind)) {
      throw new IllegalArgumentException("refusing to serve on " + bind + " without authentication: add --auth basic "
          + "--users FILE (or bind to 127.0.0.1)");
    }
    Properties settings = options.properties;
    if (!allowWrites) {
      settings.setProperty("readOnly", "true");
    }
    // One local-aws for the whole server, so every client sees the same data (and no client can start one).
    LocalAws local = "true".equalsIgnoreCase(settings.getProperty("local")) ? LocalAws.builder().demoData().start() : null;
    if (local != null) {
      settings.remove("local");
      settings.setProperty("endpoint", local.endpoint().toString());
      settings.setProperty("accessKeyId", AccessKey.DEMO.accessKeyId());
      settings.setProperty("secretAccessKey", AccessKey.DEMO.secretAccessKey());
      settings.putIfAbsent("region", AwsqlDriver.LOCAL_DEMO_REGIONS);
    }
    try {
      // Settings that would fail every client's connection fail here instead, once, in one line: Avatica's
      // thin client reports a connection the server could not open as a RuntimeException, not an SQLException.
      AwsClients.checkProfile(ConnectionSettings.from(settings));
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e, null);
    }
    AwsqlDriver.ensureRegistered();
    JdbcMeta meta = ServerMeta.create(settings, log, maxRunning);
    HttpServer.Builder<Server> builder = new HttpServer.Builder<Server>()
        .withHandler(new LocalService(meta), serialization)
        .withPort(port)
        .withServerCustomizers(List.of(bindTo(bind), limitRequests(maxRequestBytes), closeOnStop(local),
            knowTheUser(), threadsBeyond(maxRunning)), Server.class);
    if ("basic".equals(auth)) {
      builder.withBasicAuthentication(users, new String[] {ROLE});
    } else if ("digest".equals(auth)) {
      builder.withDigestAuthentication(users, new String[] {ROLE});
    }
    if (keystore != null) {
      builder.withTLS(new File(keystore), keystorePassword, new File(truststore == null ? keystore : truststore),
          truststorePassword == null ? keystorePassword : truststorePassword);
    }
    HttpServer server = builder.build();
    server.start();
    out.println("awsql serve: listening on " + (keystore == null ? "http" : "https") + "://" + bind + ":"
        + server.getPort() + " (" + serialization.name().toLowerCase(java.util.Locale.ROOT) + ", "
        + (allowWrites ? "writes allowed" : "read-only") + ", " + (auth == null ? "no authentication" : auth + " authentication")
        + ")");
    out.println("  jdbc:avatica:remote:url=" + (keystore == null ? "http" : "https") + "://" + bind + ":" + server.getPort()
        + ";serialization=" + serialization.name().toLowerCase(java.util.Locale.ROOT)
        // Times are UTC instants; the thin client reads them in its own zone unless told otherwise.
        + ";timeZone=UTC");
    out.flush();
    return server;
  }

  private static ServerCustomizer<Server> limitRequests(long maxBytes) {
    return server -> {
      RequestSizeLimit limit = new RequestSizeLimit(maxBytes);
      limit.setHandler(server.getHandler());
      server.setHandler(limit);
    };
  }

  /** Jetty's threads: the running statements, and as many again for everything else. */
  private static ServerCustomizer<Server> threadsBeyond(int maxRunning) {
    return server -> {
      if (server.getThreadPool() instanceof QueuedThreadPool pool) {
        pool.setMaxThreads(Math.max(pool.getMaxThreads(), 2 * maxRunning + 8));
      }
    };
  }

  /** Puts {@link RemoteUser} just inside the security handler, where the user of a request is known. */
  private static ServerCustomizer<Server> knowTheUser() {
    return server -> {
      ConstraintSecurityHandler security = server.getChildHandlerByClass(ConstraintSecurityHandler.class);
      if (security != null) {
        RemoteUser user = new RemoteUser();
        user.setHandler(security.getHandler());
        security.setHandler(user);
      }
    };
  }

  /** The server's local-aws (if any) ends with it. */
  private static ServerCustomizer<Server> closeOnStop(LocalAws local) {
    return server -> {
      if (local != null) {
        server.addLifeCycleListener(new AbstractLifeCycle.AbstractLifeCycleListener() {
          @Override
          public void lifeCycleStopped(LifeCycle event) {
            local.close();
          }
        });
      }
    };
  }

  /** Refuses a users file with a user without a password: anyone could log in as them. */
  static void checkUsers(String file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(Path.of(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the users file " + file);
    }
    for (String line : lines) {
      String entry = line.strip();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      int colon = entry.indexOf(':');
      String password = colon < 0 ? "" : entry.substring(colon + 1).split(",", 2)[0].strip();
      if (colon < 0 || password.isEmpty()) {
        throw new IllegalArgumentException("user '" + (colon < 0 ? entry : entry.substring(0, colon).strip())
            + "' in " + file + " has no password: each line is NAME: PASSWORD," + ROLE);
      }
    }
  }

  /** A secret from a file (its first line), so it need not be on the command line. */
  private static String readSecret(String file) {
    try {
      List<String> lines = Files.readAllLines(Path.of(file));
      return lines.isEmpty() ? "" : lines.get(0).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the password file " + file);
    }
  }

  private static ServerCustomizer<Server> bindTo(String address) {
    return server -> {
      for (Connector connector : server.getConnectors()) {
        if (connector instanceof ServerConnector c) {
          c.setHost(address);
        }
      }
    };
  }

  private static boolean isLoopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--bind " + address + " is not a known address");
    }
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(i);
  }
}
