package io.awsql.provider;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.calcite.avatica.ConnectionConfigImpl;
import org.apache.calcite.avatica.ConnectionProperty;

/**
 * Every connection property awsql accepts, declared once: name, type, default and description drive
 * parsing ({@link ConnectionSettings}), the driver's {@code getPropertyInfo} (the properties tab of DBeaver
 * and other tools) and the table in docs/connection.md, so the three cannot disagree.
 */
public enum AwsqlProperty implements ConnectionProperty {
  REGION("region", Type.STRING, null, false,
      "AWS region, or a comma-separated list, to query. Default: the AWS default region chain (`AWS_REGION`, "
          + "the profile's region)."),
  PROFILE("profile", Type.STRING, null, false,
      "Named profile from `~/.aws/config` and `~/.aws/credentials`, applied whole as the AWS SDK applies "
          + "`AWS_PROFILE`: credentials (keys, SSO, roles, `credential_process`), region, `endpoint_url` and "
          + "`services` sections, retry settings. Default: `AWS_PROFILE`, else `default`."),
  ENDPOINT("endpoint", Type.STRING, null, false,
      "Endpoint override for every service, e.g. `http://127.0.0.1:4599` (local-aws); wins over a profile's "
          + "`endpoint_url`."),
  ACCESS_KEY_ID("accessKeyId", Type.STRING, null, false,
      "Static access key id, with `secretAccessKey`. Default: the AWS default credential chain (environment, "
          + "profile, SSO, container and instance roles)."),
  SECRET_ACCESS_KEY("secretAccessKey", Type.STRING, null, true, "Static secret access key, with `accessKeyId`."),
  SESSION_TOKEN("sessionToken", Type.STRING, null, true,
      "Session token of temporary credentials, with `accessKeyId` and `secretAccessKey`."),
  LOCAL("local", Type.BOOLEAN, false, false,
      "`true` starts an embedded local-aws endpoint with the demo data and queries it (regions "
          + "`us-east-1,us-west-2,eu-west-1` unless `region` says otherwise)."),
  ACCOUNTS("accounts", Type.STRING, null, false,
      "AWS account ids (12 digits, comma-separated) to query, each through a role assumed with the base "
          + "credentials (`roleName` or `roleArn`). Rows carry their `account`; `account = / IN` chooses among them. "
          + "Default: the caller's own account."),
  ROLE_NAME("roleName", Type.STRING, null, false,
      "The role to assume in each of `accounts`, e.g. `Inventory` (`arn:aws:iam::{account}:role/Inventory`)."),
  ROLE_ARN("roleArn", Type.STRING, null, false,
      "The role to assume in each of `accounts` as an ARN template, `{account}` standing for the account id, "
          + "e.g. `arn:aws-us-gov:iam::{account}:role/audit/Inventory`. Instead of `roleName`."),
  EXTERNAL_ID("externalId", Type.STRING, null, true,
      "The external id the roles' trust policies require, sent with every AssumeRole."),
  ROLE_SESSION_NAME("roleSessionName", Type.STRING, AccountSettings.DEFAULT_SESSION_NAME, false,
      "The session name of the assumed roles, as CloudTrail shows it."),
  PROFILES("profiles", Type.STRING, null, false,
      "Named profiles (comma-separated) to query, each its own account with its own credentials (SSO and role "
          + "profiles included) and settings. Instead of `profile` or `accounts`."),
  SKIP_ERRORS("skipErrors", Type.STRING, null, false,
      "AWS error codes (comma-separated, e.g. `AccessDenied,UnauthorizedOperation,OptInRequired`) that skip an "
          + "account and region instead of failing the query; each skipped pair is reported as an SQLWarning. "
          + "Default: none, every error fails the query."),
  READ_ONLY("readOnly", Type.BOOLEAN, false, false, "`true` refuses every INSERT before any request is sent."),
  DRY_RUN("dryRun", Type.BOOLEAN, false, false,
      "`true` sends writes with `DryRun=true`: AWS checks them, nothing is created."),
  PUSH_ID_LISTS("pushIdLists", Type.BOOLEAN, false, false,
      "`true` sends `amiId = / IN` as EC2's `ImageIds` (fewer calls for a few AMIs). EC2 then answers with each "
          + "AMI's latest task only, so an AMI stored twice in 31 days shows once; by default awsql lists the tasks "
          + "and filters them itself, which is always the exact answer."),
  API_CALL_TIMEOUT("apiCallTimeout", Type.NUMBER, Limits.DEFAULT.apiCallTimeout().toSeconds(), false,
      "Seconds one AWS API call may take, retries included (the SDK's `apiCallTimeout`); then the query fails."),
  API_CALL_ATTEMPT_TIMEOUT("apiCallAttemptTimeout", Type.NUMBER,
      Limits.DEFAULT.apiCallAttemptTimeout().toSeconds(), false,
      "Seconds one attempt of a call may take, however slowly its answer trickles in (the SDK's "
          + "`apiCallAttemptTimeout`); then it is retried, as a 5xx is."),
  MAX_CONCURRENT_CALLS("maxConcurrentCalls", Type.NUMBER, Limits.DEFAULT.maxConcurrentCalls(), false,
      "API calls one query runs at once (regions, id batches, required-parameter values); the rest wait."),
  MAX_CALLS_PER_QUERY("maxCallsPerQuery", Type.NUMBER, Limits.DEFAULT.maxCallsPerQuery(), false,
      "Listing calls one query may start (regions × id batches × value combinations); a query needing more "
          + "fails before any request (SQLState 54000)."),
  USER("user", Type.STRING, null, false,
      "Alias of `accessKeyId` for tools that only offer user and password fields; an empty value is ignored."),
  PASSWORD("password", Type.STRING, null, true,
      "Alias of `secretAccessKey` for tools that only offer user and password fields; an empty value is ignored.");

