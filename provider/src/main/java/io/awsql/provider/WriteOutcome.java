package io.awsql.provider;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * What a failed create call says about the resource: AWS answered with an error that means nothing was
 * done, or the outcome is unknown — a 5xx, a timeout, a reset connection or an answer that could not be
 * read may each hide a create that took effect.
 */
enum WriteOutcome {
  NOT_CREATED, UNKNOWN;

  static WriteOutcome of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UnreadableAnswerException) {
        return UNKNOWN;
      }
      if (t instanceof SdkServiceException service) {
        // Throttling is AWS declining to act; other 4xx are refusals; 5xx may have happened after the act.
        boolean refused = service.isThrottlingException() || service.statusCode() / 100 == 4;
        boolean answered = !(service instanceof AwsServiceException aws) || aws.awsErrorDetails() != null
            && aws.awsErrorDetails().errorCode() != null;
        return refused && answered ? NOT_CREATED : UNKNOWN;
      }
    }
    return UNKNOWN;
  }
}
