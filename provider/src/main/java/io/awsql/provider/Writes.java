package io.awsql.provider;

import java.util.ArrayList;
import java.util.List;

/**
 * The INSERTs of one connection. An INSERT's rows are all checked before its first request; the JDBC layer
 * opens a {@link Capture} around each execution to learn what was created (generated keys, dry-run
 * warnings, what a rollback cannot undo), and a deferred capture around a batch, so that every row of
 * every batch entry is checked before the batch's first request.
 */
public final class Writes {
  private final AwsClients clients;
  private final ConnectionSettings settings;
  private final ThreadLocal<Capture> current = new ThreadLocal<>();

  Writes(AwsClients clients, ConnectionSettings settings) {
    this.clients = clients;
    this.settings = settings;
  }

  /**
   * Starts collecting what the INSERTs run by this thread create, until the capture is closed.
   *
   * @param deferred queue the checked rows instead of creating them: {@link Capture#flush()} creates them
   */
  public Capture capture(boolean deferred) {
    Capture capture = new Capture(deferred, current.get());
    current.set(capture);
    return capture;
  }

  /** Whether this thread is inside a capture (an execution the JDBC layer watches). */
  public boolean capturing() {
    return current.get() != null;
  }

  /** Runs one INSERT's rows (table layout): checks them all, then creates them now or queues them. */
  long insert(ResourceDefinition<?> table, List<Object[]> rows) {
    Capture capture = current.get();
    if (capture != null && capture.deferred) {
      capture.queue(ResourceWriter.check(table, clients, rows, capture.queued.size() + 1, true));
      return rows.size();
    }
    List<ResourceWriter.PendingRow> checked = ResourceWriter.check(table, clients, rows, 1, rows.size() > 1);
    InsertResult result;
    try {
      result = ResourceWriter.create(checked, clients, settings.dryRun());
    } catch (InsertFailedException e) {
      if (capture != null) {
        capture.results.add(new InsertResult(e.created(), 0));
      }
      throw e;
    }
    if (capture != null) {
      capture.results.add(result);
    }
    return result.created().size();
  }

  /** What one execution (or batch) created; close it when the execution ends. */
  public final class Capture implements AutoCloseable {
    private final boolean deferred;
    private final Capture outer;
    private final List<InsertResult> results = new ArrayList<>();
    private final List<ResourceWriter.PendingRow> queued = new ArrayList<>();
    /** For a deferred capture: how many queued rows each batch entry brought. */
    private final List<Integer> rowsPerEntry = new ArrayList<>();

    private Capture(boolean deferred, Capture outer) {
      this.deferred = deferred;
      this.outer = outer;
    }

    private void queue(List<ResourceWriter.PendingRow> rows) {
      queued.addAll(rows);
      int last = rowsPerEntry.size() - 1;
      rowsPerEntry.set(last, rowsPerEntry.get(last) + rows.size());
    }

    /** A deferred capture: the rows queued from here on belong to the next batch entry. */
    public void nextEntry() {
      rowsPerEntry.add(0);
    }

    /**
     * Creates every queued row, in order.
     *
     * @return the rows created per batch entry (all 0 for a dry run)
     * @throws BatchFailure when a create fails, with the counts of the entries completed before it
     */
    public long[] flush() {
      List<ResourceWriter.PendingRow> rows = List.copyOf(queued);
      queued.clear();
      long[] counts = new long[rowsPerEntry.size()];
      InsertResult result;
      try {
        result = ResourceWriter.create(rows, clients, settings.dryRun());
      } catch (InsertFailedException e) {
        results.add(new InsertResult(e.created(), 0));
        int created = e.failedRow();
        List<Long> completed = new ArrayList<>();
        for (int entry = 0, end = 0; entry < counts.length; entry++) {
          end += rowsPerEntry.get(entry);
          if (end > created) {
            break;
          }
          completed.add((long) rowsPerEntry.get(entry));
        }
        throw new BatchFailure(e, completed.stream().mapToLong(Long::longValue).toArray());
      }
      results.add(result);
      if (!settings.dryRun()) {
        for (int entry = 0; entry < counts.length; entry++) {
          counts[entry] = rowsPerEntry.get(entry);
        }
      }
      return counts;
    }

    /** Everything created under this capture so far, in order. */
    public InsertResult result() {
      List<InsertResult.Created> created = new ArrayList<>();
      int dryRun = 0;
      for (InsertResult r : results) {
        created.addAll(r.created());
        dryRun += r.dryRunAccepted();
      }
      return new InsertResult(created, dryRun);
    }

    @Override
    public void close() {
      if (outer == null) {
        current.remove();
      } else {
        current.set(outer);
      }
    }
  }

  /** A batch stopped by a failed create: the failure, and the update counts of the entries completed before it. */
  public static final class BatchFailure extends RuntimeException {
    private final transient long[] completedCounts;

    BatchFailure(InsertFailedException cause, long[] completedCounts) {
      super(cause.getMessage(), cause);
      this.completedCounts = completedCounts;
    }

    public InsertFailedException failure() {
      return (InsertFailedException) getCause();
    }

    public long[] completedCounts() {
      return completedCounts.clone();
    }
  }
}
