package io.awsql.provider;

import java.util.Collection;
import software.amazon.awssdk.profiles.ProfileFileLocation;

/**
 * The AWS set-up a connection relies on cannot be found: no credentials, a profile that does not exist, no
 * region. SQLState 28000, and one line that says what was tried (the AWS SDK's own chains, in its order)
 * and how to fix it, instead of the SDK's list of every provider's failure.
 */
public final class AwsSetupException extends AwsQueryException {
  private static final String FIX = "Use --local (local=true) for the embedded demo endpoint, --profile NAME "
      + "(profile=NAME) or AWS_PROFILE for a profile of your AWS config, or the connection properties accessKeyId "
      + "and secretAccessKey.";

  private AwsSetupException(String message, Throwable cause) {
    super(message, "28000", null, null, cause);
  }

  /**
   * @param profileFailure why the profile gave no credentials, when it exists; else null
   */
  static AwsSetupException noCredentials(String profile, String profileFailure, Throwable cause) {
    return new AwsSetupException("No AWS credentials found. Tried, as the AWS SDK does: Java system properties "
        + "(aws.accessKeyId), environment variables (AWS_ACCESS_KEY_ID), a web identity token "
        + "(AWS_WEB_IDENTITY_TOKEN_FILE), profile '" + profile + "' in " + files()
        + " (keys, SSO, roles, credential_process)"
        + (profileFailure == null ? "" : ", which failed (" + profileFailure + ")")
        + ", container credentials and EC2 instance metadata. " + FIX, cause);
  }

  /**
   * @param source where the name came from: {@code profile=} or {@code AWS_PROFILE}
   */
  static AwsSetupException unknownProfile(String profile, String source, Collection<String> known) {
    return new AwsSetupException("AWS profile '" + profile + "' (" + source + ") is not in " + files()
        + (known.isEmpty() ? ", which define no profile" : "; profiles there: " + String.join(", ", known)) + ". "
        + FIX, null);
  }

  static AwsSetupException noRegion(String profile, Throwable cause) {
    return new AwsSetupException("No AWS region is configured. Tried, as the AWS SDK does: Java system property "
        + "aws.region, environment variable AWS_REGION, the region of profile '" + profile + "' in " + files()
        + " and EC2 instance metadata. Add region=us-east-1 (--region us-east-1; a comma-separated list for several)"
        + ", set AWS_REGION, use a profile with a region (--profile NAME, profile=NAME or AWS_PROFILE), or --local "
        + "(local=true) for the embedded demo endpoint.", cause);
  }

  private static String files() {
    return ProfileFileLocation.configurationFilePath() + " and " + ProfileFileLocation.credentialsFilePath();
  }
}
