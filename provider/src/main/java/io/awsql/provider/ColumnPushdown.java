package io.awsql.provider;

import java.util.regex.Pattern;

/**
 * How equality on a column reaches the API: as a named filter, as a batched id list, as a required
 * request parameter (one call per value), or not at all.
 *
 * @param kind what the values become
 * @param apiName the filter or parameter name on the wire ({@code task-state}, {@code ImageIds},
 *     {@code datastoreId})
 * @param batchSize for id lists, the most ids one call may carry
 * @param pattern for required parameters, the form every value must have (checked before any request)
 * @param example for required parameters, a valid value to show in error messages
 */
public record ColumnPushdown(Kind kind, String apiName, int batchSize, Pattern pattern, String example) {
  public static final ColumnPushdown NONE = new ColumnPushdown(Kind.NONE, null, 0, null, null);

  /** Values go into the API filter {@code name}, matched exactly (OR across values). */
  public static ColumnPushdown filter(String name) {
    return new ColumnPushdown(Kind.FILTER, name, 0, null, null);
  }

  /** Values go into the id list parameter {@code name}, {@code batchSize} at a time, one call per batch. */
  public static ColumnPushdown idList(String name, int batchSize) {
    return new ColumnPushdown(Kind.ID_LIST, name, batchSize, null, null);
  }

  /**
   * The API cannot list without this parameter: the query must give the column with {@code =} or
   * {@code IN}, and each value becomes its own call, all in parallel. The rows' value is the call's.
   */
  public static ColumnPushdown requiredParameter(String name, Pattern pattern, String example) {
    return new ColumnPushdown(Kind.REQUIRED_PARAMETER, name, 0, pattern, example);
  }

  /** What pushed values turn into. */
  public enum Kind { NONE, FILTER, ID_LIST, REQUIRED_PARAMETER }
}
