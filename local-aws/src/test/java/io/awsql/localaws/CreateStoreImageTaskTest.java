package io.awsql.localaws;

import static io.awsql.localaws.DescribeStoreImageTasksTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.S3ObjectTag;
import software.amazon.awssdk.services.ec2.model.StoreImageTaskResult;

/** CreateStoreImageTask: the task it starts, how it advances with the clock, and every refusal. */
class CreateStoreImageTaskTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private final MutableClock clock = new MutableClock(NOW);
  private LocalAws aws;
  private Ec2Client ec2;

  @BeforeEach
  void start() {
    aws = LocalAws.builder().clock(clock).demoData().start();
    ec2 = Clients.ec2(aws, "us-east-1");
  }

  @AfterEach
  void stop() {
    ec2.close();
    aws.close();
  }

  private StoreImageTaskResult latest(String amiId) {
    return ec2.describeStoreImageTasks(b -> b.imageIds(amiId)).storeImageTaskResults().get(0);
  }

  private int taskCount() {
    return aws.storeImageTasks().all("us-east-1").size();
  }

  @Test
  void aNewTaskRunsFromZeroToCompleted() {
    String key = ec2.createStoreImageTask(b -> b.imageId("ami-0a1b2c3d4e5f60002").bucket("acme-ami-archive")
        .s3ObjectTags(S3ObjectTag.builder().key("team").value("platform").build())).objectKey();
    assertEquals("ami-0a1b2c3d4e5f60002.bin", key);
    LoggedRequest sent = aws.requestLog().forAction("CreateStoreImageTask").get(0);
    assertEquals(List.of("team"), sent.list("S3ObjectTag", "Key"));

    StoreImageTaskResult task = latest("ami-0a1b2c3d4e5f60002");
    assertEquals("InProgress", task.storeTaskState());
    assertEquals(0, task.progressPercentage());
    assertEquals(NOW, task.taskStartTime());
    assertEquals("acme-ami-archive", task.bucket());

    clock.advance(Duration.ofSeconds(600)); // this AMI's store takes 1200 s
    assertEquals(50, latest("ami-0a1b2c3d4e5f60002").progressPercentage());
    clock.advance(Duration.ofSeconds(600));
    task = latest("ami-0a1b2c3d4e5f60002");
    assertEquals("Completed", task.storeTaskState());
    assertEquals(100, task.progressPercentage());
  }

  @Test
  void aSeededFailingAmiEndsFailedWithItsReason() {
    ec2.createStoreImageTask(b -> b.imageId("ami-0a1b2c3d4e5f60004").bucket("acme-ami-archive"));
    clock.advance(Duration.ofSeconds(300));
    StoreImageTaskResult halfway = latest("ami-0a1b2c3d4e5f60004");
    assertEquals("InProgress", halfway.storeTaskState());
    assertEquals(6, halfway.progressPercentage(), "half of the way to its failure at 12 %");
    clock.advance(Duration.ofSeconds(300));
    StoreImageTaskResult failed = latest("ami-0a1b2c3d4e5f60004");
    assertEquals("Failed", failed.storeTaskState());
    assertEquals(12, failed.progressPercentage());
    assertTrue(failed.storeTaskFailureReason().contains("KMS key"));
  }

  @Test
  void refusalsNameTheProblemAndChangeNothing() {
    int before = taskCount();
    assertError("InvalidAMIID.Malformed", 400,
        () -> ec2.createStoreImageTask(b -> b.imageId("ami-123").bucket("acme-ami-archive")), "ami-123");
    assertError("InvalidAMIID.NotFound", 400,
        () -> ec2.createStoreImageTask(b -> b.imageId("ami-0123456789abcdef0").bucket("acme-ami-archive")),
        "ami-0123456789abcdef0");
    assertError("InvalidParameterValue", 400,
        () -> ec2.createStoreImageTask(b -> b.imageId("ami-0a1b2c3d4e5f60002").bucket("no-such-bucket")), "Bucket");
    assertError("InvalidParameterValue", 400,
        () -> ec2.createStoreImageTask(b -> b.imageId("ami-0a1b2c3d4e5f60002").bucket("Bad_Name")), "Bucket");
    assertError("UnauthorizedOperation", 403,
        () -> ec2.createStoreImageTask(b -> b.imageId("ami-0a1b2c3d4e5f60002").bucket("acme-audit-locked")),
        "acme-audit-locked");
    assertError("IncorrectState", 400,
        () -> ec2.createStoreImageTask(b -> b.imageId("ami-0a1b2c3d4e5f60001").bucket("acme-ami-archive")),
        "in progress");
    assertError("InvalidParameterValue", 400,
        () -> ec2.createStoreImageTask(b -> b.imageId("ami-0a1b2c3d4e5f60002").bucket("acme-ami-archive")
            .s3ObjectTags(S3ObjectTag.builder().key("aws:reserved").value("x").build())), "S3ObjectTag.1.Key");
    assertError("InvalidParameterValue", 400,
        () -> ec2.createStoreImageTask(b -> b.imageId("ami-0a1b2c3d4e5f60002").bucket("acme-ami-archive")
            .s3ObjectTags(S3ObjectTag.builder().key("k".repeat(129)).value("x").build())), "128");
    assertError("InvalidAMIID.NotFound", 400, () -> {
      try (Ec2Client west = Clients.ec2(aws, "us-west-2")) {
        west.createStoreImageTask(b -> b.imageId("ami-0a1b2c3d4e5f60002").bucket("acme-ami-archive"));
      }
    }, "ami-0a1b2c3d4e5f60002");
    assertEquals(before, taskCount());
  }

  @Test
  void missingParametersAreNamed() throws IOException, InterruptedException {
    RawRequests raw = new RawRequests(aws);
    HttpResponse<String> noBucket =
        raw.post("Action=CreateStoreImageTask&Version=2016-11-15&ImageId=ami-0a1b2c3d4e5f60002", "us-east-1", "ec2");
    assertEquals(400, noBucket.statusCode());
    assertTrue(noBucket.body().contains("<Code>MissingParameter</Code>"), noBucket.body());
    assertTrue(noBucket.body().contains("Bucket"), noBucket.body());
    HttpResponse<String> noImage = raw.post("Action=CreateStoreImageTask&Version=2016-11-15&Bucket=acme-ami-archive",
        "us-east-1", "ec2");
    assertTrue(noImage.body().contains("parameter ImageId"), noImage.body());
  }

  @Test
  void dryRunCreatesNothing() {
    int before = taskCount();
    assertError("DryRunOperation", 412, () -> ec2.createStoreImageTask(b -> b.imageId("ami-0a1b2c3d4e5f60002")
        .bucket("acme-ami-archive").dryRun(true)), "DryRun flag is set");
    try (Ec2Client readOnly = Clients.ec2(aws, "us-east-1", AccessKey.READ_ONLY)) {
      assertError("UnauthorizedOperation", 403,
          () -> readOnly.createStoreImageTask(b -> b.imageId("ami-0a1b2c3d4e5f60002")
              .bucket("acme-ami-archive").dryRun(true)), "CreateStoreImageTask");
    }
    assertEquals(before, taskCount());
  }
}
