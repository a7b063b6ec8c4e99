package io.awsql.cli;

import io.awsql.jdbc.AwsqlDriver;
import io.awsql.jdbc.SqlErrors;
import io.awsql.provider.AwsSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.calcite.jdbc.CalciteConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code awsql exec}: runs the statements, separated by {@code ;}, given as an argument, in a file
 * ({@code -f}) or on standard input ({@code -}), and prints each result in turn as a table, CSV or JSON (or,
 * with {@code --explain}, each plan). The first failure prints one line, saying which statement when there
 * are several, and exits 1.
 */
@Command(name = "exec", description = {
    "Run SQL statements and print each result (table, csv or json).",
    "Statements are separated by ';'. The first that fails stops the run, after the results before it."},
    footer = {"%nExamples:",
        "  awsql exec --local \"SELECT * FROM aws.ec2.store_image_tasks\"",
        "  awsql exec --region us-east-1 --output csv -f inventory.sql > inventory.csv",
        "  echo \"SELECT * FROM aws.ec2.images\" | awsql exec --profile prod -o json -",
        "  awsql exec --local --explain \"SELECT * FROM aws.ec2.store_image_tasks LIMIT 5\""})
final class ExecCommand implements Callable<Integer> {
  /** The result formats of {@code --output}, written in lower case as on the command line. */
  enum Format {
    TABLE, CSV, JSON;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @ParentCommand
  private AwsqlCommand awsql;

  @Spec
  private CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "SQL", description = "the statements; '-' (or none, when standard "
      + "input is not a terminal): read them from standard input")
  private String sql;

  @Option(names = {"-o", "--output"}, paramLabel = "table|csv|json", description = "result format (default "
      + "${DEFAULT-VALUE}; csv is RFC 4180, json one array of objects per result set; several results: a blank line "
      + "between tables or CSVs)")
  private Format format = Format.TABLE;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "read the statements from FILE ('-': "
      + "standard input)")
  private Path file;

  @Option(names = "--explain", description = "print each statement's plan (EXPLAIN PLAN FOR) instead of running "
      + "it: nothing is sent to AWS")
  private boolean explain;

  @Mixin
  private ConnectionOptions connection;

  @Override
  public Integer call() {
    Streams io = awsql.streams();
    if (sql != null && file != null) {
      throw new ParameterException(spec.commandLine(), "exec takes one of \"SQL\", -f FILE or -, not several");
    }
    String from = file != null ? file.toString() : sql;
    if (from == null && io.terminal()) {
      throw new ParameterException(spec.commandLine(),
          "exec needs a statement, e.g. awsql exec --local \"SELECT * FROM aws.ec2.store_image_tasks\"");
    }
    boolean standardInput = from == null || from.equals("-");
    String script;
    try {
      script = standardInput ? readStandardInput(io.in()) : file != null ? Files.readString(file) : sql;
    } catch (IOException e) {
      io.err().println("awsql: cannot read the statement" + (standardInput ? " from standard input" : "") + ": "
          + e.getMessage());
      return ExitCode.USAGE;
    }
    List<StatementSplitter.Piece> statements = StatementSplitter.split(script);
    if (statements.isEmpty()) {
      String source = standardInput ? "standard input" : file != null ? from : "the statement argument";
      io.err().println("awsql: " + source + " holds no SQL statement");
      return ExitCode.USAGE;
    }
    // The driver this command ships with, whatever else DriverManager may have registered.
    try (Connection c = new AwsqlDriver().connect(AwsqlDriver.PREFIX, connection.properties())) {
      // Only the table is printed after reading, so only it can show progress without mixing lines.
      LongSupplier requests = io.terminal() && format == Format.TABLE && !explain ? requests(c) : null;
      for (int s = 0; s < statements.size(); s++) {
        StatementSplitter.Piece piece = statements.get(s);
        String which = statements.size() == 1 ? ""
            : "statement " + (s + 1) + " of " + statements.size() + " (line " + piece.line() + "): ";
        Runnable separator = s == 0 ? () -> { } : () -> separate(io.out());
        try {
          if (explain) {
            explain(c, piece, io.out(), separator);
          } else {
            run(c, piece.positioned(), io, requests, which, separator);
          }
        } catch (SQLException e) {
          io.err().println("awsql: " + which + describe(e));
          return ExitCode.SOFTWARE;
        }
      }
      return ExitCode.OK;
    } catch (SQLException e) {
      io.err().println("awsql: " + describe(e));
      return ExitCode.SOFTWARE;
    }
  }

  /**
   * Runs one statement and prints its result set, or its update count and warnings, after the separator
   * from the result before (printed once the statement has run, so a failure leaves no dangling blank line).
   */
  private void run(Connection connection, String statementSql, Streams io, LongSupplier requests, String which,
      Runnable separator) throws SQLException {
    PrintStream out = io.out();
    AtomicLong rows = new AtomicLong();
    long requestsBefore = requests == null ? 0 : requests.getAsLong();
    try (Statement statement = connection.createStatement();
        Progress progress = requests == null ? null
            : new Progress(io.err(), rows, () -> requests.getAsLong() - requestsBefore)) {
      Runnable stopProgress = progress == null ? () -> { } : progress::close;
      if (statement.execute(statementSql)) {
        try (ResultSet rs = statement.getResultSet()) {
          switch (format) {
            case CSV -> {
              separator.run();
              ResultWriters.csv(rs, out, rows);
            }
            case JSON -> {
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
            io.err().println("awsql: warning: " + which + w.getMessage());
          }
        }
      } else {
        stopProgress.run();
        separator.run();
        int count = statement.getUpdateCount();
        out.println(count + " row(s) affected");
        if (count > 0 && format == Format.TABLE) {
          // What was created, as AWS named it (e.g. each task's S3 object key): the generated keys.
          try (ResultSet keys = statement.getGeneratedKeys()) {
            TablePrinter.print(keys, out, new AtomicLong(), () -> { });
          }
        }
        for (var w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
          io.err().println("awsql: warning: " + which + w.getMessage());
        }
      }
    }
  }

  /**
   * Prints the plan of one statement, as Calcite's EXPLAIN gives it (one text), without running it. The
   * statement is prepared first as it stands, so that an error in it points at the script's line and column.
   */
  private static void explain(Connection connection, StatementSplitter.Piece piece, PrintStream out,
      Runnable separator) throws SQLException {
    connection.prepareStatement(piece.positioned()).close();
    try (Statement statement = connection.createStatement();
        ResultSet plan = statement.executeQuery("EXPLAIN PLAN FOR " + piece.positioned())) {
      separator.run();
      while (plan.next()) {
        String text = plan.getString(1);
        out.print(text.endsWith("\n") ? text : text + "\n");
      }
      out.flush();
    }
  }

  /**
   * What goes between the results of two statements: a blank line for tables, plans and csv (CRLF, as its
   * rows); nothing for json, whose arrays follow one another as a stream of JSON texts.
   */
  private void separate(PrintStream out) {
    if (format == Format.CSV && !explain) {
      out.print("\r\n");
    } else if (format != Format.JSON || explain) {
      out.println();
    }
    out.flush();
  }

  private static String describe(SQLException e) {
    return SqlErrors.oneLine(e.getMessage())
        + (e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]");
  }

  private static String readStandardInput(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  /** The AWS requests the connection has sent so far, for the progress line. */
  private static LongSupplier requests(Connection connection) throws SQLException {
    AwsSchema aws = connection.unwrap(CalciteConnection.class).getRootSchema().getSubSchema("aws")
        .unwrap(AwsSchema.class);
    return aws == null ? () -> 0 : () -> aws.clients().requestCount();
  }
}
