package io.awsql.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The connection options every awsql command takes ({@code --local}, {@code --region}, ...), turned into
 * driver properties; everything else is left for the command.
 */
final class ConnectionOptions {
  static final String HELP = """
        Connection options:
          --local              start an embedded local AWS endpoint with demo data and use it
          --region R[,R...]    AWS region(s) to query (default: the AWS default region chain)
          --profile NAME       AWS profile, applied whole as AWS_PROFILE is (credentials,
                               region, endpoint_url, retry mode)
          --endpoint URI       endpoint override, e.g. http://127.0.0.1:4599
          --accounts ID[,ID...]  accounts to query through a role assumed in each (with
                               --role-name NAME or --role-arn 'arn:aws:iam::{account}:role/NAME',
                               optionally --external-id ID and --role-session-name NAME)
          --profiles P[,P...]  profiles to query, each its own account
          --skip-errors CODES  AWS error codes (e.g. AccessDenied,OptInRequired) that skip an
                               account and region with a warning instead of failing
          --read-only          refuse every INSERT
          --dry-run            send writes with DryRun=true: nothing is created
        """;
  private static final Map<String, String> VALUED = Map.of("--region", "region", "--profile", "profile",
      "--endpoint", "endpoint", "--accounts", "accounts", "--role-name", "roleName", "--role-arn", "roleArn",
      "--external-id", "externalId", "--role-session-name", "roleSessionName", "--profiles", "profiles",
      "--skip-errors", "skipErrors");
  private static final Map<String, String> FLAGS = Map.of("--local", "local", "--read-only", "readOnly",
      "--dry-run", "dryRun");

  final Properties properties = new Properties();
  final List<String> rest = new ArrayList<>();

  /**
   * @throws IllegalArgumentException when a valued option has no value
   */
  static ConnectionOptions parse(List<String> args) {
    ConnectionOptions options = new ConnectionOptions();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (VALUED.containsKey(arg)) {
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException(arg + " needs a value");
        }
        options.properties.setProperty(VALUED.get(arg), args.get(++i));
      } else if (FLAGS.containsKey(arg)) {
        options.properties.setProperty(FLAGS.get(arg), "true");
      } else {
        options.rest.add(arg);
      }
    }
    return options;
  }

  /** The same settings as a URL, for tools that take only a URL (SQLLine). */
  String url() {
    return AwsqlDriver.PREFIX + properties.stringPropertyNames().stream().sorted()
        .map(k -> k + "=" + properties.getProperty(k)).collect(Collectors.joining(";"));
  }
}
