package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a connection says about itself matches what it does: tools grey out editing when it says read-only,
 * and call getTypeMap() while setting up. Read-only is exactly when INSERT is refused: readOnly=true, or
 * {@code awsql serve} without --allow-writes.
 */
class SelfDescriptionTest extends EndpointPerTest {
  private static final String INSERT = "INSERT INTO aws.ec2.store_image_tasks (region, amiId, bucket) VALUES "
      + "('us-east-1', 'ami-0a1b2c3d4e5f60005', 'acme-ami-archive')";

  private Connection connect(Clients client, String... options) throws SQLException {
    return connectTo(client, "us-east-1", options);
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void readOnlyConnectionSaysSoAndRefusesInsert(Clients client) throws SQLException {
    // In process: --read-only (readOnly=true). Through serve: no --allow-writes.
    Connection c = connect(client, client == Clients.IN_PROCESS ? new String[] {"--read-only"} : new String[0]);
    assertTrue(c.isReadOnly());
    assertTrue(c.getMetaData().isReadOnly());
    try (Statement s = c.createStatement()) {
      assertEquals("25006", assertThrows(SQLException.class, () -> s.executeUpdate(INSERT)).getSQLState());
    }
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void writableConnectionSaysSoAndInserts(Clients client) throws SQLException {
    Connection c = connect(client, "--allow-writes");
    assertEquals(false, c.isReadOnly());
    if (client == Clients.IN_PROCESS) {
      // Avatica's thin client answers DatabaseMetaData.isReadOnly() itself, always true; Connection.isReadOnly()
      // above is the server's answer.
      assertEquals(false, c.getMetaData().isReadOnly());
    }
    try (Statement s = c.createStatement()) {
      assertEquals(1, s.executeUpdate(INSERT));
    }
  }

  @Test
  void noUserDefinedTypes() throws SQLException {
    Map<String, Class<?>> types = connect(Clients.IN_PROCESS).getTypeMap();
    assertEquals(Map.of(), types);
  }

  @Test
  void thinClientAnswersTypeMapItself() throws SQLException {
    // Avatica's thin client refuses getTypeMap() without asking the server: nothing awsql serve can change.
    Connection c = connect(Clients.THIN);
    assertThrows(SQLFeatureNotSupportedException.class, c::getTypeMap);
  }
}
