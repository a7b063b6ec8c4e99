package io.awsql.provider;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Streams the rows of several listing calls (regions, id batches) as one enumerator. Every call runs on
 * its own worker, all in parallel; each worker fetches its first page at once and its second once the
 * reader is halfway through the first, so a reader that stops early ({@code LIMIT}) causes no further
 * requests. A reader that goes on into the second page is scanning: the worker then keeps two pages ahead
 * of it. So memory holds at most about three pages per call however many rows there are, and a full scan
 * runs as fast as AWS answers.
 */
final class PagedRows<T> implements Enumerator<Object[]>, AutoCloseable {
  private final LinkedBlockingQueue<Chunk> arrivals = new LinkedBlockingQueue<>();
  private final List<Worker> workers = new ArrayList<>();
  private final Queue<Worker> waiting = new ArrayDeque<>();
  private final ExecutorService executor;
  private final Function<T, Object[]> toRow;
  private final Runnable onComplete;
  private int finished;
  private Chunk current;
  private int position;
  private boolean demandSignalled;
  private Object[] row;
  private volatile boolean closed;
  private boolean completed;
  private StopWhen stop = StopWhen.NEVER;
  private Consumer<Thread> abortCallOf = thread -> { };
  private long rowBudget = Long.MAX_VALUE;
  private long rowsArrived;
  private long rowsRead;

  /** @param sources one lazy page iterator per call; creating one must not fetch yet */
  PagedRows(List<Source<T>> sources, Function<T, Object[]> toRow, ExecutorService executor) {
    this(sources, toRow, executor, () -> { }, Integer.MAX_VALUE);
  }

  /**
   * @param onComplete runs once every call has ended, before the end is reported; it may throw, for a
   *     failure that only the whole set of calls can show
   */
  PagedRows(List<Source<T>> sources, Function<T, Object[]> toRow, ExecutorService executor, Runnable onComplete,
      int maxConcurrent) {
    this.toRow = toRow;
    this.onComplete = onComplete;
    this.executor = executor;
    for (Source<T> source : sources) {
      workers.add(new Worker(source));
    }
    // At most maxConcurrent calls run at once; each call that ends starts the next waiting one.
    waiting.addAll(workers);
    for (int i = 0; i < Math.min(maxConcurrent, workers.size()); i++) {
      startNext();
    }
  }

  private synchronized void startNext() {
    Worker next = waiting.poll();
    if (next != null && !closed) {
      next.future = executor.submit(next::run);
    }
  }

  /**
   * When the reader stops waiting: the statement's cancel flag, and its query timeout (a deadline on
   * {@link System#nanoTime()}).
   */
  record StopWhen(AtomicBoolean cancelFlag, long deadlineNanos, long timeoutMillis) {
    static final StopWhen NEVER = new StopWhen(new AtomicBoolean(), Long.MAX_VALUE, 0);

    /** From now, for a timeout of {@code timeoutMillis} (0: none). */
    static StopWhen of(AtomicBoolean cancelFlag, long timeoutMillis) {
      return new StopWhen(cancelFlag == null ? new AtomicBoolean() : cancelFlag,
          timeoutMillis > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) : Long.MAX_VALUE,
          timeoutMillis);
    }
  }

  /**
   * Makes waits for pages give up on cancel or at the deadline, and the calls still waiting for AWS be
   * aborted then (an interrupt does not unblock a socket read).
   */
  PagedRows<T> stopWhen(StopWhen when, Consumer<Thread> abortCall) {
    this.stop = when;
    this.abortCallOf = abortCall;
    return this;
  }

  /**
   * The reader will take at most {@code rows} rows (a LIMIT over a scan whose every predicate the API
   * evaluates): once that many have arrived no further page is asked for, and once that many have been read
   * the rows end. 0 means no bound.
   */
  PagedRows<T> rowBudget(long rows) {
    this.rowBudget = rows > 0 ? rows : Long.MAX_VALUE;
    return this;
  }

  /** Whether the reader may want rows beyond those already arrived. */
  private boolean wantsMore() {
    return rowsArrived < rowBudget;
  }

  /** How many pages a call being scanned is fetched ahead of the page being read. */
  private static final int PAGES_AHEAD = 2;

  /** How often a waiting reader looks at the cancel flag: cancel takes effect within this. */
  private static final long POLL_MILLIS = 100;

  @Override
  public Object[] current() {
    return row;
  }

  @Override
  public boolean moveNext() {
    if (rowsRead >= rowBudget) {
      // The LIMIT above has all it can use (linq4j's take asks once more before it stops).
      close();
      return false;
    }
    while (true) {
      if (current != null && position < current.items.size()) {
        row = toRow.apply(current.items.get(position++));
        rowsRead++;
        if (!demandSignalled && position * 2 >= current.items.size() && wantsMore()) {
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
        next = arrivals.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new AwsQueryException("Interrupted while waiting for AWS.", "HY008", null, null, e);
      }
      if (next == null) {
        checkStop();
        continue;
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
      rowsArrived += current.items.size();
      Worker worker = current.worker;
      worker.pagesTaken++;
      // A reader past a call's first page with no row budget is scanning it all: from then on the fetcher
      // is kept PAGES_AHEAD pages ahead, so it never waits for the reader to wake up and ask (that hand-off,
      // once a page, costs more than reading the page's rows). Until then, and under a budget, the next page
      // is asked for halfway through this one, so a reader that stops early costs no request it did not need.
      boolean scanning = worker.pagesTaken > 1 && rowBudget == Long.MAX_VALUE;
      demandSignalled = current.items.isEmpty() || scanning;
      if (current.items.isEmpty()) { // nothing to read here: the reader wants the call's next page or its end
        worker.demand.release();
      } else if (scanning) {
        worker.demand.release(worker.pagesTaken == 2 ? PAGES_AHEAD : 1);
      }
    }
  }

  private void checkStop() {
    if (stop.cancelFlag().get()) {
      close();
      throw new AwsQueryException("The statement was cancelled; no more pages are read.", "HY008", null, null, null);
    }
    if (System.nanoTime() - stop.deadlineNanos() > 0) {
      close();
      throw new AwsQueryException("The query timeout (" + stop.timeoutMillis() / 1000.0
          + " s, Statement.setQueryTimeout) passed while waiting for AWS; the calls still running were stopped.",
          "HYT00", null, null, null);
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
    synchronized (this) {
      closed = true;
    }
    for (Worker worker : workers) {
      worker.demand.release(); // wakes a worker waiting for demand, so it sees closed and stops
      if (worker.future != null) {
        worker.future.cancel(true);
      }
      worker.abortCall();
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
    /** Pages of this call the reader has started on (read by the reader's thread only). */
    int pagesTaken;
    volatile Future<?> future;
    /** The thread fetching, while it runs. */
    Thread thread;
    /** Held while the thread is set or cleared, and while aborting: see {@link #abortCall()}. */
    private final Object running = new Object();

    Worker(Source<T> source) {
      this.source = source;
    }

    /**
     * Aborts the AWS call this worker's thread is waiting on, only while the thread still works for this
     * worker: the lock keeps the thread from leaving for another worker (another query's call on a pooled
     * thread) between the check and the abort, which would cut that call short instead.
     */
    void abortCall() {
      synchronized (running) {
        if (thread != null) {
          abortCallOf.accept(thread);
        }
      }
    }

    void run() {
      synchronized (running) {
        thread = Thread.currentThread();
      }
      try {
        fetch();
      } finally {
        synchronized (running) {
          thread = null;
        }
        startNext();
      }
    }

    private void fetch() {
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
