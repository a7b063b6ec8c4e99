package io.awsql.provider;

import java.util.List;
import java.util.Map;

/**
 * One listing call the scan makes, with everything pushed into it: the region, the API filters
 * (name → values, OR within a filter, AND across filters), an id batch, and the page size to ask for
 * (null: the API's default).
 */
public record ApiCall(String region, Map<String, List<String>> filters, List<String> ids, Integer pageSize) {
  public ApiCall {
    filters = Map.copyOf(filters);
    ids = List.copyOf(ids);
  }
}
