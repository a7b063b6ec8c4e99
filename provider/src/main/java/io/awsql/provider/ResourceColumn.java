package io.awsql.provider;

import java.util.function.Function;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * One column of a resource table: its documented name and SQL type, the API reference's description
 * (shown as the column's JDBC remarks), how to read it from one SDK item, and what it pushes down to.
 *
 * @param <T> the SDK model class of one item, e.g. {@code StoreImageTaskResult}
 */
public record ResourceColumn<T>(String name, SqlTypeName type, String description, Function<T, Object> reader,
    ColumnPushdown pushdown) {

  public static <T> ResourceColumn<T> of(String name, SqlTypeName type, String description,
      Function<T, Object> reader) {
    return new ResourceColumn<>(name, type, description, reader, ColumnPushdown.NONE);
  }

  public ResourceColumn<T> pushedAs(ColumnPushdown pushdown) {
    return new ResourceColumn<>(name, type, description, reader, pushdown);
  }
}
