package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.apache.calcite.avatica.server.HttpServer;
import org.junit.jupiter.api.Test;

/**
 * The all-in-one jar as a BI tool meets it: alone in its own class loader, found by class name, browsed
 * through DatabaseMetaData, directly and through Avatica's thin client.
 */
class AllInOneJarIT {
  static final Path JAR = allInOneJar();

  private static Path allInOneJar() {
    File[] jars = new File("target").listFiles((d, n) -> n.startsWith("awsql-jdbc-") && n.endsWith("-all.jar"));
    if (jars == null || jars.length != 1) {
      throw new IllegalStateException("expected one target/awsql-jdbc-*-all.jar: run mvn verify");
    }
    return jars[0].toPath();
  }

  private static List<String> browseInIsolation(String driverClass, String url) throws Exception {
    return inIsolation("io.awsql.jdbc.probe.BiProbe", "browse", driverClass, url);
  }

  /** Runs a probe's {@code method(driverClass, url)} with nothing but the all-in-one jar and the probes. */
  @SuppressWarnings("unchecked")
  static List<String> inIsolation(String probeClass, String method, String driverClass, String url) throws Exception {
    URL probe = Path.of("target", "test-classes").toUri().toURL();
    try (URLClassLoader isolated = new URLClassLoader(new URL[] {JAR.toUri().toURL(), probe},
        ClassLoader.getPlatformClassLoader())) {
      Thread thread = Thread.currentThread();
      ClassLoader before = thread.getContextClassLoader();
      thread.setContextClassLoader(isolated);
      try {
        return (List<String>) isolated.loadClass(probeClass)
            .getMethod(method, String.class, String.class).invoke(null, driverClass, url);
      } finally {
        thread.setContextClassLoader(before);
      }
    }
  }

  @Test
  void aBiToolBrowsesAndQueriesWithAUrlOnly() throws Exception {
    List<String> seen = browseInIsolation("io.awsql.jdbc.AwsqlDriver", "jdbc:awsql:local=true;region=us-east-1");
    assertTrue(seen.contains("driver awsql JDBC driver"), seen.toString());
    assertTrue(seen.contains("catalog aws"), seen.toString());
    assertTrue(seen.contains("schema aws.ec2"), seen.toString());
    assertTrue(seen.contains("schema aws.medical_imaging"), seen.toString());
    assertEquals(2, seen.stream().filter(s -> s.startsWith("schema ")).count(), "only the services: " + seen);
    assertTrue(
        seen.stream().anyMatch(s -> s.startsWith("table aws.ec2.store_image_tasks: The progress of AMI store tasks")),
        seen.toString());
    assertTrue(seen.contains("column amiId VARCHAR: The ID of the AMI that is being stored."), seen.toString());
    assertTrue(seen.contains("rows 6 from \"aws\".\"ec2\".\"store_image_tasks\""), seen.toString());
    assertTrue(seen.contains("count 6 from \"aws\".\"ec2\".\"store_image_tasks\""), seen.toString());
  }

  @Test
  void andThroughTheAvaticaThinClient() throws Exception {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Properties settings = new Properties();
    settings.setProperty("local", "true");
    settings.setProperty("region", "us-east-1");
    HttpServer server = new AwsqlServer(settings).port(0).start(quiet, quiet);
    try {
      List<String> seen = browseInIsolation("org.apache.calcite.avatica.remote.Driver",
          "jdbc:avatica:remote:url=http://127.0.0.1:" + server.getPort() + ";serialization=protobuf");
      assertTrue(seen.contains("catalog aws"), seen.toString());
      assertTrue(seen.stream().anyMatch(s -> s.startsWith("table aws.ec2.store_image_tasks: ")), seen.toString());
      assertTrue(seen.contains("column amiId VARCHAR: The ID of the AMI that is being stored."), seen.toString());
      assertTrue(seen.contains("rows 6 from \"aws\".\"ec2\".\"store_image_tasks\""), seen.toString());
    assertTrue(seen.contains("count 6 from \"aws\".\"ec2\".\"store_image_tasks\""), seen.toString());
    } finally {
      server.stop();
    }
  }

  @Test
  void librariesThatClashWithHostApplicationsAreRelocated() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      for (String prefix : List.of("com/google/", "com/fasterxml/jackson/", "software/amazon/awssdk/",
          "org/apache/http/", "org/eclipse/jetty/", "org/slf4j/", "picocli/")) {
        assertFalse(jar.stream().anyMatch(e -> e.getName().startsWith(prefix) && e.getName().endsWith(".class")),
            prefix + " is not relocated");
      }
      assertTrue(jar.getEntry("META-INF/services/java.sql.Driver") != null);
      String drivers = new String(jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver")).readAllBytes(),
          StandardCharsets.UTF_8);
      assertTrue(drivers.contains("io.awsql.jdbc.AwsqlDriver"), drivers);
      String thirdParty = new String(jar.getInputStream(jar.getEntry("THIRD-PARTY.txt")).readAllBytes(),
          StandardCharsets.UTF_8);
      assertTrue(thirdParty.contains("Apache Calcite") && thirdParty.contains("AWS"), thirdParty.substring(0, 300));
    }
    assertTrue(Files.size(JAR) > 0);
  }

  /** The command, as java -jar runs it: picocli, relocated, still finds the commands' annotations. */
  @Test
  void theJarRunsTheCommandWithItsRelocatedPicocli() throws Exception {
    String help = runJar("exec", "--help");
    assertTrue(help.startsWith("Usage: awsql exec") && help.contains("--output") && help.contains("--region")
        && help.contains("--explain"), help);
    String version = runJar("--version");
    assertTrue(version.matches("awsql \\d+\\.\\d+\\.\\d+.*\\n"), version);
    String completion = runJar("completion");
    assertTrue(completion.contains("complete -F _complete_awsql") && completion.contains("local-aws"),
        completion.substring(0, Math.min(completion.length(), 300)));
    String rows = runJar("exec", "--local", "--output", "csv", "SELECT amiId FROM aws.ec2.store_image_tasks"
        + " WHERE region = 'eu-west-1' ORDER BY amiId");
    assertEquals(3, rows.lines().count(), "header and two rows: " + rows);
  }

  /** Runs the jar's Main-Class with these arguments and returns its standard output, expecting exit 0. */
  private static String runJar(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Path err = Files.createTempFile("awsql-jar", ".err");
    try {
      Process java = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectError(err.toFile()).start();
      String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(java.waitFor(60, TimeUnit.SECONDS), "java -jar ends");
      assertEquals(0, java.exitValue(), String.join(" ", args) + ": " + Files.readString(err));
      return out;
    } finally {
      Files.delete(err);
    }
  }
}
