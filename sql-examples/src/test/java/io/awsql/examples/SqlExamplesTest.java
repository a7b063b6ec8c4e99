package io.awsql.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.awsql.localaws.AccessKey;
import io.awsql.localaws.LocalAws;
import io.awsql.localaws.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code sql-examples/*.sql} through the JDBC driver against a fresh local-aws with the demo
 * data at a fixed instant and compares what it prints with {@code *.expected.csv}: each query's rows as
 * CSV, each INSERT's update count. Statements in a file are separated by {@code ;} at the end of a line;
 * a line {@code -- connection: name=value;...} adds connection properties (several accounts, say).
 * Regenerate the expectations after a deliberate change with
 * {@code mvn -pl sql-examples test -Dsql-examples.update=true}, and review the diff.
 */
class SqlExamplesTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT.withZone(ZoneOffset.UTC);

  @TestFactory
  Stream<DynamicTest> examples() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    }
    assertFalse(files.isEmpty(), "no .sql files in " + dir);
    return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
  }

  /** A file's first lines may add connection properties: {@code -- connection: accounts=...;roleName=...}. */
  private static final String CONNECTION_LINE = "-- connection:";

  private static void check(Path sqlFile) throws IOException, SQLException {
    StringBuilder actual = new StringBuilder();
    String sql = Files.readString(sqlFile);
    String extra = sql.lines().filter(l -> l.startsWith(CONNECTION_LINE))
        .map(l -> ";" + l.substring(CONNECTION_LINE.length()).strip()).findFirst().orElse("");
    try (LocalAws aws = LocalAws.builder().clock(new MutableClock(NOW)).demoData().start();
        Connection connection = DriverManager.getConnection("jdbc:awsql:endpoint=" + aws.endpoint()
            + ";region=us-east-1,us-west-2,eu-west-1;accessKeyId=" + AccessKey.DEMO.accessKeyId()
            + ";secretAccessKey=" + AccessKey.DEMO.secretAccessKey() + extra)) {
      for (String statement : sql.split(";\\s*(\\n|$)")) {
        if (!statement.strip().isEmpty()
            && !statement.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("--"))) {
          actual.append(run(connection, statement.strip()));
        }
      }
    }
    Path expectedFile = sqlFile.resolveSibling(sqlFile.getFileName().toString().replace(".sql", ".expected.csv"));
    if (Boolean.getBoolean("sql-examples.update")) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
    }
    assertEquals(
        Files.exists(expectedFile) ? Files.readString(expectedFile) : "(no " + expectedFile.getFileName() + ")",
        actual.toString(), sqlFile.getFileName() + " returned other rows than " + expectedFile.getFileName());
  }

  /** A query's rows as RFC 4180 CSV with a header (timestamps ISO-8601 UTC, nulls empty), or an update count. */
  private static String run(Connection connection, String sql) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Statement s = connection.createStatement()) {
      if (!s.execute(sql)) {
        return "-- " + s.getUpdateCount() + " row(s) affected\n";
      }
      ResultSet rs = s.getResultSet();
      ResultSetMetaData md = rs.getMetaData();
      List<String> header = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        header.add(md.getColumnLabel(i));
      }
      out.append(String.join(",", header)).append('\n');
      Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          String value;
          if (md.getColumnType(i) == Types.TIMESTAMP) {
            Timestamp ts = rs.getTimestamp(i, utc);
            value = ts == null ? null : ISO.format(ts.toInstant());
          } else {
            value = rs.getString(i);
          }
          cells.add(value == null ? "" : quote(value));
        }
        out.append(String.join(",", cells)).append('\n');
      }
      rs.close();
    }
    return out.toString();
  }

  private static String quote(String value) {
    return value.contains(",") || value.contains("\"") || value.contains("\n")
        ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }
}
