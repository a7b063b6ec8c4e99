package io.awsql.provider;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Turns AWS SDK failures into {@link AwsQueryException}s that keep the AWS error code, message and
 * request id, with a SQLState by class: 28000 credentials and permissions, 22023 invalid values, 42000
 * invalid parameter combinations, 42704 a named resource that does not exist, 08001 unreachable
 * endpoint, HY000 otherwise.
 */
public final class SdkFailures {
  private static final Set<String> AUTH = Set.of("AuthFailure", "UnauthorizedOperation", "AccessDeniedException",
      "AccessDenied", "InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken", "UnrecognizedClientException",
      "OptInRequired", "Blocked");
  private static final Set<String> INVALID_VALUE = Set.of("InvalidParameterValue", "ValidationException",
      "InvalidAMIID.Malformed", "InvalidPaginationToken", "InvalidBucketName");
  private static final Set<String> NOT_FOUND = Set.of("ResourceNotFoundException", "InvalidAMIID.NotFound");
  private static final Set<String> BAD_COMBINATION = Set.of("InvalidParameterCombination", "MissingParameter",
      "UnknownParameter");

  private SdkFailures() {}

  /** Phrases {@code failure} of the call made for {@code table} at {@code where} (region, parameters). */
  public static AwsQueryException translate(Throwable failure, String table, String location) {
    return phrase(failure, "reading", table + " in " + location);
  }

  /** Phrases {@code failure} of a create call ({@code action}) made in {@code region}. */
  public static AwsQueryException translateCreate(Throwable failure, String action, String region) {
    return phrase(failure, "from", action + " in " + region);
  }

  /** Phrases {@code failure} of STS GetCallerIdentity, asked for the id of {@code account}. */
  public static AwsQueryException translateIdentity(Throwable failure, String account) {
    return phrase(failure, "from", "GetCallerIdentity (STS) for the id of " + account);
  }

  private static AwsQueryException phrase(Throwable failure, String doing, String where) {
    for (Throwable c = failure; c != null && c != c.getCause(); c = c.getCause()) {
      if (c instanceof AwsQueryException q) {
        return q; // phrased already, e.g. by the credentials provider, inside the SDK's wrapper
      }
    }
    AwsServiceException credentialsFailure = cause(failure, AwsServiceException.class);
    if (!(failure instanceof AwsServiceException) && credentialsFailure != null) {
      // STS refused the role to assume (AccessDenied, ...): the SDK reports it inside a client exception.
      failure = credentialsFailure;
      where = where + ", assuming its role";
    }
    if (failure instanceof AwsServiceException aws
        && (aws.awsErrorDetails() == null || aws.awsErrorDetails().errorCode() == null)) {
      // A status with no AWS error document: the answer came from something between us and AWS.
      return new AwsQueryException("HTTP " + aws.statusCode() + " " + doing + " " + where + " with no AWS error in it "
          + "(an answer from a proxy or load balancer, not from AWS), after retries", "HY000", null, null, aws);
    }
    if (failure instanceof AwsServiceException aws) {
      String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
      String message = aws.awsErrorDetails() == null ? aws.getMessage() : aws.awsErrorDetails().errorMessage();
      String state = sqlState(code, aws.statusCode());
      return new AwsQueryException("AWS error " + doing + " " + where + ": " + code + ": " + message
          + " (HTTP " + aws.statusCode() + ", request id " + aws.requestId() + ")", state, code, aws.requestId(), aws);
    }
    if (cause(failure, ApiCallTimeoutException.class) != null
        || cause(failure, ApiCallAttemptTimeoutException.class) != null) {
      return new AwsQueryException("No answer " + doing + " " + where + " within the connection's timeouts "
          + "(apiCallAttemptTimeout per attempt, apiCallTimeout in all)", "HYT00", null, null, failure);
    }
    UnreadableAnswerException unreadable = cause(failure, UnreadableAnswerException.class);
    if (unreadable != null) {
      return new AwsQueryException("Unreadable answer " + doing + " " + where + ": " + unreadable.getMessage()
          + (doing.equals("reading") ? ", after retries" : ""), "HY000", null, null, failure);
    }
    if (failure instanceof SdkClientException client) {
      if (cause(client, ConnectException.class) != null || cause(client, UnknownHostException.class) != null
          || cause(client, NoRouteToHostException.class) != null) {
        return new AwsQueryException("Could not reach AWS for " + where + ": " + client.getMessage(), "08001", null,
            null, client);
      }
      if (cause(client, IOException.class) != null || client.getMessage() != null
          && client.getMessage().contains("Unable to unmarshall")) {
        // AWS was reached, but its answer broke off or could not be read.
        return new AwsQueryException("The answer " + doing + " " + where + " broke off or could not be read"
            + (doing.equals("reading") ? ", after retries" : "") + ": " + oneLine(client.getMessage()), "HY000", null,
            null, client);
      }
      return new AwsQueryException("AWS client error for " + where + ": " + oneLine(client.getMessage()), "HY000", null,
          null, client);
    }
    return new AwsQueryException("Unexpected failure " + doing + " " + where + ": " + failure, "HY000", null, null,
        failure);
  }

  static String sqlState(String code, int status) {
    if (code != null && AUTH.contains(code) || status == 401 || status == 403) {
      return "28000";
    }
    if (code != null && INVALID_VALUE.contains(code)) {
      return "22023";
    }
    if (code != null && BAD_COMBINATION.contains(code)) {
      return "42000";
    }
    if (code != null && NOT_FOUND.contains(code) || status == 404) {
      return "42704"; // the object the query names does not exist
    }
    return "HY000";
  }

  /** SDK messages may quote a parser's multi-line report: SQL errors are one line. */
  private static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ");
  }

  private static <E extends Throwable> E cause(Throwable t, Class<E> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }
}
