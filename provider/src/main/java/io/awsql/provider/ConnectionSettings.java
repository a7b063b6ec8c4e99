package io.awsql.provider;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a connection says about reaching AWS: regions, credentials, endpoint. Read from JDBC URL
 * properties ({@link AwsqlProperty}); unknown names are refused with the list of valid ones, since a
 * mistyped {@code regoin} silently ignored would query the wrong account or region; so is a property
 * given twice.
 */
public final class ConnectionSettings {
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

  private final List<String> regions;
  private final String profile;
  private final URI endpoint;
  private final String accessKeyId;
  private final String secretAccessKey;
  private final String sessionToken;
  private final boolean local;
  private final boolean readOnly;
  private final boolean dryRun;
  private final Limits limits;
  private final boolean pushIdLists;
  private final AccountSettings accounts;

  private ConnectionSettings(List<String> regions, String profile, URI endpoint, String accessKeyId,
      String secretAccessKey, String sessionToken, boolean local, boolean readOnly, boolean dryRun, Limits limits,
      boolean pushIdLists, AccountSettings accounts) {
    this.regions = List.copyOf(regions);
    this.profile = profile;
    this.endpoint = endpoint;
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
    this.sessionToken = sessionToken;
    this.local = local;
    this.readOnly = readOnly;
    this.dryRun = dryRun;
    this.limits = limits;
    this.pushIdLists = pushIdLists;
    this.accounts = accounts;
  }

  /**
   * Reads and checks connection properties.
   *
   * @throws InvalidSettingException naming the property and what would be valid
   */
  public static ConnectionSettings from(Properties info) {
    Map<AwsqlProperty, String> values = new EnumMap<>(AwsqlProperty.class);
    Map<AwsqlProperty, String> spelling = new EnumMap<>(AwsqlProperty.class);
    for (String name : new TreeSet<>(info.stringPropertyNames())) {
      AwsqlProperty property = AwsqlProperty.named(name).orElseThrow(() -> new InvalidSettingException(
          "Unknown connection property '" + name + "'. Valid properties: " + validNames() + "."));
      String earlier = spelling.putIfAbsent(property, name);
      if (earlier != null) {
        // region=a;Region=b: which one won would depend on hashing, so neither does.
        throw new InvalidSettingException("Connection property " + property.camelName() + " is given twice, as '"
            + earlier + "' and '" + name + "': give it once.");
      }
      values.put(property, info.getProperty(name).trim());
    }
    String accessKeyId = oneOf(values, AwsqlProperty.ACCESS_KEY_ID, AwsqlProperty.USER);
    String secret = oneOf(values, AwsqlProperty.SECRET_ACCESS_KEY, AwsqlProperty.PASSWORD);
    String sessionToken = emptyToNull(values.get(AwsqlProperty.SESSION_TOKEN));
    if ((accessKeyId == null) != (secret == null)) {
      throw new InvalidSettingException(
          "accessKeyId and secretAccessKey go together: give both, or neither to use the AWS default credential"
              + " chain.");
    }
    if (sessionToken != null && accessKeyId == null) {
      throw new InvalidSettingException("sessionToken needs accessKeyId and secretAccessKey.");
    }
    List<String> regions = new ArrayList<>();
    String regionList = emptyToNull(values.get(AwsqlProperty.REGION));
    if (regionList != null) {
      for (String r : regionList.split(",")) {
        String region = r.trim().toLowerCase(Locale.ROOT);
        if (!isRegionName(region)) {
          throw new InvalidSettingException("region '" + r.trim()
              + "' is not an AWS region name; use names like us-east-1 or eu-west-1, separated by commas.");
        }
        if (!regions.contains(region)) {
          regions.add(region);
        }
      }
    }
    URI endpoint = null;
    String endpointText = emptyToNull(values.get(AwsqlProperty.ENDPOINT));
    if (endpointText != null) {
      try {
        endpoint = new URI(endpointText);
      } catch (URISyntaxException e) {
        throw new InvalidSettingException("endpoint '" + endpointText + "' is not a URI: " + e.getReason());
      }
      if (endpoint.getScheme() == null || endpoint.getHost() == null
          || !(endpoint.getScheme().equals("http") || endpoint.getScheme().equals("https"))) {
        throw new InvalidSettingException("endpoint '" + endpointText
            + "' must be an absolute http or https URI, e.g. http://127.0.0.1:4599.");
      }
    }
    boolean local = bool(values, AwsqlProperty.LOCAL);
    if (local && endpoint != null) {
      throw new InvalidSettingException("local=true starts its own endpoint: remove endpoint, or local.");
    }
    String profile = emptyToNull(values.get(AwsqlProperty.PROFILE));
    AccountSettings accounts = AccountSettings.parse(emptyToNull(values.get(AwsqlProperty.ACCOUNTS)),
        emptyToNull(values.get(AwsqlProperty.ROLE_NAME)), emptyToNull(values.get(AwsqlProperty.ROLE_ARN)),
        emptyToNull(values.get(AwsqlProperty.EXTERNAL_ID)), emptyToNull(values.get(AwsqlProperty.ROLE_SESSION_NAME)),
        emptyToNull(values.get(AwsqlProperty.PROFILES)), emptyToNull(values.get(AwsqlProperty.SKIP_ERRORS)), profile,
        accessKeyId != null);
    if (local && !accounts.profiles().isEmpty()) {
      throw new InvalidSettingException("local=true queries local-aws with its demo key: profiles cannot apply. "
          + "To try several accounts locally, use accounts=123456789012,210987654321;roleName=Inventory.");
    }
    return new ConnectionSettings(regions, profile, endpoint, accessKeyId,
        secret, sessionToken, local, bool(values, AwsqlProperty.READ_ONLY), bool(values, AwsqlProperty.DRY_RUN),
        new Limits(
            Duration.ofSeconds(positive(values, AwsqlProperty.API_CALL_TIMEOUT,
                Limits.DEFAULT.apiCallTimeout().toSeconds())),
            Duration.ofSeconds(positive(values, AwsqlProperty.API_CALL_ATTEMPT_TIMEOUT,
                Limits.DEFAULT.apiCallAttemptTimeout().toSeconds())),
            (int) positive(values, AwsqlProperty.MAX_CONCURRENT_CALLS, Limits.DEFAULT.maxConcurrentCalls()),
            (int) positive(values, AwsqlProperty.MAX_CALLS_PER_QUERY, Limits.DEFAULT.maxCallsPerQuery())),
        bool(values, AwsqlProperty.PUSH_ID_LISTS), accounts);
  }

