package io.awsql.provider;

import java.lang.reflect.Type;
import java.sql.SQLWarning;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.CustomColumnResolvingTable;
import org.apache.calcite.schema.ModifiableTable;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.schema.impl.AbstractTableQueryable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql2rel.InitializerExpressionFactory;
import org.apache.calcite.util.Pair;

/**
 * Any {@link ResourceDefinition} as a Calcite table. Equalities the API evaluates exactly (regions,
 * filters, id lists) become request parameters and are removed from Calcite's work; every other
 * predicate stays with Calcite, so the answer is exact whatever is pushed. Rows stream page by page
 * from all calls in parallel. INSERT is planned by Calcite as a table modification ({@link ResourceInsert})
 * and carried out by {@link #insert}: one Create call per row, every row checked first.
 */
public final class ResourceTable<T> extends AbstractTable
    implements ProjectableFilterableTable, ModifiableTable, CustomColumnResolvingTable, TranslatableTable {
  /** Column 0 of every table: the region the row came from, chosen by {@code region = / IN}. */
  public static final String REGION = "region";
  public static final String REGION_DESCRIPTION =
      "The AWS Region of the resource. region = / IN (...) chooses the regions queried; "
          + "otherwise the connection's regions are.";
  /** Column 1 of every table: the account the row came from, chosen by {@code account = / IN}. */
  public static final String ACCOUNT = "account";
  public static final String ACCOUNT_DESCRIPTION =
      "The 12-digit id of the AWS account whose credentials listed the row (not always the owner: see ownerId "
          + "where a table has one). account = / IN (...) chooses among the connection's accounts; otherwise all "
          + "of them are queried.";
  static final int REGION_FIELD = 0;
  static final int ACCOUNT_FIELD = 1;
  /** The field of a definition's first column: after region and account. */
  public static final int FIRST_RESOURCE_FIELD = 2;

  /** Milliseconds: the precision of every time AWS returns. */
  public static final int TIMESTAMP_PRECISION = 3;

  private final ResourceDefinition<T> definition;
  private final AwsClients clients;
  private final ExecutorService executor;
  private final Writes writes;
  private final ConnectionSettings settings;

  public ResourceTable(ResourceDefinition<T> definition, AwsClients clients, ExecutorService executor) {
    this(definition, clients, executor, null, null);
  }

  ResourceTable(ResourceDefinition<T> definition, AwsClients clients, ExecutorService executor, Writes writes,
      ConnectionSettings settings) {
    this.definition = definition;
    this.clients = clients;
    this.executor = executor;
    this.writes = writes;
    this.settings = settings;
  }

  public ResourceDefinition<T> definition() {
    return definition;
  }

  /** The API's description of a column ({@code region} included), or null for no such column. */
  public String columnDescription(String column) {
    if (column.equals(REGION)) {
      return REGION_DESCRIPTION;
    }
    if (column.equals(ACCOUNT)) {
      return ACCOUNT_DESCRIPTION;
    }
    return definition.columns().stream().filter(c -> c.name().equals(column))
        .map(ResourceColumn::description).findFirst().orElse(null);
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    builder.add(REGION, SqlTypeName.VARCHAR).nullable(false);
    builder.add(ACCOUNT, SqlTypeName.VARCHAR).nullable(false);
    for (ResourceColumn<T> column : definition.columns()) {
      if (column.type() == SqlTypeName.TIMESTAMP) {
        // AWS gives times to the millisecond; TIMESTAMP's default precision (0) would cut them off.
        builder.add(column.name(), SqlTypeName.TIMESTAMP, TIMESTAMP_PRECISION).nullable(true);
      } else {
        builder.add(column.name(), column.type()).nullable(true);
      }
    }
    return builder.build();
  }

  /**
   * A plain table scan, as Calcite makes for any table, after teaching the planner awsql's rules: a LIMIT
   * reaching the scan ({@link LimitToScanRule}) and scans explained as AWS calls ({@link ResourceScanRule}).
   * Done here, not by the JDBC driver, so that a Calcite model file mounting awsql gets them too.
   */
  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    RelOptPlanner planner = context.getCluster().getPlanner();
    planner.addRule(ResourceScanRule.BINDABLE);
    planner.addRule(ResourceScanRule.ENUMERABLE);
    planner.addRule(LimitToScanRule.INSTANCE);
    return LogicalTableScan.create(context.getCluster(), relOptTable, context.getTableHints());
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters, int[] projects) {
    ScanPlan plan = plan(filters, root);
    if (plan.calls().isEmpty()) {
      return Linq4j.emptyEnumerable();
    }
    int[] fields = projects != null ? projects : identity(definition.columns().size() + FIRST_RESOURCE_FIELD);
    ScanWarnings warnings = ScanWarnings.of(root);
    Set<String> skipped = skipErrors();
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        List<PagedRows.Source<Located<T>>> sources = new ArrayList<>();
        MissingEverywhere missing = new MissingEverywhere(plan);
        for (ApiCall call : plan.calls()) {
          AtomicInteger pages = new AtomicInteger();
          Iterator<List<Located<T>>> counted = PageSource.map(located(call), page -> {
            pages.incrementAndGet();
            return page;
          });
          sources.add(new PagedRows.Source<>(counted, failure -> {
            AwsQueryException e = SdkFailures.translate(failure, definition.qualifiedName(), call.describe());
            // Skipped only when it gave no rows: a call cut short after some pages would be a silent part.
            if (e.awsErrorCode() != null && skipped.contains(e.awsErrorCode()) && pages.get() == 0) {
              warnings.add(new SQLWarning("Skipped " + call.describe() + " (skipErrors): " + e.getMessage(), "01000",
                  e));
              return null;
            }
            return missing.absorb(call, e) ? null : e;
          }));
        }
        // With a row budget the calls run one after another, so a region is asked only if the ones
        // before it fell short.
        int concurrent = plan.rowBudget() > 0 ? 1 : limits().maxConcurrentCalls();
        return new PagedRows<>(sources, item -> row(item, fields), executor, missing::check, concurrent)
            .rowBudget(plan.rowBudget()).stopWhen(stopWhen(root), clients::abortCallOf);
      }
    };
  }

  @Override
  public TableModify toModificationRel(RelOptCluster cluster, RelOptTable table, Prepare.CatalogReader catalogReader,
      RelNode child, TableModify.Operation operation, List<String> updateColumnList,
      List<RexNode> sourceExpressionList, boolean flattened) {
    if (operation != TableModify.Operation.INSERT) {
      throw notChangeable(operation.name());
    }
    if (definition.create() == null) {
      throw new AwsQueryException(definition.qualifiedName() + " cannot be inserted into: AWS offers no call that "
          + "creates its resources. SELECT reads it. Nothing was sent.", "0A000", null, null, null);
    }
    if (settings != null && settings.readOnly()) {
      throw new AwsQueryException("The connection is read-only (readOnly=true): INSERT into "
          + definition.qualifiedName() + " refused, nothing was sent.", "25006", null, null, null);
    }
    return ResourceInsert.create(table, catalogReader, child);
  }

  /** UPDATE, DELETE and MERGE: AWS cannot change a listed resource in place, so say what can be done instead. */
  private AwsQueryException notChangeable(String statement) {
    return new AwsQueryException(statement + " is not possible on " + definition.qualifiedName()
        + ": AWS offers no call that changes or deletes its rows. SELECT reads it"
        + (definition.create() == null ? "" : "; INSERT creates new ones (" + definition.create().action() + ")")
        + ". Nothing was sent.", "0A000", null, null, null);
  }

  /**
   * Rows are not a collection: INSERT has its own plan ({@link ResourceInsert}), and Calcite asks for this
   * only to carry out UPDATE, DELETE or MERGE, which AWS cannot do.
   */
  @Override
  public Collection<?> getModifiableCollection() {
    throw notChangeable("UPDATE, DELETE or MERGE");
  }

  /**
   * Carries out an INSERT: reads every source row first (so {@code INSERT ... SELECT} from this very table
   * sees none of the new resources), then checks and creates them; called by the generated code of
   * {@link EnumerableResourceInsert}.
   *
   * @param source rows in this table's column order
   * @return the number of resources created
   */
  public long insert(Enumerable<Object[]> source) {
    return writes.insert(definition, source.toList());
  }

  @Override
  public Type getElementType() {
    return Object[].class;
  }

  @Override
  public Expression getExpression(SchemaPlus schema, String tableName, Class clazz) {
    if (clazz == ModifiableTable.class) {
      // Only Calcite's collection-based UPDATE/DELETE/MERGE ask for the table this way: refuse while planning.
      throw notChangeable("UPDATE, DELETE or MERGE");
    }
    // The same expression Calcite uses for any ProjectableFilterableTable: a scan with nothing pushed.
    return Schemas.tableExpression(schema, Object[].class, tableName, ResourceTable.class);
  }

  @Override
  public <E> Queryable<E> asQueryable(QueryProvider queryProvider, SchemaPlus schema, String tableName) {
    return new AbstractTableQueryable<>(queryProvider, schema, this, tableName) {
      @SuppressWarnings("unchecked")
      @Override
      public Enumerator<E> enumerator() {
        return (Enumerator<E>) scan(null, new ArrayList<>(), null).enumerator();
      }
    };
  }

  /**
   * Column names as the table has them, any case, and the API member names StackQL's INSERTs use
   * ({@code ImageId} for {@code amiId}).
   */
  @Override
  public List<Pair<RelDataTypeField, List<String>>> resolveColumn(RelDataType rowType,
      RelDataTypeFactory typeFactory, List<String> names) {
    String name = names.get(0);
    String column = name;
    if (definition.create() != null) {
      column = definition.create().inputs().stream().filter(i -> i.isNamed(name)).map(CreateInput::column)
          .findFirst().orElse(name);
    }
    for (RelDataTypeField field : rowType.getFieldList()) {
      if (field.getName().equalsIgnoreCase(column)) {
        return List.of(Pair.of(field, names.subList(1, names.size())));
      }
    }
    return List.of();
  }

  @Override
  public <C> C unwrap(Class<C> type) {
    if (type == InitializerExpressionFactory.class) {
      return type.cast(new InsertColumns(definition, clients));
    }
    return super.unwrap(type);
  }

  private Limits limits() {
    return settings == null ? Limits.DEFAULT : settings.limits();
  }

  private Set<String> skipErrors() {
    return settings == null ? Set.of() : settings.accounts().skipErrors();
  }

  /** The statement's cancel flag and query timeout, as Calcite puts them in the DataContext. */
  private static PagedRows.StopWhen stopWhen(DataContext root) {
    if (root == null) {
      return PagedRows.StopWhen.NEVER;
    }
    Object timeout = root.get(DataContext.Variable.TIMEOUT.camelName);
    return PagedRows.StopWhen.of(DataContext.Variable.CANCEL_FLAG.get(root),
        timeout instanceof Number n ? n.longValue() : 0);
  }

  /**
   * Decides the calls for a scan and removes from {@code filters} the predicates those calls evaluate
   * exactly ({@link ScanPlanner}).
   */
  ScanPlan plan(List<RexNode> filters, DataContext execution) {
    return new ScanPlanner<>(definition, clients, settings).plan(filters, execution);
  }

  /** A query that gives every required column, for error messages. */
  public String exampleQuery() {
    return ScanPlanner.exampleQuery(definition);
  }

  /**
   * What a scan offered {@code filters} will ask AWS, in one line for {@code EXPLAIN}: the listing operation
   * and number of calls, the accounts and regions, what is pushed into every call, and what Calcite still
   * evaluates. Bound parameters are not known yet: their predicates show as left to Calcite, and are pushed at
   * execution as literals are.
   */
  public String explainCalls(List<RexNode> filters) {
    ScanPlan plan;
    try {
      plan = plan(new ArrayList<>(filters), null);
    } catch (AwsQueryException e) {
      return "fails before any request: " + e.getMessage();
    }
    return ScanExplanation.of(definition, plan);
  }

  private Iterator<List<Located<T>>> located(ApiCall call) {
    return PageSource.map(definition.pages().pages(clients, call),
        page -> page.stream().map(item -> new Located<>(call, item)).toList());
  }

  private Object[] row(Located<T> located, int[] fields) {
    Object[] row = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      int f = fields[i];
      if (f == REGION_FIELD) {
        row[i] = located.call().region();
        continue;
      }
      if (f == ACCOUNT_FIELD) {
        // Known, or learned once per connection at the first row that needs it: a failing listing call
        // is then reported as itself, not as the STS call before it.
        row[i] = clients.accountId(located.call().account());
        continue;
      }
      ResourceColumn<T> column = definition.columns().get(f - FIRST_RESOURCE_FIELD);
      row[i] = column.pushdown().kind() == ColumnPushdown.Kind.REQUIRED_PARAMETER
          ? located.call().parameters().get(column.pushdown().apiName())
          : internal(column.reader().apply(located.item()));
    }
    return row;
  }

  /** Calcite's internal representation: TIMESTAMP as epoch milliseconds. */
  private static Object internal(Object value) {
    return value instanceof Instant instant ? instant.toEpochMilli() : value;
  }

  private static int[] identity(int n) {
    int[] fields = new int[n];
    for (int i = 0; i < n; i++) {
      fields[i] = i;
    }
    return fields;
  }

  /** An item and the call (region, parameters) that listed it. */
  private record Located<T>(ApiCall call, T item) {}

  /**
   * A named resource (a data store, an image set) lives in one region of one account. Where a query leaves
   * the regions or the accounts to the connection, "not found" in some of them only means "not there": those
   * calls end without rows, and the query fails only if the resource was found in none. A region or account
   * the query names is one it expects the resource in: not found there is an error.
   */
  private static final class MissingEverywhere {
    private final ScanPlan plan;
    /** The calls one resource is looked for in, when the query named neither: the defaulted dimensions. */
    private final int places;
    private final Map<String, Map<String, AwsQueryException>> notFound = new HashMap<>();

    MissingEverywhere(ScanPlan plan) {
      this.plan = plan;
      this.places = (plan.regionsNamed() ? 1 : plan.regionCount()) * (plan.accountsNamed() ? 1 : plan.accountCount());
    }

    synchronized boolean absorb(ApiCall call, AwsQueryException e) {
      if (places < 2 || !"42704".equals(e.sqlState()) || call.parameters().isEmpty()) {
        return false;
      }
      // One resource: its parameters, in the region and account the query named, if it did.
      String resource = call.parameters() + (plan.regionsNamed() ? " " + call.region() : "")
          + (plan.accountsNamed() ? " " + call.account().describe() : "");
      notFound.computeIfAbsent(resource, r -> new LinkedHashMap<>())
          .put(call.account().describe() + " " + call.region(), e);
      return true;
    }

    synchronized void check() {
      for (Map<String, AwsQueryException> failures : notFound.values()) {
        if (failures.size() == places) {
          AwsQueryException last = failures.values().iterator().next();
          String where = plan.regionsNamed() ? " accounts" : plan.accountsNamed() || plan.accountCount() == 1
              ? " regions" : " account-regions";
          throw new AwsQueryException(last.getMessage() + "; not found in any of the connection's " + places + where
              + " either", last.sqlState(), last.awsErrorCode(), last.requestId(), last);
        }
      }
    }
  }
}
