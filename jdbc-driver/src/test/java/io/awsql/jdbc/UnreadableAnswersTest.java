package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.awsql.localaws.Fault;
import io.awsql.localaws.FaultRule;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A page that comes back as {@code 200 OK} but is no answer of the API (empty, a portal's HTML, cut short)
 * never shortens a result: it is read again, and if it never comes right the query fails naming it.
 */
class UnreadableAnswersTest {
  private static final String SCAN = "SELECT amiId FROM aws.ec2.store_image_tasks";
  private static final String HISTORY = "SELECT versionId FROM aws.medical_imaging.image_set_versions"
      + " WHERE datastoreId = '" + LocalEndpoint.DATASTORE + "' AND imageSetId = '" + LocalEndpoint.LONG_IMAGE_SET
      + "'";
  private LocalEndpoint local;

  @BeforeEach
  void start() {
    local = new LocalEndpoint();
  }

  @AfterEach
  void stop() {
    local.close();
  }

  /** Counts the rows, or returns the failure. */
  private Object read(String region, String sql) throws SQLException {
    try (Connection c = local.connect(region); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int rows = 0;
      while (rs.next()) {
        rows++;
      }
      return rows;
    } catch (SQLException e) {
      return e;
    }
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"EMPTY_OK", "HTML_PAGE", "MALFORMED_BODY"})
  void aBadPageIsReadAgain(Fault fault) throws SQLException {
    local.aws.faults().add(new FaultRule("DescribeStoreImageTasks", fault, 1.0, 2, 1, null));
    assertEquals(LocalEndpoint.GENERATED, read(LocalEndpoint.GENERATED_REGION, SCAN));
    assertEquals(6, local.describes().size(), "5 pages of 200, page 3 twice");

    local.aws.faults().add(new FaultRule("ListImageSetVersions", fault, 1.0, 2, 1, null));
    assertEquals(LocalEndpoint.LONG_HISTORY, read("us-east-1", HISTORY));
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"EMPTY_OK", "HTML_PAGE", "MALFORMED_BODY"})
  void aPageThatNeverComesRightFailsTheQueryInsteadOfEndingIt(Fault fault) throws SQLException {
    local.aws.faults().add(new FaultRule("DescribeStoreImageTasks", fault, 1.0, 2, -1, null));
    local.aws.faults().add(new FaultRule("ListImageSetVersions", fault, 1.0, 2, -1, null));
    for (String[] query : new String[][] {{LocalEndpoint.GENERATED_REGION, SCAN}, {"us-east-1", HISTORY}}) {
      Object outcome = read(query[0], query[1]);
      if (!(outcome instanceof SQLException e)) {
        fail(fault + ": " + query[1] + " returned " + outcome + " rows instead of failing");
        return;
      }
      String m = e.getMessage();
      assertEquals("HY000", e.getSQLState(), m);
      assertTrue(m.contains(query[0]), m);
      assertFalse(m.contains("Could not reach AWS"), "AWS was reached: " + m);
      assertFalse(m.contains("\n"), m);
      if (fault == Fault.HTML_PAGE) {
        assertTrue(m.contains("HTTP 200 with an HTML page: \"<!DOCTYPE html>"), m);
      } else if (fault == Fault.EMPTY_OK) {
        assertTrue(m.contains("HTTP 200 with an empty body"), m);
      } else {
        assertTrue(m.contains("answer cut short"), m);
      }
    }
  }
}
