package io.awsql.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeStoreImageTasksResponse;

class SmokeTest {
  @Test
  void describes() {
    try (LocalAws aws = LocalAws.builder().demoData().start(); Ec2Client ec2 = Clients.ec2(aws, "us-east-1")) {
      DescribeStoreImageTasksResponse r = ec2.describeStoreImageTasks(b -> b.maxResults(2));
      System.out.println(r);
      System.out.println(aws.requestLog());
      assertEquals(2, r.storeImageTaskResults().size());
    }
  }
}
