package io.awsql.localaws.medicalimaging;

import io.awsql.localaws.Seed;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** HealthImaging's data stores, image sets and their version histories, per region. */
public final class ImageSetVersions {
  private final Clock clock;
  private final Map<String, Map<String, Map<String, ImageSet>>> regions = new ConcurrentHashMap<>();

  public ImageSetVersions(Clock clock) {
    this.clock = clock;
  }

  /** One version as ListImageSetVersions reports it. */
  public record Version(String versionId, String imageSetState, String workflowStatus, Instant createdAt,
      Instant updatedAt, Instant deletedAt, String message, Boolean forced, Boolean isPrimary) {}

  /** An image set: its versions, newest (highest versionId) first. */
  public record ImageSet(String id, boolean conflict, List<Version> versions) {}

  public void load(String region, Seed.RegionSeed seed) {
    Instant now = clock.instant();
    for (Seed.DatastoreSeed datastore : seed.datastores()) {
      Map<String, ImageSet> imageSets = regions.computeIfAbsent(region, r -> new ConcurrentHashMap<>())
          .computeIfAbsent(datastore.id(), d -> new ConcurrentHashMap<>());
      for (Seed.ImageSetSeed imageSet : datastore.imageSets()) {
        List<Version> versions = new ArrayList<>();
        int n = 0;
        for (Seed.VersionSeed v : imageSet.versions()) {
          n++;
          versions.add(new Version(v.versionId() == null ? Integer.toString(n) : v.versionId(),
              v.imageSetState() == null ? "ACTIVE" : v.imageSetState(), v.workflowStatus(), ago(now, v.createdSecondsAgo()),
              ago(now, v.updatedSecondsAgo()), ago(now, v.deletedSecondsAgo()), v.message(), v.forced(), v.isPrimary()));
        }
        versions.sort(Comparator.comparing((Version v) -> Long.parseLong(v.versionId())).reversed());
        imageSets.put(imageSet.id(), new ImageSet(imageSet.id(), Boolean.TRUE.equals(imageSet.conflict()), List.copyOf(versions)));
      }
    }
  }

  /** The data store's image sets, or null when the region has no such data store. */
  Map<String, ImageSet> datastore(String region, String datastoreId) {
    return regions.getOrDefault(region, Map.of()).get(datastoreId);
  }

  private static Instant ago(Instant now, Long seconds) {
    return seconds == null ? null : now.minusSeconds(seconds);
  }
}
