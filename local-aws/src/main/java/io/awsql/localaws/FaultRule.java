package io.awsql.localaws;

import java.time.Duration;
import java.util.Objects;

/**
 * When to inject a fault: for one action (or every action, with {@code "*"}), after letting the first
 * {@code skipFirst} matching calls through, at most {@code maxTimes} times (negative: no limit), each
 * time with probability {@code rate} drawn from the injector's seeded random source.
 */
public record FaultRule(String action, Fault fault, double rate, int skipFirst, int maxTimes, Duration latency,
    int parties) {

  public FaultRule {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(fault, "fault");
    if (rate < 0 || rate > 1) {
      throw new IllegalArgumentException("rate must be between 0 and 1, was " + rate);
    }
    latency = latency == null ? Duration.ZERO : latency;
  }

  public FaultRule(String action, Fault fault, double rate, int skipFirst, int maxTimes, Duration latency) {
    this(action, fault, rate, skipFirst, maxTimes, latency, 0);
  }

  /**
   * Every matching call waits until {@code parties} of them wait at once, then all are answered; a call
   * waiting longer than {@code atMost} is answered anyway. A client that makes the calls in parallel passes
   * at once; one that makes them one by one waits {@code atMost} for each.
   */
  public static FaultRule heldUntil(String action, int parties, Duration atMost) {
    return new FaultRule(action, Fault.HELD, 1.0, 0, -1, atMost, parties);
  }

  /** Every matching call, from the first, with no limit. */
  public static FaultRule always(String action, Fault fault) {
    return new FaultRule(action, fault, 1.0, 0, -1, Duration.ZERO);
  }

  /** Matching calls at the given rate. */
  public static FaultRule atRate(String action, Fault fault, double rate) {
    return new FaultRule(action, fault, rate, 0, -1, Duration.ZERO);
  }

  /** Exactly the {@code n}-th matching call (1-based), once: "fail the second page". */
  public static FaultRule onCall(String action, Fault fault, int n) {
    return new FaultRule(action, fault, 1.0, n - 1, 1, Duration.ZERO);
  }

  /** Every matching call answers {@code latency} late. */
  public static FaultRule latency(String action, Duration latency) {
    return new FaultRule(action, Fault.LATENCY, 1.0, 0, -1, latency);
  }

  public boolean matches(String calledAction) {
    return action.equals("*") || action.equals(calledAction);
  }
}
