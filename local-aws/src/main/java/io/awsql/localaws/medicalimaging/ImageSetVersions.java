package io.awsql.localaws.medicalimaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.awsql.localaws.AccountRegion;
import io.awsql.localaws.AwsError;
import io.awsql.localaws.AwsResponse;
import io.awsql.localaws.Caller;
import io.awsql.localaws.Seed;
import io.awsql.localaws.ServiceHandler;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** HealthImaging's data stores, image sets and their version histories, per account and region. */
public final class ImageSetVersions {
  static final String LIST_VERSIONS = "ListImageSetVersions";
  private static final Pattern PATH =
      Pattern.compile("/datastore/([^/]+)/imageSet/([^/]+)/listImageSetVersions");
  private static final Pattern ID = Pattern.compile("[0-9a-z]{32}");
  private static final Pattern ASCII = Pattern.compile("\\p{ASCII}{1,8192}");
  private static final int MAX_RESULTS = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** ListImageSetVersions. */
  public List<RestJsonRoute> routes() {
    return List.of(new RestJsonRoute() {
      @Override
      public String action() {
        return LIST_VERSIONS;
      }

      @Override
      public String method() {
        return "POST";
      }

      @Override
      public Pattern path() {
        return PATH;
      }

      @Override
      public List<String> pathParameters() {
        return List.of("datastoreId", "imageSetId");
      }

      @Override
      public AwsResponse answer(ServiceHandler.Call call, Caller caller) {
        return listVersions(call, caller);
      }
    });
  }

  private final Clock clock;
  private final Map<AccountRegion, Map<String, Map<String, ImageSet>>> regions = new ConcurrentHashMap<>();

  public ImageSetVersions(Clock clock) {
    this.clock = clock;
  }

  /** One version as ListImageSetVersions reports it. */
  public record Version(String versionId, String imageSetState, String workflowStatus, Instant createdAt,
      Instant updatedAt, Instant deletedAt, String message, Boolean forced, Boolean isPrimary) {}

  /** An image set: its versions, newest (highest versionId) first. */
  public record ImageSet(String id, boolean conflict, List<Version> versions) {}

  /** Adds one region's seeded data stores to an account; relative times count back from the clock's now. */
  public void load(String account, String region, Seed.RegionSeed seed) {
    Instant now = clock.instant();
    for (Seed.DatastoreSeed datastore : seed.datastores()) {
      Map<String, ImageSet> imageSets = regions.computeIfAbsent(new AccountRegion(account, region),
              r -> new ConcurrentHashMap<>())
          .computeIfAbsent(datastore.id(), d -> new ConcurrentHashMap<>());
      for (Seed.ImageSetSeed imageSet : datastore.imageSets()) {
        List<Version> versions = new ArrayList<>();
        int n = 0;
        for (Seed.VersionSeed v : imageSet.versions()) {
          n++;
          versions.add(new Version(v.versionId() == null ? Integer.toString(n) : v.versionId(),
              v.imageSetState() == null ? "ACTIVE" : v.imageSetState(), v.workflowStatus(),
              ago(now, v.createdSecondsAgo()), ago(now, v.updatedSecondsAgo()), ago(now, v.deletedSecondsAgo()),
              v.message(), v.forced(), v.isPrimary()));
        }
        versions.sort(Comparator.comparing((Version v) -> Long.parseLong(v.versionId())).reversed());
        imageSets.put(imageSet.id(),
            new ImageSet(imageSet.id(), Boolean.TRUE.equals(imageSet.conflict()), List.copyOf(versions)));
      }
    }
  }

  /** The data store's image sets, or null when the account has no such data store in the region. */
  Map<String, ImageSet> datastore(AccountRegion where, String datastoreId) {
    return regions.getOrDefault(where, Map.of()).get(datastoreId);
  }

  private static Instant ago(Instant now, Long seconds) {
    return seconds == null ? null : now.minusSeconds(seconds);
  }
  private AwsResponse listVersions(ServiceHandler.Call call, Caller caller) {
    String datastoreId = call.parameter("datastoreId");
    String imageSetId = call.parameter("imageSetId");
    if (!ID.matcher(datastoreId).matches()) {
      throw validation("1 validation error detected: Value '" + datastoreId
          + "' at 'datastoreId' failed to satisfy constraint: Member must satisfy regular expression pattern:"
          + " [0-9a-z]{32}");
    }
    if (!ID.matcher(imageSetId).matches()) {
      throw validation("1 validation error detected: Value '" + imageSetId
          + "' at 'imageSetId' failed to satisfy constraint: Member must satisfy regular expression pattern:"
          + " [0-9a-z]{32}");
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
    Map<String, ImageSet> datastore = datastore(AccountRegion.of(caller), datastoreId);
    ImageSet imageSet = datastore == null ? null : datastore.get(imageSetId);
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

    List<Version> versions = imageSet.versions();
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
    for (Version v : versions.subList(from, to)) {
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
}
