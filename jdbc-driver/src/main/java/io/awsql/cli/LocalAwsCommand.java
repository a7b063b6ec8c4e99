package io.awsql.cli;

import io.awsql.localaws.LocalAwsMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;

/**
 * {@code awsql local-aws}: local-aws's own command line (the local-aws module's, also its jar's), with its
 * options declared here too so that they are checked, listed in the help and completed like every other
 * command's.
 */
@Command(name = "local-aws", description = {
    "Run local-aws, the local AWS endpoint, with demo data.",
    "It serves EC2, HealthImaging and STS on 127.0.0.1 until stopped, and prints the demo access keys and AWS "
        + "CLI examples when it starts."},
    footer = {"%nAccounts, keys and fault injection: docs/local-aws.md."})
final class LocalAwsCommand implements Callable<Integer> {
  @Option(names = "--port", paramLabel = "N", description = "port to listen on (default 4599; 0 picks a free one)")
  private Integer port;

  @Option(names = "--seed", paramLabel = "FILE", description = "load this JSON seed instead of the demo data")
  private Path seed;

  @Option(names = "--generate-tasks", paramLabel = "N", description = "also generate N store tasks (for paging "
      + "and benchmarks)")
  private Integer generateTasks;

  @Option(names = "--generate-region", paramLabel = "NAME", description = "region for generated tasks (default "
      + "us-east-1)")
  private String generateRegion;

  @Override
  public Integer call() {
    List<String> args = new ArrayList<>();
    add(args, "--port", port);
    add(args, "--seed", seed);
    add(args, "--generate-tasks", generateTasks);
    add(args, "--generate-region", generateRegion);
    try {
      LocalAwsMain.main(args.toArray(String[]::new)); // serves until stopped
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitCode.OK;
  }

  /** Passes an option on only when it was given, so local-aws's own defaults apply. */
  private static void add(List<String> args, String option, Object value) {
    if (value != null) {
      args.add(option);
      args.add(value.toString());
    }
  }
}
