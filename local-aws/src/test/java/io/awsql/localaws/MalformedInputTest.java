package io.awsql.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests no client should send get the service's own error shape and a 4xx, never a 500 with Java text
 * (which SDKs would retry as if AWS had failed), and bodies over the limit are refused.
 */
class MalformedInputTest {
  private LocalAws aws;
  private RawRequests raw;

  @BeforeEach
  void start() {
    aws = LocalAws.builder().demoData().start();
    raw = new RawRequests(aws);
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  private static void assertNoJava(HttpResponse<String> r) {
    assertFalse(r.body().contains("Exception") || r.body().contains("java.") || r.body().contains("\tat "), r.body());
  }

  @Test
  void malformedEc2QueriesAreMalformedQueryString() throws Exception {
    for (String form : List.of(
        "Action=DescribeStoreImageTasks&Version=2016-11-15&Filter.1.Name=%ZZ&Filter.1.Value.1=x",
        "Action=DescribeStoreImageTasks&Version=2016-11-15&Filter.99999999999999999999.Name=bucket"
            + "&Filter.99999999999999999999.Value.1=x",
        "Action=DescribeStoreImageTasks&Version=2016-11-15&ImageId.%=ami-12345678")) {
      HttpResponse<String> r = raw.post(form, "us-east-1", "ec2");
      assertEquals(400, r.statusCode(), form + ": " + r.body());
      assertTrue(r.body().contains("<Response><Errors><Error><Code>MalformedQueryString</Code>"), r.body());
      assertNoJava(r);
    }
  }

  @Test
  void anUnreadableRestJsonRequestIsAValidationErrorInTheRestJsonShape() throws Exception {
    HttpResponse<String> r = raw.signed("POST", "/datastore/a1b2c3d4e5f60718293a4b5c6d7e8f90/imageSet/"
        + "0123456789abcdef0123456789abcdef/listImageSetVersions", "maxResults=99999999999999999999", "",
        "us-east-1", "medical-imaging");
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("x-amzn-ErrorType").orElse("").startsWith("ValidationException"),
        r.headers().toString());
    assertTrue(r.body().startsWith("{\"message\":"), r.body());
    assertNoJava(r);
  }

  @Test
  void aBodyOverTheLimitIs413InTheServicesShape() throws Exception {
    String form = "Action=DescribeStoreImageTasks&Version=2016-11-15&x=" + "a".repeat(LocalAws.MAX_REQUEST_BYTES);
    HttpResponse<String> r = raw.post(form, "us-east-1", "ec2");
    assertEquals(413, r.statusCode());
    assertTrue(r.body().contains("<Code>RequestEntityTooLarge</Code>"), r.body());
    assertEquals(0, aws.requestLog().matching(LoggedRequest::succeeded).size());
  }
}
