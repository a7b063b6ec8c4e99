package io.awsql.localaws.sts;

import io.awsql.localaws.AwsError;
import io.awsql.localaws.AwsRequest;
import io.awsql.localaws.AwsResponse;
import io.awsql.localaws.Caller;
import io.awsql.localaws.CredentialError;
import io.awsql.localaws.ServiceHandler;
import io.awsql.localaws.SigV4Verifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * STS's Query protocol (API version 2011-06-15): form-encoded parameters in a POST body or a GET query
 * string, awsQuery XML answers and errors, STS's own words for refused credentials. STS shares the path
 * {@code /} with EC2, so a request is STS's when it is signed for {@code sts} or asks for version 2011-06-15.
 */
public final class StsQueryHandler implements ServiceHandler {
  public static final String VERSION = "2011-06-15";
  static final String SIGNING_NAME = "sts";

  private final Map<String, StsAction> actions = new LinkedHashMap<>();

  /** @param actions the actions served ({@code SecurityTokenService.actions()}) */
  public StsQueryHandler(List<StsAction> actions) {
    actions.forEach(a -> this.actions.put(a.name(), a));
  }

  @Override
  public String signingName() {
    return SIGNING_NAME;
  }

  @Override
  public boolean accepts(AwsRequest request) {
    return request.rawPath().equals("/")
        && (SIGNING_NAME.equals(SigV4Verifier.scopeService(request)) || VERSION.equals(version(request)));
  }

  @Override
  public Call parse(AwsRequest request) {
    Map<String, List<String>> params = parameters(request);
    String action = first(params, "Action");
    if (action == null || action.isEmpty()) {
      throw new AwsError(400, "MissingAction", "Missing Action");
    }
    String version = first(params, "Version");
    if (!actions.containsKey(action) || !VERSION.equals(version)) {
      throw new AwsError(400, "InvalidAction", "Could not find operation " + action + " for version "
          + (version == null || version.isEmpty() ? "NO_VERSION_SPECIFIED" : version));
    }
    return new Call(request, action, params);
  }

  @Override
  public AwsResponse handle(Call call, Caller caller) {
    return actions.get(call.action()).answer(call, caller);
  }

  @Override
  public AwsResponse render(AwsError error, AwsRequest request) {
    return AwsResponse.error(error, StsXml.CONTENT_TYPE,
        StsXml.error(error.httpStatus(), error.code(), error.getMessage(), request.requestId()), Map.of());
  }

  @Override
  public AwsError throttlingError() {
    return new AwsError(400, "Throttling", "Rate exceeded");
  }

  @Override
  public AwsError internalError() {
    return new AwsError(500, "InternalFailure",
        "The request processing has failed because of an unknown error, exception or failure.");
  }

  /** {@code MalformedQueryString}, with the 404 AWS's common errors give it. */
  @Override
  public AwsError malformedRequest(String message) {
    return new AwsError(404, "MalformedQueryString", message);
  }

  /** Refused credentials in STS's words (its common errors), not EC2's. */
  @Override
  public AwsError credentialError(CredentialError error) {
    return switch (error.kind()) {
      case UNSIGNED -> new AwsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
      case MALFORMED -> new AwsError(400, "IncompleteSignature", error.getMessage());
      case WRONG_SERVICE -> new AwsError(403, "SignatureDoesNotMatch", error.getMessage());
      case SIGNATURE_MISMATCH -> new AwsError(403, "SignatureDoesNotMatch", "The request signature we calculated "
          + "does not match the signature you provided. Check your AWS Secret Access Key and signing method. "
          + "Consult the service documentation for details.");
      case REQUEST_EXPIRED -> new AwsError(403, "SignatureDoesNotMatch", error.getMessage());
      case INVALID_TOKEN -> new AwsError(403, "InvalidClientTokenId",
          "The security token included in the request is invalid.");
      case EXPIRED_TOKEN -> new AwsError(403, "ExpiredToken", "The security token included in the request is expired");
    };
  }

  /** Query string and form body together, as sent. */
  private static Map<String, List<String>> parameters(AwsRequest request) {
    Map<String, List<String>> params = new LinkedHashMap<>(request.queryParameters());
    if (request.body().length > 0) {
      String contentType = String.valueOf(request.header("Content-Type")).toLowerCase(Locale.ROOT);
      if (!contentType.startsWith("application/x-www-form-urlencoded")) {
        throw new AwsError(400, "InvalidParameterValue", "STS's Query protocol takes a form-encoded body "
            + "(Content-Type: application/x-www-form-urlencoded), not '" + request.header("Content-Type") + "'.");
      }
      AwsRequest.decodeForm(request.bodyText())
          .forEach((k, v) -> params.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    }
    return params;
  }

  /** The Version a request asks for, or null (also when it cannot be read: then it is not routed here by it). */
  private static String version(AwsRequest request) {
    try {
      String version = first(request.queryParameters(), "Version");
      if (version == null && request.body().length > 0) {
        version = first(AwsRequest.decodeForm(request.bodyText()), "Version");
      }
      return version;
    } catch (IllegalArgumentException unreadable) {
      return null;
    }
  }

  static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
