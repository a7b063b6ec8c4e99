package io.awsql.provider;

import java.time.Duration;

/**
 * How long and how wide one connection's work on AWS may go: the SDK's timeouts for a whole API call
 * (retries included) and for one attempt (which also bounds an answer that trickles in), how many calls
 * one query runs at once, and how many calls one query may make at all.
 */
public record Limits(Duration apiCallTimeout, Duration apiCallAttemptTimeout, int maxConcurrentCalls,
    int maxCallsPerQuery) {
  public static final Limits DEFAULT = new Limits(Duration.ofSeconds(120), Duration.ofSeconds(30), 16, 1000);
}
