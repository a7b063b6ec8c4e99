package io.awsql.cli;

import io.awsql.jdbc.AwsqlDriver;
import io.awsql.provider.AwsqlProperty;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;
import sqlline.SqlLine;

/**
 * {@code awsql shell}: SQLLine connected through the driver, with its history, completion and commands
 * ({@code !tables}, {@code !columns}, {@code !quit}). Arguments that are not awsql's go to SQLLine as they
 * are ({@code --run=script.sql}, {@code -e "SELECT ..."}).
 */
@Command(name = "shell", description = {
    "Interactive SQL (SQLLine): history, completion, !tables, !columns.",
    "SQLLine's own options pass through, e.g. --run=script.sql or --outputformat=csv."})
final class ShellCommand implements Callable<Integer> {
  @ParentCommand
  private AwsqlCommand awsql;

  @Mixin
  private ConnectionOptions connection;

  @Unmatched
  private List<String> sqllineOptions = new ArrayList<>();

  @Override
  public Integer call() {
    Streams io = awsql.streams();
    // SQLLine shows the URL it connects to (its message, its prompt), and the URL is all it passes on.
    for (String name : connection.properties().stringPropertyNames()) {
      if (AwsqlProperty.named(name).map(AwsqlProperty::secret).orElse(false)) {
        io.err().println("awsql: shell: " + name + " is a secret, and SQLLine would show it with the URL it "
            + "connects to; use a profile for the base credentials, and exec, serve or a JDBC program for "
            + name + ".");
        return ExitCode.USAGE;
      }
    }
    List<String> sqlline = new ArrayList<>(List.of("-d", AwsqlDriver.class.getName(), "-u", connection.url(),
        "-n", "", "-p", "", "--connectInteractionMode=notAskCredentials", "--maxWidth=200",
        // AWS calls are not transactional: say so, instead of letting SQLLine ask for REPEATABLE_READ and warn.
        "--isolation=TRANSACTION_NONE"));
    sqlline.addAll(sqllineOptions);
    // SQLLine shows a TIMESTAMP by Timestamp.toString(), in the JVM's zone; times are UTC instants, and
    // getString, CAST and literals are UTC: while the shell runs, it shows them in UTC too.
    TimeZone zone = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    // SQLLine loads the driver by its class name (-d), which registers it.
    SqlLine shell = new SqlLine();
    shell.setOutputStream(io.out());
    shell.setErrorStream(io.err());
    try {
      SqlLine.Status status = shell.begin(sqlline.toArray(String[]::new), io.in(), true);
      return status == SqlLine.Status.OK ? ExitCode.OK : ExitCode.SOFTWARE;
    } catch (IOException e) {
      io.err().println("awsql: shell failed: " + e.getMessage());
      return ExitCode.SOFTWARE;
    } finally {
      TimeZone.setDefault(zone);
    }
  }
}
