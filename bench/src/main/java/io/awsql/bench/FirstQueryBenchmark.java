package io.awsql.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * One run of the first query in a fresh JVM, as a BI tool or script meets it: {@code jdbc} connects through
 * the driver, runs a full scan of the store tasks and reads every row; {@code sdk} builds an EC2 client and
 * pages through the same listing. Prints the milliseconds from JVM start and from main to the last row;
 * bench/run-first-query starts one JVM per run and compares.
 */
public final class FirstQueryBenchmark {
  private FirstQueryBenchmark() {}

  public static void main(String[] args) throws Exception {
    long mainStart = System.nanoTime();
    String mode = args[0];
    URI endpoint = URI.create(args[1]);
    String region = "us-east-1";
    int rows = 0;
    if (mode.equals("jdbc")) {
      try (Connection c = DriverManager.getConnection(DemoKeyClients.jdbcUrl(endpoint, region));
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery("SELECT amiId, storeTaskState, progressPercentage FROM aws.ec2.store_image_tasks")) {
        while (rs.next()) {
          rows += rs.getString(1).length() > 0 ? 1 : 0;
        }
      }
    } else {
      try (Ec2Client ec2 = DemoKeyClients.ec2(endpoint, region)) {
        for (var task : ec2.describeStoreImageTasksPaginator(b -> b.maxResults(200)).storeImageTaskResults()) {
          rows += task.amiId().length() > 0 ? 1 : 0;
        }
      }
    }
    long sinceMain = (System.nanoTime() - mainStart) / 1_000_000;
    long sinceJvm = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    System.out.println(mode + " rows=" + rows + " fromJvmStartMs=" + sinceJvm + " fromMainMs=" + sinceMain);
  }
}
