package io.awsql.localaws.sts;

import io.awsql.localaws.AwsResponse;
import io.awsql.localaws.Caller;
import io.awsql.localaws.ServiceHandler;

/**
 * One STS action local-aws serves: its name and its answer. {@link SecurityTokenService} provides them;
 * {@link StsQueryHandler} routes to them.
 */
public interface StsAction {
  /** The action name, as in {@code Action=AssumeRole}. */
  String name();

  /** Validates the call as STS does and answers it, or throws the AwsError STS would. */
  AwsResponse answer(ServiceHandler.Call call, Caller caller);
}
