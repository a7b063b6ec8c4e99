package io.awsql.jdbc;

import io.awsql.provider.AwsSchema;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.util.TryThreadLocal;

/**
 * Wraps the JDBC objects of a connection so that every failure reaches the caller as a proper
 * SQLException (a later page's AWS failure surfaces inside {@code ResultSet.next()}, where Avatica lets
 * Calcite's RuntimeException through), INSERTs into resource tables are carried out by {@link InsertPlan},
 * and the connection's clean-up runs on close.
 */
final class TranslatingProxy implements InvocationHandler {
  private static final List<Class<?>> WRAPPED = List.of(CallableStatement.class, PreparedStatement.class,
      Statement.class, ResultSet.class, DatabaseMetaData.class, ResultSetMetaData.class);

  /** What every object of one connection shares. */
  record Session(Connection calcite, AwsSchema aws, Connection[] proxy, Runnable onClose) {}

  private final Object target;
  private final Session session;
  /** For statements: the outcome of the last INSERT it ran, until the next execute. */
  private InsertPlan.Outcome lastInsert;
  private boolean insertResultConsumed;

  private TranslatingProxy(Object target, Session session) {
    this.target = target;
    this.session = session;
  }

  /** A connection whose statements, result sets and metadata all translate their failures. */
  static Connection connection(Connection calcite, AwsSchema aws, Runnable onClose) {
    Session session = new Session(calcite, aws, new Connection[1], onClose);
    List<Class<?>> interfaces = new ArrayList<>(List.of(Connection.class));
    if (calcite instanceof CalciteConnection) {
      interfaces.add(CalciteConnection.class);
    }
    session.proxy()[0] = (Connection) Proxy.newProxyInstance(TranslatingProxy.class.getClassLoader(),
        interfaces.toArray(Class<?>[]::new), new TranslatingProxy(calcite, session));
    return session.proxy()[0];
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (name.equals("getConnection") && method.getParameterCount() == 0) {
      return session.proxy()[0];
    }
    if (method.getDeclaringClass() == Object.class) {
      return switch (name) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> "awsql:" + target;
      };
    }
    if (target instanceof DatabaseMetaData && CATALOG_FIRST.contains(name)) {
      if (args == null || args.length == 0) { // getSchemas(): all schemas of every catalog, that is of aws
        method = DatabaseMetaData.class.getMethod("getSchemas", String.class, String.class);
        args = new Object[] {null, null};
      }
      args = inCatalogAws(args);
    }
    if (target instanceof ResultSetMetaData md && name.equals("getColumnLabel")) {
      return documentedLabel(md, (Integer) args[0]);
    }
    if (target instanceof Connection && name.equals("prepareStatement") && args[0] instanceof String sql) {
      InsertPlan plan = InsertPlan.of(sql);
      if (plan != null) {
        return PreparedInsert.create(plan, session);
      }
    }
    if (target instanceof Statement && !(target instanceof PreparedStatement)) {
      Object handled = statementInsert(name, args);
      if (handled != NOT_HANDLED) {
        return handled;
      }
    }
    Object result;
    // Calcite turns IN lists of 20 or more values into a join, which no table can push down; keep them
    // as IN (for `amiId IN (45 ids)` → 3 calls of ImageIds).
    try (TryThreadLocal.Memo ignored = Prepare.THREAD_INSUBQUERY_THRESHOLD.push(Integer.MAX_VALUE)) {
      result = method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw SqlErrors.translate(e.getCause());
    } finally {
      if (target instanceof Connection && name.equals("close")) {
        session.onClose().run();
      }
    }
    return wrap(result, method.getReturnType(), session);
  }

  private static final Object NOT_HANDLED = new Object();
  /** DatabaseMetaData methods whose first argument is a catalog and whose rows are labelled with it. */
  private static final List<String> CATALOG_FIRST = List.of("getSchemas", "getTables", "getColumns");
  /** Matches no schema: how a catalog other than aws is answered with an empty, well-formed result. */
  private static final String NO_SCHEMA = "\u0000";

  /**
   * Every table is in catalog {@code aws}, but Calcite labels metadata rows with whatever catalog the
   * caller passed (null, for most tools): ask for {@code aws}, and for nothing in any other catalog.
   */
  private static Object[] inCatalogAws(Object[] args) {
    Object[] fixed = args.clone();
    String catalog = (String) args[0];
    if (catalog == null || catalog.equals(AwsqlDriver.CATALOG)) {
      fixed[0] = AwsqlDriver.CATALOG;
    } else if (fixed.length > 1) {
      fixed[1] = NO_SCHEMA;
    }
    return fixed;
  }

  /** A plain Statement running an INSERT into a resource table, and what it answers afterwards. */
  private Object statementInsert(String name, Object[] args) throws SQLException {
    switch (name) {
      case "execute", "executeUpdate", "executeLargeUpdate", "executeQuery" -> {
        lastInsert = null;
        InsertPlan plan = InsertPlan.of((String) args[0]);
        if (plan == null) {
          return NOT_HANDLED;
        }
        if (name.equals("executeQuery")) {
          throw new SQLException("INSERT returns no result set: run it with executeUpdate or execute.", "07000");
        }
        lastInsert = run(plan, List.of(List.of()), session);
        insertResultConsumed = false;
        return switch (name) {
          case "execute" -> false;
          case "executeUpdate" -> (int) lastInsert.total();
          default -> lastInsert.total();
        };
      }
      case "getUpdateCount", "getLargeUpdateCount" -> {
        if (lastInsert == null) {
          return NOT_HANDLED;
        }
        long count = insertResultConsumed ? -1 : lastInsert.total();
        return name.equals("getUpdateCount") ? (Object) (int) count : (Object) count;
      }
      case "getResultSet" -> {
        return lastInsert == null ? NOT_HANDLED : null;
      }
      case "getMoreResults" -> {
        if (lastInsert == null) {
          return NOT_HANDLED;
        }
        insertResultConsumed = true;
        return false;
      }
      case "getWarnings" -> {
        return lastInsert == null ? NOT_HANDLED : lastInsert.warning();
      }
      default -> {
        return NOT_HANDLED;
      }
    }
  }

  static InsertPlan.Outcome run(InsertPlan plan, List<List<Object>> parameterSets, Session session)
      throws SQLException {
    try (TryThreadLocal.Memo ignored = Prepare.THREAD_INSUBQUERY_THRESHOLD.push(Integer.MAX_VALUE)) {
      return plan.execute(session.calcite(), session.aws(), parameterSets);
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e);
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }

  /**
   * Calcite labels a column as the query spelled it ({@code select AMIID} gives {@code AMIID}); a label
   * that differs from its table column only in case is given back in the documented spelling.
   */
  private static String documentedLabel(ResultSetMetaData md, int column) throws SQLException {
    try {
      String label = md.getColumnLabel(column);
      String name = md.getColumnName(column);
      return name != null && label != null && label.equalsIgnoreCase(name) ? name : label;
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  static Object wrap(Object result, Class<?> declared, Session session) {
    if (result == null || result instanceof Proxy) {
      return result;
    }
    for (Class<?> type : WRAPPED) {
      if (declared == type) {
        return Proxy.newProxyInstance(TranslatingProxy.class.getClassLoader(), interfacesOf(result, type),
            new TranslatingProxy(result, session));
      }
    }
    return result;
  }

  private static Class<?>[] interfacesOf(Object result, Class<?> declared) {
    List<Class<?>> interfaces = new ArrayList<>(List.of(declared));
    for (Class<?> type : WRAPPED) {
      if (type != declared && declared.isAssignableFrom(type) && type.isInstance(result)) {
        interfaces.add(type);
      }
    }
    return interfaces.toArray(Class<?>[]::new);
  }
}
