package io.awsql.jdbc;

import io.awsql.provider.ResourceTable;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.jdbc.CalciteMetaColumnFactory;
import org.apache.calcite.jdbc.CalciteMetaImpl;
import org.apache.calcite.jdbc.CalciteMetaTableFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.schema.Table;
import org.apache.calcite.sql.type.SqlTypeName;

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

  /**
   * Column rows with the column's description, and with the type said as catalog tools expect it: Calcite
   * gives TYPE_NAME as its full type string ({@code VARCHAR NOT NULL}, {@code TIMESTAMP(3)}), which is in
   * no row of getTypeInfo, and COLUMN_SIZE -1 for a VARCHAR of no declared length. Here TYPE_NAME is the
   * plain type name of getTypeInfo, nullability is only in NULLABLE and IS_NULLABLE, and COLUMN_SIZE and
   * DECIMAL_DIGITS are what JDBC says they are for the type.
   */
  public static final class Columns implements CalciteMetaColumnFactory {
    public static final Columns INSTANCE = new Columns();
    /** Only SQL types are read from it, which do not depend on the connection's factory. */
    private static final JavaTypeFactory TYPES = new JavaTypeFactoryImpl();

    @Override
    public MetaImpl.MetaColumn createColumn(Table table, String tableCat, String tableSchem, String tableName,
        String columnName, int dataType, String typeName, Integer columnSize, Integer decimalDigits,
        int numPrecRadix, int nullable, Integer charOctetLength, int ordinalPosition, String isNullable) {
      RelDataTypeField field = table.getRowType(TYPES).getField(columnName, true, false);
      if (field == null) { // not expected: Calcite names the column from this very row type
        return new ColumnWithRemarks(tableCat, tableSchem, tableName, columnName, dataType, typeName, columnSize,
            decimalDigits, numPrecRadix, nullable, charOctetLength, ordinalPosition, isNullable,
            columnDescription(table, columnName));
      }
      RelDataType type = field.getType();
      SqlTypeName name = type.getSqlTypeName();
      Integer size = columnSize(type);
      return new ColumnWithRemarks(tableCat, tableSchem, tableName, columnName, dataType, name.getName(), size,
          decimalDigits(type), SqlTypeName.NUMERIC_TYPES.contains(name) ? 10 : null, nullable,
          SqlTypeName.CHAR_TYPES.contains(name) || SqlTypeName.BINARY_TYPES.contains(name) ? size : null,
          ordinalPosition, isNullable, columnDescription(table, columnName));
    }

    @Override
    public Class<? extends MetaImpl.MetaColumn> getMetaColumnClass() {
      return ColumnWithRemarks.class;
    }
  }

  /**
   * COLUMN_SIZE as JDBC defines it: the precision of a number; the length of a string, or the most the type
   * allows (as getTypeInfo says) where none is declared; the length in characters of a date or time
   * ({@code 2026-03-01 11:00:00.000} is 23 for a TIMESTAMP(3)); null where it means nothing.
   */
  static Integer columnSize(RelDataType type) {
    SqlTypeName name = type.getSqlTypeName();
    int precision = type.getPrecision();
    return switch (name) {
      case CHAR, VARCHAR, BINARY, VARBINARY ->
          precision == RelDataType.PRECISION_NOT_SPECIFIED ? TYPES_SYSTEM.getMaxPrecision(name) : precision;
      case BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, FLOAT, DOUBLE -> precision;
      case DATE -> 10;
      case TIME, TIME_WITH_LOCAL_TIME_ZONE, TIME_TZ -> 8 + fraction(precision);
      case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ -> 19 + fraction(precision);
      default -> null;
    };
  }

  /** The digits after the point: of a decimal number (0 for an integer), or of the seconds of a time. */
  static Integer decimalDigits(RelDataType type) {
    return switch (type.getSqlTypeName()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT -> 0;
      case DECIMAL -> type.getScale();
      case TIME, TIME_WITH_LOCAL_TIME_ZONE, TIME_TZ, TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ ->
          Math.max(type.getPrecision(), 0);
      default -> null;
    };
  }

  private static int fraction(int precision) {
    return precision > 0 ? precision + 1 : 0;
  }

  private static final RelDataTypeSystem TYPES_SYSTEM = RelDataTypeSystem.DEFAULT;

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
        String typeName, Integer columnSize, Integer decimalDigits, Integer numPrecRadix, int nullable,
        Integer charOctetLength, int ordinalPosition, String isNullable, String remarks) {
      super(tableCat, tableSchem, tableName, columnName, dataType, typeName, columnSize, decimalDigits,
          numPrecRadix, nullable, charOctetLength, ordinalPosition, isNullable);
      this.remarks = remarks;
    }
  }
}
