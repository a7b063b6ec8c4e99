package io.awsql.provider;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a connection says about reaching AWS: regions, credentials, endpoint. Read from JDBC URL
 * properties; unknown names are refused with the list of valid ones, since a mistyped {@code regoin}
 * silently ignored would query the wrong account or region.
 */
public final class ConnectionSettings {
  /** Every property a connection accepts, with the text shown in errors and docs. */
  public static final Map<String, String> PROPERTIES = properties();
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

  private ConnectionSettings(List<String> regions, String profile, URI endpoint, String accessKeyId,
      String secretAccessKey, String sessionToken, boolean local, boolean readOnly, boolean dryRun) {
    this.regions = List.copyOf(regions);
    this.profile = profile;
    this.endpoint = endpoint;
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
    this.sessionToken = sessionToken;
    this.local = local;
    this.readOnly = readOnly;
    this.dryRun = dryRun;
  }

  private static Map<String, String> properties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("region", "AWS region, or a comma-separated list, to query (default: the AWS default region chain)");
    p.put("profile", "named profile from ~/.aws/config and ~/.aws/credentials");
    p.put("endpoint", "endpoint override URI for every service, e.g. http://127.0.0.1:4599");
    p.put("accessKeyId", "static access key id (default: the AWS default credential chain)");
    p.put("secretAccessKey", "static secret access key, with accessKeyId");
    p.put("sessionToken", "session token for temporary credentials, with accessKeyId");
    p.put("local", "true to start an embedded local-aws endpoint with demo data and use it");
    p.put("readOnly", "true to refuse every INSERT before any request is sent");
    p.put("dryRun", "true to send writes with DryRun=true: AWS checks them, nothing is created");
    p.put("user", "alias of accessKeyId, for tools that only offer user/password");
    p.put("password", "alias of secretAccessKey, for tools that only offer user/password");
    return Map.copyOf(p);
  }

  /**
   * Reads and checks connection properties.
   *
   * @throws InvalidSettingException naming the property and what would be valid
   */
  public static ConnectionSettings from(Properties info) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : info.stringPropertyNames()) {
      String key = canonicalName(name);
      if (key == null) {
        throw new InvalidSettingException("Unknown connection property '" + name + "'. Valid properties: "
            + String.join(", ", new TreeSet<>(PROPERTIES.keySet())) + ".");
      }
      values.put(key, info.getProperty(name).trim());
    }
    String accessKeyId = firstNonEmpty(values.get("accessKeyId"), values.get("user"));
    String secret = firstNonEmpty(values.get("secretAccessKey"), values.get("password"));
    String sessionToken = emptyToNull(values.get("sessionToken"));
    if ((accessKeyId == null) != (secret == null)) {
      throw new InvalidSettingException(
          "accessKeyId and secretAccessKey go together: give both, or neither to use the AWS default credential chain.");
    }
    if (sessionToken != null && accessKeyId == null) {
      throw new InvalidSettingException("sessionToken needs accessKeyId and secretAccessKey.");
    }
    List<String> regions = new ArrayList<>();
    String regionList = emptyToNull(values.get("region"));
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
    String endpointText = emptyToNull(values.get("endpoint"));
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
    boolean local = bool(values, "local");
    if (local && endpoint != null) {
      throw new InvalidSettingException("local=true starts its own endpoint: remove endpoint, or local.");
    }
    return new ConnectionSettings(regions, emptyToNull(values.get("profile")), endpoint, accessKeyId, secret,
        sessionToken, local, bool(values, "readOnly"), bool(values, "dryRun"));
  }

  /** The same settings pointed at another endpoint with other keys (used by {@code local=true}). */
  public ConnectionSettings withEndpoint(URI newEndpoint, String newAccessKeyId, String newSecret) {
    return new ConnectionSettings(regions, null, newEndpoint, newAccessKeyId, newSecret, null, false, readOnly,
        dryRun);
  }

  /** The same settings with regions given, when none were configured. */
  public ConnectionSettings withDefaultRegions(List<String> defaultRegions) {
    return regions.isEmpty()
        ? new ConnectionSettings(defaultRegions, profile, endpoint, accessKeyId, secretAccessKey, sessionToken, local,
            readOnly, dryRun)
        : this;
  }

  /** Whether {@code name} has the form of an AWS region name ({@code us-east-1}). */
  public static boolean isRegionName(String name) {
    return REGION.matcher(name).matches();
  }

  private static String canonicalName(String name) {
    for (String known : PROPERTIES.keySet()) {
      if (known.equalsIgnoreCase(name)) {
        return known;
      }
    }
    return null;
  }

  private static boolean bool(Map<String, String> values, String name) {
    String v = values.get(name);
    if (v == null || v.isEmpty()) {
      return false;
    }
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new InvalidSettingException(name + "='" + v + "' must be true or false.");
  }

  private static String firstNonEmpty(String a, String b) {
    return a != null && !a.isEmpty() ? a : emptyToNull(b);
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

  @Override
  public String toString() {
    return "ConnectionSettings[regions=" + regions + ", profile=" + profile + ", endpoint=" + endpoint
        + ", accessKeyId=" + accessKeyId + ", secretAccessKey=" + (secretAccessKey == null ? null : "****")
        + ", sessionToken=" + (sessionToken == null ? null : "****") + ", local=" + local + ", readOnly=" + readOnly
        + ", dryRun=" + dryRun + "]";
  }

  /** A connection property that cannot be used as given. */
  public static final class InvalidSettingException extends IllegalArgumentException {
    public InvalidSettingException(String message) {
      super(message);
    }
  }
}
