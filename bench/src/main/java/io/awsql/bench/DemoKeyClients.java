package io.awsql.bench;

import io.awsql.localaws.AccessKey;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Both contenders of a benchmark, set up alike with local-aws's demo key: a raw SDK client and an awsql URL. */
final class DemoKeyClients {
  private DemoKeyClients() {}

  /** An EC2 client as a careful hand-written program makes one (the same HTTP client the driver uses). */
  static Ec2Client ec2(URI endpoint, String region) {
    return Ec2Client.builder().endpointOverride(endpoint).region(Region.of(region))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(AccessKey.DEMO.accessKeyId(), AccessKey.DEMO.secretAccessKey())))
        .httpClient(ApacheHttpClient.create()).build();
  }

  /** A {@code jdbc:awsql:} URL for the endpoint and region. */
  static String jdbcUrl(URI endpoint, String region) {
    return "jdbc:awsql:endpoint=" + endpoint + ";accessKeyId=" + AccessKey.DEMO.accessKeyId()
        + ";secretAccessKey=" + AccessKey.DEMO.secretAccessKey() + ";region=" + region;
  }
}
