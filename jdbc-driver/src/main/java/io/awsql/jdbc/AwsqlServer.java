package io.awsql.jdbc;

import io.awsql.localaws.AccessKey;
import io.awsql.localaws.LocalAws;
import io.awsql.provider.AwsClients;
import io.awsql.provider.ConnectionSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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
 * An Apache Avatica HTTP server over the driver, for thin clients
 * ({@code jdbc:avatica:remote:url=http://host:port;serialization=protobuf}), kept beside the driver so that
 * {@code awsql serve} and the tests start the same server. Safe by default: it binds to 127.0.0.1, refuses
 * another address without authentication, and is read-only unless told otherwise. Every client gets the
 * server's connection settings; nothing a client sends can change them.
 */
public final class AwsqlServer {
  public static final int DEFAULT_PORT = 8765;
  /** Avatica's requests are small (SQL, parameters, a batch); a body is read whole into memory. */
  public static final long DEFAULT_MAX_REQUEST_BYTES = 16L * 1024 * 1024;
  public static final int DEFAULT_MAX_RUNNING = 100;
  /** The role a users file must give its users. */
  public static final String ROLE = "awsql";
  public static final String LOOPBACK = "127.0.0.1";

  /** HTTP authentication against a users file; written in lower case, as on the command line. */
  public enum Authentication {
    BASIC, DIGEST;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Properties settings = new Properties();
  private int port = DEFAULT_PORT;
  private String bind = LOOPBACK;
  private Serialization serialization = Serialization.PROTOBUF;
  private Authentication authentication;
  private Path users;
  private boolean allowWrites;
  private Path keystore;
  private String keystorePassword;
  private Path truststore;
  private String truststorePassword;
  private long maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
  private int maxRunning = DEFAULT_MAX_RUNNING;

  /** A server whose every client connects with these driver properties. */
  public AwsqlServer(Properties settings) {
    this.settings.putAll(settings);
  }

  /** The port, 0 for any free one (the started server tells which). */
  public AwsqlServer port(int port) {
    this.port = port;
    return this;
  }

  /** The address to listen on: one that is not loopback needs {@link #authentication}. */
  public AwsqlServer bind(String address) {
    this.bind = address;
    return this;
  }

  public AwsqlServer serialization(Serialization serialization) {
    this.serialization = serialization;
    return this;
  }

  /** Who may connect: the users of {@code usersFile}, one per line, {@code NAME: PASSWORD,awsql}. */
  public AwsqlServer authentication(Authentication authentication, Path usersFile) {
    this.authentication = Objects.requireNonNull(authentication);
    this.users = Objects.requireNonNull(usersFile);
    return this;
  }

  /** Lets INSERTs through; without it every connection is read-only, whatever a client asks. */
  public AwsqlServer allowWrites(boolean allowWrites) {
    this.allowWrites = allowWrites;
    return this;
  }

  /** Serves HTTPS with this keystore; a null truststore (or its password) means the keystore's. */
  public AwsqlServer tls(Path keystore, String keystorePassword, Path truststore, String truststorePassword) {
    this.keystore = keystore;
    this.keystorePassword = keystorePassword;
    this.truststore = truststore;
    this.truststorePassword = truststorePassword;
    return this;
  }

  public AwsqlServer maxRequestBytes(long maxRequestBytes) {
    this.maxRequestBytes = maxRequestBytes;
    return this;
  }

  /** Statements running at once, all clients together; more are refused at once (SQLState 53400). */
  public AwsqlServer maxRunning(int maxRunning) {
    this.maxRunning = maxRunning;
    return this;
  }

  /**
   * Starts the server, prints where it listens and the thin clients' URL on {@code out}, and returns it;
   * {@code log} gets one line per failure a client meets.
   *
   * @throws IllegalArgumentException for settings that are wrong or unsafe together
   * @throws SQLException for connection settings that would fail every client
   */
  public HttpServer start(PrintStream out, PrintStream log) throws SQLException {
    if (users != null) {
      checkUsers(users);
    }
    if (authentication == null && !isLoopback(bind)) {
      throw new IllegalArgumentException("refusing to serve on " + bind + " without authentication: add --auth "
          + "basic --users FILE (or bind to " + LOOPBACK + ")");
    }
    Properties connection = new Properties();
    connection.putAll(settings);
    if (!allowWrites) {
      connection.setProperty("readOnly", "true");
    }
    // One local-aws for the whole server, so every client sees the same data (and no client can start one).
    LocalAws local = "true".equalsIgnoreCase(connection.getProperty("local"))
        ? LocalAws.builder().demoData().start() : null;
    if (local != null) {
      connection.remove("local");
      connection.setProperty("endpoint", local.endpoint().toString());
      connection.setProperty("accessKeyId", AccessKey.DEMO.accessKeyId());
      connection.setProperty("secretAccessKey", AccessKey.DEMO.secretAccessKey());
      connection.putIfAbsent("region", AwsqlDriver.LOCAL_DEMO_REGIONS);
    }
    try {
      return start(connection, local, out, log);
    } catch (SQLException | RuntimeException e) {
      if (local != null) {
        local.close();
      }
      throw e;
    }
  }

  private HttpServer start(Properties connection, LocalAws local, PrintStream out, PrintStream log)
      throws SQLException {
    try {
      // Settings that would fail every client's connection fail here instead, once, in one line: Avatica's
      // thin client reports a connection the server could not open as a RuntimeException, not an SQLException.
      AwsClients.checkProfile(ConnectionSettings.from(connection));
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e, null);
    }
    AwsqlDriver.ensureRegistered();
    JdbcMeta meta = ServerMeta.create(connection, log, maxRunning);
    HttpServer.Builder<Server> builder = new HttpServer.Builder<Server>()
        .withHandler(new LocalService(meta), serialization)
        .withPort(port)
        .withServerCustomizers(List.of(bindTo(bind), limitRequests(maxRequestBytes), closeOnStop(local),
            knowTheUser(), threadsBeyond(maxRunning)), Server.class);
    if (authentication == Authentication.BASIC) {
      builder.withBasicAuthentication(users.toString(), new String[] {ROLE});
    } else if (authentication == Authentication.DIGEST) {
      builder.withDigestAuthentication(users.toString(), new String[] {ROLE});
    }
    if (keystore != null) {
      builder.withTLS(keystore.toFile(), keystorePassword, (truststore == null ? keystore : truststore).toFile(),
          truststorePassword == null ? keystorePassword : truststorePassword);
    }
    HttpServer server = builder.build();
    server.start();
    String scheme = keystore == null ? "http" : "https";
    String wire = serialization.name().toLowerCase(Locale.ROOT);
    out.println("awsql serve: listening on " + scheme + "://" + bind + ":" + server.getPort() + " (" + wire + ", "
        + (allowWrites ? "writes allowed" : "read-only") + ", "
        + (authentication == null ? "no authentication" : authentication + " authentication") + ")");
    // Times are UTC instants; the thin client reads them in its own zone unless told otherwise.
    out.println("  jdbc:avatica:remote:url=" + scheme + "://" + bind + ":" + server.getPort() + ";serialization="
        + wire + ";timeZone=UTC");
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
  private static void checkUsers(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
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
}
