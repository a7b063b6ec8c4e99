package io.awsql.localaws;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request as the endpoint understood it: the service and action, the caller's key, region and the
 * account it acted as ({@link Accounts#BASE} for access keys, the role's account for credentials from
 * AssumeRole; null when the caller is unknown, as for an unsigned request), the decoded parameters exactly
 * as sent (EC2's flattened {@code Filter.1.Value.2} names, REST path and query members by name), and what
 * was answered.
 */
public record LoggedRequest(
    String requestId,
    Instant receivedAt,
    String service,
    String action,
    String region,
    String accessKeyId,
    String account,
    Map<String, List<String>> parameters,
    int httpStatus,
    String errorCode) {

  /** An entry from before accounts: the account is unknown. */
  public LoggedRequest(String requestId, Instant receivedAt, String service, String action, String region,
      String accessKeyId, Map<String, List<String>> parameters, int httpStatus, String errorCode) {
    this(requestId, receivedAt, service, action, region, accessKeyId, null, parameters, httpStatus, errorCode);
  }

  /** The single value of a parameter, or null when it was not sent. */
  public String parameter(String name) {
    List<String> values = parameters.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * The members of an EC2 Query list such as {@code ImageId.1, ImageId.2}, in index order; with a
   * suffix, the members of a list of structures ({@code Filter} with {@code Name} gives every filter's name).
   */
  public List<String> list(String prefix) {
    return QueryLists.members(parameters, prefix, "");
  }

  public List<String> list(String prefix, String suffix) {
    return QueryLists.members(parameters, prefix, "." + suffix);
  }

  /** The EC2 Query filters sent, name → values, in the order sent. */
  public Map<String, List<String>> filters() {
    return QueryLists.filters(parameters);
  }

  public boolean succeeded() {
    return httpStatus == 200;
  }
}
