package io.awsql.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** HELD calls go on together once enough wait at once; a call left alone goes on after the rule's cap. */
class HeldFaultTest {
  @Test
  void callsWaitUntilTheRulesPartiesWaitAtOnce() throws Exception {
    FaultInjector faults = new FaultInjector(1);
    faults.add(FaultRule.heldUntil("DescribeStoreImageTasks", 3, Duration.ofSeconds(30)));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    CountDownLatch passed = new CountDownLatch(3);
    try {
      for (int i = 0; i < 2; i++) {
        pool.submit(() -> {
          faults.decide("DescribeStoreImageTasks").hold();
          passed.countDown();
          return null;
        });
      }
      assertTrue(!passed.await(300, TimeUnit.MILLISECONDS), "two of three: both still held");
      assertEquals(3, passed.getCount());
      pool.submit(() -> {
        faults.decide("DescribeStoreImageTasks").hold();
        passed.countDown();
        return null;
      });
      assertTrue(passed.await(10, TimeUnit.SECONDS), "the third lets all three go on at once");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCallLeftAloneGoesOnAfterTheCap() throws Exception {
    FaultInjector faults = new FaultInjector(1);
    faults.add(FaultRule.heldUntil("*", 2, Duration.ofMillis(200)));
    long start = System.nanoTime();
    faults.decide("ListImageSetVersions").hold();
    assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(190), "held for the cap");
    assertTrue(faults.decide("Other").has(Fault.HELD), "\"*\" holds every action");
  }
}
