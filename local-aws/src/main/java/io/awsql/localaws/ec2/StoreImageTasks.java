package io.awsql.localaws.ec2;

import io.awsql.localaws.AccountRegion;
import io.awsql.localaws.Accounts;
import io.awsql.localaws.AwsError;
import io.awsql.localaws.AwsResponse;
import io.awsql.localaws.Caller;
import io.awsql.localaws.QueryLists;
import io.awsql.localaws.QueryXml;
import io.awsql.localaws.Seed;
import io.awsql.localaws.ServiceHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * EC2's AMI store tasks in every account and region, with the documented semantics of
 * DescribeStoreImageTasks and CreateStoreImageTask: newest first, a 31-day window, filters, latest task per
 * AMI for ImageIds, and creation checks against the AMIs and buckets of the caller's account in the region.
 */
public final class StoreImageTasks {
  /** AWS lists only tasks started in the last 31 days. */
  public static final Duration LISTING_WINDOW = Duration.ofDays(31);
  static final Duration DEFAULT_STORE_DURATION = Duration.ofMinutes(10);
  static final int DEFAULT_FAIL_AT_PERCENT = 50;

  static final String DESCRIBE = "DescribeStoreImageTasks";
  static final String CREATE = "CreateStoreImageTask";
  private static final int MAX_IMAGE_IDS = 20;
  private static final int MAX_RESULTS_MIN = 1;
  private static final int MAX_RESULTS_MAX = 200;
  private static final Pattern DESCRIBE_PARAMS = Pattern.compile(
      "ImageId\\.\\d+|Filter\\.\\d+\\.Name|Filter\\.\\d+\\.Value\\.\\d+|MaxResults|NextToken|DryRun");
  private static final Pattern CREATE_PARAMS = Pattern.compile(
      "ImageId|Bucket|S3ObjectTag\\.\\d+\\.(Key|Value)|DryRun");
  private static final List<String> FILTER_NAMES = List.of("task-state", "bucket");

  /** DescribeStoreImageTasks and CreateStoreImageTask, on this state. */
  public List<Ec2Action> actions() {
    return List.of(action(DESCRIBE, DESCRIBE_PARAMS, this::describe), action(CREATE, CREATE_PARAMS, this::create));
  }

