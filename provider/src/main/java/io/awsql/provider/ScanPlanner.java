package io.awsql.provider;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexNode;

/**
 * Decides the AWS calls of one scan, step by step: which WHERE conjuncts are equalities the API can take,
 * which accounts and regions to call, the id batches, filters, required and default parameters, and the
 * page size; every predicate the calls evaluate exactly is taken out of Calcite's work, every other one
 * stays. Each step is a small function of its inputs, tested on its own ({@code ScanPlannerTest}).
 */
final class ScanPlanner<T> {
  private final ResourceDefinition<T> definition;
  private final AwsClients clients;
  private final ConnectionSettings settings;

  ScanPlanner(ResourceDefinition<T> definition, AwsClients clients, ConnectionSettings settings) {
    this.definition = definition;
    this.clients = clients;
    this.settings = settings;
  }

  /**
   * The calls for a scan; removes from {@code filters} the predicates those calls evaluate exactly.
   *
   * @param execution the execution's DataContext, for bound parameters; null when planning without one
   *     ({@code EXPLAIN}): then {@code = ?} stays with Calcite
   */
  ScanPlan plan(List<RexNode> filters, DataContext execution) {
    // Calcite hands over the WHERE clause as one AND; each conjunct is pushed or left on its own.
    List<RexNode> conjuncts = new ArrayList<>();
    filters.forEach(f -> conjuncts.addAll(RelOptUtil.conjunctions(f)));
    long rowsNeeded = RowsNeeded.take(conjuncts);
    Pushed pushed = pushed(conjuncts, execution);
    List<String> regions = regions(pushed);
    List<Account> accounts = pushed.values.containsKey(ResourceTable.ACCOUNT_FIELD)
        ? accountsNamed(pushed.values.get(ResourceTable.ACCOUNT_FIELD)) : clients.accounts();
    IdList ids = idList(pushed);
    Map<String, List<String>> apiFilters =
        ids != null && definition.idsOverrideFilters() ? Map.of() : apiFilters(pushed);
    Map<String, List<String>> parameterValues = requiredParameters(definition, pushed.values);
    Set<Integer> exact = exactFields(ids, apiFilters, pushed);
    for (int field : exact) {
      conjuncts.removeAll(pushed.predicates.getOrDefault(field, List.of()));
    }
    filters.clear();
    filters.addAll(conjuncts);
    // A LIMIT bounds what the API must return only when the API evaluates the whole WHERE clause.
    long rowBudget = conjuncts.isEmpty() ? rowsNeeded : 0;
    boolean contradiction = pushed.values.entrySet().stream()
        .anyMatch(e -> exact.contains(e.getKey()) && e.getValue().isEmpty())
        || apiFilters.values().stream().anyMatch(List::isEmpty);
    List<ApiCall> calls = contradiction ? List.of() : calls(accounts, regions, parameterValues, ids, apiFilters,
        defaultParameters(definition, apiFilters), pageSize(definition, ids != null, rowBudget));
    checkCallCount(calls.size(), accounts.size(), regions.size());
    return new ScanPlan(calls, pushed.values.containsKey(ResourceTable.REGION_FIELD),
        pushed.values.containsKey(ResourceTable.ACCOUNT_FIELD), regions.size(), accounts.size(), rowBudget, conjuncts);
  }

  /**
   * The equalities among the conjuncts that reach the API (the region, the account, and columns the API
   * takes), by field, each with the values any of which may match (several conjuncts on one field
   * intersect), and the conjuncts that gave them.
   */
  record Pushed(Map<Integer, Set<String>> values, Map<Integer, List<RexNode>> predicates) {}

  Pushed pushed(List<RexNode> conjuncts, DataContext execution) {
    Map<Integer, Set<String>> values = new HashMap<>();
    Map<Integer, List<RexNode>> predicates = new HashMap<>();
    for (RexNode conjunct : conjuncts) {
      Equalities e = Equalities.of(conjunct, execution);
      if (e != null && (e.column() < ResourceTable.FIRST_RESOURCE_FIELD || pushable(pushdownOf(e.column())))) {
        values.merge(e.column(), new LinkedHashSet<>(e.values()), (a, b) -> {
          a.retainAll(b);
          return a;
        });
        predicates.computeIfAbsent(e.column(), k -> new ArrayList<>()).add(conjunct);
      }
    }
    return new Pushed(values, predicates);
  }

  /**
   * Whether equalities on a column with this pushdown reach the API. Id lists only when the connection asks
   * for them: an API may answer an id list other than SQL would (EC2's ImageIds: each AMI's latest task).
   */
  private boolean pushable(ColumnPushdown how) {
    return switch (how.kind()) {
      case NONE -> false;
      case ID_LIST -> settings != null && settings.pushIdLists();
      default -> true;
    };
  }

