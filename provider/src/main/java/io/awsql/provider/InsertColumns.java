package io.awsql.provider;

import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ColumnStrategy;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql2rel.InitializerContext;
import org.apache.calcite.sql2rel.NullInitializerExpressionFactory;

/**
 * What an INSERT may give a resource table's columns, told to Calcite's validator: the Create call's inputs
 * may be given, columns AWS sets may not ({@link ColumnStrategy#STORED}, so naming one is a validation
 * error), {@code region} defaults to the connection's only region and {@code account} to its only account,
 * and a required input left out of the column list fails the statement while it is prepared, before any
 * request.
 */
final class InsertColumns extends NullInitializerExpressionFactory {
  private final ResourceDefinition<?> table;
  private final AwsClients clients;

  InsertColumns(ResourceDefinition<?> table, AwsClients clients) {
    this.table = table;
    this.clients = clients;
  }

  @Override
  public ColumnStrategy generationStrategy(RelOptTable relTable, int column) {
    if (table.create() == null) {
      // Nothing can be inserted at all: let the statement reach ResourceTable, which says so (0A000).
      return column < ResourceTable.FIRST_RESOURCE_FIELD ? ColumnStrategy.DEFAULT : ColumnStrategy.NULLABLE;
    }
    if (column < ResourceTable.FIRST_RESOURCE_FIELD) {
      return ColumnStrategy.DEFAULT;
    }
    return input(column) != null ? ColumnStrategy.NULLABLE : ColumnStrategy.STORED;
  }

  @Override
  public RexNode newColumnDefaultValue(RelOptTable relTable, int column, InitializerContext context) {
    RexBuilder rex = context.getRexBuilder();
    if (table.create() == null) {
      return column < ResourceTable.FIRST_RESOURCE_FIELD ? rex.makeLiteral("")
          : super.newColumnDefaultValue(relTable, column, context);
    }
    if (column == ResourceTable.REGION_FIELD) {
      return rex.makeLiteral(ResourceWriter.defaultRegion(table, clients, ""),
          rex.getTypeFactory().createSqlType(SqlTypeName.VARCHAR), false);
    }
    if (column == ResourceTable.ACCOUNT_FIELD) {
      // Empty: the connection's only account, chosen when the row is checked (its id needs no STS call here).
      return rex.makeLiteral("", rex.getTypeFactory().createSqlType(SqlTypeName.VARCHAR), false);
    }
    CreateInput input = input(column);
    if (input != null && input.required()) {
      throw ResourceWriter.error("Column " + input.column() + " is required to insert into " + table.qualifiedName()
          + ", e.g. " + ResourceWriter.example(table, table.create()) + ". Nothing was sent.", "23502");
    }
    return super.newColumnDefaultValue(relTable, column, context);
  }

  /** The create input a column (by position, {@code region} being 0) carries, or null. */
  private CreateInput input(int column) {
    if (table.create() == null || column < ResourceTable.FIRST_RESOURCE_FIELD) {
      return null;
    }
    String name = table.columns().get(column - ResourceTable.FIRST_RESOURCE_FIELD).name();
    return table.create().inputs().stream().filter(i -> i.column().equals(name)).findFirst().orElse(null);
  }
}
