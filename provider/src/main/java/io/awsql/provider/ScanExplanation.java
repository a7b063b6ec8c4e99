package io.awsql.provider;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A scan's AWS calls in one line, for {@code EXPLAIN}: what a user needs to know what a query will cost and
 * what AWS evaluates, e.g. {@code DescribeStoreImageTasks × 2 calls: regions us-east-1, eu-west-1;
 * Filter task-state=[Completed]; MaxResults 200; Calcite evaluates LIKE($5, 'acme%')}.
 */
final class ScanExplanation {
  private ScanExplanation() {}

  static String of(ResourceDefinition<?> definition, ScanPlan plan) {
    List<ApiCall> calls = plan.calls();
    if (calls.isEmpty()) {
      return "no call: the predicates contradict each other" + leftToCalcite(plan);
    }
    List<String> parts = new ArrayList<>();
    Set<String> accounts = new LinkedHashSet<>();
    Set<String> regions = new LinkedHashSet<>();
    Map<String, Set<String>> parameters = new TreeMap<>(); // by name: a call's parameters are unordered
    int batches = 0;
    int ids = 0;
    for (ApiCall call : calls) {
      String id = call.account().knownId();
      accounts.add(id != null ? id : call.account().describe());
      regions.add(call.region());
      call.parameters()
          .forEach((name, value) -> parameters.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(value));
      if (!call.ids().isEmpty()) {
        batches++;
        ids += call.ids().size();
      }
    }
    if (accounts.size() > 1 || !calls.get(0).account().isCaller()) {
      parts.add((accounts.size() == 1 ? "account " : "accounts ") + String.join(", ", accounts));
    }
    parts.add((regions.size() == 1 ? "region " : "regions ") + String.join(", ", regions));
    parameters.forEach((name, values) -> parts.add(name + (values.size() == 1 ? "=" + values.iterator().next()
        : " each of " + values)));
    if (batches > 0) {
      parts.add(ids + " ids in " + batches + " batch" + (batches == 1 ? "" : "es"));
    }
    ApiCall first = calls.get(0);
    new TreeMap<>(first.filters()).forEach((name, values) -> parts.add("Filter " + name + "=" + values));
    new TreeMap<>(first.defaults()).forEach((name, values) -> parts.add(name + "=" + String.join(",", values)));
    if (first.pageSize() != null) {
      parts.add("page size " + first.pageSize());
    }
    if (plan.rowBudget() > 0) {
      parts.add("stops after " + plan.rowBudget() + " rows");
    }
    return definition.operation() + " × " + calls.size() + (calls.size() == 1 ? " call: " : " calls: ")
        + String.join("; ", parts) + leftToCalcite(plan);
  }

  private static String leftToCalcite(ScanPlan plan) {
    return plan.leftToCalcite().isEmpty() ? ""
        : "; Calcite evaluates " + plan.leftToCalcite().stream().map(Object::toString).collect(Collectors.joining(
            " AND "));
  }
}
