package io.awsql.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code awsql completion}: prints a bash and zsh completion script for every command and option, made by
 * picocli from the same declarations as the help, so the two never disagree.
 */
@Command(name = "completion", description = {
    "Print a bash/zsh completion script for the commands and options.",
    "Install it in ~/.bashrc or ~/.zshrc (with awsql on the PATH):",
    "  source <(awsql completion)"})
final class CompletionCommand implements Callable<Integer> {
  @ParentCommand
  private AwsqlCommand awsql;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() {
    awsql.streams().out().print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
    awsql.streams().out().flush();
    return ExitCode.OK;
  }
}
