package io.awsql.localaws;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The requests the endpoint answered, in arrival order, for tests to assert exactly what was sent. Keeps
 * the newest {@code capacity} entries, so a long-running endpoint does not grow without bound; the
 * per-action counters count every request.
 */
public final class RequestLog {
  private final int capacity;
  private final ArrayDeque<LoggedRequest> entries = new ArrayDeque<>();
  private final Map<String, Integer> counts = new HashMap<>();
  private int inFlight;
  private int maxInFlight;

  public RequestLog(int capacity) {
    this.capacity = capacity;
  }

  synchronized void add(LoggedRequest entry) {
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(entry);
    counts.merge(String.valueOf(entry.action()), 1, Integer::sum);
  }

  synchronized void started() {
    maxInFlight = Math.max(maxInFlight, ++inFlight);
  }

  synchronized void finished() {
    inFlight--;
  }

  /**
   * The most requests being answered at the same moment since the last clear: with injected latency, it
   * shows whether a client really calls in parallel.
   */
  public synchronized int maxInFlight() {
    return maxInFlight;
  }

  public synchronized List<LoggedRequest> all() {
    return List.copyOf(entries);
  }

  /** The requests for one action (for example {@code DescribeStoreImageTasks}), in arrival order. */
  public List<LoggedRequest> forAction(String action) {
    return matching(e -> action.equals(e.action()));
  }

  /** The requests that acted as one account (for example {@link Accounts#SECOND_DEMO}), in arrival order. */
  public List<LoggedRequest> forAccount(String account) {
    return matching(e -> account.equals(e.account()));
  }

  public synchronized List<LoggedRequest> matching(Predicate<LoggedRequest> predicate) {
    return entries.stream().filter(predicate).toList();
  }

  /** How many requests for {@code action} arrived since the last clear, answered with success or not. */
  public synchronized int count(String action) {
    return counts.getOrDefault(action, 0);
  }

  /** Requests per action since the last clear. */
  public synchronized Map<String, Integer> counts() {
    return Map.copyOf(counts);
  }

  public synchronized int size() {
    return entries.size();
  }

  public synchronized void clear() {
    entries.clear();
    counts.clear();
    maxInFlight = inFlight;
  }

  @Override
  public synchronized String toString() {
    List<String> lines = new ArrayList<>();
    entries.forEach(e -> lines.add(e.action() + " " + e.account() + " " + e.region() + " " + e.httpStatus() + " "
        + e.parameters()));
    return String.join("\n", lines);
  }
}
