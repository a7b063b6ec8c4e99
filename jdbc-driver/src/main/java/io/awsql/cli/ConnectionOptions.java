package io.awsql.cli;

import io.awsql.jdbc.AwsqlDriver;
import java.util.Properties;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The connection options every command takes ({@code --local}, {@code --region}, ...), as the driver
 * properties they set: one picocli mixin, so that every command parses them alike and its help lists them
 * under one heading.
 */
public final class ConnectionOptions {
  @ArgGroup(validate = false, heading = "%nConnection options:%n", order = 100)
  private Settings settings = new Settings();

  /** The driver properties the options given set (a copy). */
  public Properties properties() {
    Properties copy = new Properties();
    copy.putAll(settings.properties);
    return copy;
  }

  /**
   * The driver properties of connection options alone, parsed as the commands parse them: for programs
   * and tests that connect the way {@code awsql} does.
   *
   * @throws IllegalArgumentException for an unknown option or a valued option without its value
   */
  public static Properties parse(String... args) {
    ConnectionOptions options = new ConnectionOptions();
    try {
      new CommandLine(options).parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return options.properties();
  }

  /** The same settings as a URL, for tools that take only a URL (SQLLine). */
  String url() {
    Properties p = settings.properties;
    return AwsqlDriver.PREFIX + p.stringPropertyNames().stream().sorted()
        .map(k -> k + "=" + p.getProperty(k)).collect(Collectors.joining(";"));
  }

  /** The options, each setting its driver property as it is parsed (docs/connection.md has them all). */
  static final class Settings {
    private final Properties properties = new Properties();

    @Option(names = "--local", order = 1,
        description = "start an embedded local AWS endpoint with demo data and use it")
    void local(boolean on) {
      properties.setProperty("local", String.valueOf(on));
    }

    @Option(names = "--region", paramLabel = "R[,R...]", order = 2,
        description = "AWS region(s) to query (default: the AWS default region chain)")
    void region(String regions) {
      properties.setProperty("region", regions);
    }

    @Option(names = "--profile", paramLabel = "NAME", order = 3,
        description = "AWS profile, applied whole as AWS_PROFILE is (credentials, region, endpoint_url, retry mode)")
    void profile(String name) {
      properties.setProperty("profile", name);
    }

    @Option(names = "--endpoint", paramLabel = "URI", order = 4,
        description = "endpoint override, e.g. http://127.0.0.1:4599")
    void endpoint(String uri) {
      properties.setProperty("endpoint", uri);
    }

    @Option(names = "--accounts", paramLabel = "ID[,ID...]", order = 5,
        description = "accounts to query through a role assumed in each (with --role-name or --role-arn)")
    void accounts(String ids) {
      properties.setProperty("accounts", ids);
    }

    @Option(names = "--role-name", paramLabel = "NAME", order = 6,
        description = "the role to assume in each of --accounts")
    void roleName(String name) {
      properties.setProperty("roleName", name);
    }

    @Option(names = "--role-arn", paramLabel = "ARN", order = 7,
        description = "the role to assume in each of --accounts as an ARN template, {account} standing for the "
            + "account id, e.g. 'arn:aws:iam::{account}:role/NAME' (instead of --role-name)")
    void roleArn(String arn) {
      properties.setProperty("roleArn", arn);
    }

    @Option(names = "--external-id", paramLabel = "ID", order = 8,
        description = "the external id the roles' trust policies require")
    void externalId(String id) {
      properties.setProperty("externalId", id);
    }

    @Option(names = "--role-session-name", paramLabel = "NAME", order = 9,
        description = "the session name of the assumed roles, as CloudTrail shows it (default awsql)")
    void roleSessionName(String name) {
      properties.setProperty("roleSessionName", name);
    }

    @Option(names = "--profiles", paramLabel = "P[,P...]", order = 10,
        description = "profiles to query, each its own account")
    void profiles(String names) {
      properties.setProperty("profiles", names);
    }

    @Option(names = "--skip-errors", paramLabel = "CODES", order = 11,
        description = "AWS error codes (e.g. AccessDenied,OptInRequired) that skip an account and region with a "
            + "warning instead of failing")
    void skipErrors(String codes) {
      properties.setProperty("skipErrors", codes);
    }

    @Option(names = "--read-only", order = 12, description = "refuse every INSERT")
    void readOnly(boolean on) {
      properties.setProperty("readOnly", String.valueOf(on));
    }

    @Option(names = "--dry-run", order = 13, description = "send writes with DryRun=true: nothing is created")
    void dryRun(boolean on) {
      properties.setProperty("dryRun", String.valueOf(on));
    }
  }
}
