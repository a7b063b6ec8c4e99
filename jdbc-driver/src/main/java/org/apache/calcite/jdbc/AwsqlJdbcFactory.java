package org.apache.calcite.jdbc;

import io.awsql.jdbc.AwsqlDatabaseMetaData;
import io.awsql.jdbc.AwsqlMeta;
import io.awsql.jdbc.DocumentedLabels;
import io.awsql.jdbc.SqlErrors;
import io.awsql.jdbc.TypedGetters;
import io.awsql.provider.ScanWarnings;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Types;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.util.TryThreadLocal;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The JDBC objects of the {@code jdbc:awsql:} driver: Calcite's own, extended where awsql needs more (an
 * SQLState on every failure, generated keys, dry-run warnings, documented labels and catalog). It sits in
 * Calcite's package only because Calcite's statement and result-set constructors are package-private; the
 * decisions are taken in {@code io.awsql.jdbc}.
 */
public class AwsqlJdbcFactory extends CalciteFactory {
  public AwsqlJdbcFactory() {
    super(4, 1);
  }

  @Override
  public AwsqlConnection newConnection(UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info,
      @Nullable CalciteSchema rootSchema, @Nullable JavaTypeFactory typeFactory) {
    return new AwsqlConnection((Driver) driver, factory, url, info, rootSchema, typeFactory);
  }

  @Override
  public AvaticaDatabaseMetaData newDatabaseMetaData(AvaticaConnection connection) {
    return new AwsqlDatabaseMetaData(connection);
  }

  @Override
  public AvaticaStatement newStatement(AvaticaConnection connection, Meta.@Nullable StatementHandle h,
      int resultSetType, int resultSetConcurrency, int resultSetHoldability) {
    return new AwsqlStatement((CalciteConnectionImpl) connection, h, resultSetType, resultSetConcurrency,
        resultSetHoldability);
  }

  @Override
  public AvaticaPreparedStatement newPreparedStatement(AvaticaConnection connection, Meta.@Nullable StatementHandle h,
      Meta.Signature signature, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    return new AwsqlPreparedStatement((CalciteConnectionImpl) connection, h, signature, resultSetType,
        resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public CalciteResultSet newResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
      TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
    return new AwsqlResultSet(statement, (CalcitePrepare.CalciteSignature<?>) signature,
        newResultSetMetaData(statement, signature), timeZone, firstFrame);
  }

  @Override
  public ResultSetMetaData newResultSetMetaData(AvaticaStatement statement, Meta.Signature signature) {
    return new DocumentedLabels(statement, signature);
  }

  /** A connection whose failures all carry an SQLState, and whose statements can report generated keys. */
  public static final class AwsqlConnection extends CalciteConnectionImpl {
    AwsqlConnection(Driver driver, AvaticaFactory factory, String url, Properties info,
        @Nullable CalciteSchema rootSchema, @Nullable JavaTypeFactory typeFactory) {
      super(driver, factory, url, info, rootSchema, typeFactory);
    }

    /** The connection's meta, which knows what each statement's INSERTs created. */
    public AwsqlMeta awsqlMeta() {
      return (AwsqlMeta) meta;
    }

    /** The statement whose execution this thread is setting up, between enumerable() and createDataContext(). */
    private final ThreadLocal<Meta.StatementHandle> executing = new ThreadLocal<>();

    @Override
    public <T> Enumerable<T> enumerable(Meta.StatementHandle handle,
        CalcitePrepare.CalciteSignature<T> signature,
        @Nullable List<TypedValue> parameterValues) throws SQLException {
      executing.set(handle);
      try {
        return super.enumerable(handle, signature, parameterValues);
      } finally {
        executing.remove();
      }
    }

    /** Each execution's DataContext carries where its scans report skipped accounts and regions. */
    @Override
    public DataContext createDataContext(Map<String, Object> parameterValues,
        @Nullable CalciteSchema rootSchema) {
      Meta.StatementHandle handle = executing.get();
      if (handle == null) {
        return super.createDataContext(parameterValues, rootSchema);
      }
      Map<String, Object> withWarnings = new LinkedHashMap<>(parameterValues);
      withWarnings.put(ScanWarnings.VARIABLE, awsqlMeta().newExecution(handle));
      return super.createDataContext(withWarnings, rootSchema);
    }

    /**
     * Queries this connection has planned, by SQL text: a report or a tool that runs the same text again
     * through a new Statement skips parsing, validation, planning and code generation, as a reused
     * PreparedStatement does. Only queries (not INSERTs or DDL) are kept; the schema never changes
     * under a connection, and every execution still gets its own DataContext and calls AWS afresh.
     */
    private final Map<String, CalcitePrepare.CalciteSignature<?>> plannedQueries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, CalcitePrepare.CalciteSignature<?>> eldest) {
            return size() > PLANNED_QUERIES_KEPT;
          }
        };
    private static final int PLANNED_QUERIES_KEPT = 100;

    @Override
    @SuppressWarnings("unchecked")
    <T> CalcitePrepare.CalciteSignature<T> parseQuery(CalcitePrepare.Query<T> query,
        CalcitePrepare.Context prepareContext, long maxRowCount) {
      String key = query.sql == null ? null
          : maxRowCount + "\u0000" + prepareContext.getDefaultSchemaPath() + "\u0000" + query.sql;
      if (key != null) {
        synchronized (plannedQueries) {
          CalcitePrepare.CalciteSignature<?> planned = plannedQueries.get(key);
          if (planned != null) {
            return (CalcitePrepare.CalciteSignature<T>) planned;
          }
        }
      }
      CalcitePrepare.CalciteSignature<T> signature;
      // Calcite turns IN lists of 20 or more values into a join, which no table can push down; keep them as
      // IN, so that amiId IN (45 ids) becomes 3 calls of ImageIds.
      try (TryThreadLocal.Memo ignored = Prepare.THREAD_INSUBQUERY_THRESHOLD.push(Integer.MAX_VALUE)) {
        signature = super.parseQuery(query, prepareContext, maxRowCount);
      }
      if (key != null && signature.statementType == Meta.StatementType.SELECT) {
        synchronized (plannedQueries) {
          plannedQueries.put(key, signature);
        }
      }
      return signature;
    }

