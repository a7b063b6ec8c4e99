package io.awsql.localaws;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Makes large, deterministic seeds for pagination tests and benchmarks: {@code n} store tasks in one
 * region, each of its own AMI, spread over the last 30 days, in every state.
 */
public final class SeedGenerator {
  private static final int BUCKETS = 5;
  private static final long WINDOW_SECONDS = 30L * 24 * 3600;

  private SeedGenerator() {}

  /** The AMI id of the {@code i}-th generated task (0-based): {@code ami-} and 17 hex digits. */
  public static String amiId(int i) {
    return "ami-" + String.format("%017x", 0xa000_0000_0000L + i);
  }

  /** The name of generated bucket {@code b} (0-based) of a region. */
  public static String bucket(String region, int b) {
    return "gen-" + region + "-bucket-" + b;
  }

  /**
   * One image set with a history of {@code n} versions (1 is the oldest), for paging through long
   * histories: states and workflow statuses cycle through the model's values.
   */
  public static Seed imageSetVersions(String region, String datastoreId, String imageSetId, int n) {
    String[] states = {"ACTIVE", "ACTIVE", "LOCKED", "DELETED"};
    String[] statuses = {"CREATED", "COPIED", "COPYING", "COPYING_WITH_READ_ONLY_ACCESS", "COPY_FAILED", "UPDATING",
        "UPDATING_FOR_STUDY_CONSISTENCY", "UPDATED", "UPDATE_FAILED", "DELETING", "DELETED", "IMPORTING", "IMPORTED",
        "IMPORT_FAILED"};
    List<Seed.VersionSeed> versions = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long created = (long) (n - i) * 60;
      versions.add(new Seed.VersionSeed(null, states[i % states.length], statuses[i % statuses.length], created,
          created - 30, states[i % states.length].equals("DELETED") ? created - 30 : null, "Version " + (i + 1),
          i % 3 == 0, i == n - 1));
    }
    Seed.ImageSetSeed imageSet = new Seed.ImageSetSeed(imageSetId, false, versions);
    return new Seed(Map.of(region, new Seed.RegionSeed(List.of(), List.of(), List.of(),
        List.of(new Seed.DatastoreSeed(datastoreId, List.of(imageSet))))));
  }

  /**
   * {@code n} tasks in {@code region}, newest at index 0: roughly 70 % completed, 20 % in progress, 10 %
   * failed, spread over five buckets.
   */
  public static Seed storeImageTasks(String region, int n, long randomSeed) {
    Random random = new Random(randomSeed);
    List<Seed.BucketSeed> buckets = new ArrayList<>();
    for (int b = 0; b < BUCKETS; b++) {
      buckets.add(new Seed.BucketSeed(bucket(region, b), true));
    }
    List<Seed.AmiSeed> amis = new ArrayList<>(n);
    List<Seed.StoreTaskSeed> tasks = new ArrayList<>(n);
    long spacing = Math.max(1, WINDOW_SECONDS / Math.max(1, n));
    for (int i = 0; i < n; i++) {
      String ami = amiId(i);
      amis.add(new Seed.AmiSeed(ami, null, null, null));
      long startedAgo = 1 + i * spacing;
      int kind = random.nextInt(10);
      long duration = kind < 2 ? startedAgo + 600 + random.nextInt(3600) : Math.max(1, startedAgo / 2);
      String failure = kind == 9 ? "Generated failure " + HexFormat.of().toHexDigits((byte) random.nextInt(256)) : null;
      tasks.add(new Seed.StoreTaskSeed(ami, bucket(region, random.nextInt(BUCKETS)), null, startedAgo, duration,
          failure, failure == null ? null : random.nextInt(100), Map.of()));
    }
    return new Seed(Map.of(region, new Seed.RegionSeed(buckets, amis, tasks)));
  }
}
