package io.awsql.localaws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resources an endpoint starts with, region by region: {@code regions} for the account the seed is
 * loaded into (the base account unless said otherwise), and optionally {@code accounts}, other accounts by
 * id with regions of their own. Read from JSON (see {@code docs/local-aws.md} for the format); times may be
 * relative ({@code startedSecondsAgo}) so a seed stays inside AWS's 31-day listing window whenever it is
 * loaded.
 */
public record Seed(Map<String, RegionSeed> regions, Map<String, AccountSeed> accounts) {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  public Seed {
    regions = regions == null ? Map.of() : new LinkedHashMap<>(regions);
    accounts = accounts == null ? Map.of() : new LinkedHashMap<>(accounts);
    for (String account : accounts.keySet()) {
      if (!Accounts.isAccountId(account)) {
        throw new IllegalArgumentException("the account '" + account + "' is not an AWS account id (12 digits)");
      }
    }
  }

  /** A seed of one account's regions. */
  public Seed(Map<String, RegionSeed> regions) {
    this(regions, Map.of());
  }

  /** What one more account holds, region by region. */
  public record AccountSeed(Map<String, RegionSeed> regions) {
    public AccountSeed {
      regions = regions == null ? Map.of() : new LinkedHashMap<>(regions);
    }
  }

  /**
   * The built-in demo data: the base account's regions, and {@link Accounts#SECOND_DEMO}'s in
   * {@code accounts}.
   */
  public static Seed demo() {
    try (InputStream in = Seed.class.getResourceAsStream("demo-seed.json")) {
      return JSON.readValue(in, Seed.class);
    } catch (IOException e) {
      throw new UncheckedIOException("the built-in demo seed is unreadable", e);
    }
  }

  /** Reads a seed file; errors name the file and the offending field. */
  public static Seed fromFile(Path file) {
    try {
      return JSON.readValue(Files.readAllBytes(file), Seed.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Seed file " + file + " is not valid: " + e.getOriginalMessage()
          + " (line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("Seed file " + file + " cannot be read: " + e, e);
    }
  }

  /** What one region holds. */
  public record RegionSeed(List<BucketSeed> buckets, List<AmiSeed> amis, List<StoreTaskSeed> storeImageTasks,
      List<DatastoreSeed> datastores) {
    public RegionSeed {
      buckets = buckets == null ? List.of() : List.copyOf(buckets);
      amis = amis == null ? List.of() : List.copyOf(amis);
      storeImageTasks = storeImageTasks == null ? List.of() : List.copyOf(storeImageTasks);
      datastores = datastores == null ? List.of() : List.copyOf(datastores);
    }

    public RegionSeed(List<BucketSeed> buckets, List<AmiSeed> amis, List<StoreTaskSeed> storeImageTasks) {
      this(buckets, amis, storeImageTasks, List.of());
    }
  }

  /** A HealthImaging data store and its image sets. */
  public record DatastoreSeed(String id, List<ImageSetSeed> imageSets) {
    public DatastoreSeed {
      imageSets = imageSets == null ? List.of() : List.copyOf(imageSets);
    }
  }

  /**
   * An image set and its version history. {@code conflict=true} models an image set being updated:
   * listing its versions answers ConflictException.
   */
  public record ImageSetSeed(String id, Boolean conflict, List<VersionSeed> versions) {
    public ImageSetSeed {
      versions = versions == null ? List.of() : List.copyOf(versions);
    }
  }

  /**
   * One version of an image set; times in seconds before the endpoint's clock when loaded. Without a
   * {@code versionId}, versions are numbered 1, 2, ... in the order given.
   */
  public record VersionSeed(String versionId, String imageSetState, String workflowStatus, Long createdSecondsAgo,
      Long updatedSecondsAgo, Long deletedSecondsAgo, String message, Boolean forced, Boolean isPrimary) {}

  /** An S3 bucket; {@code writable=false} models a bucket the caller may not write to. */
  public record BucketSeed(String name, Boolean writable) {
    public boolean isWritable() {
      return writable == null || writable;
    }
  }

  /**
   * An AMI that can be stored. A store of it takes {@code storeSeconds} (default 600) and, when
   * {@code failureReason} is set, fails with that reason at {@code failAtPercent} (default 50).
   */
  public record AmiSeed(String id, Long storeSeconds, String failureReason, Integer failAtPercent) {}

  /**
   * A store task that already exists. Its start is {@code startTime} (ISO-8601) or
   * {@code startedSecondsAgo}; it runs {@code durationSeconds} (default 600), then completes, or fails with
   * {@code failureReason} at {@code failAtPercent} (default 50).
   */
  public record StoreTaskSeed(String amiId, String bucket, String startTime, Long startedSecondsAgo,
      Long durationSeconds, String failureReason, Integer failAtPercent, Map<String, String> tags) {}
}
