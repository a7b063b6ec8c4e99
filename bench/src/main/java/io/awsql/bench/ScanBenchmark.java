package io.awsql.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.StoreImageTaskResult;

/**
 * Full scans of generated store tasks at each given size: awsql through JDBC against a hand-written AWS SDK
 * paginator loop, on the same local-aws endpoint (its own process), rounds interleaved. Prints per-round
 * times, medians, rows per second and the JDBC/SDK ratio (1.00 = no overhead), then one summary row per size.
 */
public final class ScanBenchmark {
  private static final String REGION = "us-east-1";

  private ScanBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = new ArrayList<>();
    for (String size : (args.length > 0 ? args[0] : "1000,10000,100000").split(",")) {
      sizes.add(Integer.parseInt(size.strip().replace("_", "")));
    }
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<String> summary = new ArrayList<>();
    for (int tasks : sizes) {
      summary.add(scan(tasks, rounds));
    }
    System.out.println();
    System.out.println("| tasks | sdk median | jdbc median | ratio jdbc/sdk |");
    System.out.println("|---|---|---|---|");
    summary.forEach(System.out::println);
  }

  /**
   * Times one size on a fresh local-aws in its own JVM (as a real endpoint is: its XML writing does not
   * compete with the client's JIT and heap), and returns its summary line (a Markdown table row).
   */
  private static String scan(int tasks, int rounds) throws Exception {
    Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", System.getProperty("java.class.path"), "io.awsql.localaws.LocalAwsMain",
        "--port", "0", "--generate-tasks", String.valueOf(tasks), "--generate-region", REGION)
        .redirectErrorStream(true).start();
    try {
      URI endpoint = endpointOf(server);
      return scan(endpoint, tasks, rounds);
    } finally {
      server.destroy();
      server.waitFor();
    }
  }

  /** The endpoint local-aws prints first ("local-aws is serving on http://127.0.0.1:PORT ..."). */
  private static URI endpointOf(Process server) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    Matcher m = line == null ? null : Pattern.compile("(http://\\S+)").matcher(line);
    if (m == null || !m.find()) {
      throw new IllegalStateException("local-aws did not start: " + line);
    }
    Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
    drain.setDaemon(true);
    drain.start();
    return URI.create(m.group(1));
  }

  private static String scan(URI endpoint, int tasks, int rounds) throws Exception {
    try (Ec2Client ec2 = DemoKeyClients.ec2(endpoint, REGION);
        Connection jdbc = DriverManager.getConnection(DemoKeyClients.jdbcUrl(endpoint, REGION))) {
      // The generated tasks plus the demo data's in that region: count them once, with the SDK.
      int expected = sdkScan(ec2);
      if (expected < tasks) {
        throw new IllegalStateException("local-aws holds " + expected + " tasks, expected at least " + tasks);
      }
      tasks = expected;
      // Both contenders warm up on about 20,000 rows, whatever the size: one round of 1,000 rows leaves the
      // JIT cold and measures it rather than the code.
      int warmUps = Math.max(1, 20_000 / tasks);
      System.out.printf("%nfull scan of %,d store tasks (pages of 200), %d rounds after %d warm-up round(s)%n",
          tasks, rounds, warmUps);
      for (int i = 0; i < warmUps; i++) {
        check(tasks, sdkScan(ec2), "SDK");
        check(tasks, jdbcScan(jdbc), "JDBC");
      }
      List<Long> sdk = new ArrayList<>();
      List<Long> viaJdbc = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        long t0 = System.nanoTime();
        check(tasks, sdkScan(ec2), "SDK");
        long t1 = System.nanoTime();
        check(tasks, jdbcScan(jdbc), "JDBC");
        long t2 = System.nanoTime();
        sdk.add(t1 - t0);
        viaJdbc.add(t2 - t1);
        System.out.printf("round %d: sdk %7.1f ms   jdbc %7.1f ms%n", round, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
      }
      long sdkMedian = median(sdk);
      long jdbcMedian = median(viaJdbc);
      System.out.printf("median: sdk %.1f ms (%,.0f rows/s)   jdbc %.1f ms (%,.0f rows/s)   ratio jdbc/sdk: %.2f%n",
          sdkMedian / 1e6, tasks / (sdkMedian / 1e9), jdbcMedian / 1e6, tasks / (jdbcMedian / 1e9),
          (double) jdbcMedian / sdkMedian);
      return String.format("| %,d | %.1f ms (%,.0f rows/s) | %.1f ms (%,.0f rows/s) | %.2f |", tasks,
          sdkMedian / 1e6, tasks / (sdkMedian / 1e9), jdbcMedian / 1e6, tasks / (jdbcMedian / 1e9),
          (double) jdbcMedian / sdkMedian);
    }
  }

  /** What a careful hand-written program does: the SDK paginator, every field read. */
  private static int sdkScan(Ec2Client ec2) {
    int rows = 0;
    long checksum = 0;
    for (StoreImageTaskResult task
        : ec2.describeStoreImageTasksPaginator(b -> b.maxResults(200)).storeImageTaskResults()) {
      checksum += task.amiId().length() + task.bucket().length() + task.s3objectKey().length()
          + task.taskStartTime().toEpochMilli() + task.progressPercentage() + task.storeTaskState().length();
      rows++;
    }
    return checksum == 42 ? -1 : rows;
  }

  private static int jdbcScan(Connection jdbc) throws Exception {
    int rows = 0;
    long checksum = 0;
    try (Statement s = jdbc.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM aws.ec2.store_image_tasks")) {
      while (rs.next()) {
        checksum += rs.getString("amiId").length() + rs.getString("bucket").length()
            + rs.getString("s3objectKey").length() + rs.getTimestamp("taskStartTime").getTime()
            + rs.getInt("progressPercentage") + rs.getString("storeTaskState").length();
        rows++;
      }
    }
    return checksum == 42 ? -1 : rows;
  }

  private static void check(int expected, int rows, String what) {
    if (rows != expected) {
      throw new IllegalStateException(what + " scan returned " + rows + " rows, expected " + expected);
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
