package io.awsql.jdbc;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaResultSetMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

/**
 * Result set metadata whose labels keep the documented spelling: Calcite labels a column as the query
 * spelled it ({@code select AMIID} gives {@code AMIID}); a label that differs from its column only in case
 * is given back as the column is named.
 */
public final class DocumentedLabels extends AvaticaResultSetMetaData {
  public DocumentedLabels(AvaticaStatement statement, Meta.Signature signature) {
    super(statement, null, signature);
  }

  @Override
  public String getColumnLabel(int column) throws SQLException {
    String label = super.getColumnLabel(column);
    String name = getColumnName(column);
    return name != null && label != null && label.equalsIgnoreCase(name) ? name : label;
  }
}
