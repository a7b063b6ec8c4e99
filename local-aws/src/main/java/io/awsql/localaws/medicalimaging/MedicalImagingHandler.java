package io.awsql.localaws.medicalimaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.awsql.localaws.AwsError;
import io.awsql.localaws.AwsRequest;
import io.awsql.localaws.AwsResponse;
import io.awsql.localaws.Caller;
import io.awsql.localaws.CredentialError;
import io.awsql.localaws.ServiceHandler;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * AWS HealthImaging's REST-JSON protocol, for the routes its resources provide ({@link RestJsonRoute}): ids
 * in the path, paging in the query string, JSON answers, errors as {@code {"message": ...}} with
 * {@code x-amzn-ErrorType}. Routed by path only: the SDK prefixes the host with {@code runtime-}, which must not
 * matter here.
 */
public final class MedicalImagingHandler implements ServiceHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<RestJsonRoute> routes;

  /** @param routes the operations served, from each resource ({@code ImageSetVersions.routes()}, ...) */
  public MedicalImagingHandler(List<RestJsonRoute> routes) {
    this.routes = List.copyOf(routes);
  }

  @Override
  public String signingName() {
    return "medical-imaging";
  }

  @Override
  public boolean accepts(AwsRequest request) {
    return request.rawPath().startsWith("/datastore/");
  }

  @Override
  public Call parse(AwsRequest request) {
    for (RestJsonRoute route : routes) {
      Matcher m = route.path().matcher(request.rawPath());
      if (!m.matches()) {
        continue;
      }
      if (!request.method().equals(route.method())) {
        throw new AwsError(405, "UnknownOperationException", route.action() + " is " + route.method() + ", not "
            + request.method());
      }
      Map<String, List<String>> params = new LinkedHashMap<>();
      for (int g = 0; g < route.pathParameters().size(); g++) {
        params.put(route.pathParameters().get(g), List.of(URLDecoder.decode(m.group(g + 1), StandardCharsets.UTF_8)));
      }
      request.queryParameters().forEach(params::put);
      String body = request.bodyText().trim();
      if (!route.takesBody() && !body.isEmpty() && !body.equals("{}")) {
        throw new AwsError(400, "ValidationException", route.action() + " takes no request body.");
      }
      return new Call(request, route.action(), params);
    }
    throw new AwsError(404, "UnknownOperationException",
        "No HealthImaging operation served by local-aws matches " + request.method() + " " + request.rawPath());
  }

  @Override
  public AwsResponse handle(Call call, Caller caller) {
    return routes.stream().filter(r -> r.action().equals(call.action())).findFirst().orElseThrow()
        .answer(call, caller);
  }

  @Override
  public AwsResponse render(AwsError error, AwsRequest request) {
    ObjectNode body = JSON.createObjectNode().put("message", error.getMessage());
    return AwsResponse.error(error, "application/json", body.toString(), Map.of("x-amzn-ErrorType", error.code()));
  }

  @Override
  public AwsError throttlingError() {
    return new AwsError(429, "ThrottlingException", "Rate exceeded");
  }

  @Override
  public AwsError internalError() {
    return new AwsError(500, "InternalServerException", "An internal error occurred. Try again.");
  }

  @Override
  public AwsError malformedRequest(String message) {
    return new AwsError(400, "ValidationException", message);
  }

  /** Session tokens in HealthImaging's words; other refusals as they were (EC2's AuthFailure). */
  @Override
  public AwsError credentialError(CredentialError error) {
    return switch (error.kind()) {
      case INVALID_TOKEN -> new AwsError(403, "UnrecognizedClientException",
          "The security token included in the request is invalid.");
      case EXPIRED_TOKEN -> new AwsError(403, "ExpiredTokenException",
          "The security token included in the request is expired");
      default -> error;
    };
  }
}
