package io.awsql.provider;

import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * One column of a resource table: its documented name and SQL type, the API reference's description
 * (shown as the column's JDBC remarks), how to read it from one SDK item (none for a required parameter,
 * whose value is the call's), and what it pushes down to.
 *
 * @param <T> the SDK model class of one item, e.g. {@code StoreImageTaskResult}
 */
public record ResourceColumn<T>(String name, SqlTypeName type, String description, Function<T, Object> reader,
    ColumnPushdown pushdown) {

  public static <T> ResourceColumn<T> of(String name, SqlTypeName type, String description,
      Function<T, Object> reader) {
    return new ResourceColumn<>(name, type, description, reader, ColumnPushdown.NONE);
  }

  /**
   * A column the API cannot list without ({@link ColumnPushdown#requiredParameter}): its value in each row is
   * the one the query gave for the call, so it has no reader.
   */
  public static <T> ResourceColumn<T> requiredParameter(String name, String description, String apiName,
      Pattern pattern, String example) {
    return new ResourceColumn<>(name, SqlTypeName.VARCHAR, description, null,
        ColumnPushdown.requiredParameter(apiName, pattern, example));
  }

  public ResourceColumn<T> pushedAs(ColumnPushdown pushdown) {
    return new ResourceColumn<>(name, type, description, reader, pushdown);
  }
}
