package io.awsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.awsql.localaws.Fault;
import io.awsql.localaws.FaultRule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The table output sizes its columns on a first window of rows, then streams: it never holds every row. */
class TablePrinterTest {
  private static final String SCAN = "SELECT amiId, progressPercentage FROM aws.ec2.store_image_tasks";

  @Test
  void rowsBeyondTheWindowStreamAndAllAreCounted() throws SQLException {
    try (LocalEndpoint local = new LocalEndpoint(); Connection c = local.connect(LocalEndpoint.GENERATED_REGION);
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SCAN)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int rows = TablePrinter.print(rs, new PrintStream(bytes, true, StandardCharsets.UTF_8), new AtomicLong(), () -> { },
          50);
      String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
      assertEquals(LocalEndpoint.GENERATED, rows);
      assertEquals(2 + LocalEndpoint.GENERATED + 1, lines.length, "header, rule, every row, count");
      assertEquals("(" + LocalEndpoint.GENERATED + " rows)", lines[lines.length - 1]);
    }
  }

  @Test
  void theFirstWindowIsPrintedBeforeTheRestIsRead() throws SQLException {
    try (LocalEndpoint local = new LocalEndpoint()) {
      // Page 1 (200 rows) arrives; every later page fails: a printer that waited for all rows would print nothing.
      local.aws.faults().add(new FaultRule("DescribeStoreImageTasks", Fault.INTERNAL_ERROR, 1.0, 1, -1, null));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (Connection c = local.connect(LocalEndpoint.GENERATED_REGION); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(SCAN)) {
        assertThrows(SQLException.class, () -> TablePrinter.print(rs, new PrintStream(bytes, true, StandardCharsets.UTF_8),
            new AtomicLong(), () -> { }, 50));
      }
      String printed = bytes.toString(StandardCharsets.UTF_8);
      assertTrue(printed.startsWith("amiId"), printed);
      assertTrue(printed.split("\n").length >= 2 + 50, "the window and what followed it were printed");
    }
  }
}
