package io.awsql.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The prefetch policy of {@link PagedRows}: how many pages are fetched for how many rows read. */
class PagedRowsTest {
  private final ExecutorService executor = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  /** A source of {@code pages} pages of {@code size} numbered items that counts the pages fetched. */
  private static final class CountingPages implements Iterator<List<Integer>> {
    final int pages;
    final int size;
    final int offset;
    final AtomicInteger fetched = new AtomicInteger();
    final RuntimeException failOnPage;
    final int failurePage;

    CountingPages(int offset, int pages, int size) {
      this(offset, pages, size, null, -1);
    }

    CountingPages(int offset, int pages, int size, RuntimeException failOnPage, int failurePage) {
      this.offset = offset;
      this.pages = pages;
      this.size = size;
      this.failOnPage = failOnPage;
      this.failurePage = failurePage;
    }

    @Override
    public boolean hasNext() {
      return fetched.get() < pages;
    }

    @Override
    public List<Integer> next() {
      int page = fetched.getAndIncrement();
      if (page == failurePage) {
        throw failOnPage;
      }
      return IntStream.range(0, size).map(i -> offset + page * size + i).boxed().toList();
    }
  }

  private PagedRows<Integer> rows(List<CountingPages> sources) {
    List<PagedRows.Source<Integer>> list = new ArrayList<>();
    sources.forEach(s -> list.add(new PagedRows.Source<>(s, failure -> (RuntimeException) failure)));
    return new PagedRows<>(list, i -> new Object[] {i}, executor);
  }

  private static void awaitQuiet() throws InterruptedException {
    // Workers react to demand asynchronously; give them time to (wrongly) fetch more, then look.
    Thread.sleep(200);
  }

  private static void awaitFetched(CountingPages source, int pages) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (source.fetched.get() < pages && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(pages, source.fetched.get(), "pages prefetched");
  }

  @Test
  void readsEveryItemOfEverySourceExactlyOnce() {
    List<CountingPages> sources = List.of(new CountingPages(0, 5, 10), new CountingPages(1000, 3, 7),
        new CountingPages(2000, 0, 10));
    Set<Object> seen = new HashSet<>();
    try (PagedRows<Integer> rows = rows(sources)) {
      while (rows.moveNext()) {
        assertTrue(seen.add(rows.current()[0]), "repeated " + rows.current()[0]);
      }
    }
    assertEquals(50 + 21, seen.size());
  }

  @Test
  void theSecondPageIsFetchedFromHalfwayThroughTheFirstThenTwoPagesAhead() throws InterruptedException {
    CountingPages source = new CountingPages(0, 10, 10);
    try (PagedRows<Integer> rows = rows(List.of(source))) {
      for (int i = 0; i < 4; i++) {
        assertTrue(rows.moveNext());
      }
      awaitQuiet();
      assertEquals(1, source.fetched.get(), "4 of 10 rows read: no second page yet");
      assertTrue(rows.moveNext());
      awaitFetched(source, 2);
      for (int i = 0; i < 5; i++) {
        assertTrue(rows.moveNext());
      }
      awaitQuiet();
      assertEquals(2, source.fetched.get(), "the whole first page read: still two pages");
      assertTrue(rows.moveNext()); // the first row of page 2: the reader is scanning
      awaitFetched(source, 4);
      awaitQuiet();
      assertEquals(4, source.fetched.get(), "reading page 2: pages 3 and 4 fetched, no more");
      for (int i = 0; i < 10; i++) {
        assertTrue(rows.moveNext());
      }
      awaitFetched(source, 5);
      awaitQuiet();
      assertEquals(5, source.fetched.get(), "reading page 3: two pages ahead, no more");
    }
  }

  @Test
  void aRowBudgetStopsPrefetchAndEndsTheRows() throws InterruptedException {
    CountingPages source = new CountingPages(0, 10, 10);
    List<PagedRows.Source<Integer>> list = List.of(new PagedRows.Source<>(source, f -> (RuntimeException) f));
    try (PagedRows<Integer> rows = new PagedRows<>(list, i -> new Object[] {i}, executor, () -> { }, 1).rowBudget(10)) {
      for (int i = 0; i < 10; i++) {
        assertTrue(rows.moveNext());
        assertEquals(i, rows.current()[0]);
      }
      assertFalse(rows.moveNext(), "10 rows needed, 10 read: the end");
      awaitQuiet();
      assertEquals(1, source.fetched.get(), "10 rows needed, a page of 10 arrived: no page ahead");
    }
  }

