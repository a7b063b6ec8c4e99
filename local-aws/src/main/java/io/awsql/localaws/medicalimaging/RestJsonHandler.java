package io.awsql.localaws.medicalimaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.awsql.localaws.AwsError;
import io.awsql.localaws.AwsRequest;
import io.awsql.localaws.AwsResponse;
import io.awsql.localaws.Caller;
import io.awsql.localaws.ServiceHandler;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS HealthImaging's REST-JSON protocol for ListImageSetVersions: the ids in the path, paging in the
 * query string, JSON answers, errors as {@code {"message": ...}} with {@code x-amzn-ErrorType}. Routed by
 * path only: the SDK prefixes the host with {@code runtime-}, which must not matter here.
 */
public final class RestJsonHandler implements ServiceHandler {
  static final String LIST_VERSIONS = "ListImageSetVersions";
  private static final Pattern PATH =
      Pattern.compile("/datastore/([^/]+)/imageSet/([^/]+)/listImageSetVersions");
  private static final Pattern ID = Pattern.compile("[0-9a-z]{32}");
  private static final Pattern ASCII = Pattern.compile("\\p{ASCII}{1,8192}");
  private static final int MAX_RESULTS = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ImageSetVersions data;

  public RestJsonHandler(ImageSetVersions data) {
    this.data = data;
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
    Matcher m = PATH.matcher(request.rawPath());
    if (!m.matches()) {
      throw new AwsError(404, "UnknownOperationException",
          "No HealthImaging operation served by local-aws matches " + request.method() + " " + request.rawPath());
    }
    if (!request.method().equals("POST")) {
      throw new AwsError(405, "UnknownOperationException", "ListImageSetVersions is POST, not " + request.method());
    }
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("datastoreId", List.of(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8)));
    params.put("imageSetId", List.of(URLDecoder.decode(m.group(2), StandardCharsets.UTF_8)));
    request.queryParameters().forEach(params::put);
    String body = request.bodyText().trim();
    if (!body.isEmpty() && !body.equals("{}")) {
      throw validation("ListImageSetVersions takes no request body.");
    }
    return new Call(request, LIST_VERSIONS, params);
  }

  @Override
  public AwsResponse handle(Call call, Caller caller) {
    String datastoreId = call.parameter("datastoreId");
    String imageSetId = call.parameter("imageSetId");
    if (!ID.matcher(datastoreId).matches()) {
      throw validation("1 validation error detected: Value '" + datastoreId
          + "' at 'datastoreId' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-z]{32}");
    }
    if (!ID.matcher(imageSetId).matches()) {
      throw validation("1 validation error detected: Value '" + imageSetId
          + "' at 'imageSetId' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-z]{32}");
    }
    int maxResults = MAX_RESULTS;
    String max = call.parameter("maxResults");
    if (max != null) {
      try {
        maxResults = Integer.parseInt(max);
      } catch (NumberFormatException e) {
        throw validation("Value '" + max + "' at 'maxResults' is not an integer.");
      }
      if (maxResults < 1 || maxResults > MAX_RESULTS) {
        throw validation("1 validation error detected: Value '" + maxResults
            + "' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 50");
      }
    }
    String token = call.parameter("nextToken");
    if (token != null && !ASCII.matcher(token).matches()) {
      throw validation("1 validation error detected: Value at 'nextToken' failed to satisfy constraint: "
          + "Member must have length between 1 and 8192 and be ASCII");
    }
    if (!caller.mayCall(LIST_VERSIONS)) {
      throw new AwsError(403, "AccessDeniedException", "User: " + caller.accessKeyId()
          + " is not authorized to perform: medical-imaging:ListImageSetVersions");
    }
    Map<String, ImageSetVersions.ImageSet> datastore = data.datastore(caller.region(), datastoreId);
    ImageSetVersions.ImageSet imageSet = datastore == null ? null : datastore.get(imageSetId);
    if (datastore == null) {
      throw new AwsError(404, "ResourceNotFoundException", "Datastore " + datastoreId + " does not exist");
    }
    if (imageSet == null) {
      throw new AwsError(404, "ResourceNotFoundException",
          "ImageSet " + imageSetId + " does not exist in datastore " + datastoreId);
    }
    if (imageSet.conflict()) {
      throw new AwsError(409, "ConflictException", "ImageSet " + imageSetId + " is being updated; try again later");
    }

    List<ImageSetVersions.Version> versions = imageSet.versions();
    int from = 0;
    if (token != null) {
      long after = decodeToken(token, imageSetId);
      while (from < versions.size() && Long.parseLong(versions.get(from).versionId()) >= after) {
        from++;
      }
    }
    int to = Math.min(versions.size(), from + maxResults);
    ObjectNode out = JSON.createObjectNode();
    ArrayNode list = out.putArray("imageSetPropertiesList");
    for (ImageSetVersions.Version v : versions.subList(from, to)) {
      ObjectNode item = list.addObject();
      item.put("imageSetId", imageSetId);
      item.put("versionId", v.versionId());
      item.put("imageSetState", v.imageSetState());
      if (v.workflowStatus() != null) {
        item.put("ImageSetWorkflowStatus", v.workflowStatus()); // capitalised in the service model
      }
      epoch(item, "createdAt", v.createdAt());
      epoch(item, "updatedAt", v.updatedAt());
      epoch(item, "deletedAt", v.deletedAt());
      if (v.message() != null) {
        item.put("message", v.message());
      }
      if (v.forced() != null) {
        item.putObject("overrides").put("forced", v.forced());
      }
      if (v.isPrimary() != null) {
        item.put("isPrimary", v.isPrimary());
      }
    }
    if (to < versions.size()) {
      out.put("nextToken", encodeToken(versions.get(to - 1).versionId(), imageSetId));
    }
    return AwsResponse.ok("application/json", out.toString());
  }

  /** Epoch seconds with milliseconds, as a JSON number: {@code 1680029436.304}. */
  private static void epoch(ObjectNode item, String name, Instant instant) {
    if (instant != null) {
      item.put(name, BigDecimal.valueOf(instant.toEpochMilli(), 3));
    }
  }

  private static String encodeToken(String lastVersion, String imageSetId) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("v1|" + imageSetId + "|" + lastVersion).getBytes(StandardCharsets.US_ASCII));
  }

  /** The versionId the next page continues below. */
  private static long decodeToken(String token, String imageSetId) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII).split("\\|");
      if (parts.length == 3 && parts[0].equals("v1") && parts[1].equals(imageSetId)) {
        return Long.parseLong(parts[2]);
      }
    } catch (IllegalArgumentException e) {
      // falls through to the error
    }
    throw validation("The nextToken is not valid for this image set: start again without it.");
  }

  private static AwsError validation(String message) {
    return new AwsError(400, "ValidationException", message);
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
}
