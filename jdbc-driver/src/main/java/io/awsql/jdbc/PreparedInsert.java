package io.awsql.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A PreparedStatement for an INSERT into a resource table: it keeps the parameters set on it and runs
 * the {@link InsertPlan} on execute; a batch is checked as a whole before its first request. Methods that
 * do not concern the INSERT (timeouts, fetch sizes) go to an ordinary statement of the connection.
 */
final class PreparedInsert implements InvocationHandler {
  private final InsertPlan plan;
  private final TranslatingProxy.Session session;
  private final Object[] parameters;
  private final List<List<Object>> batch = new ArrayList<>();
  private final java.sql.Statement other;
  private InsertPlan.Outcome last;
  private boolean closed;

  private PreparedInsert(InsertPlan plan, TranslatingProxy.Session session) throws SQLException {
    this.plan = plan;
    this.session = session;
    this.parameters = new Object[plan.parameterCount()];
    this.other = session.calcite().createStatement();
  }

  static PreparedStatement create(InsertPlan plan, TranslatingProxy.Session session) throws SQLException {
    return (PreparedStatement) Proxy.newProxyInstance(PreparedInsert.class.getClassLoader(),
        new Class<?>[] {PreparedStatement.class}, new PreparedInsert(plan, session));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (method.getDeclaringClass() == Object.class) {
      return switch (name) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> "awsql:PreparedInsert[" + plan.table().qualifiedName() + "]";
      };
    }
    if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index
        && method.getParameterTypes()[0] == int.class) {
      if (index < 1 || index > parameters.length) {
        throw new SQLException("Parameter index " + index + " is out of range: this INSERT has "
            + parameters.length + " parameter(s).", "07009");
      }
      parameters[index - 1] = name.equals("setNull") ? null : args[1];
      return null;
    }
    switch (name) {
      case "clearParameters" -> {
        Arrays.fill(parameters, null);
        return null;
      }
      case "execute", "executeUpdate", "executeLargeUpdate" -> {
        if (args != null && args.length > 0) {
          throw new SQLException("A PreparedStatement runs its own SQL: call " + name + "() without arguments.", "HY000");
        }
        last = TranslatingProxy.run(plan, List.of(Arrays.asList(parameters.clone())), session);
        return name.equals("execute") ? (Object) false
            : name.equals("executeUpdate") ? (Object) (int) last.total() : (Object) last.total();
      }
      case "executeQuery" -> throw new SQLException("INSERT returns no result set: use executeUpdate.", "07000");
      case "addBatch" -> {
        batch.add(Arrays.asList(parameters.clone()));
        return null;
      }
      case "clearBatch" -> {
        batch.clear();
        return null;
      }
      case "executeBatch", "executeLargeBatch" -> {
        List<List<Object>> sets = new ArrayList<>(batch);
        batch.clear();
        last = sets.isEmpty() ? null : TranslatingProxy.run(plan, sets, session);
        int[] counts = last == null ? new int[0] : last.counts();
        return name.equals("executeBatch") ? counts : Arrays.stream(counts).asLongStream().toArray();
      }
      case "getUpdateCount" -> {
        return last == null ? -1 : (int) last.total();
      }
      case "getLargeUpdateCount" -> {
        return last == null ? -1L : last.total();
      }
      case "getResultSet", "getMetaData" -> {
        return null;
      }
      case "getMoreResults" -> {
        last = null;
        return false;
      }
      case "getWarnings" -> {
        SQLWarning warning = last == null ? null : last.warning();
        return warning;
      }
      case "getConnection" -> {
        return session.proxy()[0];
      }
      case "close" -> {
        closed = true;
        other.close();
        return null;
      }
      case "isClosed" -> {
        return closed;
      }
      default -> {
        try {
          return method.invoke(other, args);
        } catch (InvocationTargetException e) {
          throw SqlErrors.translate(e.getCause());
        } catch (IllegalArgumentException e) {
          throw new SQLException(name + " is not supported on an INSERT into " + plan.table().qualifiedName() + ".",
              "0A000");
        }
      }
    }
  }
}
