package io.awsql.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A temporary AWS config and credentials file that the AWS SDK reads instead of ~/.aws (through the
 * system properties it honours, {@code aws.configFile} and {@code aws.sharedCredentialsFile}), with the
 * SDK's default profile ({@code aws.profile}) optionally set; {@link #close()} puts every property back.
 */
final class AwsConfigFiles implements AutoCloseable {
  /** Environment variables that would give the SDK credentials, a region or a profile we cannot take away. */
  private static final List<String> AWS_ENVIRONMENT = List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
      "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_WEB_IDENTITY_TOKEN_FILE",
      "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_ENDPOINT_URL",
      "AWS_ENDPOINT_URL_EC2", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE");
  private static final List<String> PROPERTIES = List.of("aws.configFile", "aws.sharedCredentialsFile",
      "aws.profile", "aws.region", "aws.accessKeyId", "aws.secretAccessKey");

  private final Map<String, String> saved = new LinkedHashMap<>();

  AwsConfigFiles(Path dir, String config, String credentials) {
    // The process environment cannot be changed from Java: with AWS settings in it these tests would not
    // show what they claim, so they are skipped rather than wrong.
    for (String name : AWS_ENVIRONMENT) {
      assumeTrue(System.getenv(name) == null, name + " is set in the environment");
    }
    for (String name : PROPERTIES) {
      saved.put(name, System.getProperty(name));
      System.clearProperty(name);
    }
    try {
      Path configFile = Files.writeString(dir.resolve("config"), config);
      Path credentialsFile = Files.writeString(dir.resolve("credentials"), credentials);
      System.setProperty("aws.configFile", configFile.toString());
      System.setProperty("aws.sharedCredentialsFile", credentialsFile.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes {@code profile} the SDK's default profile, as AWS_PROFILE would. */
  AwsConfigFiles defaultProfile(String profile) {
    System.setProperty("aws.profile", profile);
    return this;
  }

  @Override
  public void close() {
    saved.forEach((name, value) -> {
      if (value == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, value);
      }
    });
  }
}
