package io.awsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.awsql.jdbc.AwsqlDriver;
import io.awsql.localaws.AccessKey;
import io.awsql.localaws.Fault;
import io.awsql.localaws.FaultRule;
import io.awsql.localaws.LocalAws;
import io.awsql.localaws.SeedGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The table output sizes its columns on a first window of rows, then streams: it never holds every row. */
class TablePrinterTest {
  private static final String SCAN = "SELECT amiId, progressPercentage FROM aws.ec2.store_image_tasks";
  private static final String REGION = "ap-southeast-2";
  /** Store tasks generated in {@link #REGION}: five pages of the API's 200. */
  private static final int GENERATED = 1_000;

  private static LocalAws generated() {
    return LocalAws.builder().seed(SeedGenerator.storeImageTasks(REGION, GENERATED, 7)).start();
  }

  private static Connection connect(LocalAws aws) throws SQLException {
    Properties settings = new Properties();
    settings.setProperty("endpoint", aws.endpoint().toString());
    settings.setProperty("region", REGION);
    settings.setProperty("accessKeyId", AccessKey.DEMO.accessKeyId());
    settings.setProperty("secretAccessKey", AccessKey.DEMO.secretAccessKey());
    return new AwsqlDriver().connect(AwsqlDriver.PREFIX, settings);
  }

  @Test
  void rowsBeyondTheWindowStreamAndAllAreCounted() throws SQLException {
    try (LocalAws aws = generated(); Connection c = connect(aws);
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SCAN)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int rows = TablePrinter.print(rs, new PrintStream(bytes, true, StandardCharsets.UTF_8), new AtomicLong(),
          () -> { }, 50);
      String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
      assertEquals(GENERATED, rows);
      assertEquals(2 + GENERATED + 1, lines.length, "header, rule, every row, count");
      assertEquals("(" + GENERATED + " rows)", lines[lines.length - 1]);
    }
  }

  @Test
  void theFirstWindowIsPrintedBeforeTheRestIsRead() throws SQLException {
    try (LocalAws aws = generated()) {
      // Page 1 (200 rows) arrives; every later page fails: a printer that waited for all rows would print nothing.
      aws.faults().add(new FaultRule("DescribeStoreImageTasks", Fault.INTERNAL_ERROR, 1.0, 1, -1, null));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (Connection c = connect(aws); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(SCAN)) {
        PrintStream table = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertThrows(SQLException.class, () -> TablePrinter.print(rs, table, new AtomicLong(), () -> { }, 50));
      }
      String printed = bytes.toString(StandardCharsets.UTF_8);
      assertTrue(printed.startsWith("amiId"), printed);
      assertTrue(printed.split("\n").length >= 2 + 50, "the window and what followed it were printed");
    }
  }
}
