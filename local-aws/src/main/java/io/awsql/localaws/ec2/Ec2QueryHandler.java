package io.awsql.localaws.ec2;

import io.awsql.localaws.AwsError;
import io.awsql.localaws.AwsRequest;
import io.awsql.localaws.AwsResponse;
import io.awsql.localaws.Caller;
import io.awsql.localaws.QueryLists;
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
 * {@link StoreImageTasks}.
 */
public final class Ec2QueryHandler implements ServiceHandler {
  static final String VERSION = "2016-11-15";
  static final String DESCRIBE = "DescribeStoreImageTasks";
  static final String CREATE = "CreateStoreImageTask";
  private static final int MAX_IMAGE_IDS = 20;
  private static final int MAX_RESULTS_MIN = 1;
  private static final int MAX_RESULTS_MAX = 200;
  private static final Pattern AMI_ID = Pattern.compile("ami-([0-9a-f]{8}|[0-9a-f]{17})");
  private static final Pattern COMMON = Pattern.compile("Action|Version|X-Amz-[A-Za-z-]+");
  private static final Pattern DESCRIBE_PARAMS = Pattern.compile(
      "ImageId\\.\\d+|Filter\\.\\d+\\.Name|Filter\\.\\d+\\.Value\\.\\d+|MaxResults|NextToken|DryRun");
  private static final Pattern CREATE_PARAMS = Pattern.compile(
      "ImageId|Bucket|S3ObjectTag\\.\\d+\\.(Key|Value)|DryRun");
  private static final List<String> FILTER_NAMES = List.of("task-state", "bucket");

  private final StoreImageTasks tasks;

  public Ec2QueryHandler(StoreImageTasks tasks) {
    this.tasks = tasks;
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
      AwsRequest.decodeForm(request.bodyText()).forEach((k, v) -> params.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    }
    String action = first(params, "Action");
    if (action == null || action.isEmpty()) {
      throw missing("Action");
    }
    if (!action.equals(DESCRIBE) && !action.equals(CREATE)) {
      throw new AwsError(400, "InvalidAction", "The action " + action + " is not valid for this web service.");
    }
    String version = first(params, "Version");
    if (version == null || version.isEmpty()) {
      throw missing("Version");
    }
    if (!version.equals(VERSION)) {
      throw new AwsError(400, "NoSuchVersion", "The requested version (" + version
          + ") of service AmazonEC2 does not exist; local-aws serves " + VERSION + ".");
    }
    Pattern allowed = action.equals(DESCRIBE) ? DESCRIBE_PARAMS : CREATE_PARAMS;
    for (String name : params.keySet()) {
      if (!COMMON.matcher(name).matches() && !allowed.matcher(name).matches()) {
        throw new AwsError(400, "UnknownParameter", "The parameter " + name + " is not recognized");
      }
    }
    return new Call(request, action, params);
  }

  @Override
  public AwsResponse handle(Call call, Caller caller) {
    return switch (call.action()) {
      case DESCRIBE -> describe(call, caller);
      case CREATE -> create(call, caller);
      default -> throw new IllegalStateException(call.action());
    };
  }

  private AwsResponse describe(Call call, Caller caller) {
    Map<String, List<String>> params = call.parameters();
    boolean dryRun = bool(params, "DryRun");
    List<String> imageIds = QueryLists.members(params, "ImageId", "");
    Integer maxResults = integer(params, "MaxResults");
    String nextToken = first(params, "NextToken");
    List<Filter> filters = List.of();
    if (!imageIds.isEmpty()) {
      if (maxResults != null) {
        throw new AwsError(400, "InvalidParameterCombination",
            "The parameter MaxResults cannot be used with the parameter ImageId");
      }
      if (imageIds.size() > MAX_IMAGE_IDS) {
        throw new AwsError(400, "InvalidParameterValue", "Too many values for parameter ImageId: "
            + imageIds.size() + " were given, at most " + MAX_IMAGE_IDS + " are allowed.");
      }
      imageIds.forEach(Ec2QueryHandler::checkAmiId);
    } else {
      filters = filters(params);
      if (maxResults != null && (maxResults < MAX_RESULTS_MIN || maxResults > MAX_RESULTS_MAX)) {
        throw new AwsError(400, "InvalidParameterValue", "Value ( " + maxResults
            + " ) for parameter MaxResults is invalid. Expecting a value between " + MAX_RESULTS_MIN + " and "
            + MAX_RESULTS_MAX + ".");
      }
    }
    authorize(call, caller, dryRun);

    Ec2Xml xml = Ec2Xml.response(DESCRIBE, call.request().requestId());
    List<StoreImageTask> found;
    PageToken next = null;
    if (!imageIds.isEmpty()) {
      // Documented: with ImageIds the filters are ignored; observed: only the latest task per AMI.
      found = tasks.latestFor(caller.region(), imageIds);
    } else {
      int fingerprint = filters.hashCode();
      PageToken after = nextToken == null ? null : PageToken.decode(nextToken, fingerprint);
      StoreImageTasks.Page page = tasks.list(caller.region(), filters,
          maxResults == null ? MAX_RESULTS_MAX : maxResults, after, fingerprint);
      found = page.tasks();
      next = page.next();
    }
    xml.start("storeImageTaskResultSet");
    java.time.Instant now = tasks.now();
    for (StoreImageTask task : found) {
      StoreImageTask.Status status = task.statusAt(now);
      xml.start("item")
          .element("amiId", task.amiId())
          .element("taskStartTime", Ec2Xml.timestamp(task.startTime()))
          .element("bucket", task.bucket())
          .element("s3objectKey", task.objectKey())
          .element("progressPercentage", status.progressPercentage())
          .element("storeTaskState", status.state());
      if (status.failureReason() != null) {
        xml.element("storeTaskFailureReason", status.failureReason());
      } else if (status.state().equals("Completed")) {
        xml.empty("storeTaskFailureReason"); // as AWS sends it
      }
      xml.end();
    }
    xml.end();
    if (next != null) {
      xml.element("nextToken", next.encode());
    }
    return AwsResponse.ok(Ec2Xml.CONTENT_TYPE, xml.end().finish());
  }

