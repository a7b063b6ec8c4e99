package io.awsql.bench;

import io.awsql.localaws.LocalAws;
import io.awsql.localaws.LoggedRequest;
import io.awsql.localaws.SeedGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Counts, not times: the DescribeStoreImageTasks requests each LIMIT query sends (local-aws's request log),
 * beside the fewest that can answer it (⌈rows needed / 200⌉ in one region; one page in one region of three
 * when one region has them all), and the MaxResults of each. Exits 1 when a query sends more than its goal.
 */
public final class LimitRequestsBenchmark {
  private LimitRequestsBenchmark() {}

  private record Case(String regions, String sql, int goal) {}

  public static void main(String[] args) throws Exception {
    List<Case> cases = List.of(
        new Case("us-east-1", "SELECT amiId FROM aws.ec2.store_image_tasks LIMIT 1", 1),
        new Case("us-east-1", "SELECT amiId FROM aws.ec2.store_image_tasks LIMIT 10", 1),
        new Case("us-east-1", "SELECT amiId FROM aws.ec2.store_image_tasks LIMIT 200", 1),
        new Case("us-east-1", "SELECT amiId FROM aws.ec2.store_image_tasks LIMIT 201", 2),
        new Case("us-east-1", "SELECT amiId FROM aws.ec2.store_image_tasks LIMIT 300 OFFSET 10", 2),
        new Case("us-east-1", "SELECT amiId FROM aws.ec2.store_image_tasks LIMIT 1000", 5),
        new Case("us-east-1,us-west-2,eu-west-1", "SELECT amiId FROM aws.ec2.store_image_tasks LIMIT 1", 1));
    boolean allMet = true;
    System.out.println("| query | regions | requests | goal | MaxResults sent |");
    System.out.println("|---|---|---|---|---|");
    try (LocalAws aws = LocalAws.builder().seed(SeedGenerator.storeImageTasks("us-east-1", 5_000, 42)).start()) {
      for (Case c : cases) {
        aws.requestLog().clear();
        String url = DemoKeyClients.jdbcUrl(aws.endpoint(), c.regions());
        int rows = 0;
        try (Connection jdbc = DriverManager.getConnection(url);
            Statement s = jdbc.createStatement();
            ResultSet rs = s.executeQuery(c.sql())) {
          while (rs.next()) {
            rows++;
          }
        }
        List<LoggedRequest> calls = aws.requestLog().forAction("DescribeStoreImageTasks");
        String maxResults = calls.stream().map(r -> r.region() + ":" + r.parameter("MaxResults"))
            .collect(Collectors.joining(", "));
        allMet &= calls.size() <= c.goal();
        System.out.printf("| `%s` (%d rows) | %d | %d | %d | %s |%n", c.sql().replace("SELECT amiId FROM ", ""),
            rows, c.regions().split(",").length, calls.size(), c.goal(), maxResults);
      }
    }
    System.out.println(allMet ? "LIMIT requests: every query within its goal"
        : "LIMIT requests: some query sent more than its goal");
    System.exit(allMet ? 0 : 1);
  }
}
