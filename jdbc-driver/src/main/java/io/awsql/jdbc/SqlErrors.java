package io.awsql.jdbc;

import io.awsql.provider.AwsQueryException;
import io.awsql.provider.ConnectionSettings;
import java.sql.SQLException;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * Finds what really went wrong inside the wrappers Calcite and Avatica put around a failure, and says it
 * as one SQLException: AWS failures with their code, request id and SQLState; bad settings as 08001;
 * bad SQL as 42000; anything else with its own message rather than a stack of internals.
 */
final class SqlErrors {
  private SqlErrors() {}

  static SQLException translate(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof AwsQueryException aws) {
        return aws.toSqlException();
      }
      if (t instanceof ConnectionSettings.InvalidSettingException bad) {
        return new SQLException(bad.getMessage(), "08001", bad);
      }
      if (t instanceof CalciteContextException || t instanceof SqlParseException) {
        // Syntax errors, unknown tables and columns: the statement itself is wrong.
        return new SQLException(t.getMessage(), "42000", t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    if (failure instanceof SQLException sql) {
      return sql;
    }
    return new SQLException(String.valueOf(failure.getMessage() == null ? failure : failure.getMessage()), "HY000",
        failure);
  }
}
