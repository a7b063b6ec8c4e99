package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.server.HttpServer;
import org.junit.jupiter.api.Test;

/**
 * The all-in-one jar, alone in a class loader and in a JVM zone other than UTC, as Spark, a catalog
 * crawler and a reporting app use it: in process and through {@code awsql serve}, with no problem found.
 */
class ConformanceIT {
  private static final String PROBE = "io.awsql.jdbc.probe.ClientProbe";

  @Test
  void inProcess() throws Exception {
    List<String> problems = AllInOneJarIT.inIsolation(PROBE, "problems", "io.awsql.jdbc.AwsqlDriver",
        "jdbc:awsql:local=true");
    assertEquals(List.of(), problems);
  }

  @Test
  void throughTheThinClient() throws Exception {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Properties local = new Properties();
    local.setProperty("local", "true");
    HttpServer server = new AwsqlServer(local).port(0).start(quiet, quiet);
    try {
      List<String> problems = AllInOneJarIT.inIsolation(PROBE, "problems", "org.apache.calcite.avatica.remote.Driver",
          "jdbc:avatica:remote:url=http://127.0.0.1:" + server.getPort() + ";serialization=protobuf;timeZone=UTC");
      // Avatica's thin client answers getTypeMap itself, refusing it (docs/connection.md): nothing else differs.
      assertEquals(List.of("getTypeMap: java.sql.SQLFeatureNotSupportedException"), problems);
    } finally {
      server.stop();
    }
  }
}
