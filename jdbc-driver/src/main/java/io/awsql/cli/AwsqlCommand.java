package io.awsql.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code awsql} command itself: its subcommands, and what every one of them inherits ({@code --help},
 * {@code --version}, the layout of the help); with no subcommand it shows its help and fails, as a usage
 * error.
 */
@Command(name = "awsql", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class, sortOptions = false, abbreviateSynopsis = true,
    description = {"Query AWS APIs with SQL: every AWS resource is a table.",
        "awsql <command> --help shows each command's options; docs/cli.md has them all."},
    subcommands = {ExecCommand.class, ShellCommand.class, ServeCommand.class, LocalAwsCommand.class,
        CompletionCommand.class, HelpCommand.class},
    commandListHeading = "%nCommands:%n")
final class AwsqlCommand implements Callable<Integer> {
  private final Streams streams;

  @Spec
  private CommandSpec spec;

  AwsqlCommand(Streams streams) {
    this.streams = streams;
  }

  Streams streams() {
    return streams;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(streams.out());
    return ExitCode.USAGE;
  }

  /** {@code awsql version}: kept beside {@code --version} for the scripts that call it so. */
  @Command(name = "version", hidden = true, description = "Print the version.")
  int version() {
    streams.out().println(spec.version()[0]);
    return ExitCode.OK;
  }
}