  /** The regions {@code region = / IN} names, checked, else the connection's. */
  List<String> regions(Pushed pushed) {
    Set<String> named = pushed.values.get(ResourceTable.REGION_FIELD);
    if (named == null) {
      return clients.defaultRegions();
    }
    for (String region : named) {
      if (!ConnectionSettings.isRegionName(region)) {
        throw new AwsQueryException("'" + region + "' is not an AWS region name; write regions in lower case, "
            + "like region = 'us-east-1' or region IN ('us-east-1', 'eu-west-1').", "22023", null, null, null);
      }
    }
    return new ArrayList<>(named);
  }

  /**
   * The accounts {@code account = / IN} chooses, checked before any request: each must be an account id and
   * one of the connection's.
   */
  List<Account> accountsNamed(Set<String> ids) {
    for (String id : ids) {
      if (!AccountSettings.isAccountId(id)) {
        throw new AwsQueryException("'" + id + "' is not an AWS account id: account ids are 12 digits, like "
            + "account = '123456789012'. Nothing was sent.", "22023", null, null, null);
      }
    }
    List<Account> chosen = new ArrayList<>();
    List<String> known = new ArrayList<>();
    for (Account account : clients.accounts()) {
      String id = clients.accountId(account);
      known.add(id);
      if (ids.contains(id)) {
        chosen.add(account);
      }
    }
    List<String> unknown = ids.stream().filter(id -> !known.contains(id)).toList();
    if (!unknown.isEmpty()) {
      String them = unknown.size() == 1 ? "it" : "them";
      throw new AwsQueryException("account " + String.join(", ", unknown) + (unknown.size() == 1 ? " is" : " are")
          + " not among the connection's accounts (" + String.join(", ", known) + "); to query " + them + ", add "
          + them + " to the connection property accounts (with roleName), or profiles. Nothing was sent.", "22023",
          null, null, null);
    }
    return chosen;
  }

  /** An id list pushed (its field, API parameter and values), split into calls of {@code batchSize}. */
  record IdList(int field, String parameter, List<String> ids, int batchSize) {
    List<List<String>> batches() {
      List<List<String>> batches = new ArrayList<>();
      for (int from = 0; from < ids.size(); from += batchSize) {
        batches.add(ids.subList(from, Math.min(ids.size(), from + batchSize)));
      }
      return batches;
    }
  }

  IdList idList(Pushed pushed) {
    for (Map.Entry<Integer, Set<String>> entry : pushed.values.entrySet()) {
      if (entry.getKey() >= ResourceTable.FIRST_RESOURCE_FIELD) {
        ColumnPushdown how = pushdownOf(entry.getKey());
        if (how.kind() == ColumnPushdown.Kind.ID_LIST) {
          return new IdList(entry.getKey(), how.apiName(), new ArrayList<>(entry.getValue()), how.batchSize());
        }
      }
    }
    return null;
  }

  /**
   * The API filters, by name, from the pushed filter columns, except values with {@code *} or {@code ?}: EC2
   * takes those as wildcards, so such a value is no equality and stays with Calcite.
   */
  Map<String, List<String>> apiFilters(Pushed pushed) {
    Map<String, List<String>> filters = new LinkedHashMap<>();
    for (Map.Entry<Integer, Set<String>> entry : pushed.values.entrySet()) {
      if (entry.getKey() < ResourceTable.FIRST_RESOURCE_FIELD) {
        continue;
      }
      ColumnPushdown how = pushdownOf(entry.getKey());
      if (how.kind() == ColumnPushdown.Kind.FILTER && entry.getValue().stream().noneMatch(ScanPlanner::isWildcard)) {
        filters.put(how.apiName(), new ArrayList<>(entry.getValue()));
      }
    }
    return filters;
  }

  private static boolean isWildcard(String value) {
    return value.indexOf('*') >= 0 || value.indexOf('?') >= 0;
  }

  /** The fields whose predicates the calls evaluate exactly: taken out of Calcite's work. */
  private Set<Integer> exactFields(IdList ids, Map<String, List<String>> apiFilters, Pushed pushed) {
    Set<Integer> exact = new LinkedHashSet<>(List.of(ResourceTable.REGION_FIELD, ResourceTable.ACCOUNT_FIELD));
    if (ids != null) {
      exact.add(ids.field());
    }
    for (int field : pushed.values.keySet()) {
      if (field >= ResourceTable.FIRST_RESOURCE_FIELD) {
        ColumnPushdown how = pushdownOf(field);
        if (how.kind() == ColumnPushdown.Kind.FILTER && apiFilters.containsKey(how.apiName())
            || how.kind() == ColumnPushdown.Kind.REQUIRED_PARAMETER) {
          exact.add(field);
        }
      }
    }
    return exact;
  }

