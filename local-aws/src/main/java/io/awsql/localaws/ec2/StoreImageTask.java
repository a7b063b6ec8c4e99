package io.awsql.localaws.ec2;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;

/**
 * One AMI store task. Immutable: its state at any moment follows from its start, its duration and its
 * scripted outcome, so moving the clock is all it takes to advance it.
 *
 * @param seq unique, increasing in creation order; breaks ties between equal start times
 */
public record StoreImageTask(long seq, String amiId, String bucket, String objectKey, Instant startTime,
    Duration duration, String failureReason, int failAtPercent, Map<String, String> tags) {

  /** AWS's listing order: newest first. */
  public static final Comparator<StoreImageTask> NEWEST_FIRST =
      Comparator.comparing(StoreImageTask::startTime).thenComparingLong(StoreImageTask::seq).reversed();

  public StoreImageTask {
    tags = Map.copyOf(tags);
  }

  /** The task as DescribeStoreImageTasks reports it at {@code now}. */
  public Status statusAt(Instant now) {
    long elapsed = Math.max(0, Duration.between(startTime, now).toMillis());
    long total = Math.max(1, duration.toMillis());
    boolean failing = failureReason != null;
    int finalPercent = failing ? failAtPercent : 100;
    if (elapsed >= total) {
      return failing ? new Status("Failed", finalPercent, failureReason) : new Status("Completed", 100, null);
    }
    int percent = (int) (elapsed * finalPercent / total);
    return new Status("InProgress", Math.min(percent, 99), null);
  }

  public boolean inProgressAt(Instant now) {
    return statusAt(now).state().equals("InProgress");
  }

  /** What changes with time: state, progress and, for failed tasks, the reason. */
  public record Status(String state, int progressPercentage, String failureReason) {}
}
