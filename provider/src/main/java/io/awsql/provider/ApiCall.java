package io.awsql.provider;

import java.util.List;
import java.util.Map;

/**
 * One listing call the scan makes, with everything pushed into it: the account and region, required parameters
 * (name → value), the API filters (name → values, OR within a filter, AND across filters), an id batch,
 * the definition's default parameters that apply (name → values), and the page size to ask for (null: the
 * API's default).
 */
public record ApiCall(Account account, String region, Map<String, String> parameters,
    Map<String, List<String>> filters, List<String> ids, Map<String, List<String>> defaults, Integer pageSize) {
  public ApiCall {
    parameters = Map.copyOf(parameters);
    filters = Map.copyOf(filters);
    ids = List.copyOf(ids);
    defaults = Map.copyOf(defaults);
  }

  /**
   * Where the call goes, for messages: {@code us-east-1}, {@code us-east-1 (datastoreId=..., imageSetId=...)},
   * or with the account first when the connection queries other accounts than the caller's.
   */
  public String describe() {
    String where = account.where(region);
    if (parameters.isEmpty()) {
      return where;
    }
    StringBuilder s = new StringBuilder(where).append(" (");
    parameters.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> s.append(s.charAt(s.length() - 1) == '(' ? "" : ", ").append(e.getKey()).append('=')
            .append(e.getValue()));
    return s.append(')').toString();
  }
}
