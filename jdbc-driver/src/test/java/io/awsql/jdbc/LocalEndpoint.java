package io.awsql.jdbc;

import io.awsql.localaws.AccessKey;
import io.awsql.localaws.LocalAws;
import io.awsql.localaws.LoggedRequest;
import io.awsql.localaws.MutableClock;
import io.awsql.localaws.SeedGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local-aws endpoint for driver tests, with the demo data, a fixed clock, and {@value #GENERATED}
 * generated tasks in {@value #GENERATED_REGION}; plus JDBC helpers that return rows as maps.
 */
final class LocalEndpoint implements AutoCloseable {
  static final String GENERATED_REGION = "ap-southeast-2";
  static final int GENERATED = 1_000;
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  /** The demo data's us-east-1 HealthImaging data store. */
  static final String DATASTORE = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
  /** A generated image set in {@link #DATASTORE} with {@value #LONG_HISTORY} versions. */
  static final String LONG_IMAGE_SET = "99999999999999999999999999999999";
  static final int LONG_HISTORY = 237;

  final MutableClock clock = new MutableClock(NOW);
  final LocalAws aws;

  LocalEndpoint() {
    aws = LocalAws.builder().clock(clock).demoData()
        .seed(SeedGenerator.storeImageTasks(GENERATED_REGION, GENERATED, 7))
        .seed(SeedGenerator.imageSetVersions("us-east-1", DATASTORE, LONG_IMAGE_SET, LONG_HISTORY)).start();
  }

  /** A URL for this endpoint with the demo key; {@code extra} is appended as more properties. */
  String url(String regions, String extra) {
    return "jdbc:awsql:endpoint=" + aws.endpoint() + ";region=" + regions + ";accessKeyId="
        + AccessKey.DEMO.accessKeyId() + ";secretAccessKey=" + AccessKey.DEMO.secretAccessKey()
        + (extra.isEmpty() ? "" : ";" + extra);
  }

  Connection connect(String regions) throws SQLException {
    return DriverManager.getConnection(url(regions, ""));
  }

  List<LoggedRequest> describes() {
    return aws.requestLog().forAction("DescribeStoreImageTasks");
  }

  static List<Map<String, Object>> query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rows(rs);
    }
  }

  static List<Map<String, Object>> rows(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<Map<String, Object>> rows = new ArrayList<>();
    while (rs.next()) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        row.put(md.getColumnLabel(i), rs.getObject(i));
      }
      rows.add(row);
    }
    return rows;
  }

  @Override
  public void close() {
    aws.close();
  }
}
