package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.awsql.localaws.LoggedRequest;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Statements as JDBC clients send them (batches, prepared INSERTs, EXPLAIN, transactions, statements AWS
 * cannot do), the same in process and through {@code awsql serve}: same update counts, rows and SQLStates,
 * with exactly the Create calls expected reaching local-aws.
 */
class StatementsTest extends EndpointPerTest {
  private static final String TABLE = "aws.ec2.store_image_tasks";
  private static final String INSERT = "INSERT INTO " + TABLE + " (region, amiId, bucket) VALUES ";

  private Connection connect(Clients client, String... options) throws SQLException {
    return connectTo(client, "us-east-1", options);
  }

  private List<String> createdAmis() {
    return local.aws.requestLog().forAction("CreateStoreImageTask").stream()
        .filter(r -> r.errorCode() == null).map(r -> r.parameter("ImageId")).toList();
  }

  private List<LoggedRequest> creates() {
    return local.aws.requestLog().forAction("CreateStoreImageTask");
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void statementBatchOfInserts(Clients client) throws SQLException {
    try (Connection c = connect(client, "--allow-writes"); Statement s = c.createStatement()) {
      s.addBatch(INSERT + "('us-east-1', 'ami-0a1b2c3d4e5f60005', 'acme-ami-archive')");
      s.addBatch(INSERT + "('us-east-1', 'ami-12345678', 'acme-dr-backups'), "
          + "('us-east-1', 'ami-0a1b2c3d4e5f60006', 'acme-dr-backups')");
      assertArrayEquals(new int[] {1, 2}, s.executeBatch());
    }
    assertEquals(List.of("ami-0a1b2c3d4e5f60005", "ami-12345678", "ami-0a1b2c3d4e5f60006"), createdAmis());
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void preparedInsertWithParametersAndItsMetadata(Clients client) throws SQLException {
    try (Connection c = connect(client, "--allow-writes");
        PreparedStatement ps = c.prepareStatement(INSERT + "(?, ?, ?)")) {
      ParameterMetaData parameters = ps.getParameterMetaData();
      assertEquals(3, parameters.getParameterCount());
      assertEquals(Types.VARCHAR, parameters.getParameterType(2));
      ps.setString(1, "us-east-1");
      ps.setString(2, "ami-0a1b2c3d4e5f60005");
      ps.setString(3, "acme-ami-archive");
      assertEquals(1, ps.executeUpdate());
      ps.setString(2, "ami-0a1b2c3d4e5f60006");
      ps.addBatch();
      ps.setString(2, "ami-12345678");
      ps.addBatch();
      assertArrayEquals(new int[] {1, 1}, ps.executeBatch());
    }
    assertEquals(List.of("ami-0a1b2c3d4e5f60005", "ami-0a1b2c3d4e5f60006", "ami-12345678"), createdAmis());
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void aBatchIsCheckedWholeBeforeItsFirstRequest(Clients client) throws SQLException {
    try (Connection c = connect(client, "--allow-writes");
        PreparedStatement ps = c.prepareStatement(INSERT + "('us-east-1', ?, 'acme-ami-archive')")) {
      ps.setString(1, "ami-0a1b2c3d4e5f60005");
      ps.addBatch();
      ps.setString(1, "ami-NOT-AN-ID");
      ps.addBatch();
      SQLException e = assertThrows(SQLException.class, ps::executeBatch);
      assertEquals("22023", e.getSQLState());
      assertTrue(e.getMessage().contains("Row 2: amiId 'ami-NOT-AN-ID' is not valid"), e.getMessage());
    }
    assertEquals(0, creates().size(), "one bad row in entry 2: nothing of entry 1 is sent either");
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void aBatchThatFailsPartWaySaysWhatWasCreated(Clients client) throws SQLException {
    try (Connection c = connect(client, "--allow-writes");
        PreparedStatement ps = c.prepareStatement(INSERT + "('us-east-1', ?, 'acme-ami-archive')")) {
      for (String ami : List.of("ami-0a1b2c3d4e5f60005", "ami-0123456789abcdef0", "ami-0a1b2c3d4e5f60006")) {
        ps.setString(1, ami);
        ps.addBatch();
      }
      SQLException e = assertThrows(SQLException.class, ps::executeBatch);
      assertEquals("42704", e.getSQLState(), "InvalidAMIID.NotFound: the AMI does not exist");
      assertTrue(e.getMessage().contains("CreateStoreImageTask failed for row 2 of 3"), e.getMessage());
      assertTrue(e.getMessage().contains("Created before it: row 1 (us-east-1, amiId=ami-0a1b2c3d4e5f60005"),
          e.getMessage());
      assertTrue(e.getMessage().contains("Not sent: row 3"), e.getMessage());
      assertTrue(e.getMessage().contains(creates().get(1).requestId()), e.getMessage());
      if (client == Clients.IN_PROCESS) {
        assertArrayEquals(new int[] {1}, assertInstanceOf(BatchUpdateException.class, e).getUpdateCounts());
      }
    }
    assertEquals(List.of("ami-0a1b2c3d4e5f60005"), createdAmis());
    assertEquals(2, creates().size(), "row 3 is not sent, and nothing is resent");
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void explainPlanForInsertShowsTheCreateCallsAndSendsNothing(Clients client) throws SQLException {
    try (Connection c = connect(client, "--allow-writes")) {
      String plan = LocalEndpoint.query(c, "EXPLAIN PLAN FOR " + INSERT
          + "('us-east-1', 'ami-0a1b2c3d4e5f60005', 'acme-ami-archive')").get(0).values().iterator().next().toString();
      assertTrue(plan.contains("EnumerableResourceInsert(table=[[aws, ec2, store_image_tasks]]"), plan);
      assertTrue(plan.contains("calls=[CreateStoreImageTask per row, all rows checked first]"), plan);
    }
    assertEquals(0, creates().size());
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void insertSelectReadsTheSameTableBeforeCreating(Clients client) throws SQLException {
    try (Connection c = connect(client, "--allow-writes"); Statement s = c.createStatement()) {
      int before = LocalEndpoint.query(c, "SELECT * FROM " + TABLE).size();
      int created = s.executeUpdate("INSERT INTO " + TABLE + " (region, amiId, bucket)"
          + " SELECT DISTINCT region, amiId, 'acme-dr-backups' FROM " + TABLE + " WHERE storeTaskState = 'Completed'");
      assertTrue(created > 0);
      assertEquals(created, createdAmis().size());
      assertEquals(before + created, LocalEndpoint.query(c, "SELECT * FROM " + TABLE).size());
    }
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void transactionsAreHarmlessAndRollbackSaysWhatTookEffect(Clients client) throws SQLException {
    try (Connection c = connect(client, "--allow-writes"); Statement s = c.createStatement()) {
      assertTrue(c.getAutoCommit(), "autocommit is on: every create takes effect at once");
      c.rollback(); // nothing written: a no-op
      s.executeUpdate(INSERT + "('us-east-1', 'ami-0a1b2c3d4e5f60005', 'acme-ami-archive')");
      c.commit();
      c.rollback(); // autocommit: the create was committed with its statement

      c.setAutoCommit(false);
      assertFalse(c.getAutoCommit());
      s.executeUpdate(INSERT + "('us-east-1', 'ami-12345678', 'acme-ami-archive')");
      c.commit();
      c.rollback(); // nothing since the commit
      s.executeUpdate(INSERT + "('us-east-1', 'ami-0a1b2c3d4e5f60006', 'acme-ami-archive')");
      // Avatica's thin client lets a failed rollback through unchecked, with the server's SQLState.
      Exception e = assertThrows(Exception.class, c::rollback);
      assertEquals("0A000", client == Clients.IN_PROCESS ? assertInstanceOf(SQLException.class, e).getSQLState()
          : assertInstanceOf(AvaticaClientRuntimeException.class, e).getSqlState());
      assertTrue(e.getMessage().contains("already took effect") && e.getMessage().contains("ami-0a1b2c3d4e5f60006")
          && e.getMessage().contains("s3objectKey=ami-0a1b2c3d4e5f60006.bin"), e.getMessage());
      assertFalse(e.getMessage().contains("ami-12345678"), "committed before: " + e.getMessage());
      c.rollback(); // said once: nothing new since
      assertEquals(1, LocalEndpoint.query(c, "SELECT * FROM " + TABLE + " WHERE amiId LIKE 'ami-0a1b2c3d4e5f60006'")
          .size(), "the create stands");
    }
  }

  @Test
  void generatedKeysNameEachCreatedTaskAndItsObjectKey() throws SQLException {
    try (Connection c = connect(Clients.IN_PROCESS); Statement s = c.createStatement()) {
      assertEquals(2, s.executeUpdate(INSERT + "('us-east-1', 'ami-0a1b2c3d4e5f60005', 'acme-ami-archive'), "
          + "('us-east-1', 'ami-12345678', 'acme-dr-backups')", Statement.RETURN_GENERATED_KEYS));
      try (ResultSet keys = s.getGeneratedKeys()) {
        assertEquals(List.of(
            Map.of("region", "us-east-1", "account", "123456789012", "amiId", "ami-0a1b2c3d4e5f60005", "s3objectKey",
                "ami-0a1b2c3d4e5f60005.bin"),
            Map.of("region", "us-east-1", "account", "123456789012", "amiId", "ami-12345678", "s3objectKey",
                "ami-12345678.bin")),
            LocalEndpoint.rows(keys));
      }
      try (PreparedStatement ps = c.prepareStatement(INSERT + "('us-east-1', ?, 'acme-ami-archive')",
          Statement.RETURN_GENERATED_KEYS)) {
        ps.setString(1, "ami-0a1b2c3d4e5f60006");
        ps.addBatch();
        ps.setString(1, "ami-0a1b2c3d4e5f60002");
        ps.addBatch();
        ps.executeBatch();
        List<Object> keys = new ArrayList<>();
        try (ResultSet rs = ps.getGeneratedKeys()) {
          while (rs.next()) {
            keys.add(rs.getString("s3objectKey"));
          }
        }
        assertEquals(List.of("ami-0a1b2c3d4e5f60006.bin", "ami-0a1b2c3d4e5f60002.bin"), keys);
      }
      s.executeQuery("SELECT 1").close();
      try (ResultSet none = s.getGeneratedKeys()) {
        assertFalse(none.next(), "a SELECT creates nothing");
      }
    }
  }

  @Test
  void theThinClientSaysGeneratedKeysAreNotSupported() throws SQLException {
    try (Connection c = connect(Clients.THIN, "--allow-writes"); Statement s = c.createStatement()) {
      s.executeUpdate(INSERT + "('us-east-1', 'ami-0a1b2c3d4e5f60005', 'acme-ami-archive')");
      assertThrows(SQLFeatureNotSupportedException.class, s::getGeneratedKeys,
          "Avatica's protocol carries no generated keys: documented in docs/insert.md");
    }
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void statementsAwsCannotCarryOutAre0A000BeforeAnyRequest(Clients client) throws SQLException {
    List<String> statements = List.of(
        "UPDATE " + TABLE + " SET bucket = 'acme-dr-backups' WHERE amiId = 'ami-0a1b2c3d4e5f60005'",
        "DELETE FROM " + TABLE + " WHERE storeTaskState = 'Failed'",
        "MERGE INTO " + TABLE + " t USING (VALUES ('ami-0a1b2c3d4e5f60005')) AS v(a) ON t.amiId = v.a"
            + " WHEN MATCHED THEN UPDATE SET bucket = 'x'",
        "CREATE TABLE aws.ec2.mine (x INT)",
        "DROP TABLE " + TABLE,
        "ALTER TABLE " + TABLE + " ADD COLUMN x INT",
        "TRUNCATE TABLE " + TABLE,
        "INSERT INTO aws.medical_imaging.image_set_versions (datastoreId, imageSetId) VALUES ('"
            + LocalEndpoint.DATASTORE + "', '" + LocalEndpoint.LONG_IMAGE_SET + "')");
    try (Connection c = connect(client, "--allow-writes"); Statement s = c.createStatement()) {
      for (String sql : statements) {
        SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(sql), sql);
        assertEquals("0A000", e.getSQLState(), sql + ": " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("Nothing was sent"), e.getMessage());
      }
      SQLException delete = assertThrows(SQLException.class, () -> s.executeUpdate(statements.get(1)));
      assertTrue(delete.getMessage().contains(TABLE) && delete.getMessage().contains("INSERT creates new ones"),
          delete.getMessage());
    }
    assertEquals(0, local.aws.requestLog().all().size(), "no request of any kind");
  }
}
