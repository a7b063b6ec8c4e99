package io.awsql.localaws.ec2;

import io.awsql.localaws.AwsError;
import io.awsql.localaws.AwsRequest;
import io.awsql.localaws.AwsResponse;
import io.awsql.localaws.Caller;
import io.awsql.localaws.ServiceHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The EC2 Query protocol (API version 2016-11-15): form-encoded parameters in a POST body or a GET query
 * string, XML answers. Validates every parameter as EC2 does, then runs the action on
 * actions the resources provide ({@link Ec2Action}).
 */
public final class Ec2QueryHandler implements ServiceHandler {
  static final String VERSION = "2016-11-15";
  private static final Pattern COMMON = Pattern.compile("Action|Version|X-Amz-[A-Za-z-]+");

  private final Map<String, Ec2Action> actions = new LinkedHashMap<>();

  /** @param actions the actions served, from each resource ({@code StoreImageTasks.actions()}, ...) */
  public Ec2QueryHandler(List<Ec2Action> actions) {
    actions.forEach(a -> this.actions.put(a.name(), a));
  }

  @Override
  public String signingName() {
    return "ec2";
  }

  @Override
  public boolean accepts(AwsRequest request) {
    return request.rawPath().equals("/");
  }

  @Override
  public Call parse(AwsRequest request) {
    Map<String, List<String>> params = new LinkedHashMap<>(request.queryParameters());
    if (request.body().length > 0) {
      String contentType = String.valueOf(request.header("Content-Type")).toLowerCase(Locale.ROOT);
      if (!contentType.startsWith("application/x-www-form-urlencoded")) {
        throw new AwsError(400, "InvalidParameterValue",
            "The EC2 Query protocol takes a form-encoded body (Content-Type: application/x-www-form-urlencoded), not '"
                + request.header("Content-Type") + "'.");
      }
      AwsRequest.decodeForm(request.bodyText())
          .forEach((k, v) -> params.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    }
    String action = Ec2Params.first(params, "Action");
    if (action == null || action.isEmpty()) {
      throw Ec2Params.missing("Action");
    }
    Ec2Action served = actions.get(action);
    if (served == null) {
      throw new AwsError(400, "InvalidAction", "The action " + action + " is not valid for this web service.");
    }
    String version = Ec2Params.first(params, "Version");
    if (version == null || version.isEmpty()) {
      throw Ec2Params.missing("Version");
    }
    if (!version.equals(VERSION)) {
      throw new AwsError(400, "NoSuchVersion", "The requested version (" + version
          + ") of service AmazonEC2 does not exist; local-aws serves " + VERSION + ".");
    }
    Pattern allowed = served.parameters();
    for (String name : params.keySet()) {
      if (!COMMON.matcher(name).matches() && !allowed.matcher(name).matches()) {
        throw new AwsError(400, "UnknownParameter", "The parameter " + name + " is not recognized");
      }
    }
    return new Call(request, action, params);
  }

  @Override
  public AwsResponse handle(Call call, Caller caller) {
    return actions.get(call.action()).answer(call, caller);
  }

  @Override
  public AwsResponse render(AwsError error, AwsRequest request) {
    return AwsResponse.error(error, Ec2Xml.CONTENT_TYPE,
        Ec2Xml.error(error.code(), error.getMessage(), request.requestId()), Map.of());
  }

  @Override
  public AwsError throttlingError() {
    return new AwsError(503, "RequestLimitExceeded", "Request limit exceeded.");
  }

  @Override
  public AwsError internalError() {
    return new AwsError(500, "InternalError", "An internal error has occurred");
  }

  @Override
  public AwsError malformedRequest(String message) {
    return new AwsError(400, "MalformedQueryString", message);
  }

}
