package io.awsql.provider;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Carries out INSERTs into resource tables in two steps: {@link #check} every row before the first request
 * (required inputs, value formats, one region per row), then {@link #create} each row with one Create
 * call, in order. A failure stops the work and reports exactly which rows were created and which were not
 * sent; nothing is resent blindly.
 */
public final class ResourceWriter {
  private ResourceWriter() {}

  /** A row ready to be created: its table, the account and region to create in, its input values by input column. */
  public record PendingRow(ResourceDefinition<?> table, Account account, String region, Map<String, String> values) {
    public PendingRow {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
  }

  /**
   * Checks rows laid out as the table's rows ({@code region}, {@code account}, then the definition's columns).
   *
   * @param firstRow the number of the first row in messages (rows of a batch are numbered across it)
   * @param numberRows whether messages name the row (false for a single-row statement)
   */
  public static List<PendingRow> check(ResourceDefinition<?> table, AwsClients clients, List<Object[]> rows,
      int firstRow, boolean numberRows) {
    CreateDefinition create = table.create();
    List<PendingRow> checked = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      Object[] row = rows.get(r);
      String where = numberRows ? "Row " + (firstRow + r) + ": " : "";
      String region = text(row[0]);
      if (region == null) {
        region = defaultRegion(table, clients, where);
      } else if (!ConnectionSettings.isRegionName(region)) {
        throw error(where + "'" + region + "' is not an AWS region name (like us-east-1). Nothing was sent.", "22023");
      }
      Account account = account(table, clients, text(row[ResourceTable.ACCOUNT_FIELD]), where);
      Map<String, String> values = new LinkedHashMap<>();
      for (CreateInput input : create.inputs()) {
        String value = text(row[columnIndex(table, input.column())]);
        if (value == null) {
          if (input.required()) {
            throw error(where + input.column() + " is null; it is required, e.g. " + example(table, create)
                + ". Nothing was sent.", "23502");
          }
          continue;
        }
        String problem = input.check() == null ? null : input.check().apply(value);
        if (problem != null) {
          throw error(where + input.column() + " '" + value + "' is not valid: " + problem + " Nothing was sent.",
              "22023");
        }
        values.put(input.column(), value);
      }
      checked.add(new PendingRow(table, account, region, values));
    }
    return checked;
  }

  /** The region a row without one is created in: the connection's, when it has exactly one. */
  public static String defaultRegion(ResourceDefinition<?> table, AwsClients clients, String where) {
    List<String> defaults = clients.defaultRegions();
    if (defaults.size() != 1) {
      throw error(where + "no region given, and the connection has several (" + String.join(", ", defaults)
          + "): add a region column, e.g. " + example(table, table.create()) + ". Nothing was sent.", "42000");
    }
    return defaults.get(0);
  }

  /**
   * The account a row is created in: the one it names, which must be one of the connection's, or the
   * connection's only account when it names none ({@code account} left out: empty).
   */
  private static Account account(ResourceDefinition<?> table, AwsClients clients, String given, String where) {
    List<Account> accounts = clients.accounts();
    if (given == null || given.isEmpty()) {
      if (accounts.size() != 1) {
        throw error(where + "no account given, and the connection has several: add an account column, e.g. "
            + example(table, table.create()).replace("(region, ", "(region, account, ")
                .replace("('us-east-1', ", "('us-east-1', '" + exampleAccount(accounts.get(0)) + "', ")
            + ". Nothing was sent.", "42000");
      }
      return accounts.get(0);
    }
    if (!AccountSettings.isAccountId(given)) {
      throw error(where + "'" + given + "' is not an AWS account id (12 digits, like 123456789012). Nothing was sent.",
          "22023");
    }
    List<String> known = new ArrayList<>();
    for (Account account : accounts) {
      String id = clients.accountId(account);
      if (id.equals(given)) {
        return account;
      }
      known.add(id);
    }
    throw error(where + "account " + given + " is not among the connection's accounts (" + String.join(", ", known)
        + "); add it to the connection property accounts to create there. Nothing was sent.", "22023");
  }

  /** An account id for an example: one of the connection's when known, without asking STS in an error path. */
  private static String exampleAccount(Account account) {
    return account.knownId() != null ? account.knownId() : "123456789012";
  }

  /** The position of {@code column} in the table's rows (after {@code region} and {@code account}). */
  static int columnIndex(ResourceDefinition<?> table, String column) {
    for (int c = 0; c < table.columns().size(); c++) {
      if (table.columns().get(c).name().equals(column)) {
        return c + ResourceTable.FIRST_RESOURCE_FIELD;
      }
    }
    throw new IllegalStateException(table.qualifiedName() + " has no column " + column + " for its create input");
  }

  /**
   * Creates checked rows in order, each with one Create call; throws {@link InsertFailedException} on the first
   * failure.
   */
  public static InsertResult create(List<PendingRow> rows, AwsClients clients, boolean dryRun) {
    List<InsertResult.Created> created = new ArrayList<>();
    int dryRunAccepted = 0;
    for (int r = 0; r < rows.size(); r++) {
      PendingRow row = rows.get(r);
      Map<String, String> returned;
      try {
        returned = row.table().create().call().create(clients, row.account(), row.region(), row.values(), dryRun);
      } catch (RuntimeException failure) {
        throw partialFailure(failure, r, rows, created);
      }
      if (returned == null) {
        dryRunAccepted++;
      } else {
        Map<String, String> values = new LinkedHashMap<>(row.values());
        values.putAll(returned);
        created.add(new InsertResult.Created(r + 1, row.table(), row.account(), row.region(), values));
      }
    }
    return new InsertResult(created, dryRunAccepted);
  }

  /** Rows listed one by one in a failure report; beyond it they are counted, so the message stays readable. */
  static final int ROWS_LISTED = 20;

  private static InsertFailedException partialFailure(RuntimeException failure, int failedRow, List<PendingRow> rows,
      List<InsertResult.Created> created) {
    PendingRow failed = rows.get(failedRow);
    CreateDefinition create = failed.table().create();
    AwsQueryException aws =
        SdkFailures.translateCreate(failure, create.action(), failed.account().where(failed.region()));
    StringBuilder message = new StringBuilder();
    message.append(create.action()).append(" failed for row ").append(failedRow + 1).append(" of ")
        .append(rows.size()).append(" (").append(failed.account().where(failed.region())).append(", ")
        .append(describe(failed.values())).append("): ").append(aws.getMessage()).append('.');
    if (WriteOutcome.of(failure) == WriteOutcome.UNKNOWN) {
      message.append(" Whether row ").append(failedRow + 1).append(" was created is unknown: AWS may have created it "
          + "before the answer was lost. Check with ").append(checkQuery(failed)).append(" before sending it again.");
    } else {
      message.append(" Row ").append(failedRow + 1).append(" was not created.");
    }
    if (created.isEmpty()) {
      message.append(failedRow == 0 ? "" : " Nothing was created before it.");
    } else {
      message.append(" Created before it: ").append(listed(created.stream()
          .map(c -> "row " + c.row() + " (" + c.account().where(c.region()) + ", " + describe(c.values()) + ")")
          .toList())).append('.');
    }
    if (failedRow + 1 < rows.size()) {
      List<String> notSent = new ArrayList<>();
      for (int r = failedRow + 1; r < rows.size(); r++) {
        notSent.add("row " + (r + 1) + " (" + rows.get(r).account().where(rows.get(r).region()) + ", "
            + describe(rows.get(r).values()) + ")");
      }
      message.append(" Not sent: ").append(listed(notSent)).append('.');
    }
    return new InsertFailedException(message.toString(), aws, failedRow, created, failure);
  }

  private static String listed(List<String> rows) {
    if (rows.size() <= ROWS_LISTED) {
      return String.join("; ", rows);
    }
    return String.join("; ", rows.subList(0, ROWS_LISTED)) + "; and " + (rows.size() - ROWS_LISTED) + " more rows";
  }

  /** A query that shows whether the row's resource exists, e.g. by its AMI id. */
  private static String checkQuery(PendingRow row) {
    String key = row.table().create().keyColumns().stream().filter(row.values()::containsKey).findFirst().orElse(null);
    String account = row.account().isCaller() ? null : row.account().knownId();
    return "SELECT * FROM " + row.table().qualifiedName() + " WHERE region = '" + row.region() + "'"
        + (account == null ? "" : " AND account = '" + account + "'")
        + (key == null ? "" : " AND " + key + " = '" + row.values().get(key) + "'");
  }

  private static String describe(Map<String, String> values) {
    return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
  }

  /** Values as text; CHAR values from VALUES lists come blank-padded, and no AWS id or name ends in a blank. */
  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    return value.toString().stripTrailing();
  }

  /** A correct statement for this table, for error messages. */
  public static String example(ResourceDefinition<?> table, CreateDefinition create) {
    List<String> columns = new ArrayList<>(List.of(ResourceTable.REGION));
    List<String> values = new ArrayList<>(List.of("'us-east-1'"));
    for (CreateInput input : create.inputs()) {
      if (input.required()) {
        columns.add(input.column());
        values.add("'" + input.example() + "'");
      }
    }
    return "INSERT INTO " + table.qualifiedName() + " (" + String.join(", ", columns) + ") VALUES ("
        + String.join(", ", values) + ")";
  }

  static AwsQueryException error(String message, String sqlState) {
    return new AwsQueryException(message, sqlState, null, null, null);
  }
}
