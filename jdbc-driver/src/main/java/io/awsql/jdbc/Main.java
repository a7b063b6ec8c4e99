package io.awsql.jdbc;

import io.awsql.localaws.LocalAwsMain;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code awsql} command: {@code exec} one statement, an interactive {@code shell}, {@code serve} over
 * HTTP for thin clients, or run {@code local-aws}.
 */
public final class Main {
  static final String HELP = """
      Usage: awsql <command> [options]

      Commands:
        exec       run SQL statements (separated by ;) and print each result (table, csv or json)
        shell      interactive SQL (SQLLine: history, completion, !tables, !columns)
        serve      an Avatica HTTP server for thin JDBC clients
        local-aws  run the local AWS endpoint with demo data

      awsql <command> --help shows each command's options; awsql --version the version.
      """;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err, System.console() != null));
  }

  /** Runs a command to its end (servers: until stopped) and returns the exit code. */
  static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean terminal) {
    if (args.length == 0) {
      out.print(HELP);
      return 2;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    switch (args[0]) {
      case "--help", "-h", "help" -> {
        out.print(HELP);
        return 0;
      }
      case "--version", "version" -> {
        out.println("awsql " + version());
        return 0;
      }
      case "exec" -> {
        return ExecCommand.run(rest, in, out, err, terminal);
      }
      case "shell" -> {
        return ShellCommand.run(rest, in, out, err);
      }
      case "serve" -> {
        return ServeCommand.run(rest, out, err);
      }
      case "local-aws" -> {
        try {
          LocalAwsMain.main(rest.toArray(String[]::new)); // serves until stopped
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return 0;
      }
      default -> {
        return usageError(err, "unknown command '" + args[0] + "'");
      }
    }
  }

  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "(development build)" : v;
  }

  static int usageError(PrintStream err, String message) {
    err.println("awsql: " + message + " (see awsql --help)");
    return 2;
  }
}
