package io.awsql.jdbc;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.jdbc.StatementWarnings;
import org.apache.calcite.avatica.proto.Requests;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * The Meta behind {@code awsql serve}: Avatica's JdbcMeta over the driver, with two changes. Every client
 * gets the server's connection settings, whatever it sends. And every failure reaches the thin client as
 * Avatica's ErrorResponse with the SQLState, error code and one-line message an in-process connection
 * gives (JdbcMeta would send SQLState 00000 and the server's stack trace); the server logs one line per
 * failure, and the stack trace only of unexpected ones (HY000).
 */
final class ServerMeta extends JdbcMeta {
  private final PrintStream log;
  /** Who opened each connection and statement: with authentication, nobody else may use or close them. */
  private final Map<String, String> connectionOwners = new ConcurrentHashMap<>();
  private final Map<Integer, String> statementOwners = new ConcurrentHashMap<>();

  /**
   * Statements running at once, across all clients. A statement waiting on AWS holds one of the server's
   * threads; past this many, new ones are refused at once, so threads stay free for everything else
   * (opening connections, metadata, closing) however many queries hang or are abandoned.
   */
  private final Semaphore running;
  private final int maxRunning;

  private ServerMeta(Properties settings, PrintStream log, int maxRunning) throws SQLException {
    super(AwsqlDriver.PREFIX, settings);
    this.log = log;
    this.maxRunning = maxRunning;
    this.running = new Semaphore(maxRunning);
  }

  /** Runs one statement execution under the server's cap on running statements. */
  private <T> T running(Call<T> call) throws NoSuchStatementException {
    if (!running.tryAcquire()) {
      throw new ClientError("The server is running " + maxRunning + " statements already (--max-running): try "
          + "again shortly.", 0, "53400");
    }
    try {
      return call.run();
    } finally {
      running.release();
    }
  }

  /**
   * JdbcMeta turns the times on the wire (parameters and rows) into Java times with a calendar of the
   * JVM's zone, taken when it is made. awsql's times are UTC instants: make it while the zone is UTC, so a
   * thin client with {@code timeZone=UTC} sends and reads the same instants as an in-process connection
   * whatever the server's zone.
   */
  static synchronized ServerMeta create(Properties settings, PrintStream log, int maxRunning) throws SQLException {
    TimeZone zone = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    try {
      return new ServerMeta(settings, log, maxRunning);
    } finally {
      TimeZone.setDefault(zone);
    }
  }

  /** A JdbcMeta call that may fail. */
  @FunctionalInterface
  private interface Call<T> {
    T run() throws NoSuchStatementException;
  }

  private <T> T answer(Call<T> call) throws NoSuchStatementException {
    try {
      return call.run();
    } catch (RuntimeException e) {
      throw toClient(e);
    }
  }

  private <T> T answerMeta(Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw toClient(e);
    }
  }

  private AvaticaRuntimeException toClient(RuntimeException failure) {
    if (failure instanceof AvaticaRuntimeException avatica) {
      return avatica;
    }
    SQLException e = SqlErrors.translate(failure, null);
    log.println("awsql serve: [" + e.getSQLState() + "] " + SqlErrors.oneLine(e.getMessage()));
    if ("HY000".equals(e.getSQLState())) {
      failure.printStackTrace(log);
    }
    return new ClientError(SqlErrors.oneLine(e.getMessage()), e.getErrorCode(), e.getSQLState());
  }

  /** An error for the wire: what the client needs to know, and no server stack trace. */
  private static final class ClientError extends AvaticaRuntimeException {
    ClientError(String message, int code, String sqlState) {
      super(message, code, sqlState, AvaticaSeverity.ERROR);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  @Override
  public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    answerMeta(() -> {
      String user = RemoteUser.current();
      if (user != null && connectionOwners.putIfAbsent(ch.id, user) != null) {
        throw new ClientError("Connection " + ch.id + " exists already: open it under a new id.", 0, "08002");
      }
      super.openConnection(ch, Map.of()); // the server's settings, never the client's
      return null;
    });
  }

  /** Every use of a connection by id: only its owner's (when there are users). */
  @Override
  protected Connection getConnection(String id) throws SQLException {
    String owner = connectionOwners.get(id);
    if (owner != null && !owner.equals(RemoteUser.current())) {
      throw new SQLException("No connection " + id + " is open for this user.", "08003");
    }
    return super.getConnection(id);
  }

  private void checkStatement(StatementHandle h) {
    String owner = statementOwners.get(h.id);
    if (owner != null && !owner.equals(RemoteUser.current())) {
      throw new ClientError("No statement " + h.id + " is open for this user.", 0, "HY010");
    }
  }

  private StatementHandle owned(StatementHandle h) {
    String user = RemoteUser.current();
    if (user != null) {
      statementOwners.put(h.id, user);
    }
    return h;
  }

  @Override
  public void closeStatement(StatementHandle h) {
    answerMeta(() -> {
      checkStatement(h);
      super.closeStatement(h);
      statementOwners.remove(h.id);
      return null;
    });
  }

  @Override
  public void closeConnection(ConnectionHandle ch) {
    answerMeta(() -> {
      String owner = connectionOwners.get(ch.id);
      if (owner != null && !owner.equals(RemoteUser.current())) {
        throw new ClientError("No connection " + ch.id + " is open for this user.", 0, "08003");
      }
      super.closeConnection(ch);
      connectionOwners.remove(ch.id);
      return null;
    });
  }

  @Override
  public ConnectionProperties connectionSync(ConnectionHandle ch, ConnectionProperties connProps) {
    return answerMeta(() -> super.connectionSync(ch, connProps));
  }

  @Override
  public StatementHandle createStatement(ConnectionHandle ch) {
    return answerMeta(() -> owned(super.createStatement(ch)));
  }

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    return answerMeta(() -> owned(super.prepare(ch, sql, maxRowCount)));
  }

  @Override
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame,
      PrepareCallback callback) throws NoSuchStatementException {
    return answer(() -> running(() -> {
      checkStatement(h);
      return logWarnings(h, super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback));
    }));
  }

  @Override
  public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
      throws NoSuchStatementException, MissingResultsException {
    if (!running.tryAcquire()) {
      throw new ClientError("The server is running " + maxRunning + " statements already (--max-running): try "
          + "again shortly.", 0, "53400");
    }
    try {
      checkStatement(h);
      Frame frame = super.fetch(h, offset, fetchMaxRowCount);
      if (frame.done) {
        logWarnings(h);
      }
      return frame;
    } catch (RuntimeException e) {
      throw toClient(e);
    } finally {
      running.release();
    }
  }

  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
      throws NoSuchStatementException {
    return answer(() -> running(() -> {
      checkStatement(h);
      return logWarnings(h, super.execute(h, parameterValues, maxRowsInFirstFrame));
    }));
  }

  /** As {@link #logWarnings(StatementHandle)}, when the first frame already holds every row. */
  private ExecuteResult logWarnings(StatementHandle h, ExecuteResult result) {
    if (result.resultSets.stream().anyMatch(r -> r.firstFrame != null && r.firstFrame.done)) {
      logWarnings(h);
    }
    return result;
  }

  /**
   * Logs the warnings of a statement whose rows have all been read (the accounts and regions skipErrors
   * skipped): Avatica's protocol carries no warnings, so a thin client cannot see them, and the server's log
   * is where they can be found.
   */
  private void logWarnings(StatementHandle h) {
    StatementInfo info = getStatementCache().getIfPresent(h.id);
    for (SQLWarning w = info == null ? null : StatementWarnings.of(info); w != null; w = w.getNextWarning()) {
      log.println("awsql serve: warning: [" + w.getSQLState() + "] " + SqlErrors.oneLine(w.getMessage()));
    }
  }

  @Override
  public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
      throws NoSuchStatementException {
    return answer(() -> running(() -> {
      checkStatement(h);
      return super.prepareAndExecuteBatch(h, sqlCommands);
    }));
  }

  @Override
  public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> updateBatches)
      throws NoSuchStatementException {
    return answer(() -> running(() -> {
      checkStatement(h);
      return super.executeBatch(h, updateBatches);
    }));
  }

  @Override
  public ExecuteBatchResult executeBatchProtobuf(StatementHandle h, List<Requests.UpdateBatch> updateBatches)
      throws NoSuchStatementException {
    return answer(() -> running(() -> {
      checkStatement(h);
      return super.executeBatchProtobuf(h, updateBatches);
    }));
  }

  @Override
  public void commit(ConnectionHandle ch) {
    answerMeta(() -> {
      super.commit(ch);
      return null;
    });
  }

  @Override
  public void rollback(ConnectionHandle ch) {
    answerMeta(() -> {
      super.rollback(ch);
      return null;
    });
  }

  @Override
  public MetaResultSet getTables(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
      List<String> typeList) {
    return answerMeta(() -> super.getTables(ch, catalog, schemaPattern, tableNamePattern, typeList));
  }

  @Override
  public MetaResultSet getColumns(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
      Pat columnNamePattern) {
    return answerMeta(() -> super.getColumns(ch, catalog, schemaPattern, tableNamePattern, columnNamePattern));
  }

  @Override
  public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schemaPattern) {
    return answerMeta(() -> super.getSchemas(ch, catalog, schemaPattern));
  }
}
