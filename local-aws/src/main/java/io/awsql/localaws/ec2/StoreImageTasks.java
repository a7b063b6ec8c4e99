package io.awsql.localaws.ec2;

import io.awsql.localaws.AwsError;
import io.awsql.localaws.Seed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * EC2's AMI store tasks in every region, with the documented semantics of DescribeStoreImageTasks and
 * CreateStoreImageTask: newest first, a 31-day window, filters, latest task per AMI for ImageIds, and
 * creation checks against the region's AMIs and buckets.
 */
public final class StoreImageTasks {
  /** AWS lists only tasks started in the last 31 days. */
  public static final Duration LISTING_WINDOW = Duration.ofDays(31);
  static final Duration DEFAULT_STORE_DURATION = Duration.ofMinutes(10);
  static final int DEFAULT_FAIL_AT_PERCENT = 50;

  private final Clock clock;
  private final AtomicLong sequence = new AtomicLong();
  private final Map<String, Region> regions = new ConcurrentHashMap<>();

  public StoreImageTasks(Clock clock) {
    this.clock = clock;
  }

  /** Adds one region's seeded AMIs, buckets and tasks; relative times count back from the clock's now. */
  public void load(String region, Seed.RegionSeed seed) {
    Region r = region(region);
    Instant now = clock.instant();
    seed.buckets().forEach(b -> r.buckets.put(b.name(), b));
    seed.amis().forEach(a -> r.amis.put(a.id(), a));
    for (Seed.StoreTaskSeed t : seed.storeImageTasks()) {
      if (t.amiId() == null || t.bucket() == null) {
        throw new IllegalArgumentException("A seeded store task in " + region + " needs amiId and bucket: " + t);
      }
      Instant start = t.startTime() != null ? Instant.parse(t.startTime())
          : now.minusSeconds(t.startedSecondsAgo() == null ? 0 : t.startedSecondsAgo());
      Duration duration = t.durationSeconds() == null ? DEFAULT_STORE_DURATION : Duration.ofSeconds(t.durationSeconds());
      r.tasks.add(new StoreImageTask(sequence.incrementAndGet(), t.amiId(), t.bucket(), objectKey(t.amiId()), start,
          duration, t.failureReason(), t.failAtPercent() == null ? DEFAULT_FAIL_AT_PERCENT : t.failAtPercent(),
          t.tags() == null ? Map.of() : t.tags()));
    }
  }

  /** Every task of a region, newest first, including those outside the listing window. */
  public List<StoreImageTask> all(String region) {
    return List.copyOf(region(region).tasks);
  }

  public Instant now() {
    return clock.instant();
  }

  /**
   * One page of the listing: tasks in the window matching every filter (AND across filters, OR across one
   * filter's values), newest first, resuming strictly after {@code after}.
   */
  Page list(String region, List<Ec2QueryHandler.Filter> filters, int maxResults, PageToken after, int fingerprint) {
    Instant now = clock.instant();
    Instant oldest = now.minus(LISTING_WINDOW);
    Predicate<StoreImageTask> matches = task -> filters.stream()
        .allMatch(f -> f.values().contains(filterValue(f.name(), task, now)));
    NavigableSet<StoreImageTask> tasks = region(region).tasks;
    Collection<StoreImageTask> remaining = after == null ? tasks : tasks.tailSet(after.position(), false);
    List<StoreImageTask> page = new ArrayList<>();
    for (StoreImageTask task : remaining) {
      if (task.startTime().isBefore(oldest)) {
        break; // sorted newest first: everything further is older still
      }
      if (!matches.test(task)) {
        continue;
      }
      if (page.size() == maxResults) {
        StoreImageTask last = page.get(page.size() - 1);
        return new Page(page, new PageToken(last.startTime(), last.seq(), fingerprint));
      }
      page.add(task);
    }
    return new Page(page, null);
  }

  /** The newest task in the window of each AMI asked for; AMIs with none are left out. */
  List<StoreImageTask> latestFor(String region, Collection<String> amiIds) {
    Instant oldest = clock.instant().minus(LISTING_WINDOW);
    Set<String> wanted = new LinkedHashSet<>(amiIds);
    List<StoreImageTask> found = new ArrayList<>();
    for (StoreImageTask task : region(region).tasks) {
      if (task.startTime().isBefore(oldest) || wanted.isEmpty()) {
        break;
      }
      if (wanted.remove(task.amiId())) {
        found.add(task);
      }
    }
    return found;
  }

  /**
   * Checks that a store of {@code amiId} into {@code bucket} could start now; with {@code start} it also
   * starts it and returns the new task.
   */
  StoreImageTask create(String region, String amiId, String bucket, Map<String, String> tags, boolean start) {
    Region r = region(region);
    synchronized (r) {
      Seed.AmiSeed ami = r.amis.get(amiId);
      if (ami == null) {
        throw new AwsError(400, "InvalidAMIID.NotFound", "The image id '[" + amiId + "]' does not exist");
      }
      Seed.BucketSeed target = r.buckets.get(bucket);
      if (target == null) {
        throw new AwsError(400, "InvalidParameterValue", "Value (" + bucket + ") for parameter Bucket is invalid. "
            + "The bucket does not exist in " + region + "; it must be in the Region of the request.");
      }
      if (!target.isWritable()) {
        throw new AwsError(403, "UnauthorizedOperation",
            "You are not authorized to write to the bucket '" + bucket + "' (s3:PutObject is denied).");
      }
      Instant now = clock.instant();
      for (StoreImageTask task : r.tasks) {
        if (task.amiId().equals(amiId) && task.inProgressAt(now)) {
          throw new AwsError(400, "IncorrectState", "The image '" + amiId
              + "' already has a store task in progress (started " + Ec2Xml.timestamp(task.startTime()) + ").");
        }
      }
      if (!start) {
        return null;
      }
      StoreImageTask task = new StoreImageTask(sequence.incrementAndGet(), amiId, bucket, objectKey(amiId), now,
          ami.storeSeconds() == null ? DEFAULT_STORE_DURATION : Duration.ofSeconds(ami.storeSeconds()),
          ami.failureReason(), ami.failAtPercent() == null ? DEFAULT_FAIL_AT_PERCENT : ami.failAtPercent(), tags);
      r.tasks.add(task);
      return task;
    }
  }

  private static String filterValue(String filter, StoreImageTask task, Instant now) {
    return switch (filter) {
      case "task-state" -> task.statusAt(now).state();
      case "bucket" -> task.bucket();
      default -> throw new IllegalArgumentException("unvalidated filter " + filter);
    };
  }

  private static String objectKey(String amiId) {
    return amiId + ".bin";
  }

  private Region region(String name) {
    return regions.computeIfAbsent(name, n -> new Region());
  }

  /** A page of tasks and the token for the next one (null on the last page). */
  record Page(List<StoreImageTask> tasks, PageToken next) {}

  private static final class Region {
    final Map<String, Seed.AmiSeed> amis = new ConcurrentHashMap<>();
    final Map<String, Seed.BucketSeed> buckets = new ConcurrentHashMap<>();
    final NavigableSet<StoreImageTask> tasks = new ConcurrentSkipListSet<>(StoreImageTask.NEWEST_FIRST);
  }
}
