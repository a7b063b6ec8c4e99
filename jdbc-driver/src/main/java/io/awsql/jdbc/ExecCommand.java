package io.awsql.jdbc;

import io.awsql.provider.AwsSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * {@code awsql exec}: runs one statement, given as an argument, in a file ({@code -f}) or on standard
 * input ({@code -}), and prints the result as a table, CSV or JSON. Failures print one line and exit 1.
 */
final class ExecCommand {
  static final String HELP = """
      Usage: awsql exec [options] "SQL" | -f FILE | -

      Runs one SQL statement against AWS and prints the result.

      Options:
        --output table|csv|json  result format (default table; csv is RFC 4180, json one array of objects)
        -f FILE                  read the statement from FILE ('-' or no statement: standard input)
      """ + ConnectionOptions.HELP;

  private ExecCommand() {}

  static int run(List<String> args, InputStream in, PrintStream out, PrintStream err, boolean terminal) {
    ConnectionOptions options;
    try {
      options = ConnectionOptions.parse(args);
    } catch (IllegalArgumentException e) {
      return Main.usageError(err, e.getMessage());
    }
    String format = "table";
    String sql = null;
    List<String> rest = options.rest;
    for (int i = 0; i < rest.size(); i++) {
      String arg = rest.get(i);
      try {
        switch (arg) {
          case "--help", "-h" -> {
            out.print(HELP);
            return 0;
          }
          case "--output", "-o" -> {
            format = value(rest, ++i, arg);
            if (!List.of("table", "csv", "json").contains(format)) {
              return Main.usageError(err, "--output is table, csv or json, not '" + format + "'");
            }
          }
          case "-f", "--file" -> sql = Files.readString(Path.of(value(rest, ++i, arg)));
          case "-" -> sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          default -> {
            if (arg.startsWith("-") || sql != null) {
              return Main.usageError(err, "unexpected argument '" + arg + "'");
            }
            sql = arg;
          }
        }
      } catch (IllegalArgumentException e) {
        return Main.usageError(err, e.getMessage());
      } catch (IOException e) {
        err.println("awsql: cannot read the statement: " + e.getMessage());
        return 2;
      }
    }
    if (sql == null) {
      if (terminal) {
        return Main.usageError(err, "exec needs a statement, e.g. awsql exec --local \"SELECT * FROM aws.ec2.store_image_tasks\"");
      }
      try {
        sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        err.println("awsql: cannot read the statement from standard input: " + e.getMessage());
        return 2;
      }
    }
    sql = sql.strip().replaceAll(";\\s*$", "");
    AwsqlDriver.ensureRegistered();
    AtomicLong rows = new AtomicLong();
    try (Connection connection = DriverManager.getConnection(AwsqlDriver.PREFIX, options.properties);
        Statement statement = connection.createStatement();
        // Only the table is printed after reading, so only it can show progress without mixing lines.
        Progress progress = terminal && format.equals("table") ? new Progress(err, rows, requests(connection)) : null) {
      if (statement.execute(sql)) {
        try (ResultSet rs = statement.getResultSet()) {
          switch (format) {
            case "csv" -> ResultWriters.csv(rs, out, rows);
            case "json" -> ResultWriters.json(rs, out, rows);
            default -> TablePrinter.print(rs, out, rows, progress == null ? () -> { } : progress::close);
          }
        }
      } else {
        out.println(statement.getUpdateCount() + " row(s) affected");
        for (var w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
          err.println("awsql: warning: " + w.getMessage());
        }
      }
      return 0;
    } catch (SQLException e) {
      err.println("awsql: " + oneLine(e.getMessage()) + (e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]"));
      return 1;
    }
  }

  private static AtomicLongSupplier requests(Connection connection) throws SQLException {
    AwsSchema aws = connection.unwrap(CalciteConnection.class).getRootSchema().getSubSchema("aws")
        .unwrap(AwsSchema.class);
    return aws == null ? () -> 0 : () -> aws.clients().requestCount();
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(i);
  }

  static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ");
  }

  /** A live count read by the progress line. */
  @FunctionalInterface
  interface AtomicLongSupplier {
    long get();
  }
}
