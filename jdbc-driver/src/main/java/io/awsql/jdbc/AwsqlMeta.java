package io.awsql.jdbc;

import io.awsql.provider.AwsQueryException;
import io.awsql.provider.AwsSchema;
import io.awsql.provider.InsertResult;
import io.awsql.provider.ScanWarnings;
import io.awsql.provider.Writes;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.jdbc.AwsqlJdbcFactory;
import org.apache.calcite.jdbc.CalciteMetaImpl;

/**
 * Calcite's statement execution, plus what awsql promises around it: every execution learns what its
 * INSERTs created (generated keys, dry-run warnings); a batch is checked whole before its first request;
 * and AWS calls being no transaction, autocommit is on, {@code commit()} is a no-op and {@code rollback()}
 * after creates says which ones took effect.
 */
public final class AwsqlMeta extends CalciteMetaImpl {
  private final Map<Integer, InsertResult> lastInsert = new ConcurrentHashMap<>();
  /** What the scans of each statement's last execution skipped (skipErrors). */
  private final Map<Integer, SkippedLocations> lastSkipped = new ConcurrentHashMap<>();
  /** Resources created since the last commit or rollback, with autocommit off. */
  private final List<InsertResult.Created> uncommitted = new ArrayList<>();
  private volatile AwsSchema aws;
  private volatile Runnable onClose = () -> { };

  AwsqlMeta(AwsqlJdbcFactory.AwsqlConnection connection) {
    super(connection, RemarksMetaFactories.Tables.INSTANCE, RemarksMetaFactories.Columns.INSTANCE);
    connProps.setAutoCommit(true);
    connProps.setDirty(false);
  }

  /** Connects this meta to the connection's AWS schema, and to what must be released on close. */
  void attach(AwsSchema schema, Runnable closeAction) {
    this.aws = schema;
    this.onClose = closeAction;
  }

  private Writes writes() {
    return aws.writes();
  }

  /**
   * Calcite numbers a connection's statements with an unguarded counter and registers them in a plain map, so
   * two threads creating statements on one connection could get the same number (one statement would then
   * run the other's query). Creating a statement is quick; doing it one at a time costs nothing.
   */
  @Override
  public synchronized StatementHandle createStatement(ConnectionHandle ch) {
    return super.createStatement(ch);
  }

