package io.awsql.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Help;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The entry point of the {@code awsql} command (the all-in-one jar's Main-Class): parses the arguments with
 * picocli and runs the command they name, with awsql's exit codes: 0 done, 1 a statement or the server
 * failed, 2 a usage error, reported in one line.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err, System.console() != null));
  }

  /** Runs a command to its end (servers: until stopped) and returns its exit code. */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean terminal) {
    CommandLine awsql = commandLine(new Streams(in, out, err, terminal));
    try {
      return awsql.execute(args);
    } finally {
      awsql.getOut().flush();
      awsql.getErr().flush();
    }
  }

  /** The command line, ready to parse or execute, writing to {@code streams}. */
  static CommandLine commandLine(Streams streams) {
    CommandLine awsql = new CommandLine(new AwsqlCommand(streams));
    awsql.setOut(new PrintWriter(streams.out(), true));
    awsql.setErr(new PrintWriter(streams.err(), true));
    // Colours only for a person at a terminal, never in what a script or a test reads.
    awsql.setColorScheme(Help.defaultColorScheme(streams.terminal() ? Help.Ansi.AUTO : Help.Ansi.OFF));
    awsql.setCaseInsensitiveEnumValuesAllowed(true);
    // An argument starting with @ is SQL or a SQLLine option, never a file of more arguments.
    awsql.setExpandAtFiles(false);
    awsql.setParameterExceptionHandler(Main::usageError);
    return awsql;
  }

  /** A usage error: one line naming what was wrong and where the help is (and a near miss, if any). */
  private static int usageError(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println("awsql: " + e.getMessage() + " (see " + command.getCommandSpec().qualifiedName() + " --help)");
    UnmatchedArgumentException.printSuggestions(e, err);
    err.flush();
    return ExitCode.USAGE;
  }
}
