package io.awsql.localaws;

import static io.awsql.localaws.DescribeStoreImageTasksTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Each injectable fault, as the AWS SDK sees it. */
class FaultInjectionTest {
  private static LocalAws aws;
  private static Ec2Client ec2;

  @BeforeAll
  static void start() {
    aws = LocalAws.builder().demoData().start();
    ec2 = Clients.ec2(aws, "us-east-1");
  }

  @AfterAll
  static void stop() {
    ec2.close();
    aws.close();
  }

  @BeforeEach
  void reset() {
    aws.faults().reset(1);
    aws.requestLog().clear();
  }

  @Test
  void throttling() {
    aws.faults().add(FaultRule.always("DescribeStoreImageTasks", Fault.THROTTLE));
    assertError("RequestLimitExceeded", 503, () -> ec2.describeStoreImageTasks(b -> { }), "Request limit exceeded");
  }

  @Test
  void internalError() {
    aws.faults().add(FaultRule.always("DescribeStoreImageTasks", Fault.INTERNAL_ERROR));
    assertError("InternalError", 500, () -> ec2.describeStoreImageTasks(b -> { }), "internal error");
  }

  @Test
  void faultsApplyOnlyToTheirAction() {
    aws.faults().add(FaultRule.always("CreateStoreImageTask", Fault.INTERNAL_ERROR));
    assertEquals(6, ec2.describeStoreImageTasks(b -> { }).storeImageTaskResults().size());
  }

  @Test
  void latency() {
    aws.faults().add(FaultRule.latency("*", Duration.ofMillis(300)));
    long start = System.nanoTime();
    ec2.describeStoreImageTasks(b -> { });
    assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos(), "answered after the injected latency");
  }

  @Test
  void malformedBody() {
    aws.faults().add(FaultRule.always("DescribeStoreImageTasks", Fault.MALFORMED_BODY));
    assertThrows(SdkClientException.class, () -> ec2.describeStoreImageTasks(b -> { }));
  }

  @Test
  void onCallHitsOnlyThatCall() {
    aws.faults().add(FaultRule.onCall("DescribeStoreImageTasks", Fault.INTERNAL_ERROR, 2));
    ec2.describeStoreImageTasks(b -> { });
    assertError("InternalError", 500, () -> ec2.describeStoreImageTasks(b -> { }), "internal error");
    ec2.describeStoreImageTasks(b -> { });
    assertEquals(List.of(200, 500, 200), aws.requestLog().all().stream().map(LoggedRequest::httpStatus).toList());
  }

  @Test
  void ratesAreReproducibleForASeed() {
    List<Integer> first = statusesAtHalfRate();
    List<Integer> second = statusesAtHalfRate();
    assertEquals(first, second);
    assertTrue(first.contains(200) && first.contains(503), first.toString());
  }

  private List<Integer> statusesAtHalfRate() {
    aws.faults().reset(99);
    aws.requestLog().clear();
    aws.faults().add(FaultRule.atRate("DescribeStoreImageTasks", Fault.THROTTLE, 0.5));
    for (int i = 0; i < 20; i++) {
      try {
        ec2.describeStoreImageTasks(b -> { });
      } catch (RuntimeException expected) {
        // counted in the log
      }
    }
    return aws.requestLog().all().stream().map(LoggedRequest::httpStatus).toList();
  }

  @Test
  void theSdkRetriesAThrottledCall() {
    aws.faults().add(FaultRule.onCall("DescribeStoreImageTasks", Fault.THROTTLE, 1));
    BackoffStrategy quick = BackoffStrategy.fixedDelay(Duration.ofMillis(10));
    try (Ec2Client retrying = Clients.ec2(aws, "us-east-1", Clients.credentials(AccessKey.DEMO),
        StandardRetryStrategy.builder().maxAttempts(3).backoffStrategy(quick).throttlingBackoffStrategy(quick)
            .build())) {
      assertEquals(6, retrying.describeStoreImageTasks(b -> { }).storeImageTaskResults().size());
    }
    assertEquals(List.of("RequestLimitExceeded", "ok"), aws.requestLog().all().stream()
        .map(r -> r.errorCode() == null ? "ok" : r.errorCode()).toList());
  }
}