  @Override
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame,
      PrepareCallback callback) throws NoSuchStatementException {
    if (aws == null || writes().capturing()) {
      return super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback);
    }
    try (Writes.Capture capture = writes().capture(false)) {
      try {
        return super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback);
      } finally {
        record(h, capture.result());
      }
    }
  }

  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues,
      int maxRowsInFirstFrame) throws NoSuchStatementException {
    if (aws == null || writes().capturing()) {
      return super.execute(h, parameterValues, maxRowsInFirstFrame);
    }
    try (Writes.Capture capture = writes().capture(false)) {
      try {
        return super.execute(h, parameterValues, maxRowsInFirstFrame);
      } finally {
        record(h, capture.result());
      }
    }
  }

  /** Every entry's rows are checked before the batch's first request; then all are created, in order. */
  @Override
  public ExecuteBatchResult executeBatch(StatementHandle h,
      List<List<TypedValue>> parameterValueLists) throws NoSuchStatementException {
    try (Writes.Capture batch = writes().capture(true)) {
      try {
        for (List<TypedValue> parameters : parameterValueLists) {
          batch.nextEntry();
          super.executeBatch(h, List.of(parameters));
        }
        return new ExecuteBatchResult(batch.flush());
      } finally {
        record(h, batch.result());
      }
    }
  }

  @Override
  public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
      throws NoSuchStatementException {
    try (Writes.Capture batch = writes().capture(true)) {
      try {
        for (String sql : sqlCommands) {
          batch.nextEntry();
          super.prepareAndExecuteBatch(h, List.of(sql));
        }
        return new ExecuteBatchResult(batch.flush());
      } finally {
        record(h, batch.result());
      }
    }
  }

  private void record(StatementHandle h, InsertResult result) {
    lastInsert.put(h.id, result);
    if (!Boolean.TRUE.equals(connProps.isAutoCommit())) {
      synchronized (uncommitted) {
        uncommitted.addAll(result.created());
      }
    }
  }

  /** The keys of what the statement's last execution created: region, account, then the table's key columns. */
  public MetaResultSet generatedKeys(StatementHandle h) {
    List<InsertResult.Created> created = lastInsert.getOrDefault(h.id, InsertResult.NONE).created();
    List<String> names = new ArrayList<>(List.of("region", "account"));
    if (!created.isEmpty()) {
      names.addAll(created.get(0).table().create().keyColumns());
    }
    List<ColumnMetaData> columns = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      columns.add(MetaImpl.columnMetaData(names.get(i), i, String.class, i > 1));
    }
    List<Object> rows = new ArrayList<>();
    for (InsertResult.Created c : created) {
      Object[] row = new Object[names.size()];
      row[0] = c.region();
      row[1] = aws.clients().accountId(c.account());
      for (int i = 2; i < names.size(); i++) {
        row[i] = c.values().get(names.get(i));
      }
      rows.add(row);
    }
    return createResultSet(Map.of(), columns, CursorFactory.ARRAY, new Frame(0, true, rows));
  }

  /** Starts a statement's execution: the account-regions its scans skip are reported from now. */
  public ScanWarnings newExecution(StatementHandle h) {
    SkippedLocations skipped = new SkippedLocations();
    lastSkipped.put(h.id, skipped);
    return skipped;
  }

  /**
   * The warnings of the statement's last execution: a dry run's, and each account-region its scans skipped
   * (skipErrors) so far; or none.
   */
  public SQLWarning warnings(StatementHandle h) {
    SQLWarning first = null;
    InsertResult last = lastInsert.get(h.id);
    if (last != null && last.dryRunAccepted() > 0) {
      first = new SQLWarning("Dry run (dryRun=true): AWS says the " + last.dryRunAccepted()
          + " create call(s) would have succeeded. Nothing was created.", "01000");
    }
    SkippedLocations skipped = lastSkipped.get(h.id);
    for (SQLWarning w : skipped == null ? List.<SQLWarning>of() : skipped.copy()) {
      // A fresh chain each time: SQLWarning chains are mutable and a caller may add to the one it got.
      SQLWarning copy = new SQLWarning(w.getMessage(), w.getSQLState(), w.getCause());
      if (first == null) {
        first = copy;
      } else {
        first.setNextWarning(copy);
      }
    }
    return first;
  }

  /** The warnings of one execution's scans, added from the threads that fetch pages. */
  private static final class SkippedLocations implements ScanWarnings {
    private final List<SQLWarning> warnings = new ArrayList<>();

    @Override
    public synchronized void add(SQLWarning warning) {
      warnings.add(warning);
    }

    synchronized List<SQLWarning> copy() {
      return List.copyOf(warnings);
    }
  }

  @Override
  public void closeStatement(StatementHandle h) {
    lastInsert.remove(h.id);
    lastSkipped.remove(h.id);
    super.closeStatement(h);
  }

  @Override
  public void commit(ConnectionHandle ch) {
    synchronized (uncommitted) {
      uncommitted.clear(); // AWS already carried out every create: there is nothing left to make permanent
    }
  }

  @Override
  public void rollback(ConnectionHandle ch) {
    List<InsertResult.Created> done;
    synchronized (uncommitted) {
      done = List.copyOf(uncommitted);
      uncommitted.clear();
    }
    if (!done.isEmpty()) {
      throw new AwsQueryException("Rollback is not possible: AWS calls are not transactional, and these "
          + done.size() + " create(s) since the last commit already took effect: " + done.stream()
          .map(c -> c.table().qualifiedName() + " in " + c.account().where(c.region()) + " ("
              + c.values().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                  .collect(Collectors.joining(", ")) + ")")
          .collect(Collectors.joining("; ")) + ".", "0A000", null, null, null);
    }
  }

  @Override
  public void closeConnection(ConnectionHandle ch) {
    try {
      super.closeConnection(ch);
    } finally {
      onClose.run();
    }
  }
}