    @Override
    public CalcitePreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
        int resultSetHoldability) throws SQLException {
      try {
        return super.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
      } catch (SQLException | RuntimeException e) {
        throw SqlErrors.translate(e, sql);
      }
    }

    /** Every statement can report the keys of what its INSERTs created; no need to ask for them first. */
    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
      return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
      return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
      return prepareStatement(sql);
    }

    @Override
    protected ResultSet executeQueryInternal(AvaticaStatement statement, Meta.Signature signature,
        Meta.Frame firstFrame, QueryState state, boolean isUpdate) throws SQLException {
      try {
        return super.executeQueryInternal(statement, signature, firstFrame, state, isUpdate);
      } catch (SQLException | RuntimeException e) {
        throw SqlErrors.translate(e, null);
      }
    }

    @Override
    protected long[] executeBatchUpdateInternal(AvaticaPreparedStatement statement) throws SQLException {
      try {
        return super.executeBatchUpdateInternal(statement);
      } catch (SQLException | RuntimeException e) {
        throw SqlErrors.translate(e, null);
      }
    }

    @Override
    protected Meta.ExecuteBatchResult prepareAndUpdateBatch(AvaticaStatement statement, List<String> queries)
        throws NoSuchStatementException, SQLException {
      try {
        return super.prepareAndUpdateBatch(statement, queries);
      } catch (SQLException | RuntimeException e) {
        throw SqlErrors.translate(e, null);
      }
    }

    @Override
    public void commit() throws SQLException {
      try {
        super.commit();
      } catch (RuntimeException e) {
        throw SqlErrors.translate(e, null);
      }
    }

    @Override
    public void rollback() throws SQLException {
      try {
        super.rollback();
      } catch (RuntimeException e) {
        throw SqlErrors.translate(e, null);
      }
    }

    /** No user-defined types: an empty map, which tools ask for (Avatica would throw). */
    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
      checkOpen();
      return new HashMap<>();
    }

    ResultSet generatedKeys(AvaticaStatement statement) throws SQLException {
      checkOpen();
      return createResultSet(awsqlMeta().generatedKeys(statement.handle), new QueryState());
    }

    SQLWarning warnings(AvaticaStatement statement) {
      return awsqlMeta().warnings(statement.handle);
    }
  }

  /** A statement: SQLStates on failure, generated keys, warnings. */
  static final class AwsqlStatement extends CalciteStatement {
    AwsqlStatement(CalciteConnectionImpl connection, Meta.@Nullable StatementHandle h, int resultSetType,
        int resultSetConcurrency, int resultSetHoldability) {
      super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    @Override
    protected void executeInternal(String sql) throws SQLException {
      try {
        super.executeInternal(sql);
      } catch (SQLException | RuntimeException e) {
        throw SqlErrors.translate(e, sql);
      }
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
      return ((AwsqlConnection) connection).generatedKeys(this);
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
      checkOpen();
      return ((AwsqlConnection) connection).warnings(this);
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
      return executeUpdate(sql);
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
      return executeUpdate(sql);
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
      return executeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
      return executeLargeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
      return executeLargeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
      return executeLargeUpdate(sql);
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
      return execute(sql);
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
      return execute(sql);
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
      return execute(sql);
    }
  }

  /** A prepared statement: generated keys and warnings (its failures are translated by the connection). */
  static final class AwsqlPreparedStatement extends CalcitePreparedStatement {
    AwsqlPreparedStatement(CalciteConnectionImpl connection, Meta.@Nullable StatementHandle h,
        Meta.Signature signature, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
        throws SQLException {
      super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
      return ((AwsqlConnection) connection).generatedKeys(this);
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
      checkOpen();
      return ((AwsqlConnection) connection).warnings(this);
    }
  }

  /**
   * A result set whose {@code next()} reports a failure of a later page (or of any row's computation) as
   * an SQLException with its SQLState, where Avatica would let the RuntimeException through.
   */
  static final class AwsqlResultSet extends CalciteResultSet {
    AwsqlResultSet(AvaticaStatement statement, CalcitePrepare.CalciteSignature<?> signature,
        ResultSetMetaData metaData, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
      super(statement, signature, metaData, timeZone, firstFrame);
    }

    @Override
    public boolean next() throws SQLException {
      try {
        return super.next();
      } catch (RuntimeException e) {
        throw SqlErrors.translate(e, null);
      }
    }

    /** The accounts and regions skipped so far (skipErrors): complete once every row has been read. */
    @Override
    public SQLWarning getWarnings() throws SQLException {
      checkOpen();
      return ((AwsqlConnection) statement.getConnection()).warnings(statement);
    }

    /** TIMESTAMPs as text keep the column's fractional digits (Avatica's accessor drops them). */
    @Override
    public String getString(int columnIndex) throws SQLException {
      if (getMetaData().getColumnType(columnIndex) == Types.TIMESTAMP) {
        return TypedGetters.timestampText(this, columnIndex);
      }
      return super.getString(columnIndex);
    }

    @Override
    public String getString(String columnLabel) throws SQLException {
      return getString(findColumn(columnLabel));
    }

    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
      return TypedGetters.get(this, columnIndex, type);
    }

    @Override
    public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
      return TypedGetters.get(this, findColumn(columnLabel), type);
    }
  }
}
