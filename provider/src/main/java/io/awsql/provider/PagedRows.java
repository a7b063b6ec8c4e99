package io.awsql.provider;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Streams the rows of several listing calls (regions, id batches) as one enumerator. Every call runs on
 * its own worker, all in parallel; each worker fetches its first page at once and each further page only
 * once the reader is halfway through the previous one. So memory holds about two pages per call however
 * many rows there are, a full scan overlaps fetching with reading, and a reader that stops early
 * ({@code LIMIT}) causes no further requests.
 */
final class PagedRows<T> implements Enumerator<Object[]>, AutoCloseable {
  private final LinkedBlockingQueue<Chunk> arrivals = new LinkedBlockingQueue<>();
  private final List<Worker> workers = new ArrayList<>();
  private final Function<T, Object[]> toRow;
  private final Runnable onComplete;
  private int finished;
  private Chunk current;
  private int position;
  private boolean demandSignalled;
  private Object[] row;
  private volatile boolean closed;
  private boolean completed;

  /** @param sources one lazy page iterator per call; creating one must not fetch yet */
  PagedRows(List<Source<T>> sources, Function<T, Object[]> toRow, ExecutorService executor) {
    this(sources, toRow, executor, () -> { });
  }

  /**
   * @param onComplete runs once every call has ended, before the end is reported; it may throw, for a
   *     failure that only the whole set of calls can show
   */
  PagedRows(List<Source<T>> sources, Function<T, Object[]> toRow, ExecutorService executor, Runnable onComplete) {
    this.toRow = toRow;
    this.onComplete = onComplete;
    for (Source<T> source : sources) {
      Worker worker = new Worker(source);
      workers.add(worker);
      worker.future = executor.submit(worker::run);
    }
  }

  @Override
  public Object[] current() {
    return row;
  }

  @Override
  public boolean moveNext() {
    while (true) {
      if (current != null && position < current.items.size()) {
        row = toRow.apply(current.items.get(position++));
        if (!demandSignalled && position * 2 >= current.items.size()) {
          demandSignalled = true;
          current.worker.demand.release();
        }
        return true;
      }
      if (finished == workers.size()) {
        if (!completed) {
          completed = true;
          onComplete.run();
        }
        return false;
      }
      Chunk next;
      try {
        next = arrivals.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new IllegalStateException("interrupted while waiting for AWS", e);
      }
      if (next.failure != null) {
        close();
        throw next.failure;
      }
      if (next.items == null) {
        finished++;
        continue;
      }
      current = next;
      position = 0;
      demandSignalled = current.items.isEmpty();
      if (demandSignalled) {
        current.worker.demand.release();
      }
    }
  }

  @Override
  public void reset() {
    throw new UnsupportedOperationException("AWS listings can be read once; run the query again");
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Worker worker : workers) {
      worker.demand.release(); // wakes a worker waiting for demand, so it sees closed and stops
      worker.future.cancel(true);
    }
  }

  /**
   * One call's lazy pages, and how to phrase its failure (it knows which call it was); phrasing it as
   * null ends the call without rows instead of failing the read.
   */
  record Source<T>(Iterator<List<T>> pages, Function<Throwable, RuntimeException> describe) {}

  private final class Worker {
    final Source<T> source;
    final Semaphore demand = new Semaphore(1); // the first page is wanted at once
    Future<?> future;

    Worker(Source<T> source) {
      this.source = source;
    }

    void run() {
      try {
        while (true) {
          demand.acquire();
          if (closed) {
            return;
          }
          if (!source.pages().hasNext()) {
            break;
          }
          arrivals.add(new Chunk(this, source.pages().next(), null));
        }
        arrivals.add(new Chunk(this, null, null));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Throwable t) {
        if (!closed) {
          RuntimeException failure = source.describe().apply(t);
          // A null description means the failure only ends this call (see Source).
          arrivals.add(new Chunk(this, null, failure));
        }
      }
    }
  }

  /** A page of items, the end of a call (no items), or its failure. */
  private final class Chunk {
    final Worker worker;
    final List<T> items;
    final RuntimeException failure;

    Chunk(Worker worker, List<T> items, RuntimeException failure) {
      this.worker = worker;
      this.items = items;
      this.failure = failure;
    }
  }
}