  static Ec2Action action(String name, Pattern parameters,
      BiFunction<ServiceHandler.Call, Caller, AwsResponse> answer) {
    return new Ec2Action() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Pattern parameters() {
        return parameters;
      }

      @Override
      public AwsResponse answer(ServiceHandler.Call call, Caller caller) {
        return answer.apply(call, caller);
      }
    };
  }

  private final Clock clock;
  private final AtomicLong sequence = new AtomicLong();
  private final Map<AccountRegion, Region> regions = new ConcurrentHashMap<>();

  public StoreImageTasks(Clock clock) {
    this.clock = clock;
  }

  /** Adds one region's seeded AMIs, buckets and tasks to an account; relative times count back from now. */
  public void load(String account, String region, Seed.RegionSeed seed) {
    Region r = region(new AccountRegion(account, region));
    Instant now = clock.instant();
    seed.buckets().forEach(b -> r.buckets.put(b.name(), b));
    seed.amis().forEach(a -> r.amis.put(a.id(), a));
    for (Seed.StoreTaskSeed t : seed.storeImageTasks()) {
      if (t.amiId() == null || t.bucket() == null) {
        throw new IllegalArgumentException("A seeded store task in " + region + " needs amiId and bucket: " + t);
      }
      Instant start = t.startTime() != null ? Instant.parse(t.startTime())
          : now.minusSeconds(t.startedSecondsAgo() == null ? 0 : t.startedSecondsAgo());
      Duration duration =
          t.durationSeconds() == null ? DEFAULT_STORE_DURATION : Duration.ofSeconds(t.durationSeconds());
      r.tasks.add(new StoreImageTask(sequence.incrementAndGet(), t.amiId(), t.bucket(), objectKey(t.amiId()), start,
          duration, t.failureReason(), t.failAtPercent() == null ? DEFAULT_FAIL_AT_PERCENT : t.failAtPercent(),
          t.tags() == null ? Map.of() : t.tags()));
    }
  }

  /** Every task of the base account in a region, newest first, including those outside the listing window. */
  public List<StoreImageTask> all(String region) {
    return all(Accounts.BASE, region);
  }

  /** Every task of an account in a region, newest first, including those outside the listing window. */
  public List<StoreImageTask> all(String account, String region) {
    return List.copyOf(region(new AccountRegion(account, region)).tasks);
  }

  public Instant now() {
    return clock.instant();
  }

  /**
   * One page of the listing: tasks in the window matching every filter (AND across filters, OR across one
   * filter's values), newest first, resuming strictly after {@code after}.
   */
  Page list(AccountRegion region, List<Ec2Params.Filter> filters, int maxResults, PageToken after, int fingerprint) {
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
  List<StoreImageTask> latestFor(AccountRegion region, Collection<String> amiIds) {
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
  StoreImageTask create(AccountRegion region, String amiId, String bucket, Map<String, String> tags, boolean start) {
    Region r = region(region);
    synchronized (r) {
      Seed.AmiSeed ami = r.amis.get(amiId);
      if (ami == null) {
        throw new AwsError(400, "InvalidAMIID.NotFound", "The image id '[" + amiId + "]' does not exist");
      }
      Seed.BucketSeed target = r.buckets.get(bucket);
      if (target == null) {
        throw new AwsError(400, "InvalidParameterValue", "Value (" + bucket + ") for parameter Bucket is invalid. "
            + "The bucket does not exist in " + region.region() + "; it must be in the Region of the request.");
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

  private Region region(AccountRegion where) {
    return regions.computeIfAbsent(where, n -> new Region());
  }

  /** A page of tasks and the token for the next one (null on the last page). */
  record Page(List<StoreImageTask> tasks, PageToken next) {}

  private static final class Region {
    final Map<String, Seed.AmiSeed> amis = new ConcurrentHashMap<>();
    final Map<String, Seed.BucketSeed> buckets = new ConcurrentHashMap<>();
    final NavigableSet<StoreImageTask> tasks = new ConcurrentSkipListSet<>(StoreImageTask.NEWEST_FIRST);
  }
  private AwsResponse describe(ServiceHandler.Call call, Caller caller) {
    Map<String, List<String>> params = call.parameters();
    boolean dryRun = Ec2Params.bool(params, "DryRun");
    List<String> imageIds = QueryLists.members(params, "ImageId", "");
    Integer maxResults = Ec2Params.integer(params, "MaxResults");
    String nextToken = Ec2Params.first(params, "NextToken");
    List<Ec2Params.Filter> filters = List.of();
    if (!imageIds.isEmpty()) {
      if (maxResults != null) {
        throw new AwsError(400, "InvalidParameterCombination",
            "The parameter MaxResults cannot be used with the parameter ImageId");
      }
      if (imageIds.size() > MAX_IMAGE_IDS) {
        throw new AwsError(400, "InvalidParameterValue", "Too many values for parameter ImageId: "
            + imageIds.size() + " were given, at most " + MAX_IMAGE_IDS + " are allowed.");
      }
      imageIds.forEach(Ec2Params::checkAmiId);
    } else {
      filters = Ec2Params.filters(params, FILTER_NAMES, DESCRIBE);
      if (maxResults != null && (maxResults < MAX_RESULTS_MIN || maxResults > MAX_RESULTS_MAX)) {
        throw new AwsError(400, "InvalidParameterValue", "Value ( " + maxResults
            + " ) for parameter MaxResults is invalid. Expecting a value between " + MAX_RESULTS_MIN + " and "
            + MAX_RESULTS_MAX + ".");
      }
    }
    Ec2Params.authorize(call, caller, dryRun);

    QueryXml xml = Ec2Xml.response(DESCRIBE, call.request().requestId());
    List<StoreImageTask> found;
    PageToken next = null;
    if (!imageIds.isEmpty()) {
      // Documented: with ImageIds the filters are ignored; observed: only the latest task per AMI.
      found = latestFor(AccountRegion.of(caller), imageIds);
    } else {
      int fingerprint = filters.hashCode();
      PageToken after = nextToken == null ? null : PageToken.decode(nextToken, fingerprint);
      StoreImageTasks.Page page = list(AccountRegion.of(caller), filters,
          maxResults == null ? MAX_RESULTS_MAX : maxResults, after, fingerprint);
      found = page.tasks();
      next = page.next();
    }
    xml.start("storeImageTaskResultSet");
    Instant now = now();
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

  private AwsResponse create(ServiceHandler.Call call, Caller caller) {
    Map<String, List<String>> params = call.parameters();
    boolean dryRun = Ec2Params.bool(params, "DryRun");
    String imageId = Ec2Params.first(params, "ImageId");
    String bucket = Ec2Params.first(params, "Bucket");
    if (imageId == null || imageId.isEmpty()) {
      throw Ec2Params.missing("ImageId");
    }
    if (bucket == null || bucket.isEmpty()) {
      throw Ec2Params.missing("Bucket");
    }
    Ec2Params.checkAmiId(imageId);
    String bucketProblem = BucketNames.problem(bucket);
    if (bucketProblem != null) {
      throw new AwsError(400, "InvalidParameterValue",
          "Value (" + bucket + ") for parameter Bucket is invalid. " + bucketProblem);
    }
    Map<String, String> tags = tags(params);
    Ec2Params.authorize(call, caller, false);
    // Existence and state are checked for dry runs too, so a dry run predicts the real outcome.
    StoreImageTask task = create(AccountRegion.of(caller), imageId, bucket, tags, !dryRun);
    if (dryRun) {
      throw Ec2Params.dryRunOperation();
    }
    return AwsResponse.ok(Ec2Xml.CONTENT_TYPE, Ec2Xml.response(CREATE, call.request().requestId())
        .element("objectKey", task.objectKey()).end().finish());
  }

  private static Map<String, String> tags(Map<String, List<String>> params) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int n : QueryLists.indexes(params, "S3ObjectTag")) {
      String key = Ec2Params.first(params, "S3ObjectTag." + n + ".Key");
      String value = Ec2Params.first(params, "S3ObjectTag." + n + ".Value");
      String name = "S3ObjectTag." + n;
      if (key == null || key.isEmpty()) {
        throw Ec2Params.missing(name + ".Key");
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

}
