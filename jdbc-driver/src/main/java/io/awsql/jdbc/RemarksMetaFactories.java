package io.awsql.jdbc;

import io.awsql.provider.ResourceTable;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.jdbc.CalciteMetaColumnFactory;
import org.apache.calcite.jdbc.CalciteMetaImpl;
import org.apache.calcite.jdbc.CalciteMetaTableFactory;
import org.apache.calcite.schema.Table;

/**
 * DatabaseMetaData rows that carry the AWS API's descriptions as REMARKS, so BI tools show what each
 * table and column means. Calcite's stock rows always leave REMARKS null.
 */
final class RemarksMetaFactories {
  private RemarksMetaFactories() {}

  /** Table rows with the resource's description. */
  public static final class Tables implements CalciteMetaTableFactory {
    public static final Tables INSTANCE = new Tables();

    @Override
    public MetaImpl.MetaTable createTable(Table table, String tableCat, String tableSchem, String tableName) {
      return new TableWithRemarks(table, tableCat, tableSchem, tableName);
    }

    @Override
    public Class<? extends MetaImpl.MetaTable> getMetaTableClass() {
      return TableWithRemarks.class;
    }
  }

  /** Column rows with the column's description. */
  public static final class Columns implements CalciteMetaColumnFactory {
    public static final Columns INSTANCE = new Columns();

    @Override
    public MetaImpl.MetaColumn createColumn(Table table, String tableCat, String tableSchem, String tableName,
        String columnName, int dataType, String typeName, Integer columnSize, Integer decimalDigits,
        int numPrecRadix, int nullable, Integer charOctetLength, int ordinalPosition, String isNullable) {
      return new ColumnWithRemarks(tableCat, tableSchem, tableName, columnName, dataType, typeName, columnSize,
          decimalDigits, numPrecRadix, nullable, charOctetLength, ordinalPosition, isNullable,
          columnDescription(table, columnName));
    }

    @Override
    public Class<? extends MetaImpl.MetaColumn> getMetaColumnClass() {
      return ColumnWithRemarks.class;
    }
  }

  static String tableDescription(Table table) {
    return table instanceof ResourceTable<?> resource ? resource.definition().description() : null;
  }

  static String columnDescription(Table table, String column) {
    return table instanceof ResourceTable<?> resource ? resource.columnDescription(column) : null;
  }

  /** A table row whose REMARKS field hides the always-null one of its parent. */
  public static final class TableWithRemarks extends CalciteMetaImpl.CalciteMetaTable {
    public final String remarks;

    TableWithRemarks(Table table, String tableCat, String tableSchem, String tableName) {
      super(table, tableCat, tableSchem, tableName);
      this.remarks = tableDescription(table);
    }
  }

  /** A column row whose REMARKS field hides the always-null one of its parent. */
  public static final class ColumnWithRemarks extends MetaImpl.MetaColumn {
    public final String remarks;

    ColumnWithRemarks(String tableCat, String tableSchem, String tableName, String columnName, int dataType,
        String typeName, Integer columnSize, Integer decimalDigits, int numPrecRadix, int nullable,
        Integer charOctetLength, int ordinalPosition, String isNullable, String remarks) {
      super(tableCat, tableSchem, tableName, columnName, dataType, typeName, columnSize, decimalDigits,
          numPrecRadix, nullable, charOctetLength, ordinalPosition, isNullable);
      this.remarks = remarks;
    }
  }
}
