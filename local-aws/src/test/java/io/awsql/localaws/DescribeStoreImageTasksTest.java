package io.awsql.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeStoreImageTasksRequest;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.StoreImageTaskResult;

/** DescribeStoreImageTasks as documented, driven by the real SDK over HTTP against the demo data. */
class DescribeStoreImageTasksTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final MutableClock CLOCK = new MutableClock(NOW);
  private static LocalAws aws;
  private static Ec2Client east;

  @BeforeAll
  static void start() {
    aws = LocalAws.builder().clock(CLOCK).demoData().start();
    east = Clients.ec2(aws, "us-east-1");
  }

  @AfterAll
  static void stop() {
    east.close();
    aws.close();
  }

  @BeforeEach
  void reset() {
    CLOCK.set(NOW);
    aws.requestLog().clear();
  }

  private static List<StoreImageTaskResult> describe(Ec2Client ec2, DescribeStoreImageTasksRequest request) {
    return ec2.describeStoreImageTasks(request).storeImageTaskResults();
  }

  private static List<String> amis(List<StoreImageTaskResult> tasks) {
    return tasks.stream().map(StoreImageTaskResult::amiId).toList();
  }

  private static Filter filter(String name, String... values) {
    return Filter.builder().name(name).values(values).build();
  }

  @Test
  void listsTheLast31DaysNewestFirstWithEveryField() {
    List<StoreImageTaskResult> tasks = describe(east, DescribeStoreImageTasksRequest.builder().build());
    assertEquals(List.of("ami-0a1b2c3d4e5f60001", "ami-0a1b2c3d4e5f60002", "ami-0a1b2c3d4e5f60003",
        "ami-0a1b2c3d4e5f60004", "ami-0a1b2c3d4e5f60003", "ami-0a1b2c3d4e5f60005"), amis(tasks),
        "the 40-day-old task of ami-0a1b2c3d4e5f60006 is outside the window");
    for (int i = 1; i < tasks.size(); i++) {
      assertTrue(tasks.get(i - 1).taskStartTime().isAfter(tasks.get(i).taskStartTime()));
    }
    StoreImageTaskResult running = tasks.get(0);
    assertEquals(NOW.minusSeconds(300), running.taskStartTime());
    assertEquals("acme-ami-archive", running.bucket());
    assertEquals("ami-0a1b2c3d4e5f60001.bin", running.s3objectKey());
    assertEquals("InProgress", running.storeTaskState());
    assertEquals(33, running.progressPercentage(), "300 s of 900 s");
    assertNull(running.storeTaskFailureReason());
    StoreImageTaskResult failed = tasks.get(3);
    assertEquals("Failed", failed.storeTaskState());
    assertEquals(12, failed.progressPercentage());
    assertTrue(failed.storeTaskFailureReason().contains("KMS key"));
    assertEquals("", tasks.get(1).storeTaskFailureReason(), "AWS sends an empty reason for completed tasks");
    assertEquals(100, tasks.get(1).progressPercentage());
  }

  @Test
  void eachRegionHasItsOwnTasks() {
    try (Ec2Client west = Clients.ec2(aws, "us-west-2"); Ec2Client eu = Clients.ec2(aws, "eu-west-1");
        Ec2Client empty = Clients.ec2(aws, "ap-northeast-3")) {
      assertEquals(3, describe(west, DescribeStoreImageTasksRequest.builder().build()).size());
      assertEquals(2, describe(eu, DescribeStoreImageTasksRequest.builder().build()).size());
      assertEquals(0, describe(empty, DescribeStoreImageTasksRequest.builder().build()).size());
    }
    assertEquals(List.of("us-west-2", "eu-west-1", "ap-northeast-3"),
        aws.requestLog().all().stream().map(LoggedRequest::region).toList());
  }

  @Test
  void taskStateFilterMatchesAnyOfItsValuesCaseSensitively() {
    assertEquals(List.of("ami-0a1b2c3d4e5f60004", "ami-0a1b2c3d4e5f60005"), amis(describe(east,
        DescribeStoreImageTasksRequest.builder().filters(filter("task-state", "Failed")).build())));
    assertEquals(List.of("ami-0a1b2c3d4e5f60001", "ami-0a1b2c3d4e5f60004", "ami-0a1b2c3d4e5f60005"), amis(describe(east,
        DescribeStoreImageTasksRequest.builder().filters(filter("task-state", "InProgress", "Failed")).build())));
    assertEquals(List.of(), amis(describe(east,
        DescribeStoreImageTasksRequest.builder().filters(filter("task-state", "failed")).build())));
    LoggedRequest sent = aws.requestLog().all().get(1);
    assertEquals("task-state", sent.parameter("Filter.1.Name"));
    assertEquals(List.of("InProgress", "Failed"), sent.list("Filter.1.Value"));
  }

  @Test
  void bucketFilterAndBothFiltersTogether() {
    assertEquals(List.of("ami-0a1b2c3d4e5f60002", "ami-0a1b2c3d4e5f60004", "ami-0a1b2c3d4e5f60003"), amis(describe(east,
        DescribeStoreImageTasksRequest.builder().filters(filter("bucket", "acme-dr-backups")).build())));
    assertEquals(List.of("ami-0a1b2c3d4e5f60002", "ami-0a1b2c3d4e5f60003"), amis(describe(east,
        DescribeStoreImageTasksRequest.builder().filters(filter("bucket", "acme-dr-backups"),
            filter("task-state", "Completed")).build())), "filters are ANDed");
    assertEquals(List.of(), amis(describe(east, DescribeStoreImageTasksRequest.builder()
        .filters(filter("bucket", "acme-dr-backups"), filter("bucket", "acme-ami-archive")).build())),
        "two filters on one name are ANDed too");
  }

  @Test
  void imageIdsGiveTheLatestTaskPerAmiAndIgnoreFilters() {
    List<StoreImageTaskResult> tasks = describe(east, DescribeStoreImageTasksRequest.builder()
        .imageIds("ami-0a1b2c3d4e5f60003", "ami-0a1b2c3d4e5f60004", "ami-0a1b2c3d4e5f60006")
        .filters(filter("task-state", "InProgress")).build());
    assertEquals(List.of("ami-0a1b2c3d4e5f60003", "ami-0a1b2c3d4e5f60004"), amis(tasks));
    assertEquals(NOW.minus(Duration.ofDays(1)), tasks.get(0).taskStartTime(), "the newer of its two tasks");
  }

  @Test
  void imageIdValidation() {
    assertError("InvalidParameterValue", 400, () -> describe(east, DescribeStoreImageTasksRequest.builder()
        .imageIds(IntStream.range(0, 21).mapToObj(i -> String.format("ami-%08x", i)).toList()).build()), "ImageId");
    assertError("InvalidParameterCombination", 400, () -> describe(east, DescribeStoreImageTasksRequest.builder()
        .imageIds("ami-0a1b2c3d4e5f60003").maxResults(5).build()), "MaxResults");
    assertError("InvalidAMIID.Malformed", 400, () -> describe(east, DescribeStoreImageTasksRequest.builder()
        .imageIds("ami-nothex").build()), "ami-nothex");
  }

  @Test
  void parameterValidation() {
    assertError("InvalidParameterValue", 400, () -> describe(east, DescribeStoreImageTasksRequest.builder()
        .maxResults(0).build()), "MaxResults");
    assertError("InvalidParameterValue", 400, () -> describe(east, DescribeStoreImageTasksRequest.builder()
        .maxResults(201).build()), "MaxResults");
    assertError("InvalidParameterValue", 400, () -> describe(east, DescribeStoreImageTasksRequest.builder()
        .filters(filter("state", "Completed")).build()), "'state'");
    assertError("InvalidParameterValue", 400, () -> describe(east, DescribeStoreImageTasksRequest.builder()
        .filters(Filter.builder().name("bucket").build()).build()), "no values");
    assertError("InvalidPaginationToken", 400, () -> describe(east, DescribeStoreImageTasksRequest.builder()
        .nextToken("not-a-token").build()), "not-a-token");
  }

  @Test
  void aTokenIsBoundToItsFilters() {
    String token = east.describeStoreImageTasks(b -> b.maxResults(1).filters(filter("bucket", "acme-ami-archive")))
        .nextToken();
    assertError("InvalidPaginationToken", 400, () -> describe(east, DescribeStoreImageTasksRequest.builder()
        .nextToken(token).maxResults(1).filters(filter("bucket", "acme-dr-backups")).build()), "other filters");
  }

  @Test
  void theWindowMovesWithTheClock() {
    CLOCK.advance(Duration.ofDays(20));
    assertEquals(List.of("ami-0a1b2c3d4e5f60001", "ami-0a1b2c3d4e5f60002", "ami-0a1b2c3d4e5f60003",
        "ami-0a1b2c3d4e5f60004", "ami-0a1b2c3d4e5f60003"),
        amis(describe(east, DescribeStoreImageTasksRequest.builder().build())),
        "the 14-day-old task is now 34 days old");
  }

  @Test
  void dryRunChecksPermissionOnly() {
    assertError("DryRunOperation", 412,
        () -> describe(east, DescribeStoreImageTasksRequest.builder().dryRun(true).build()), "DryRun flag is set");
    try (Ec2Client none = Clients.ec2(aws, "us-east-1", AccessKey.NO_ACCESS)) {
      assertError("UnauthorizedOperation", 403,
          () -> describe(none, DescribeStoreImageTasksRequest.builder().dryRun(true).build()), "not authorized");
      assertError("UnauthorizedOperation", 403, () -> describe(none, DescribeStoreImageTasksRequest.builder().build()),
          "not authorized");
    }
  }

  static Ec2Exception assertError(String code, int status, Runnable call, String messagePart) {
    Ec2Exception e = assertThrows(Ec2Exception.class, call::run);
    assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
    assertEquals(status, e.statusCode(), e.getMessage());
    assertTrue(e.awsErrorDetails().errorMessage().contains(messagePart), e.awsErrorDetails().errorMessage());
    assertTrue(e.requestId() != null && !e.requestId().isEmpty(), "request id");
    return e;
  }
}
