package io.awsql.jdbc;

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
 * SQLException. Needed because a later page's AWS failure surfaces inside {@code ResultSet.next()}, where
 * Avatica lets Calcite's RuntimeException through unchanged. Also runs the connection's clean-up on close.
 */
final class TranslatingProxy implements InvocationHandler {
  private static final List<Class<?>> WRAPPED = List.of(CallableStatement.class, PreparedStatement.class,
      Statement.class, ResultSet.class, DatabaseMetaData.class, ResultSetMetaData.class);

  private final Object target;
  private final Connection connectionProxy;
  private final Runnable onClose;

  private TranslatingProxy(Object target, Connection connectionProxy, Runnable onClose) {
    this.target = target;
    this.connectionProxy = connectionProxy;
    this.onClose = onClose;
  }

  /** A connection whose statements, result sets and metadata all translate their failures. */
  static Connection connection(Connection target, Runnable onClose) {
    Connection[] self = new Connection[1];
    InvocationHandler handler = (proxy, method, args) ->
        new TranslatingProxy(target, self[0], onClose).invoke(proxy, method, args);
    List<Class<?>> interfaces = new ArrayList<>(List.of(Connection.class));
    if (target instanceof CalciteConnection) {
      interfaces.add(CalciteConnection.class);
    }
    self[0] = (Connection) Proxy.newProxyInstance(TranslatingProxy.class.getClassLoader(),
        interfaces.toArray(Class<?>[]::new), handler);
    return self[0];
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getName().equals("getConnection") && method.getParameterCount() == 0) {
      return connectionProxy;
    }
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> "awsql:" + target;
      };
    }
    if (target instanceof ResultSetMetaData md && method.getName().equals("getColumnLabel")) {
      return documentedLabel(md, (Integer) args[0]);
    }
    Object result;
    // Calcite turns IN lists of 20 or more values into a join, which no table can push down; keep them
    // as IN (for `amiId IN (45 ids)` → 3 calls of ImageIds).
    try (TryThreadLocal.Memo ignored = Prepare.THREAD_INSUBQUERY_THRESHOLD.push(Integer.MAX_VALUE)) {
      result = method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw SqlErrors.translate(e.getCause());
    } finally {
      if (target instanceof Connection && method.getName().equals("close") && onClose != null) {
        onClose.run();
      }
    }
    return wrap(result, method.getReturnType());
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

  private Object wrap(Object result, Class<?> declared) {
    if (result == null || result instanceof Proxy) {
      return result;
    }
    for (Class<?> type : WRAPPED) {
      if (declared == type) {
        return Proxy.newProxyInstance(TranslatingProxy.class.getClassLoader(), interfacesOf(result, type),
            new TranslatingProxy(result, connectionProxy, null));
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
