package io.awsql.provider;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;

/**
 * A failure while reading or writing AWS, already phrased for the SQL user and classified by SQLState.
 * Unchecked, because Calcite's enumerators cannot throw checked exceptions; the JDBC driver turns it
 * back into the {@link SQLException} it carries.
 */
public class AwsQueryException extends RuntimeException {
  private final String sqlState;
  private final String awsErrorCode;
  private final String requestId;

  public AwsQueryException(String message, String sqlState, String awsErrorCode, String requestId, Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
    this.awsErrorCode = awsErrorCode;
    this.requestId = requestId;
  }

  public String sqlState() {
    return sqlState;
  }

  /** The AWS error code ({@code AuthFailure}, {@code ThrottlingException}, ...), null if AWS was not reached. */
  public String awsErrorCode() {
    return awsErrorCode;
  }

  public String requestId() {
    return requestId;
  }

  public SQLException toSqlException() {
    if ("HYT00".equals(sqlState)) {
      return new SQLTimeoutException(getMessage(), sqlState, this);
    }
    return new SQLException(getMessage(), sqlState, this);
  }
}
