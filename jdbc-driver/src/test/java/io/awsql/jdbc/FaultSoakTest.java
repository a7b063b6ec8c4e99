package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.awsql.localaws.Fault;
import io.awsql.localaws.FaultRule;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Scans and inserts against a local-aws that throttles, fails, resets, cuts short and garbles at random:
 * every scan returns exactly all rows or an SQLException, and every create is reported as it happened —
 * created and there, not created and absent, or unknown. Short enough for CI; bench/ has a longer one.
 */
class FaultSoakTest {
  private static final String[] AMIS = {"ami-0a1b2c3d4e5f60001", "ami-0a1b2c3d4e5f60002", "ami-0a1b2c3d4e5f60003",
      "ami-0a1b2c3d4e5f60004", "ami-0a1b2c3d4e5f60005", "ami-0a1b2c3d4e5f60006", "ami-12345678"};

  @Test
  void neverAWrongAnswer() throws Exception {
    Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    try (LocalEndpoint local = new LocalEndpoint()) {
      for (Fault fault : List.of(Fault.THROTTLE, Fault.INTERNAL_ERROR, Fault.EMPTY_OK, Fault.HTML_PAGE,
          Fault.MALFORMED_BODY)) {
        local.aws.faults().add(FaultRule.atRate("DescribeStoreImageTasks", fault, 0.06));
        local.aws.faults().add(FaultRule.atRate("CreateStoreImageTask", fault, 0.08));
      }
      ExecutorService readers = Executors.newFixedThreadPool(4);
      List<Future<?>> scans = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        scans.add(readers.submit(() -> {
          try (Connection c = local.connect(LocalEndpoint.GENERATED_REGION);
              Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT amiId FROM aws.ec2.store_image_tasks")) {
            int rows = 0;
            while (rs.next()) {
              rows++;
            }
            assertEquals(LocalEndpoint.GENERATED, rows, "a scan that ends returns every row");
            counts.computeIfAbsent("scans complete", k -> new AtomicInteger()).incrementAndGet();
          } catch (SQLException e) {
            counts.computeIfAbsent("scans failed with an SQLException", k -> new AtomicInteger()).incrementAndGet();
          }
          return null;
        }));
      }
      // The clock stays put, so the scans' 31-day window does not move: an AMI whose store is in progress
      // cannot be stored again (IncorrectState), so after the first round creates are refused, checked too.
      try (Connection c = local.connect("us-east-1"); Statement s = c.createStatement()) {
        for (int i = 0; i < 28; i++) {
          String ami = AMIS[i % AMIS.length];
          int before = tasksOf(local, ami);
          String outcome;
          try {
            s.executeUpdate("INSERT INTO aws.ec2.store_image_tasks (amiId, bucket) VALUES ('" + ami
                + "', 'acme-dr-backups')");
            outcome = "created";
            assertEquals(before + 1, tasksOf(local, ami), "reported created: it exists");
          } catch (SQLException e) {
            if (e.getMessage().contains("Row 1 was not created.")) {
              outcome = "not created";
              assertEquals(before, tasksOf(local, ami), "reported not created: " + e.getMessage());
            } else {
              assertTrue(e.getMessage().contains("Whether row 1 was created is unknown"), e.getMessage());
              outcome = "unknown";
              counts.computeIfAbsent("unknown, then there: " + (tasksOf(local, ami) > before),
                  k -> new AtomicInteger()).incrementAndGet();
            }
          }
          counts.computeIfAbsent("creates " + outcome, k -> new AtomicInteger()).incrementAndGet();
        }
      }
      for (Future<?> scan : scans) {
        scan.get();
      }
      readers.shutdown();
    }
    System.out.println("FaultSoakTest: " + new TreeMap<>(counts));
    assertEquals(24, counts.getOrDefault("scans complete", new AtomicInteger()).get()
        + counts.getOrDefault("scans failed with an SQLException", new AtomicInteger()).get());
    assertTrue(counts.getOrDefault("scans complete", new AtomicInteger()).get() > 0, counts.toString());
  }

  private static int tasksOf(LocalEndpoint local, String ami) {
    return (int) local.aws.storeImageTasks().all("us-east-1").stream().filter(t -> t.amiId().equals(ami)).count();
  }
}