  private AwsResponse create(Call call, Caller caller) {
    Map<String, List<String>> params = call.parameters();
    boolean dryRun = bool(params, "DryRun");
    String imageId = first(params, "ImageId");
    String bucket = first(params, "Bucket");
    if (imageId == null || imageId.isEmpty()) {
      throw missing("ImageId");
    }
    if (bucket == null || bucket.isEmpty()) {
      throw missing("Bucket");
    }
    checkAmiId(imageId);
    String bucketProblem = BucketNames.problem(bucket);
    if (bucketProblem != null) {
      throw new AwsError(400, "InvalidParameterValue",
          "Value (" + bucket + ") for parameter Bucket is invalid. " + bucketProblem);
    }
    Map<String, String> tags = tags(params);
    authorize(call, caller, false);
    // Existence and state are checked for dry runs too, so a dry run predicts the real outcome.
    StoreImageTask task = tasks.create(caller.region(), imageId, bucket, tags, !dryRun);
    if (dryRun) {
      throw dryRunOperation();
    }
    return AwsResponse.ok(Ec2Xml.CONTENT_TYPE, Ec2Xml.response(CREATE, call.request().requestId())
        .element("objectKey", task.objectKey()).end().finish());
  }

  private static void authorize(Call call, Caller caller, boolean dryRun) {
    if (!caller.mayCall(call.action())) {
      throw new AwsError(403, "UnauthorizedOperation", "You are not authorized to perform this operation: "
          + "the access key " + caller.accessKeyId() + " may not call ec2:" + call.action() + ".");
    }
    if (dryRun) {
      throw dryRunOperation();
    }
  }

  private static AwsError dryRunOperation() {
    return new AwsError(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
  }

  private static List<Filter> filters(Map<String, List<String>> params) {
    List<Filter> filters = new ArrayList<>();
    for (int n : QueryLists.indexes(params, "Filter")) {
      String name = first(params, "Filter." + n + ".Name");
      if (name == null || name.isEmpty()) {
        throw missing("Filter." + n + ".Name");
      }
      if (!FILTER_NAMES.contains(name)) {
        throw new AwsError(400, "InvalidParameterValue",
            "The filter '" + name + "' is invalid; DescribeStoreImageTasks supports " + FILTER_NAMES + ".");
      }
      List<String> values = QueryLists.members(params, "Filter." + n + ".Value", "");
      if (values.isEmpty()) {
        throw new AwsError(400, "InvalidParameterValue", "The filter '" + name + "' (Filter." + n
            + ") has no values; give at least one Filter." + n + ".Value.1.");
      }
      filters.add(new Filter(name, values));
    }
    return filters;
  }

  private static Map<String, String> tags(Map<String, List<String>> params) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int n : QueryLists.indexes(params, "S3ObjectTag")) {
      String key = first(params, "S3ObjectTag." + n + ".Key");
      String value = first(params, "S3ObjectTag." + n + ".Value");
      String name = "S3ObjectTag." + n;
      if (key == null || key.isEmpty()) {
        throw missing(name + ".Key");
      }
      if (key.length() > 128) {
        throw new AwsError(400, "InvalidParameterValue", "Value for parameter " + name
            + ".Key is invalid: tag keys are at most 128 characters, this one has " + key.length() + ".");
      }
      if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
        throw new AwsError(400, "InvalidParameterValue", "Value (" + key + ") for parameter " + name
            + ".Key is invalid: tag keys may not start with 'aws:'.");
      }
      if (value != null && value.length() > 256) {
        throw new AwsError(400, "InvalidParameterValue", "Value for parameter " + name
            + ".Value is invalid: tag values are at most 256 characters, this one has " + value.length() + ".");
      }
      tags.put(key, value == null ? "" : value);
    }
    return tags;
  }

  private static void checkAmiId(String id) {
    if (!AMI_ID.matcher(id).matches()) {
      throw new AwsError(400, "InvalidAMIID.Malformed", "Invalid id: \"" + id + "\" (expecting \"ami-...\")");
    }
  }

  private static boolean bool(Map<String, List<String>> params, String name) {
    String value = first(params, name);
    if (value == null) {
      return false;
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new AwsError(400, "InvalidParameterValue",
        "Value (" + value + ") for parameter " + name + " is invalid. Expecting true or false.");
  }

  private static Integer integer(Map<String, List<String>> params, String name) {
    String value = first(params, name);
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      throw new AwsError(400, "InvalidParameterValue",
          "Value (" + value + ") for parameter " + name + " is invalid. Expecting an integer.");
    }
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static AwsError missing(String parameter) {
    return new AwsError(400, "MissingParameter", "The request must contain the parameter " + parameter);
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

  /** One {@code Filter.N}: its name and the values any of which may match. */
  record Filter(String name, List<String> values) {}
}
