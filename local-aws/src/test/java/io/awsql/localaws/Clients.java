package io.awsql.localaws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.medicalimaging.MedicalImagingClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Real AWS SDK clients pointed at a local endpoint, with no retries unless asked, so faults are seen. */
final class Clients {
  private Clients() {}

  static StaticCredentialsProvider credentials(AccessKey key) {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
  }

  static Ec2Client ec2(LocalAws aws, String region) {
    return ec2(aws, region, credentials(AccessKey.DEMO), AwsRetryStrategy.doNotRetry());
  }

  static Ec2Client ec2(LocalAws aws, String region, AccessKey key) {
    return ec2(aws, region, credentials(key), AwsRetryStrategy.doNotRetry());
  }

  static MedicalImagingClient medicalImaging(LocalAws aws, String region, AccessKey key) {
    return MedicalImagingClient.builder()
        .endpointOverride(aws.endpoint())
        .region(Region.of(region))
        .credentialsProvider(credentials(key))
        .httpClient(ApacheHttpClient.create())
        // The SDK would send the call to runtime-127.0.0.1; an endpoint override must be used as it is.
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
            .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
        .build();
  }

  static Ec2Client ec2(LocalAws aws, String region, AwsCredentialsProvider credentials, RetryStrategy retries) {
    return Ec2Client.builder()
        .endpointOverride(aws.endpoint())
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .httpClient(ApacheHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(retries))
        .build();
  }

  /** The temporary credentials AssumeRole answered, as an SDK client takes them. */
  static StaticCredentialsProvider credentials(Credentials session) {
    return StaticCredentialsProvider.create(AwsSessionCredentials.create(session.accessKeyId(),
        session.secretAccessKey(), session.sessionToken()));
  }

  static StsClient sts(LocalAws aws, AccessKey key) {
    return sts(aws, credentials(key));
  }

  static StsClient sts(LocalAws aws, AwsCredentialsProvider credentials) {
    return StsClient.builder()
        .endpointOverride(aws.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials)
        .httpClient(ApacheHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  static MedicalImagingClient medicalImaging(LocalAws aws, String region, AwsCredentialsProvider credentials) {
    return MedicalImagingClient.builder()
        .endpointOverride(aws.endpoint())
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .httpClient(ApacheHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
            .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
        .build();
  }
}
