package io.awsql.localaws;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Decides, call by call, which injected faults apply. Deterministic for a given seed and call order, so
 * a failing test can be replayed.
 */
public final class FaultInjector {
  private final List<State> rules = new ArrayList<>();
  private Random random;

  public FaultInjector(long seed) {
    this.random = new Random(seed);
  }

  public synchronized void add(FaultRule rule) {
    rules.add(new State(rule));
  }

  /** Removes every rule and restarts the random source from {@code seed}. */
  public synchronized void reset(long seed) {
    rules.clear();
    random = new Random(seed);
  }

  /** The faults to apply to this call of {@code action}; also returns the total latency to add. */
  public synchronized Decision decide(String action) {
    Set<Fault> faults = EnumSet.noneOf(Fault.class);
    long latencyMillis = 0;
    for (State state : rules) {
      FaultRule rule = state.rule;
      if (!rule.matches(action)) {
        continue;
      }
      state.seen++;
      if (state.seen <= rule.skipFirst() || (rule.maxTimes() >= 0 && state.fired >= rule.maxTimes())) {
        continue;
      }
      if (random.nextDouble() < rule.rate()) {
        state.fired++;
        faults.add(rule.fault());
        latencyMillis += rule.latency().toMillis();
      }
    }
    return new Decision(faults, latencyMillis);
  }

  /** The outcome for one call. */
  public record Decision(Set<Fault> faults, long latencyMillis) {
    public boolean has(Fault fault) {
      return faults.contains(fault);
    }
  }

  private static final class State {
    final FaultRule rule;
    int seen;
    int fired;

    State(FaultRule rule) {
      this.rule = rule;
    }
  }
}
