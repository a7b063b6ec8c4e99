package io.awsql.cli;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The progress line of a long query on a terminal: rows so far, AWS requests, elapsed time, on standard
 * error, redrawn in place twice a second after the first second, erased before the result is printed.
 */
final class Progress implements AutoCloseable {
  private final PrintStream err;
  private final AtomicLong rows;
  private final LongSupplier requests;
  private final long start = System.nanoTime();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "awsql-progress");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean drawn;

  Progress(PrintStream err, AtomicLong rows, LongSupplier requests) {
    this.err = err;
    this.rows = rows;
    this.requests = requests;
    timer.scheduleAtFixedRate(this::draw, 1000, 500, TimeUnit.MILLISECONDS);
  }

  private synchronized void draw() {
    double seconds = (System.nanoTime() - start) / 1e9;
    err.printf("\r%,d rows, %,d AWS requests, %.1f s ", rows.get(), requests.getAsLong(), seconds);
    err.flush();
    drawn = true;
  }

  /** Stops and erases the line; safe to call more than once. */
  @Override
  public synchronized void close() {
    timer.shutdownNow();
    if (drawn) {
      err.print("\r\033[K");
      err.flush();
      drawn = false;
    }
  }
}