  /** Upper-cased names, both spellings, as Avatica's {@link ConnectionConfigImpl#parse} looks them up. */
  private static final Map<String, AwsqlProperty> BY_NAME = new HashMap<>();

  static {
    for (AwsqlProperty p : values()) {
      BY_NAME.put(p.name(), p);
      BY_NAME.put(p.camelName.toUpperCase(Locale.ROOT), p);
    }
  }

  private final String camelName;
  private final Type type;
  private final Object defaultValue;
  private final boolean secret;
  private final String description;

  AwsqlProperty(String camelName, Type type, Object defaultValue, boolean secret, String description) {
    this.camelName = camelName;
    this.type = type;
    this.defaultValue = defaultValue;
    this.secret = secret;
    this.description = description;
  }

  /** The property a name given in a URL or {@code Properties} means, whatever its case. */
  public static Optional<AwsqlProperty> named(String name) {
    for (AwsqlProperty p : values()) {
      if (p.camelName.equalsIgnoreCase(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  @Override
  public String camelName() {
    return camelName;
  }

  @Override
  public Object defaultValue() {
    return defaultValue;
  }

  @Override
  public Type type() {
    return type;
  }

  @Override
  public ConnectionConfigImpl.PropEnv wrap(Properties properties) {
    return new ConnectionConfigImpl.PropEnv(ConnectionConfigImpl.parse(properties, BY_NAME), this);
  }

  /** None is required: without any, the AWS default chains say where and as whom to query. */
  @Override
  public boolean required() {
    return false;
  }

  @Override
  public Class<?> valueClass() {
    return type.defaultValueClass();
  }

  /** What the property does, in Markdown (backquoted names), for tools and docs. */
  public String description() {
    return description;
  }

  /** Whether the value is a secret: never shown back, in messages, {@code toString()} or tools. */
  public boolean secret() {
    return secret;
  }

  /** The values a tool may offer in a list, or an empty list when the value is free text. */
  public List<String> choices() {
    return type == Type.BOOLEAN ? List.of("true", "false") : List.of();
  }
}
