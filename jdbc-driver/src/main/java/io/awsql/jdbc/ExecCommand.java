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
 * {@code awsql exec}: runs the statements, separated by {@code ;}, given as an argument, in a file
 * ({@code -f}) or on standard input ({@code -}), and prints each result in turn as a table, CSV or JSON.
 * The first failure prints one line, saying which statement when there are several, and exits 1.
 */
final class ExecCommand {
  static final String HELP = """
      Usage: awsql exec [options] "SQL" | -f FILE | -

      Runs SQL statements against AWS, separated by ';', and prints each result in turn.
      The first statement that fails stops the run.

      Options:
        --output table|csv|json  result format (default table; csv is RFC 4180, json one array of objects
                                 per result set; several results: a blank line between tables or CSVs)
        -f FILE                  read the statements from FILE ('-' or no statement: standard input)
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
    String source = null; // what the statements came from, for "... holds no SQL statement"
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
          case "-f", "--file" -> {
            String file = value(rest, ++i, arg);
            if (sql != null) {
              return Main.usageError(err, "exec takes one of \"SQL\", -f FILE or -, not several");
            }
            sql = file.equals("-") ? readStandardInput(in) : Files.readString(Path.of(file));
            source = file.equals("-") ? "standard input" : file;
          }
          case "-" -> {
            if (sql != null) {
              return Main.usageError(err, "exec takes one of \"SQL\", -f FILE or -, not several");
            }
            sql = readStandardInput(in);
            source = "standard input";
          }
          default -> {
            if (arg.startsWith("-") || sql != null) {
              return Main.usageError(err, "unexpected argument '" + arg + "'");
            }
            sql = arg;
            source = "the statement argument";
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
        sql = readStandardInput(in);
        source = "standard input";
      } catch (IOException e) {
        err.println("awsql: cannot read the statement from standard input: " + e.getMessage());
        return 2;
      }
    }
    List<StatementSplitter.Piece> statements = StatementSplitter.split(sql);
    if (statements.isEmpty()) {
      err.println("awsql: " + source + " holds no SQL statement");
      return 2;
    }
    String output = format;
    AwsqlDriver.ensureRegistered();
    try (Connection connection = DriverManager.getConnection(AwsqlDriver.PREFIX, options.properties)) {
      // Only the table is printed after reading, so only it can show progress without mixing lines.
      AtomicLongSupplier requests = terminal && output.equals("table") ? requests(connection) : null;
      for (int s = 0; s < statements.size(); s++) {
        StatementSplitter.Piece piece = statements.get(s);
        String which = statements.size() == 1 ? ""
            : "statement " + (s + 1) + " of " + statements.size() + " (line " + piece.line() + "): ";
        Runnable separator = s == 0 ? () -> { } : () -> separate(out, output);
        try {
          run(connection, piece.positioned(), output, out, err, requests, which, separator);
        } catch (SQLException e) {
          err.println("awsql: " + which + describe(e));
          return 1;
        }
      }
      return 0;
    } catch (SQLException e) {
      err.println("awsql: " + describe(e));
      return 1;
    }
  }

  /**
   * Runs one statement and prints its result set, or its update count and warnings, after the separator
   * from the result before (printed once the statement has run, so a failure leaves no dangling blank line).
   */
  private static void run(Connection connection, String sql, String format, PrintStream out, PrintStream err,
      AtomicLongSupplier requests, String which, Runnable separator) throws SQLException {
    AtomicLong rows = new AtomicLong();
    long requestsBefore = requests == null ? 0 : requests.get();
    try (Statement statement = connection.createStatement();
        Progress progress = requests == null ? null
            : new Progress(err, rows, () -> requests.get() - requestsBefore)) {
      Runnable stopProgress = progress == null ? () -> { } : progress::close;
      if (statement.execute(sql)) {
        try (ResultSet rs = statement.getResultSet()) {
          switch (format) {
            case "csv" -> {
              separator.run();
              ResultWriters.csv(rs, out, rows);
            }
            case "json" -> {
              separator.run();
              ResultWriters.json(rs, out, rows);
            }
            default -> TablePrinter.print(rs, out, rows, () -> {
              stopProgress.run();
              separator.run();
            });
          }
          // Every row read: the accounts and regions skipped (skipErrors) are all known now.
          for (var w = rs.getWarnings(); w != null; w = w.getNextWarning()) {
            err.println("awsql: warning: " + which + w.getMessage());
          }
        }
      } else {
        stopProgress.run();
        separator.run();
        int count = statement.getUpdateCount();
        out.println(count + " row(s) affected");
        if (count > 0 && format.equals("table")) {
          // What was created, as AWS named it (e.g. each task's S3 object key): the generated keys.
          try (ResultSet keys = statement.getGeneratedKeys()) {
            TablePrinter.print(keys, out, new AtomicLong(), () -> { });
          }
        }
        for (var w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
          err.println("awsql: warning: " + which + w.getMessage());
        }
      }
    }
  }

  /**
   * What goes between the results of two statements: a blank line for table and csv (CRLF, as its rows);
   * nothing for json, whose arrays follow one another as a stream of JSON texts.
   */
  private static void separate(PrintStream out, String format) {
    switch (format) {
      case "csv" -> out.print("\r\n");
      case "json" -> { }
      default -> out.println();
    }
    out.flush();
  }


  private static String describe(SQLException e) {
    return oneLine(e.getMessage()) + (e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]");
  }

  private static String readStandardInput(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
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
