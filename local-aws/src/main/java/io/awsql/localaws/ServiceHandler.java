package io.awsql.localaws;

import java.util.List;
import java.util.Map;

/**
 * One AWS protocol and the actions served through it. The endpoint routes each request to the first
 * handler that accepts it, then verifies the signature, injects faults and logs, the same for all.
 */
public interface ServiceHandler {

  /** The SigV4 signing name requests must be scoped to ({@code ec2}, {@code medical-imaging}). */
  String signingName();

  /** Whether this request is for this protocol (by path and method, never by Host). */
  boolean accepts(AwsRequest request);

  /**
   * Reads the action and its parameters from the request.
   *
   * @throws AwsError when the request is not a valid call of this protocol (no action, unknown action)
   */
  Call parse(AwsRequest request);

  /** Runs a parsed call for a verified caller. */
  AwsResponse handle(Call call, Caller caller);

  /** Renders an error in this protocol's error shape. */
  AwsResponse render(AwsError error, AwsRequest request);

  /** The error this service answers when it throttles. */
  AwsError throttlingError();

  /** The error this service answers when it fails internally. */
  AwsError internalError();

  /** The error this service answers for a request it cannot read (a bad %-escape, a number out of range). */
  AwsError malformedRequest(String message);

  /**
   * The error this service answers for refused credentials: the verifier words it as EC2 does
   * ({@code AuthFailure}, {@code RequestExpired}); other services say it their own way.
   */
  default AwsError credentialError(CredentialError error) {
    return error;
  }

  /** A parsed call: the action name and its decoded parameters as sent. */
  record Call(AwsRequest request, String action, Map<String, List<String>> parameters) {
    public String parameter(String name) {
      List<String> values = parameters.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }
}