  /** The names of every property, sorted, for messages. */
  public static String validNames() {
    TreeSet<String> names = new TreeSet<>();
    for (AwsqlProperty p : AwsqlProperty.values()) {
      names.add(p.camelName());
    }
    return String.join(", ", names);
  }

  /**
   * The value of a property or of its JDBC alias (user, password). An empty alias is ignored, since tools
   * send empty user and password fields; both given is refused rather than one silently winning.
   */
  private static String oneOf(Map<AwsqlProperty, String> values, AwsqlProperty property, AwsqlProperty alias) {
    String value = emptyToNull(values.get(property));
    String aliased = emptyToNull(values.get(alias));
    if (value != null && aliased != null) {
      throw new InvalidSettingException(property.camelName() + " and " + alias.camelName() + " are both given; "
          + alias.camelName() + " is an alias of " + property.camelName() + " for tools with only user and password "
          + "fields: give one of them.");
    }
    return value != null ? value : aliased;
  }

  /** The same settings pointed at another endpoint with other keys (used by {@code local=true}). */
  public ConnectionSettings withEndpoint(URI newEndpoint, String newAccessKeyId, String newSecret) {
    return new ConnectionSettings(regions, null, newEndpoint, newAccessKeyId, newSecret, null, false, readOnly,
        dryRun, limits, pushIdLists, accounts);
  }

  /** The same settings with regions given, when none were configured. */
  public ConnectionSettings withDefaultRegions(List<String> defaultRegions) {
    return regions.isEmpty()
        ? new ConnectionSettings(defaultRegions, profile, endpoint, accessKeyId, secretAccessKey, sessionToken, local,
            readOnly, dryRun, limits, pushIdLists, accounts)
        : this;
  }

  /** Whether {@code name} has the form of an AWS region name ({@code us-east-1}). */
  public static boolean isRegionName(String name) {
    return REGION.matcher(name).matches();
  }

  private static boolean bool(Map<AwsqlProperty, String> values, AwsqlProperty property) {
    String name = property.camelName();
    String v = values.get(property);
    if (v == null || v.isEmpty()) {
      return false;
    }
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new InvalidSettingException(name + "='" + v + "' must be true or false.");
  }

  /** A whole number above 0, up to 1,000,000. */
  private static long positive(Map<AwsqlProperty, String> values, AwsqlProperty property, long otherwise) {
    String v = emptyToNull(values.get(property));
    if (v == null) {
      return otherwise;
    }
    try {
      long n = Long.parseLong(v);
      if (n > 0 && n <= 1_000_000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new InvalidSettingException(property.camelName() + "='" + v + "' must be a whole number from 1 to 1000000.");
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** Regions configured explicitly; empty means "ask the AWS default region chain". */
  public List<String> regions() {
    return regions;
  }

  public String profile() {
    return profile;
  }

  public URI endpoint() {
    return endpoint;
  }

  public String accessKeyId() {
    return accessKeyId;
  }

  public String secretAccessKey() {
    return secretAccessKey;
  }

  public String sessionToken() {
    return sessionToken;
  }

  public boolean local() {
    return local;
  }

  /** Whether writes are refused. */
  public boolean readOnly() {
    return readOnly;
  }

  /** Whether writes are sent as dry runs. */
  public boolean dryRun() {
    return dryRun;
  }

  /**
   * Whether id equalities go to the API as id lists (EC2's ImageIds), whose answer is not always the SQL
   * answer; otherwise they are evaluated locally.
   */
  public boolean pushIdLists() {
    return pushIdLists;
  }

  /** The accounts to query and the errors that skip one. */
  public AccountSettings accounts() {
    return accounts;
  }

  /** Timeouts and caps on the work of one query. */
  public Limits limits() {
    return limits;
  }

  @Override
  public String toString() {
    return "ConnectionSettings[regions=" + regions + ", profile=" + profile + ", endpoint=" + endpoint
        + ", accessKeyId=" + accessKeyId + ", secretAccessKey=" + (secretAccessKey == null ? null : "****")
        + ", sessionToken=" + (sessionToken == null ? null : "****") + ", local=" + local + ", readOnly=" + readOnly
        + ", dryRun=" + dryRun + ", pushIdLists=" + pushIdLists + ", " + limits + ", " + accounts + "]";
  }

  /** A connection property that cannot be used as given. */
  public static final class InvalidSettingException extends IllegalArgumentException {
    public InvalidSettingException(String message) {
      super(message);
    }
  }
}
