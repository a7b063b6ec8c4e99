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
    List<Gate> gates = new ArrayList<>();
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
        if (rule.fault() == Fault.HELD) {
          gates.add(state.gate);
        } else {
          latencyMillis += rule.latency().toMillis();
        }
      }
    }
    return new Decision(faults, latencyMillis, gates);
  }

  /** The outcome for one call; {@link #hold()} it (outside the injector's lock) for the HELD rules. */
  public record Decision(Set<Fault> faults, long latencyMillis, List<Gate> gates) {
    public boolean has(Fault fault) {
      return faults.contains(fault);
    }

    /** Waits at each HELD rule's gate. */
    public void hold() throws InterruptedException {
      for (Gate gate : gates) {
        gate.pass();
      }
    }
  }

  /** Where calls of one HELD rule wait until {@code parties} wait at once, or at most {@code atMostMillis}. */
  public static final class Gate {
    private final int parties;
    private final long atMostMillis;
    private int waiting;
    private long round;

    Gate(int parties, long atMostMillis) {
      this.parties = parties;
      this.atMostMillis = atMostMillis;
    }

    synchronized void pass() throws InterruptedException {
      long myRound = round;
      if (++waiting >= parties) {
        waiting = 0;
        round++;
        notifyAll();
        return;
      }
      long deadline = System.nanoTime() + atMostMillis * 1_000_000L;
      try {
        while (round == myRound) {
          long left = (deadline - System.nanoTime()) / 1_000_000L;
          if (left <= 0) {
            waiting--;
            return;
          }
          wait(left);
        }
      } catch (InterruptedException e) {
        waiting--; // no longer waiting: the others must not count it
        throw e;
      }
    }
  }

  private static final class State {
    final FaultRule rule;
    final Gate gate;
    int seen;
    int fired;

    State(FaultRule rule) {
      this.rule = rule;
      this.gate = new Gate(rule.parties(), rule.latency().toMillis());
    }
  }
}
