package io.awsql.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** How SDK failures read: what AWS said, or what came instead of AWS, and never "null: null". */
class SdkFailuresTest {
  @Test
  void aStatusWithoutAnAwsErrorSaysItCameFromSomethingElse() {
    AwsServiceException lb = AwsServiceException.builder().statusCode(503).message("Service Unavailable").build();
    AwsQueryException e = SdkFailures.translate(lb, "aws.ec2.store_image_tasks", "us-east-1");
    assertTrue(e.getMessage().contains("HTTP 503") && e.getMessage().contains("proxy or load balancer"),
        e.getMessage());
    assertFalse(e.getMessage().contains("null"), e.getMessage());
    assertEquals("HY000", e.sqlState());
  }

  @Test
  void onlyAFailureToConnectIsCouldNotReach() {
    AwsQueryException refused = SdkFailures.translate(SdkClientException.builder().message("Connection refused")
        .cause(new ConnectException("Connection refused")).build(), "aws.ec2.store_image_tasks", "us-east-1");
    assertEquals("08001", refused.sqlState());
    assertTrue(refused.getMessage().startsWith("Could not reach AWS"), refused.getMessage());
    AwsQueryException reset = SdkFailures.translate(SdkClientException.builder().message("Connection reset")
        .cause(new SocketException("Connection reset")).build(), "aws.ec2.store_image_tasks", "us-east-1");
    assertEquals("HY000", reset.sqlState(), "AWS was reached; its answer broke off");
    assertTrue(reset.getMessage().contains("broke off"), reset.getMessage());
  }
}
