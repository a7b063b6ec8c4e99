package io.awsql.localaws;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** Runs local-aws from the command line until stopped, printing how to point the AWS CLI or an SDK at it. */
public final class LocalAwsMain {
  static final int DEFAULT_PORT = 4599;

  private LocalAwsMain() {}

  public static void main(String[] args) throws InterruptedException {
    int port = DEFAULT_PORT;
    Path seedFile = null;
    int generated = 0;
    String generatedRegion = "us-east-1";
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--help", "-h" -> {
            usage(System.out);
            return;
          }
          case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
          case "--seed" -> seedFile = Path.of(value(args, ++i, "--seed"));
          case "--generate-tasks" -> generated = Integer.parseInt(value(args, ++i, "--generate-tasks"));
          case "--generate-region" -> generatedRegion = value(args, ++i, "--generate-region");
          default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println("local-aws: " + e.getMessage() + " (see --help)");
      System.exit(2);
      return;
    }

    LocalAws.Builder builder = LocalAws.builder().port(port);
    try {
      builder.seed(seedFile == null ? Seed.demo() : Seed.fromFile(seedFile));
    } catch (IllegalArgumentException e) {
      System.err.println("local-aws: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (generated > 0) {
      builder.seed(SeedGenerator.storeImageTasks(generatedRegion, generated, 42));
    }
    LocalAws aws;
    try {
      aws = builder.start();
    } catch (IllegalStateException e) {
      System.err.println("local-aws: " + e.getMessage() + " (choose another with --port)");
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      aws.close();
      stopped.countDown();
    }));
    System.out.println("local-aws is serving on " + aws.endpoint() + " (Ctrl-C to stop)");
    System.out.println();
    System.out.println("  export AWS_ACCESS_KEY_ID=" + AccessKey.DEMO.accessKeyId());
    System.out.println("  export AWS_SECRET_ACCESS_KEY=" + AccessKey.DEMO.secretAccessKey());
    System.out.println("  aws ec2 describe-store-image-tasks --region us-east-1 --endpoint-url " + aws.endpoint());
    System.out.println("  aws sts assume-role --role-arn arn:aws:iam::" + Accounts.SECOND_DEMO + ":role/Inventory "
        + "--role-session-name demo --region us-east-1 --endpoint-url " + aws.endpoint());
    System.out.println("  (then AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN from its Credentials "
        + "act as account " + Accounts.SECOND_DEMO + ")");
    System.out.println("  (HealthImaging with the AWS CLI: see docs/local-aws.md for its runtime- host prefix)");
    stopped.await();
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  static void usage(PrintStream out) {
    out.println("""
        Usage: awsql local-aws [options]
           or: java -jar local-aws/target/awsql-local-aws-<version>-all.jar [options]

        Serves a local, wire-compatible AWS endpoint on 127.0.0.1 with demo data, until stopped:
          EC2 (Query protocol)         DescribeStoreImageTasks, CreateStoreImageTask, DescribeImages,
                                       DescribeSnapshots
          HealthImaging (REST-JSON)    ListImageSetVersions
          STS (Query protocol)         GetCallerIdentity, AssumeRole

        Options:
          --port N                 port to listen on (default %d; 0 picks a free one)
          --seed FILE              load this JSON seed instead of the demo data
          --generate-tasks N       also generate N store tasks in account %s (for paging and benchmarks)
          --generate-region NAME   region for generated tasks (default us-east-1)
          -h, --help               show this help

        Accounts: state is kept per account and region.
          %s   every access key's account (GetCallerIdentity: %s)
          %s   a second demo account with its own store tasks, AMIs and image sets
          %s   refuses every AssumeRole (AccessDenied); any other 12-digit account starts empty
        Reach another account with STS AssumeRole (any role name), then use the returned credentials:
          aws sts get-caller-identity --region us-east-1 --endpoint-url http://127.0.0.1:%d
          aws sts assume-role --role-arn arn:aws:iam::%s:role/Inventory --role-session-name demo \\
              --region us-east-1 --endpoint-url http://127.0.0.1:%d
          AWS_ACCESS_KEY_ID=<AccessKeyId> AWS_SECRET_ACCESS_KEY=<SecretAccessKey> AWS_SESSION_TOKEN=<SessionToken> \\
              aws ec2 describe-store-image-tasks --region us-east-1 --endpoint-url http://127.0.0.1:%d
        Temporary credentials may call every action until they expire by the endpoint's clock (STS: ExpiredToken).

        Credentials: any SigV4-signed request is accepted (within 15 minutes of the real time); the
        signatures of the demo keys below are verified:
          demo (all actions)        %s / %s
          read-only (Describe/List) %s / %s
          no access                 %s / %s
        Request bodies over %d bytes are refused (413).
        """.formatted(DEFAULT_PORT, Accounts.BASE, Accounts.BASE, Accounts.BASE_USER_ARN, Accounts.SECOND_DEMO,
        Accounts.DENIES_ASSUME_ROLE, DEFAULT_PORT, Accounts.SECOND_DEMO, DEFAULT_PORT, DEFAULT_PORT,
        AccessKey.DEMO.accessKeyId(), AccessKey.DEMO.secretAccessKey(),
        AccessKey.READ_ONLY.accessKeyId(), AccessKey.READ_ONLY.secretAccessKey(), AccessKey.NO_ACCESS.accessKeyId(),
        AccessKey.NO_ACCESS.secretAccessKey(), LocalAws.MAX_REQUEST_BYTES));
  }
}
