package io.awsql.jdbc;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The {@code awsql} command: {@code awsql exec [--local] [--region R] [--profile P] [--endpoint URI] "SQL"}
 * runs one statement and prints an aligned table; failures print one line and exit non-zero.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      usage(out);
      return args.length == 0 ? 2 : 0;
    }
    if (!args[0].equals("exec")) {
      err.println("awsql: unknown command '" + args[0] + "' (see awsql --help)");
      return 2;
    }
    Properties properties = new Properties();
    String sql = null;
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--local" -> properties.setProperty("local", "true");
        case "--region", "--profile", "--endpoint" -> {
          if (i + 1 >= args.length) {
            err.println("awsql: " + arg + " needs a value");
            return 2;
          }
          properties.setProperty(arg.substring(2), args[++i]);
        }
        case "--help", "-h" -> {
          usage(out);
          return 0;
        }
        default -> {
          if (arg.startsWith("--") || sql != null) {
            err.println("awsql: unexpected argument '" + arg + "' (see awsql --help)");
            return 2;
          }
          sql = arg;
        }
      }
    }
    if (sql == null) {
      err.println("awsql: exec needs an SQL statement, e.g. awsql exec --local \"SELECT * FROM aws.ec2.store_image_tasks\"");
      return 2;
    }
    try (Connection connection = DriverManager.getConnection(AwsqlDriver.PREFIX, properties);
        Statement statement = connection.createStatement()) {
      if (statement.execute(sql)) {
        try (ResultSet rs = statement.getResultSet()) {
          TablePrinter.print(rs, out);
        }
      } else {
        out.println(statement.getUpdateCount() + " row(s) affected");
      }
      return 0;
    } catch (SQLException e) {
      err.println("awsql: " + e.getMessage() + (e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]"));
      return 1;
    }
  }

  private static void usage(PrintStream out) {
    out.println("""
        Usage: awsql exec [options] "SQL"

        Runs one SQL statement against AWS and prints the result as a table.

        Options:
          --local            start an embedded local AWS endpoint with demo data and query it
          --region R[,R...]  AWS region(s) to query (default: the AWS default region chain)
          --profile NAME     AWS profile for credentials and region
          --endpoint URI     endpoint override, e.g. http://127.0.0.1:4599
          -h, --help         show this help

        Example:
          awsql exec --local "SELECT region, amiId, storeTaskState, progressPercentage FROM aws.ec2.store_image_tasks"
        """);
  }
}