  /**
   * The values of each required parameter, checked: all must be given with = or IN, and each value must
   * have the API's form, or the query fails here, before any request.
   */
  static Map<String, List<String>> requiredParameters(ResourceDefinition<?> definition,
      Map<Integer, Set<String>> pushed) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (int c = 0; c < definition.columns().size(); c++) {
      ResourceColumn<?> column = definition.columns().get(c);
      ColumnPushdown how = column.pushdown();
      if (how.kind() != ColumnPushdown.Kind.REQUIRED_PARAMETER) {
        continue;
      }
      Set<String> given = pushed.get(c + ResourceTable.FIRST_RESOURCE_FIELD);
      if (given == null) {
        missing.add(column.name());
        continue;
      }
      for (String value : given) {
        if (!how.pattern().matcher(value).matches()) {
          throw new AwsQueryException(column.name() + " '" + value + "' is not valid: it must match " + how.pattern()
              + ", like '" + how.example() + "'. Nothing was sent.", "22023", null, null, null);
        }
      }
      values.put(how.apiName(), new ArrayList<>(given));
    }
    if (!missing.isEmpty()) {
      List<String> required = definition.columns().stream()
          .filter(col -> col.pushdown().kind() == ColumnPushdown.Kind.REQUIRED_PARAMETER)
          .map(ResourceColumn::name).toList();
      throw new AwsQueryException(definition.qualifiedName() + " can only be read for given "
          + String.join(" and ", required) + " (the API requires them); "
          + (missing.size() == 1 ? missing.get(0) + " is" : String.join(" and ", missing) + " are")
          + " missing or not given with = or IN. For example: " + exampleQuery(definition) + ". Nothing was sent.",
          "42000", null, null, null);
    }
    return values;
  }

  /** A query that gives every required column, for error messages. */
  static String exampleQuery(ResourceDefinition<?> definition) {
    List<String> conditions = new ArrayList<>();
    definition.columns().stream().filter(c -> c.pushdown().kind() == ColumnPushdown.Kind.REQUIRED_PARAMETER)
        .forEach(c -> conditions.add(c.name() + " = '" + c.pushdown().example() + "'"));
    return "SELECT * FROM " + definition.qualifiedName()
        + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions));
  }

  /** The definition's default parameters that apply: those whose overriding filters were not pushed. */
  static Map<String, List<String>> defaultParameters(ResourceDefinition<?> definition,
      Map<String, List<String>> apiFilters) {
    Map<String, List<String>> defaults = new LinkedHashMap<>();
    for (ResourceDefinition.DefaultParameter p : definition.defaultParameters()) {
      if (p.unlessFilters().stream().noneMatch(apiFilters::containsKey)) {
        defaults.put(p.name(), p.values());
      }
    }
    return defaults;
  }

  /**
   * The page size to ask for: the API's largest, or as many rows as a LIMIT can use (not below the API's
   * smallest); none where the API takes none, or refuses one beside ids.
   */
  static Integer pageSize(ResourceDefinition<?> definition, boolean withIds, long rowBudget) {
    if (definition.maxPageSize() <= 0 || withIds && !definition.pageSizeWithIds()) {
      return null;
    }
    if (rowBudget > 0) {
      return (int) Math.max(definition.minPageSize(), Math.min(definition.maxPageSize(), rowBudget));
    }
    return definition.maxPageSize();
  }

  /** One call per account × region × combination of required parameter values × id batch. */
  static List<ApiCall> calls(List<Account> accounts, List<String> regions, Map<String, List<String>> parameterValues,
      IdList ids, Map<String, List<String>> apiFilters, Map<String, List<String>> defaults, Integer pageSize) {
    List<ApiCall> calls = new ArrayList<>();
    List<List<String>> batches = ids == null ? List.of(List.of()) : ids.batches();
    for (Account account : accounts) {
      for (String region : regions) {
        for (Map<String, String> parameters : combinations(parameterValues)) {
          for (List<String> batch : batches) {
            calls.add(new ApiCall(account, region, parameters, apiFilters, batch, defaults, pageSize));
          }
        }
      }
    }
    return calls;
  }

  /** Every combination of one value per parameter (one call each). */
  static List<Map<String, String>> combinations(Map<String, List<String>> values) {
    List<Map<String, String>> result = new ArrayList<>();
    result.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> partial : result) {
        for (String value : e.getValue()) {
          Map<String, String> extended = new LinkedHashMap<>(partial);
          extended.put(e.getKey(), value);
          next.add(extended);
        }
      }
      result = next;
    }
    return result;
  }

  private void checkCallCount(int calls, int accounts, int regions) {
    int max = settings == null ? Limits.DEFAULT.maxCallsPerQuery() : settings.limits().maxCallsPerQuery();
    if (calls > max) {
      throw new AwsQueryException("This query on " + definition.qualifiedName() + " would make " + calls
          + " listing calls (" + (accounts > 1 ? accounts + " accounts × " : "") + regions + " region(s) × "
          + (calls / (accounts * regions)) + " id batches or value combinations); the limit is " + max
          + " (connection property maxCallsPerQuery). Narrow the IN lists, " + (accounts > 1 ? "accounts " : "")
          + "or regions. Nothing was sent.", "54000", null, null, null);
    }
  }

  /** The pushdown of a definition's column, by its field number in the table's rows. */
  private ColumnPushdown pushdownOf(int field) {
    return definition.columns().get(field - ResourceTable.FIRST_RESOURCE_FIELD).pushdown();
  }
}
