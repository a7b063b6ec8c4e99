package io.awsql.provider;

/**
 * How equality on a column reaches the API: as a named filter, as a batched id list, or not at all.
 *
 * @param kind what the values become
 * @param apiName the filter or parameter name on the wire ({@code task-state}, {@code ImageIds})
 * @param batchSize for id lists, the most ids one call may carry
 */
public record ColumnPushdown(Kind kind, String apiName, int batchSize) {
  public static final ColumnPushdown NONE = new ColumnPushdown(Kind.NONE, null, 0);

  /** Values go into the API filter {@code name}, matched exactly (OR across values). */
  public static ColumnPushdown filter(String name) {
    return new ColumnPushdown(Kind.FILTER, name, 0);
  }

  /** Values go into the id list parameter {@code name}, {@code batchSize} at a time, one call per batch. */
  public static ColumnPushdown idList(String name, int batchSize) {
    return new ColumnPushdown(Kind.ID_LIST, name, batchSize);
  }

  /** What pushed values turn into. */
  public enum Kind { NONE, FILTER, ID_LIST }
}
