package io.awsql.bench;

import io.awsql.localaws.LocalAws;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * What a small query costs over the AWS call it makes, warm: the raw SDK call beside a new JDBC Statement
 * with the same SQL text each time, and a reused PreparedStatement, interleaved. Prints medians and the
 * overheads in ms. Usage: bench/run-warm [rounds] (default 300).
 */
public final class WarmStatementBenchmark {
  private static final String SQL = "SELECT amiId, storeTaskState FROM aws.ec2.store_image_tasks"
      + " WHERE region = 'us-east-1' AND bucket = 'acme-ami-archive'";

  private WarmStatementBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    try (LocalAws aws = LocalAws.builder().demoData().start();
        Ec2Client ec2 = DemoKeyClients.ec2(aws.endpoint(), "us-east-1");
        Connection jdbc = DriverManager.getConnection(DemoKeyClients.jdbcUrl(aws.endpoint(), "us-east-1"));
        PreparedStatement prepared = jdbc.prepareStatement(SQL)) {
      List<Long> sdk = new ArrayList<>();
      List<Long> statement = new ArrayList<>();
      List<Long> reused = new ArrayList<>();
      for (int round = -50; round < rounds; round++) { // 50 warm-up rounds
        long t0 = System.nanoTime();
        int a = ec2.describeStoreImageTasks(b -> b.maxResults(200)
            .filters(Filter.builder().name("bucket").values("acme-ami-archive").build()))
            .storeImageTaskResults().size();
        long t1 = System.nanoTime();
        int b;
        try (Statement s = jdbc.createStatement(); ResultSet rs = s.executeQuery(SQL)) {
          b = count(rs);
        }
        long t2 = System.nanoTime();
        int c;
        try (ResultSet rs = prepared.executeQuery()) {
          c = count(rs);
        }
        long t3 = System.nanoTime();
        if (a != b || b != c) {
          throw new IllegalStateException("different answers: " + a + ", " + b + ", " + c);
        }
        if (round >= 0) {
          sdk.add(t1 - t0);
          statement.add(t2 - t1);
          reused.add(t3 - t2);
        }
      }
      long s = median(sdk);
      System.out.printf("warm small query, %d interleaved rounds (medians): sdk %.2f ms, new Statement %.2f ms, "
          + "reused PreparedStatement %.2f ms%n", rounds, s / 1e6, median(statement) / 1e6, median(reused) / 1e6);
      System.out.printf("overhead over the SDK call: Statement %+.2f ms, PreparedStatement %+.2f ms%n",
          (median(statement) - s) / 1e6, (median(reused) - s) / 1e6);
    }
  }

  private static int count(ResultSet rs) throws Exception {
    int n = 0;
    while (rs.next()) {
      n++;
    }
    return n;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
