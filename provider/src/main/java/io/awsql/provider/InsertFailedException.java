package io.awsql.provider;

import java.util.List;

/**
 * A Create call failed part-way through an INSERT or batch: the message lists what was created, which row
 * failed and which rows were not sent.
 */
public final class InsertFailedException extends AwsQueryException {
  private final int failedRow;
  private final transient List<InsertResult.Created> created;

  InsertFailedException(String message, AwsQueryException aws, int failedRow, List<InsertResult.Created> created,
      Throwable cause) {
    super(message, aws.sqlState(), aws.awsErrorCode(), aws.requestId(), cause);
    this.failedRow = failedRow;
    this.created = List.copyOf(created);
  }

  /** The index (0-based) of the row whose create failed: the rows before it went through. */
  public int failedRow() {
    return failedRow;
  }

  /** The resources created before the failure. */
  public List<InsertResult.Created> created() {
    return created;
  }
}
