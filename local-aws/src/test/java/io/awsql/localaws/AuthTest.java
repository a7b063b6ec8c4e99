package io.awsql.localaws;

import static io.awsql.localaws.DescribeStoreImageTasksTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** SigV4: required of every request, verified for known keys; the region comes from its scope. */
class AuthTest {
  private static LocalAws aws;
  private static RawRequests raw;

  @BeforeAll
  static void start() {
    aws = LocalAws.builder().demoData().start();
    raw = new RawRequests(aws);
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  @Test
  void unsignedRequestsAreRefusedInEc2sErrorShape() throws IOException, InterruptedException {
    try (Ec2Client anonymous = Clients.ec2(aws, "us-east-1", AnonymousCredentialsProvider.create(),
        AwsRetryStrategy.doNotRetry())) {
      assertError("AuthFailure", 401, () -> anonymous.describeStoreImageTasks(b -> { }), "Authorization");
    }
    HttpResponse<String> response = raw.unsignedPost("Action=DescribeStoreImageTasks&Version=2016-11-15");
    assertEquals(401, response.statusCode());
    String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
    assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>AuthFailure</Code><Message>"
        + "The request must be signed with AWS Signature Version 4: no Authorization header was sent.</Message>"
        + "</Error></Errors><RequestID>" + requestId + "</RequestID></Response>", response.body());
    assertEquals("text/xml;charset=UTF-8", response.headers().firstValue("Content-Type").orElseThrow());
  }

  @Test
  void aKnownKeyWithTheWrongSecretIsRefused() {
    try (Ec2Client forged = Clients.ec2(aws, "us-east-1", StaticCredentialsProvider.create(
        AwsBasicCredentials.create(AccessKey.DEMO.accessKeyId(), "wrong-secret")), AwsRetryStrategy.doNotRetry())) {
      Ec2Exception e = assertError("AuthFailure", 401, () -> forged.describeStoreImageTasks(b -> { }), "credentials");
      assertEquals(aws.requestLog().all().get(aws.requestLog().size() - 1).requestId(), e.requestId());
    }
  }

  @Test
  void anUnknownKeyIsAcceptedAndItsRegionHonoured() {
    try (Ec2Client stranger = Clients.ec2(aws, "us-west-2", StaticCredentialsProvider.create(
        AwsBasicCredentials.create("AKIAUNKNOWNKEY000001", "whatever")), AwsRetryStrategy.doNotRetry())) {
      assertEquals(3, stranger.describeStoreImageTasks(b -> { }).storeImageTaskResults().size());
    }
    LoggedRequest last = aws.requestLog().all().get(aws.requestLog().size() - 1);
    assertEquals("AKIAUNKNOWNKEY000001", last.accessKeyId());
    assertEquals("us-west-2", last.region());
  }

  @Test
  void aSignatureForAnotherServiceIsRefused() throws IOException, InterruptedException {
    HttpResponse<String> response = raw.post("Action=DescribeStoreImageTasks&Version=2016-11-15", "us-east-1", "s3");
    assertEquals(401, response.statusCode());
    assertTrue(response.body().contains("<Code>AuthFailure</Code>") && response.body().contains("'ec2'"),
        response.body());
  }

  @Test
  void getWithAQueryStringWorks() throws IOException, InterruptedException {
    HttpResponse<String> response =
        raw.get("Action=DescribeStoreImageTasks&Version=2016-11-15&MaxResults=1", "eu-west-1");
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.body().startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><DescribeStoreImageTasksResponse "
        + "xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>"), response.body());
    assertTrue(response.body().contains("<storeImageTaskResultSet><item><amiId>ami-0c1b2c3d4e5f60002</amiId>"),
        response.body());
    assertTrue(response.body().contains("<nextToken>"), response.body());
  }

  @Test
  void protocolErrorsNameWhatIsWrong() throws IOException, InterruptedException {
    assertCode(raw.post("Version=2016-11-15", "us-east-1", "ec2"), "MissingParameter", "Action");
    assertCode(raw.post("Action=DescribeInstances&Version=2016-11-15", "us-east-1", "ec2"), "InvalidAction",
        "DescribeInstances");
    assertCode(raw.post("Action=DescribeStoreImageTasks", "us-east-1", "ec2"), "MissingParameter", "Version");
    assertCode(raw.post("Action=DescribeStoreImageTasks&Version=2014-01-01", "us-east-1", "ec2"), "NoSuchVersion",
        "2014-01-01");
    assertCode(raw.post("Action=DescribeStoreImageTasks&Version=2016-11-15&Colour=blue", "us-east-1", "ec2"),
        "UnknownParameter", "Colour");
    assertCode(raw.post("Action=DescribeStoreImageTasks&Version=2016-11-15&MaxResults=ten", "us-east-1", "ec2"),
        "InvalidParameterValue", "MaxResults");
    assertCode(raw.post("Action=DescribeStoreImageTasks&Version=2016-11-15&Filter.1.Value.1=x", "us-east-1", "ec2"),
        "MissingParameter", "Filter.1.Name");
  }

  private static void assertCode(HttpResponse<String> response, String code, String mentioned) {
    assertEquals(400, response.statusCode(), response.body());
    assertTrue(response.body().contains("<Code>" + code + "</Code>"), response.body());
    assertTrue(response.body().contains(mentioned), response.body());
  }

  @Test
  void theReadOnlyKeyMayCallEveryDescribeAndListAndNothingElse() {
    for (String read : new String[] {"DescribeStoreImageTasks", "DescribeImages", "DescribeSnapshots",
        "ListImageSetVersions"}) {
      assertTrue(AccessKey.READ_ONLY.mayCall(read), read);
    }
    for (String write : new String[] {"CreateStoreImageTask", "AssumeRole"}) {
      assertTrue(!AccessKey.READ_ONLY.mayCall(write), write);
    }
    assertTrue(!AccessKey.NO_ACCESS.mayCall("DescribeImages"));
    assertTrue(AccessKey.DEMO.mayCall("CreateStoreImageTask"));
  }
}
