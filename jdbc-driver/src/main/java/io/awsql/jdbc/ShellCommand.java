package io.awsql.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import sqlline.SqlLine;

/**
 * {@code awsql shell}: SQLLine connected through the driver, with its history, completion and commands
 * ({@code !tables}, {@code !columns}, {@code !quit}). Further arguments go to SQLLine as they are
 * ({@code --run=script.sql}, {@code -e "SELECT ..."}).
 */
final class ShellCommand {
  static final String HELP = """
      Usage: awsql shell [options] [SQLLine options]

      Interactive SQL through SQLLine: history, completion, !tables, !columns, !quit.
      SQLLine's own options pass through, e.g. --run=script.sql or --outputformat=csv.
      """ + ConnectionOptions.HELP;

  private ShellCommand() {}

  static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
    if (args.contains("--help") || args.contains("-h")) {
      out.print(HELP);
      return 0;
    }
    ConnectionOptions options;
    try {
      options = ConnectionOptions.parse(args);
    } catch (IllegalArgumentException e) {
      return Main.usageError(err, e.getMessage());
    }
    List<String> sqlline = new ArrayList<>(List.of("-d", AwsqlDriver.class.getName(), "-u", options.url(),
        "-n", "", "-p", "", "--connectInteractionMode=notAskCredentials", "--maxWidth=200",
        // AWS calls are not transactional: say so, instead of letting SQLLine ask for REPEATABLE_READ and warn.
        "--isolation=TRANSACTION_NONE"));
    sqlline.addAll(options.rest);
    AwsqlDriver.ensureRegistered();
    // SQLLine shows a TIMESTAMP by Timestamp.toString(), in the JVM's zone; times are UTC instants, and
    // getString, CAST and literals are UTC: while the shell runs, it shows them in UTC too.
    TimeZone zone = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    SqlLine shell = new SqlLine();
    shell.setOutputStream(out);
    shell.setErrorStream(err);
    try {
      SqlLine.Status status = shell.begin(sqlline.toArray(String[]::new), in, true);
      return status == SqlLine.Status.OK ? 0 : 1;
    } catch (IOException e) {
      err.println("awsql: shell failed: " + e.getMessage());
      return 1;
    } finally {
      TimeZone.setDefault(zone);
    }
  }
}
