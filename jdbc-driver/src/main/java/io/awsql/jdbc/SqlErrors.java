package io.awsql.jdbc;

import io.awsql.provider.AwsQueryException;
import io.awsql.provider.ConnectionSettings;
import io.awsql.provider.Writes;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * Finds what really went wrong inside the wrappers Calcite and Avatica put around a failure, and says it
 * as one SQLException with an SQLState: AWS failures with their code and request id; bad settings 08001;
 * bad SQL 42000; statements AWS cannot carry out 0A000; a failed batch as a BatchUpdateException; anything
 * else HY000 with its own message rather than a stack of internals.
 */
public final class SqlErrors {
  /** Statements that would define or change tables: AWS resources are not defined by DDL. */
  private static final Set<String> DDL = Set.of("CREATE", "DROP", "ALTER", "TRUNCATE", "RENAME", "COMMENT",
      "GRANT", "REVOKE");

  private SqlErrors() {}

  /**
   * @param sql the statement that failed, when known: a DDL statement Calcite cannot parse or carry out is
   *     refused as not possible (0A000) rather than as a syntax error
   */
  public static SQLException translate(Throwable failure, String sql) {
    SQLException known = known(failure, sql, 0);
    if (known != null) {
      return known;
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root && root instanceof SQLException) {
      root = root.getCause(); // Avatica's "Error while executing SQL ..." wrappers add nothing but the SQL
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return new SQLException(oneLine(message), "HY000", failure);
  }

  /**
   * The first failure in the chain (causes, and what Calcite attaches as suppressed, as in "Unable to
   * implement") that awsql can say precisely, or null.
   */
  private static SQLException known(Throwable failure, String sql, int depth) {
    for (Throwable t = failure; t != null && depth < 20; t = t.getCause() == t ? null : t.getCause(), depth++) {
      if (t instanceof Writes.BatchFailure batch) {
        AwsQueryException aws = batch.failure();
        return new BatchUpdateException(aws.getMessage(), aws.sqlState(), 0, batch.completedCounts(), aws);
      }
      if (t instanceof AwsQueryException aws) {
        return aws.toSqlException();
      }
      if (t instanceof SQLException phrased && phrased.getSQLState() != null) {
        return phrased; // already phrased, e.g. by a nested translation
      }
      if (t instanceof ConnectionSettings.InvalidSettingException bad) {
        return new SQLException(bad.getMessage(), "08001", bad);
      }
      // Calcite's parser refuses most DDL; what Babel parses reaches Calcite's "DDL not supported".
      if ((t instanceof SqlParseException || t instanceof UnsupportedOperationException) && isDdl(sql)) {
        return new SQLException(firstWord(sql) + " is not possible in awsql: its tables are AWS resources, defined "
            + "by the AWS API, not by DDL. SELECT reads them; INSERT creates resources where AWS offers a create call. "
            + "Nothing was sent.", "0A000", t);
      }
      if (t instanceof CalciteContextException || t instanceof SqlParseException) {
        // Syntax errors, unknown tables and columns: the statement itself is wrong.
        return new SQLException(explained(oneLine(t.getMessage())), "42000", t);
      }
      for (Throwable suppressed : t.getSuppressed()) {
        SQLException inner = known(suppressed, sql, depth + 1);
        if (inner != null) {
          return inner;
        }
      }
    }
    return null;
  }

  /** Calcite's words for a column AWS sets, said as the user needs to hear them. */
  private static final Pattern GENERATED_COLUMN = Pattern.compile("Cannot INSERT into generated column '([^']+)'");

  private static String explained(String message) {
    return GENERATED_COLUMN.matcher(message).replaceAll(
        "Column $1 is set by AWS and cannot be given in an INSERT: name only the create call's inputs"
            + " (docs/tables.md lists them per table)");
  }

  private static boolean isDdl(String sql) {
    return sql != null && DDL.contains(firstWord(sql));
  }

  private static String firstWord(String sql) {
    String s = sql.strip();
    while (s.startsWith("--") || s.startsWith("/*")) {
      int end = s.startsWith("--") ? s.indexOf('\n') : s.indexOf("*/");
      if (end < 0) {
        return "";
      }
      s = s.substring(end + (s.startsWith("--") ? 1 : 2)).strip();
    }
    String[] words = s.split("[\\s(]+", 2);
    return words.length == 0 ? "" : words[0].toUpperCase(Locale.ROOT);
  }

  /** The message on one line, as a command or a server log prints it. */
  public static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ");
  }
}