  @Test
  void aRowBudgetBeyondTheFirstCallMovesToTheNextCallOneAtATime() throws InterruptedException {
    CountingPages first = new CountingPages(0, 1, 3);
    CountingPages second = new CountingPages(100, 5, 10);
    CountingPages third = new CountingPages(200, 5, 10);
    List<PagedRows.Source<Integer>> list = new ArrayList<>();
    List.of(first, second, third).forEach(s -> list.add(new PagedRows.Source<>(s, f -> (RuntimeException) f)));
    List<Object> read = new ArrayList<>();
    try (PagedRows<Integer> rows = new PagedRows<>(list, i -> new Object[] {i}, executor, () -> { }, 1).rowBudget(8)) {
      while (rows.moveNext()) {
        read.add(rows.current()[0]);
      }
      awaitQuiet();
    }
    assertEquals(List.of(0, 1, 2, 100, 101, 102, 103, 104), read);
    assertEquals(1, second.fetched.get(), "5 more rows needed, its first page has 10");
    assertEquals(0, third.fetched.get(), "8 rows needed, the first two calls had them");
  }

  @Test
  void closingEarlyFetchesNothingMore() throws InterruptedException {
    CountingPages source = new CountingPages(0, 100, 200);
    PagedRows<Integer> rows = rows(List.of(source));
    for (int i = 0; i < 5; i++) {
      assertTrue(rows.moveNext());
    }
    rows.close();
    awaitQuiet();
    assertEquals(1, source.fetched.get());
  }

  @Test
  void aFailingSourceFailsTheReadWithItsTranslatedError() {
    IllegalStateException boom = new IllegalStateException("page 3 failed");
    PagedRows<Integer> rows = rows(List.of(new CountingPages(0, 5, 4, boom, 2)));
    int read = 0;
    RuntimeException thrown = null;
    try {
      while (rows.moveNext()) {
        read++;
      }
    } catch (RuntimeException e) {
      thrown = e;
    }
    assertSame(boom, thrown);
    assertEquals(8, read, "the two good pages are delivered before the failure");
    assertFalse(executor.isShutdown());
  }

  @Test
  void sourcesAreFetchedInParallel() throws InterruptedException {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    // Each fetch returns only once all four are fetching (or after 10 s): fetches made one by one would
    // show one in flight at a time, however fast or slow the machine.
    CyclicBarrier allFetching = new CyclicBarrier(4);
    List<PagedRows.Source<Integer>> sources = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      sources.add(new PagedRows.Source<>(new Iterator<>() {
        boolean done;

        @Override
        public boolean hasNext() {
          return !done;
        }

        @Override
        public List<Integer> next() {
          maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          try {
            allFetching.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (BrokenBarrierException | TimeoutException e) {
            // not all four at once: maxInFlight says so below
          }
          inFlight.decrementAndGet();
          done = true;
          return List.of(1);
        }
      }, failure -> (RuntimeException) failure));
    }
    try (PagedRows<Integer> rows = new PagedRows<>(sources, i -> new Object[] {i}, executor)) {
      int n = 0;
      while (rows.moveNext()) {
        n++;
      }
      assertEquals(4, n);
    }
    assertEquals(4, maxInFlight.get());
    assertThrows(UnsupportedOperationException.class, () -> rows(List.of()).reset());
    executor.shutdown();
    assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
  }

  @Test
  void closingAbortsTheCallAWorkerIsBlockedIn() throws InterruptedException {
    CountDownLatch inCall = new CountDownLatch(1);
    CountDownLatch released = new CountDownLatch(1);
    Iterator<List<Integer>> hanging = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public List<Integer> next() {
        inCall.countDown();
        try {
          released.await(); // a call that only an abort ends
        } catch (InterruptedException e) {
          // an interrupt does not unblock a socket read: keep waiting, as such a call would
          try {
            released.await();
          } catch (InterruptedException again) {
            Thread.currentThread().interrupt();
          }
        }
        throw new IllegalStateException("aborted");
      }
    };
    List<Thread> aborted = new CopyOnWriteArrayList<>();
    PagedRows<Integer> rows = new PagedRows<>(List.of(new PagedRows.Source<>(hanging, f -> null)),
        i -> new Object[] {i}, executor, () -> { }, 4)
        .stopWhen(PagedRows.StopWhen.NEVER, thread -> {
          aborted.add(thread);
          released.countDown();
        });
    inCall.await();
    rows.close();
    assertEquals(1, aborted.size(), "the blocked worker's call is aborted");
    assertTrue(aborted.get(0).getName().startsWith("pool-"), aborted.get(0).getName());
  }
}
