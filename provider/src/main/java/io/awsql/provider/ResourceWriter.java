package io.awsql.provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Carries out an INSERT into a resource table: every row is checked before the first request (required
 * inputs, value formats, one region per row), then each row is one Create call, in order. A failure
 * stops the statement and reports exactly which rows were created and which were not sent; nothing is
 * resent blindly.
 */
public final class ResourceWriter {
  private ResourceWriter() {}

  /**
   * @param columns the INSERT's target columns as written (table columns or API member names)
   * @param rows the values, one array per row, in the order of {@code columns}
   */
  public static InsertResult insert(ResourceDefinition<?> table, AwsClients clients, ConnectionSettings settings,
      List<String> columns, List<Object[]> rows) {
    CreateDefinition create = table.create();
    if (create == null) {
      throw error(table.qualifiedName() + " cannot be inserted into: AWS offers no create call for it.", "42000");
    }
    if (settings.readOnly()) {
      throw error("The connection is read-only (readOnly=true): INSERT into " + table.qualifiedName()
          + " refused, nothing was sent.", "25006");
    }
    int regionIndex = -1;
    Map<CreateInput, Integer> inputIndex = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      String name = columns.get(i);
      if (name.equalsIgnoreCase(ResourceTable.REGION)) {
        if (regionIndex >= 0) {
          throw error("Column region is given twice.", "42000");
        }
        regionIndex = i;
        continue;
      }
      CreateInput input = create.inputs().stream().filter(in -> in.isNamed(name)).findFirst().orElse(null);
      if (input == null) {
        boolean setByAws = table.columns().stream().anyMatch(c -> c.name().equalsIgnoreCase(name));
        throw error((setByAws ? "Column " + name + " is set by AWS and cannot be given in an INSERT"
            : "Column " + name + " is not an input of " + create.action()) + "; " + table.qualifiedName()
            + " takes " + inputList(create) + ".", "42000");
      }
      if (inputIndex.put(input, i) != null) {
        throw error("Column " + input.column() + " is given twice (" + spellings(input) + " name the same input).",
            "42000");
      }
    }
    for (CreateInput input : create.inputs()) {
      if (input.required() && !inputIndex.containsKey(input)) {
        throw error("Column " + input.column() + " is required to insert into " + table.qualifiedName()
            + ", e.g. " + example(table, create) + ". Nothing was sent.", "23502");
      }
    }

    List<Map<String, String>> checked = new ArrayList<>();
    List<String> regions = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      Object[] row = rows.get(r);
      String where = rows.size() == 1 ? "" : "Row " + (r + 1) + ": ";
      String region = regionIndex < 0 ? null : text(row[regionIndex]);
      if (region == null) {
        List<String> defaults = clients.defaultRegions();
        if (defaults.size() != 1) {
          throw error(where + "no region given, and the connection has several (" + String.join(", ", defaults)
              + "): add a region column, e.g. " + example(table, create) + ". Nothing was sent.", "42000");
        }
        region = defaults.get(0);
      } else if (!ConnectionSettings.isRegionName(region)) {
        throw error(where + "'" + region + "' is not an AWS region name (like us-east-1). Nothing was sent.", "22023");
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (Map.Entry<CreateInput, Integer> e : inputIndex.entrySet()) {
        CreateInput input = e.getKey();
        String value = text(row[e.getValue()]);
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
      regions.add(region);
      checked.add(values);
    }

    List<InsertResult.Created> created = new ArrayList<>();
    int dryRunAccepted = 0;
    for (int r = 0; r < checked.size(); r++) {
      String summary;
      try {
        summary = create.call().create(clients, regions.get(r), checked.get(r), settings.dryRun());
      } catch (RuntimeException failure) {
        throw partialFailure(table, create, failure, r, regions, checked, created);
      }
      if (summary == null) {
        dryRunAccepted++;
      } else {
        created.add(new InsertResult.Created(r + 1, regions.get(r), summary));
      }
    }
    return new InsertResult(created, dryRunAccepted);
  }

  private static AwsQueryException partialFailure(ResourceDefinition<?> table, CreateDefinition create,
      RuntimeException failure, int failedRow, List<String> regions, List<Map<String, String>> rows,
      List<InsertResult.Created> created) {
    AwsQueryException aws = AwsErrors.translate(failure, table.qualifiedName(), regions.get(failedRow));
    StringBuilder message = new StringBuilder();
    message.append(create.action()).append(" failed for row ").append(failedRow + 1).append(" of ").append(rows.size())
        .append(" (").append(regions.get(failedRow)).append(", ").append(describe(rows.get(failedRow))).append("): ")
        .append(aws.getMessage()).append('.');
    if (created.isEmpty()) {
      message.append(" Nothing was created.");
    } else {
      message.append(" Created before it: ").append(created.stream()
          .map(c -> "row " + c.row() + " (" + c.region() + ", " + describe(rows.get(c.row() - 1)) + ", " + c.summary() + ")")
          .collect(Collectors.joining("; "))).append('.');
    }
    if (failedRow + 1 < rows.size()) {
      List<String> notSent = new ArrayList<>();
      for (int r = failedRow + 1; r < rows.size(); r++) {
        notSent.add("row " + (r + 1) + " (" + regions.get(r) + ", " + describe(rows.get(r)) + ")");
      }
      message.append(" Not sent: ").append(String.join("; ", notSent)).append('.');
    }
    return new AwsQueryException(message.toString(), aws.sqlState(), aws.awsErrorCode(), aws.requestId(), failure);
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

  private static String inputList(CreateDefinition create) {
    List<String> names = new ArrayList<>(List.of(ResourceTable.REGION));
    create.inputs().forEach(i -> names.add(spellings(i)));
    return String.join(", ", names);
  }

  private static String spellings(CreateInput input) {
    return input.aliases().isEmpty() ? input.column() : input.column() + " (or " + String.join(", ", input.aliases()) + ")";
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

  private static AwsQueryException error(String message, String sqlState) {
    return new AwsQueryException(message, sqlState, null, null, null);
  }
}
