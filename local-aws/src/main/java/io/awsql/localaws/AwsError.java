package io.awsql.localaws;

/**
 * An error AWS would answer with: its wire code, message and HTTP status, rendered by each protocol in
 * its own error shape.
 */
public class AwsError extends RuntimeException {
  private final String code;
  private final int httpStatus;

  public AwsError(int httpStatus, String code, String message) {
    super(message, null, false, false);
    this.code = code;
    this.httpStatus = httpStatus;
  }

  public String code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  @Override
  public String toString() {
    return httpStatus + " " + code + ": " + getMessage();
  }
}
