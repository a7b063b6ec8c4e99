package org.apache.calcite.avatica.jdbc;

import java.sql.SQLException;
import java.sql.SQLWarning;

/**
 * The warnings of the JDBC statement behind a server statement, for the server's log (Avatica's protocol
 * carries none to the client). In Avatica's package only because {@link StatementInfo}'s statement is
 * package-private.
 */
public final class StatementWarnings {
  private StatementWarnings() {}

  /** The statement's warnings, or null when it has none or is closed. */
  public static SQLWarning of(StatementInfo info) {
    try {
      return info.statement.isClosed() ? null : info.statement.getWarnings();
    } catch (SQLException e) {
      return null; // a statement closed meanwhile has nothing more to say
    }
  }
}
