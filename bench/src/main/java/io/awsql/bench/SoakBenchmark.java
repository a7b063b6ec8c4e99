package io.awsql.bench;

import io.awsql.localaws.Fault;
import io.awsql.localaws.FaultRule;
import io.awsql.localaws.LocalAws;
import io.awsql.localaws.MutableClock;
import io.awsql.localaws.SeedGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The long fault soak: for a given time, many threads scan and one inserts against a local-aws that
 * throttles, fails, answers late, cuts short, empties and garbles at random. Every scan must return all
 * rows or an SQLException; every create must be reported as it happened. Prints the counts; exits 1 on a
 * wrong answer. Usage: bench/soak [seconds] [scan threads] (defaults 60 and 8).
 */
public final class SoakBenchmark {
  private static final String REGION = "ap-southeast-2";
  private static final int TASKS = 2_000;
  private static final String[] AMIS = {"ami-0a1b2c3d4e5f60001", "ami-0a1b2c3d4e5f60002", "ami-0a1b2c3d4e5f60003",
      "ami-0a1b2c3d4e5f60004", "ami-0a1b2c3d4e5f60005", "ami-0a1b2c3d4e5f60006", "ami-12345678"};

  private SoakBenchmark() {}

  public static void main(String[] args) throws Exception {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 60;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    List<String> wrong = new ArrayList<>();
    // A fixed clock: the 31-day window must not move under the scans. An AMI whose store is in progress
    // cannot be stored again (IncorrectState): after the first round, creates are refused, which is checked too.
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    try (LocalAws aws = LocalAws.builder().clock(clock).demoData()
        .seed(SeedGenerator.storeImageTasks(REGION, TASKS, 7)).start()) {
      for (Fault fault : List.of(Fault.THROTTLE, Fault.INTERNAL_ERROR, Fault.EMPTY_OK, Fault.HTML_PAGE,
          Fault.MALFORMED_BODY)) {
        aws.faults().add(FaultRule.atRate("*", fault, 0.04));
      }
      aws.faults().add(new FaultRule("*", Fault.LATENCY, 0.1, 0, -1, Duration.ofMillis(300)));
      long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> scanners = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        scanners.add(pool.submit(() -> {
          while (System.nanoTime() < end) {
            try (Connection c = DriverManager.getConnection(DemoKeyClients.jdbcUrl(aws.endpoint(), REGION));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT amiId FROM aws.ec2.store_image_tasks")) {
              int rows = 0;
              while (rs.next()) {
                rows++;
              }
              count(counts, rows == TASKS ? "scans complete" : "scans SHORT (wrong answer)");
              if (rows != TASKS) {
                synchronized (wrong) {
                  wrong.add("a scan returned " + rows + " of " + TASKS + " rows");
                }
              }
            } catch (SQLException e) {
              count(counts, "scans failed with SQLState " + e.getSQLState());
            }
          }
          return null;
        }));
      }
      try (Connection c = DriverManager.getConnection(DemoKeyClients.jdbcUrl(aws.endpoint(), "us-east-1"));
          Statement s = c.createStatement()) {
        for (int i = 0; System.nanoTime() < end; i++) {
          String ami = AMIS[i % AMIS.length];
          long before = tasksOf(aws, ami);
          try {
            s.executeUpdate("INSERT INTO aws.ec2.store_image_tasks (amiId, bucket) VALUES ('" + ami
                + "', 'acme-dr-backups')");
            count(counts, tasksOf(aws, ami) == before + 1 ? "creates reported created, and there"
                : "creates reported created, ABSENT (wrong)");
          } catch (SQLException e) {
            if (e.getMessage().contains("Row 1 was not created.")) {
              count(counts, tasksOf(aws, ami) == before ? "creates reported not created, and absent"
                  : "creates reported not created, THERE (wrong)");
            } else if (e.getMessage().contains("Whether row 1 was created is unknown")) {
              count(counts, "creates reported unknown (" + (tasksOf(aws, ami) > before ? "there" : "absent") + ")");
            } else {
              count(counts, "creates with an UNCLASSIFIED failure (wrong)");
            }
          }
        }
      }
      for (Future<?> scanner : scanners) {
        scanner.get();
      }
      pool.shutdown();
    }
    counts.keySet().stream().filter(k -> k.contains("wrong")).forEach(wrong::add);
    System.out.printf("soak: %d s, %d scan threads, faults 4%% each of throttle/5xx/empty/html/cut-short, "
        + "10%% +300 ms%n", seconds, threads);
    new TreeMap<>(counts).forEach((k, v) -> System.out.printf("  %-50s %6d%n", k, v.get()));
    System.out.println(wrong.isEmpty() ? "no wrong answer" : "WRONG: " + wrong);
    System.exit(wrong.isEmpty() ? 0 : 1);
  }

  private static void count(Map<String, AtomicInteger> counts, String key) {
    counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
  }

  private static long tasksOf(LocalAws aws, String ami) {
    return aws.storeImageTasks().all("us-east-1").stream().filter(t -> t.amiId().equals(ami)).count();
  }
}
