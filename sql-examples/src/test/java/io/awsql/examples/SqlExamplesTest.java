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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code sql-examples/*.sql} through the JDBC driver against local-aws's demo data at a fixed
 * instant and compares the rows with {@code *.expected.csv}. Regenerate the expectations after a
 * deliberate change with {@code mvn -pl sql-examples test -Dsql-examples.update=true}, and review the diff.
 */
class SqlExamplesTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT.withZone(ZoneOffset.UTC);
  private static LocalAws aws;
  private static Connection connection;

  @BeforeAll
  static void start() throws SQLException {
    aws = LocalAws.builder().clock(new MutableClock(NOW)).demoData().start();
    connection = DriverManager.getConnection("jdbc:awsql:endpoint=" + aws.endpoint()
        + ";region=us-east-1,us-west-2,eu-west-1;accessKeyId=" + AccessKey.DEMO.accessKeyId()
        + ";secretAccessKey=" + AccessKey.DEMO.secretAccessKey());
  }

  @AfterAll
  static void stop() throws SQLException {
    connection.close();
    aws.close();
  }

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

  private static void check(Path sqlFile) throws IOException, SQLException {
    String sql = Files.readString(sqlFile).trim().replaceAll(";\\s*$", "");
    String actual = csv(sql);
    Path expectedFile = sqlFile.resolveSibling(sqlFile.getFileName().toString().replace(".sql", ".expected.csv"));
    if (Boolean.getBoolean("sql-examples.update")) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.exists(expectedFile) ? Files.readString(expectedFile) : "(no " + expectedFile.getFileName() + ")",
        actual, sqlFile.getFileName() + " returned other rows than " + expectedFile.getFileName());
  }

  /** Rows as RFC 4180 CSV with a header; timestamps ISO-8601 UTC, nulls empty. */
  private static String csv(String sql) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
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
    }
    return out.toString();
  }

  private static String quote(String value) {
    return value.contains(",") || value.contains("\"") || value.contains("\n")
        ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }
}
